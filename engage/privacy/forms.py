from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField
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
