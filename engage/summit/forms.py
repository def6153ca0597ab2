"""Summit pages' forms. The service checks the answers; these carry them and the CSRF token."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from engage.places import DISTRICT_CHOICES
from engage.responses.forms import AboutYouFields
from engage.summit.models import FREQUENCIES, NOT_REPORTED_REASONS, RESPONDENT_TYPES, RURAL_CRIMES

LONDON = ZoneInfo("Europe/London")


def london_midnight_utc(day: date) -> datetime:
    """00:00 in Nottinghamshire on `day`, as the naive UTC the database stores."""
    local = datetime.combine(day, time.min, tzinfo=LONDON)
    return local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def utc_to_london_date(value: datetime) -> date:
    return value.replace(tzinfo=ZoneInfo("UTC")).astimezone(LONDON).date()


DATE_MESSAGE = "Enter a real date, like 2027-03-12"


class SummitForm(FlaskForm):
    title = StringField("Title (optional)", validators=[Length(max=200)])
    held_on = DateField("Date of the summit", validators=[DataRequired(DATE_MESSAGE)])
    venue = StringField("Venue", validators=[DataRequired("Enter the venue"), Length(max=300)])
    opens_on = DateField("Submissions open on", validators=[DataRequired(DATE_MESSAGE)])
    closes_on = DateField("Last day for submissions", validators=[DataRequired(DATE_MESSAGE)])
    themes = TextAreaField(
        "Themes the summit will cover, one per line", validators=[Length(max=5000)]
    )
    progress_report = TextAreaField(
        "Progress on last year's actions", validators=[Length(max=20_000)]
    )

    def summit_data(self) -> dict:
        return {
            "title": self.title.data,
            "held_on": self.held_on.data,
            "venue": self.venue.data,
            "window_opens_at": london_midnight_utc(self.opens_on.data),
            # The window stays open to the end of its last day.
            "window_closes_at": london_midnight_utc(self.closes_on.data + timedelta(days=1)),
            "themes": self.themes.data or "",
            "progress_report": self.progress_report.data or "",
        }

    def fill_from(self, summit) -> None:
        self.title.data, self.held_on.data, self.venue.data = (
            summit.title,
            summit.held_on,
            summit.venue,
        )
        self.opens_on.data = utc_to_london_date(summit.window_opens_at)
        self.closes_on.data = utc_to_london_date(summit.window_closes_at) - timedelta(days=1)
        self.themes.data = "\n".join(summit.themes or [])
        self.progress_report.data = summit.progress_report


YES_NO = [("yes", "Yes"), ("no", "No")]


class SubmissionForm(AboutYouFields, FlaskForm):
    respondent_type = RadioField(
        "Which best describes you?", choices=list(RESPONDENT_TYPES.items()), validate_choice=False
    )
    organisation = StringField("Organisation (optional)", validators=[Optional(), Length(max=200)])
    parish = StringField("Parish (optional)", validators=[Optional(), Length(max=120)])
    district = SelectField(
        "District",
        choices=[("", "Choose a district")] + DISTRICT_CHOICES,
        validate_choice=False,
        default="",
    )
    crimes = SelectMultipleField(
        "Which of these rural crimes have you experienced in the last 12 months?",
        choices=list(RURAL_CRIMES.items()),
        validate_choice=False,
    )
    frequency = RadioField("How often?", choices=list(FREQUENCIES.items()), validate_choice=False)
    reported = RadioField("Did you report it to the police?", choices=YES_NO, validate_choice=False)
    not_reported_reason = RadioField(
        "If not, why not?", choices=list(NOT_REPORTED_REASONS.items()), validate_choice=False
    )
    text = TextAreaField("What would you like the summit to address?")
    consent_to_quote = BooleanField(
        "You may quote my words anonymously in the summit pack and reports"
    )
    wants_to_speak = BooleanField("I would like to speak at the summit")
    contact_name = StringField("Your name", validators=[Optional(), Length(max=120)])
    contact_email = EmailField("Your email address", validators=[Optional(), Length(max=254)])

    def submission_data(self) -> dict:
        reported = {"yes": True, "no": False}.get(self.reported.data or "")
        return {
            "respondent_type": self.respondent_type.data,
            "organisation": self.organisation.data,
            "parish": self.parish.data,
            "district": self.district.data,
            "crimes": self.crimes.data or [],
            "frequency": self.frequency.data,
            "reported": reported,
            "not_reported_reason": self.not_reported_reason.data,
            "text": self.text.data or "",
            "consent_to_quote": self.consent_to_quote.data,
            "wants_to_speak": self.wants_to_speak.data,
            "contact_name": self.contact_name.data,
            "contact_email": self.contact_email.data,
            "about_you": self.about_you_data(),
        }
