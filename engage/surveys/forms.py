"""Officers' forms for building surveys (the residents' answer pages are built from
the questions themselves, see answers.py and templates/surveys/_question.html)."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    FloatField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from engage.surveys.ambitions import ambition_choices
from engage.surveys.models import KIND_NAMES
from engage.surveys.services import parse_options

LONDON = ZoneInfo("Europe/London")


def london_day_to_utc(day, end: bool = False) -> datetime | None:
    """A date officers pick, as naive UTC: the start of that London day, or the end of it."""
    if day is None:
        return None
    moment = datetime.combine(day + timedelta(days=1) if end else day, time.min, tzinfo=LONDON)
    return moment.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def utc_to_london_day(moment: datetime | None, end: bool = False):
    if moment is None:
        return None
    local = moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(LONDON)
    return (local - timedelta(seconds=1)).date() if end else local.date()


class SurveyForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired("Enter a title"), Length(max=200)])
    introduction = TextAreaField("Introduction", validators=[Length(max=5000)])
    privacy_notice = TextAreaField(
        "Privacy notice: how answers are used", validators=[Length(max=5000)]
    )
    opens_on = DateField("Opens on (optional)", validators=[Optional()])
    closes_on = DateField("Closes at the end of (optional)", validators=[Optional()])
    has_about_you = BooleanField(
        "Ask the optional 'About you' equality monitoring questions", default=True
    )

    def data_for_service(self) -> dict:
        return {
            "title": self.title.data.strip(),
            "introduction": (self.introduction.data or "").strip(),
            "privacy_notice": (self.privacy_notice.data or "").strip(),
            "opens_at": london_day_to_utc(self.opens_on.data),
            "closes_at": london_day_to_utc(self.closes_on.data, end=True),
            "has_about_you": bool(self.has_about_you.data),
        }

    def fill_from(self, survey) -> None:
        self.title.data, self.introduction.data = survey.title, survey.introduction
        self.privacy_notice.data, self.has_about_you.data = (
            survey.privacy_notice,
            survey.has_about_you,
        )
        self.opens_on.data = utc_to_london_day(survey.opens_at)
        self.closes_on.data = utc_to_london_day(survey.closes_at, end=True)


class ResumeEmailForm(FlaskForm):
    """Residents: send the 'carry on later' link to an email address we do not keep."""

    email = EmailField(
        "Email address",
        validators=[
            DataRequired("Enter your email address"),
            Email(
                "Enter an email address in the correct format, like name@example.com",
                check_deliverability=False,
            ),
            Length(max=254),
        ],
    )


class SectionForm(FlaskForm):
    title = StringField(
        "Page title", validators=[DataRequired("Enter a title for the page"), Length(max=200)]
    )
    description = TextAreaField(
        "Text at the top of the page (optional)", validators=[Length(max=3000)]
    )


def _lines(rows) -> str:
    return "\n".join(f"{v} | {label}" for v, label in rows or [])


def _csv(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split(",") if p.strip()]


class QuestionForm(FlaskForm):
    kind = SelectField("Type of question", choices=list(KIND_NAMES.items()))
    text = StringField("Question", validators=[DataRequired("Enter the question"), Length(max=500)])
    help_text = TextAreaField("Help text (optional)", validators=[Length(max=2000)])
    is_required = BooleanField("People must answer this question")
    options = TextAreaField(
        "Options, one per line (choice and ranking questions)", validators=[Length(max=10000)]
    )
    statements = TextAreaField(
        "Statements, one per line (grid questions)", validators=[Length(max=10000)]
    )
    allows_other = BooleanField("Offer “Other, please specify”")
    other_label = StringField(
        "Wording of the “Other” option",
        default="Other, please specify",
        validators=[Length(max=200)],
    )
    min_value = FloatField("Smallest number allowed (optional)", validators=[Optional()])
    max_value = FloatField("Largest number allowed (optional)", validators=[Optional()])
    max_length = IntegerField(
        "Most characters allowed (optional)", validators=[Optional(), NumberRange(1, 10000)]
    )
    show_if_question_id = SelectField(
        "Show only when an earlier answer is… (optional)", coerce=str, default=""
    )
    show_if_values = StringField(
        "…one of these answers (values or labels, separated by commas)",
        validators=[Length(max=1000)],
    )
    indicator = SelectField("Key Ambition this question measures (optional)", default="")
    indicator_values = StringField(
        "Answers that count towards it (values, separated by commas)", validators=[Length(max=1000)]
    )

    def set_choices(self, earlier_questions) -> None:
        self.show_if_question_id.choices = [("", "Always show it")] + [
            (str(q.id), q.text[:90]) for q in earlier_questions
        ]
        self.indicator.choices = [("", "None")] + [(k, t[:110]) for k, t in ambition_choices()]

    def data_for_service(self) -> dict:
        return {
            "kind": self.kind.data,
            "text": self.text.data.strip(),
            "help_text": (self.help_text.data or "").strip(),
            "is_required": bool(self.is_required.data),
            "options": parse_options(self.options.data),
            "statements": parse_options(self.statements.data),
            "allows_other": bool(self.allows_other.data),
            "other_label": (self.other_label.data or "").strip() or "Other, please specify",
            "min_value": self.min_value.data,
            "max_value": self.max_value.data,
            "max_length": self.max_length.data,
            "show_if_question_id": int(self.show_if_question_id.data)
            if self.show_if_question_id.data
            else None,
            "show_if_values": _csv(self.show_if_values.data),
            "indicator": self.indicator.data or None,
            "indicator_values": _csv(self.indicator_values.data),
        }

    def fill_from(self, q) -> None:
        for key in (
            "kind",
            "text",
            "help_text",
            "is_required",
            "allows_other",
            "other_label",
            "min_value",
            "max_value",
            "max_length",
        ):
            getattr(self, key).data = getattr(q, key)
        self.options.data, self.statements.data = _lines(q.options), _lines(q.statements)
        self.show_if_question_id.data = str(q.show_if_question_id or "")
        self.show_if_values.data = ", ".join(q.show_if_values or [])
        self.indicator.data = q.indicator or ""
        self.indicator_values.data = ", ".join(q.indicator_values or [])
