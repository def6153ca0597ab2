from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, RadioField, TextAreaField
from wtforms.validators import DataRequired, Email, Length

EMAIL = [
    DataRequired("Enter the person's email address"),
    Email("Enter an email address in the correct format, like name@example.com"),
    Length(max=254, message="Email address must be 254 characters or fewer"),
]


class SubjectForm(FlaskForm):
    email = EmailField("Email address", validators=EMAIL)


class EraseForm(FlaskForm):
    email = EmailField("Email address", validators=EMAIL)
    confirm = BooleanField(
        "I have checked this request and the law allows erasure",
        validators=[DataRequired("Confirm that you have checked the request")],
    )


class PersonalExportForm(FlaskForm):
    """The one way round the output gate: every response's own words, for a stated reason."""

    reason = TextAreaField(
        "Why do you need the words unredacted?",
        validators=[
            DataRequired("Enter the reason for this personal-data export"),
            Length(min=10, max=500, message="Enter a reason of 10 to 500 characters"),
        ],
    )
    format = RadioField(
        "Format",
        choices=[("csv", "CSV"), ("xlsx", "Excel (XLSX)"), ("json", "JSON")],
        default="csv",
        validators=[DataRequired("Choose a format")],
    )


class PurgeForm(FlaskForm):
    """Running the retention purge from the page: the admin confirms they read the preview."""

    confirm = BooleanField(
        "I have read what the purge will change, and it cannot be undone",
        validators=[DataRequired("Confirm that you have read what the purge will change")],
    )
