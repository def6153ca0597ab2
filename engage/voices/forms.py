"""Voices pages' forms. The services check the answers; these carry them and the CSRF token."""

from datetime import date

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    FieldList,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, Optional

from engage.places import DISTRICT_CHOICES
from engage.voices.communities import COMMUNITY_GROUP_CHOICES
from engage.voices.models import GATHERING_METHODS

VIEW_BOXES = 6


class OrganisationForm(FlaskForm):
    name = StringField("Name of your organisation", validators=[Length(max=200)])
    description = TextAreaField(
        "What does your organisation do, and with whom?", validators=[Length(max=5000)]
    )
    communities = SelectMultipleField(
        "Which communities do you work with?",
        choices=COMMUNITY_GROUP_CHOICES,
        validate_choice=False,
    )
    website = StringField("Website (optional)", validators=[Optional(), Length(max=300)])

    def organisation_data(self) -> dict:
        return {
            "name": self.name.data,
            "description": self.description.data,
            "communities": self.communities.data or [],
            "website": self.website.data,
        }


class ApplyForm(OrganisationForm):
    """For someone without an account: the organisation plus the partner account to create."""

    contact_name = StringField("Your name", validators=[Length(max=120)])
    email = EmailField("Your email address", validators=[Length(max=254)])
    password = PasswordField("Create a password", validators=[Length(max=200)])

    def organisation_data(self) -> dict:
        return super().organisation_data() | {
            "contact_name": self.contact_name.data,
            "email": self.email.data,
            "password": self.password.data,
        }


def _whole_number(raw: str | None):
    try:
        return int((raw or "").strip().replace(",", ""))
    except ValueError:
        return raw


def _iso_date(raw: str | None):
    try:
        return date.fromisoformat((raw or "").strip())
    except ValueError:
        return None


class VoicesForm(FlaskForm):
    community_group = SelectField(
        "Which community does this feedback come from?",
        choices=[("", "Choose a community")] + COMMUNITY_GROUP_CHOICES,
        validate_choice=False,
        default="",
    )
    people_count = StringField("How many people does it reflect?")
    method = RadioField(
        "How was it gathered?", choices=list(GATHERING_METHODS.items()), validate_choice=False
    )
    gathered_on = StringField("When was it gathered?")
    district = SelectField(
        "Which area is it about? (optional)",
        choices=[("", "All of Nottinghamshire or not sure")] + DISTRICT_CHOICES,
        validate_choice=False,
        default="",
    )
    views = FieldList(TextAreaField("View"), min_entries=VIEW_BOXES, max_entries=VIEW_BOXES)
    consent_to_quote = BooleanField(
        "The people who gave these views agreed they may be quoted anonymously"
    )

    def voices_data(self) -> dict:
        return {
            "community_group": self.community_group.data,
            "people_count": _whole_number(self.people_count.data),
            "method": self.method.data,
            "gathered_on": _iso_date(self.gathered_on.data),
            "district": self.district.data or None,
            "views": [v.data or "" for v in self.views],
            "consent_to_quote": self.consent_to_quote.data,
        }


class DecisionForm(FlaskForm):
    decision = RadioField(
        "Decision",
        choices=[("verify", "Verify"), ("reject", "Do not verify"), ("suspend", "Suspend")],
        validate_choice=False,
    )
    note = TextAreaField(
        "Reason (needed unless you verify; the partner will see it)", validators=[Length(max=2000)]
    )
