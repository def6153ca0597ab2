"""Forms for the sessions' pages. Times are typed in Europe/London and handed to the
services as naive UTC."""

import re
from datetime import UTC, date, datetime, time

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from engage.events.models import EVENT_DISTRICTS, FORMAT_NAMES
from engage.places import DISTRICT_CHOICES
from engage.responses.forms import AboutYouFields
from engage.web import LONDON

_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
TEXT_LIMIT = 10_000


def to_utc(day: date | None, clock: str | None) -> datetime | None:
    """A London wall-clock date and HH:MM as naive UTC."""
    if not day or not clock:
        return None
    m = _TIME.match(clock.strip())
    local = datetime.combine(day, time(int(m.group(1)), int(m.group(2))), tzinfo=LONDON)
    return local.astimezone(UTC).replace(tzinfo=None)


def to_london(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC).astimezone(LONDON) if value else None


def valid_time(form, field):
    if field.data and not _TIME.match(field.data.strip()):
        raise ValidationError("Enter a time like 18:30")


class _When:
    date = DateField(
        "Date",
        format="%Y-%m-%d",
        validators=[InputRequired("Enter the date")],
        description="For example, 2026-12-03",
    )
    start_time = StringField(
        "Start time", validators=[DataRequired("Enter the start time"), valid_time]
    )
    end_time = StringField("End time", validators=[DataRequired("Enter the end time"), valid_time])

    def times(self) -> tuple[datetime | None, datetime | None]:
        return to_utc(self.date.data, self.start_time.data), to_utc(
            self.date.data, self.end_time.data
        )

    def fill_times(self, starts_at: datetime, ends_at: datetime) -> None:
        start, end = to_london(starts_at), to_london(ends_at)
        self.date.data = start.date()
        self.start_time.data, self.end_time.data = start.strftime("%H:%M"), end.strftime("%H:%M")


class EventForm(_When, FlaskForm):
    title = StringField("Title", validators=[DataRequired("Enter a title"), Length(max=200)])
    description = TextAreaField("Description", validators=[Length(max=TEXT_LIMIT)])
    district = SelectField(
        "Area", choices=list(EVENT_DISTRICTS.items()), validators=[DataRequired("Choose the area")]
    )
    format = RadioField(
        "Format",
        choices=list(FORMAT_NAMES.items()),
        default="in_person",
        validators=[DataRequired("Choose the format")],
    )
    venue = StringField("Venue", validators=[Length(max=200)])
    address = StringField("Address", validators=[Length(max=300)])
    accessibility = TextAreaField("Accessibility information", validators=[Length(max=5000)])
    joining_link = StringField("Joining link (online and hybrid)", validators=[Length(max=500)])
    capacity = IntegerField(
        "Capacity (places)",
        validators=[
            InputRequired("Enter the number of places"),
            NumberRange(min=1, message="Capacity must be at least 1"),
        ],
    )
    waitlist = BooleanField("Run a waiting list when the session is full", default=True)
    registration_opens_on = DateField(
        "Registration opens on (optional)", format="%Y-%m-%d", validators=[Optional()]
    )
    registration_closes_on = DateField(
        "Registration closes on (optional)", format="%Y-%m-%d", validators=[Optional()]
    )
    registration_closes_time = StringField(
        "Registration closes at (time, optional)", validators=[valid_time]
    )

    def to_data(self) -> dict:
        starts, ends = self.times()
        closes = None
        if self.registration_closes_on.data:
            closes = to_utc(
                self.registration_closes_on.data, self.registration_closes_time.data or "23:59"
            )
        return {
            "title": self.title.data,
            "description": self.description.data or "",
            "district": self.district.data,
            "format": self.format.data,
            "venue": self.venue.data or "",
            "address": self.address.data or "",
            "accessibility": self.accessibility.data or "",
            "joining_link": (self.joining_link.data or "").strip() or None,
            "starts_at": starts,
            "ends_at": ends,
            "capacity": self.capacity.data,
            "waitlist": bool(self.waitlist.data),
            "registration_opens_at": to_utc(self.registration_opens_on.data, "00:00"),
            "registration_closes_at": closes,
        }

    def fill(self, event) -> None:
        for key in (
            "title",
            "description",
            "district",
            "format",
            "venue",
            "address",
            "accessibility",
            "joining_link",
            "capacity",
            "waitlist",
        ):
            getattr(self, key).data = getattr(event, key)
        self.fill_times(event.starts_at, event.ends_at)
        opens, closes = (
            to_london(event.registration_opens_at),
            to_london(event.registration_closes_at),
        )
        self.registration_opens_on.data = opens.date() if opens else None
        self.registration_closes_on.data = closes.date() if closes else None
        self.registration_closes_time.data = closes.strftime("%H:%M") if closes else ""


class RescheduleForm(_When, FlaskForm):
    pass


class NoteForm(FlaskForm):
    note = TextAreaField("Message to registrants (optional)", validators=[Length(max=2000)])


class RegistrationForm(FlaskForm):
    name = StringField("Your name", validators=[DataRequired("Enter your name"), Length(max=120)])
    email = EmailField(
        "Email address",
        validators=[
            DataRequired("Enter your email address"),
            Email("Enter an email address like name@example.com", check_deliverability=False),
            Length(max=254),
        ],
    )
    phone = StringField("Phone number (optional)", validators=[Length(max=40)])
    postcode = StringField("Postcode (optional)", validators=[Length(max=10)])
    access_needs = TextAreaField("Access needs (optional)", validators=[Length(max=2000)])


class ViewForm(AboutYouFields, FlaskForm):
    text = TextAreaField(
        "Your views",
        validators=[
            DataRequired("Enter your views"),
            Length(
                max=TEXT_LIMIT, message=f"Your views must be {TEXT_LIMIT:,} characters or fewer"
            ),
        ],
    )
    district = SelectField(
        "Which area is this about? (optional)",
        choices=[("", "Prefer not to say or not sure")] + DISTRICT_CHOICES,
        default="",
    )
    consent_to_quote = BooleanField(
        "You may quote my words anonymously in reports "
        "(we remove names and anything that could identify anyone)"
    )


class CheckInForm(FlaskForm):
    reference = StringField(
        "Registration reference",
        validators=[
            DataRequired("Enter the registration reference, like E7KQ2M9XP"),
            Length(max=20),
        ],
    )


class WalkInForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired("Enter the person's name"),
                                           Length(max=120, message="The name must be 120 characters or fewer")])
    contact = StringField("Email or phone (optional)", validators=[
        Length(max=254, message="The contact must be 254 characters or fewer")])


class BulkViewsForm(FlaskForm):
    text = TextAreaField(
        "Views from the cards",
        validators=[DataRequired("Type at least one view"), Length(max=200_000)],
    )


class CloseForm(FlaskForm):
    report_notes = TextAreaField(
        "What was discussed",
        validators=[
            DataRequired("Write a few notes on what was discussed"),
            Length(max=TEXT_LIMIT),
        ],
    )
    organisations_present = TextAreaField("Organisations present", validators=[Length(max=2000)])


class OutcomeForm(FlaskForm):
    outcome_summary = TextAreaField(
        "You said, we did",
        validators=[
            DataRequired("Write what people said and what was done"),
            Length(max=TEXT_LIMIT),
        ],
    )
