"""Consultation surveys: the definition (survey, sections, questions) and what
people sent (submissions with their 'About you' answers, and answers)."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.db import TimestampMixin, utcnow
from engage.errors import InvalidState
from engage.extensions import db


class SurveyState(enum.StrEnum):
    draft = "draft"
    open = "open"
    closed = "closed"


class QuestionKind(enum.StrEnum):
    short_text = "short_text"
    long_text = "long_text"
    single_choice = "single_choice"
    multiple_choice = "multiple_choice"
    scale = "scale"
    grid = "grid"
    rating = "rating"
    number = "number"
    date = "date"
    district = "district"
    ranking = "ranking"


KIND_NAMES = {
    QuestionKind.short_text: "Short text",
    QuestionKind.long_text: "Long text",
    QuestionKind.single_choice: "Single choice",
    QuestionKind.multiple_choice: "Multiple choice",
    QuestionKind.scale: "Agree or disagree (5 points)",
    QuestionKind.grid: "Grid of statements on one scale",
    QuestionKind.rating: "Rating 0 to 10",
    QuestionKind.number: "Number",
    QuestionKind.date: "Date",
    QuestionKind.district: "District",
    QuestionKind.ranking: "Ranking (put in order)",
}
TEXT_KINDS = (QuestionKind.short_text, QuestionKind.long_text)
CHOICE_KINDS = (QuestionKind.single_choice, QuestionKind.multiple_choice, QuestionKind.ranking)
# The five points of every agree/disagree question and grid, in order.
AGREE_SCALE = [
    ("strongly_agree", "Strongly agree"),
    ("agree", "Agree"),
    ("neither", "Neither agree nor disagree"),
    ("disagree", "Disagree"),
    ("strongly_disagree", "Strongly disagree"),
]
OTHER = "other"


class SubmissionState(enum.StrEnum):
    in_progress = "in_progress"
    completed = "completed"


class SubmissionMode(enum.StrEnum):
    online = "online"
    paper = "paper"


class Survey(TimestampMixin, db.Model):
    """A consultation: sections of questions, open between two dates once published."""

    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    introduction: Mapped[str] = mapped_column(sa.Text, default="")
    privacy_notice: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(16), default=SurveyState.draft, index=True)
    opens_at: Mapped[datetime | None]
    closes_at: Mapped[datetime | None]
    has_about_you: Mapped[bool] = mapped_column(default=True)
    published_at: Mapped[datetime | None]

    sections: Mapped[list["SurveySection"]] = relationship(
        back_populates="survey", cascade="all, delete-orphan", order_by="SurveySection.position"
    )

    @property
    def is_open(self) -> bool:
        now = utcnow()
        return (
            self.status == SurveyState.open
            and (self.opens_at is None or self.opens_at <= now)
            and (self.closes_at is None or now < self.closes_at)
        )

    @property
    def is_upcoming(self) -> bool:
        """Published, but its opening date is still to come."""
        return (
            self.status == SurveyState.open
            and self.opens_at is not None
            and self.opens_at > utcnow()
        )

    @property
    def questions(self) -> list["SurveyQuestion"]:
        return [q for s in self.sections for q in s.questions]

    def can_edit_structure(self, has_answers: bool) -> bool:
        """Questions are locked once anyone has answered: only wording may change."""
        return self.status != SurveyState.closed and not has_answers

    def publish(self) -> None:
        if self.status != SurveyState.draft:
            raise InvalidState("Only a draft survey can be published.")
        if not self.questions:
            raise InvalidState("Add at least one question before publishing.")
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise InvalidState("The closing date must be after the opening date.", "closes_at")
        if self.closes_at and self.closes_at <= utcnow():
            raise InvalidState("The closing date has passed. Set a later one first.", "closes_at")
        self.status = SurveyState.open
        self.published_at = utcnow()

    def close(self) -> None:
        if self.status != SurveyState.open:
            raise InvalidState("Only an open survey can be closed.")
        self.status = SurveyState.closed
        now = utcnow()
        if self.closes_at is None or self.closes_at > now:
            self.closes_at = now


class SurveySection(db.Model):
    """One page of a survey."""

    __tablename__ = "survey_sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(
        sa.ForeignKey("surveys.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")

    survey: Mapped[Survey] = relationship(back_populates="sections")
    questions: Mapped[list["SurveyQuestion"]] = relationship(
        back_populates="section", cascade="all, delete-orphan", order_by="SurveyQuestion.position"
    )


class SurveyQuestion(db.Model):
    """A question; `options` are [[value, label], ...], `statements` the rows of a grid."""

    __tablename__ = "survey_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(
        sa.ForeignKey("surveys.id", ondelete="CASCADE"), index=True
    )
    section_id: Mapped[int] = mapped_column(
        sa.ForeignKey("survey_sections.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(sa.String(20))
    text: Mapped[str] = mapped_column(sa.String(500))
    help_text: Mapped[str] = mapped_column(sa.Text, default="")
    is_required: Mapped[bool] = mapped_column(default=False)
    options: Mapped[list] = mapped_column(sa.JSON, default=list)
    statements: Mapped[list] = mapped_column(sa.JSON, default=list)
    allows_other: Mapped[bool] = mapped_column(default=False)
    other_label: Mapped[str] = mapped_column(sa.String(200), default="Other, please specify")
    min_value: Mapped[float | None]
    max_value: Mapped[float | None]
    max_length: Mapped[int | None]
    # Shown only when the answer to an earlier question is one of these values.
    show_if_question_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("survey_questions.id", ondelete="SET NULL")
    )
    show_if_values: Mapped[list] = mapped_column(sa.JSON, default=list)
    # The Key Ambitions indicator this question measures, and which answers count towards it.
    indicator: Mapped[str | None] = mapped_column(sa.String(40), index=True)
    indicator_values: Mapped[list] = mapped_column(sa.JSON, default=list)

    section: Mapped[SurveySection] = relationship(back_populates="questions")
    show_if_question: Mapped["SurveyQuestion | None"] = relationship(remote_side=[id])

    @property
    def choices(self) -> list[tuple[str, str]]:
        """The options a respondent can pick, in order (with 'Other' last when offered)."""
        if self.kind in (QuestionKind.scale, QuestionKind.grid):
            return list(AGREE_SCALE)
        if self.kind == QuestionKind.district:
            from engage.places import DISTRICT_CHOICES

            return list(DISTRICT_CHOICES)
        if self.kind == QuestionKind.rating:
            return [(str(n), str(n)) for n in range(11)]
        choices = [tuple(o) for o in self.options or []]
        if self.allows_other and self.kind in (
            QuestionKind.single_choice,
            QuestionKind.multiple_choice,
        ):
            choices.append((OTHER, self.other_label))
        return choices

    def label_for(self, value) -> str:
        return dict(self.choices).get(str(value), str(value))


ABOUT_YOU_KEYS = (
    "age_band",
    "sex",
    "gender_identity",
    "ethnicity",
    "disability",
    "religion",
    "sexual_orientation",
    "district",
    "rural_urban",
)


class AboutYouColumns:
    """The optional 'About you' answers, one column each (values from
    engage/data/census2021.json): on survey submissions and on the other channels'
    equality_answers, so both are counted by the same questions."""

    age_band: Mapped[str | None] = mapped_column(sa.String(32))
    sex: Mapped[str | None] = mapped_column(sa.String(32))
    gender_identity: Mapped[str | None] = mapped_column(sa.String(32))
    ethnicity: Mapped[str | None] = mapped_column(sa.String(32))
    disability: Mapped[str | None] = mapped_column(sa.String(32))
    religion: Mapped[str | None] = mapped_column(sa.String(32))
    sexual_orientation: Mapped[str | None] = mapped_column(sa.String(32))
    district: Mapped[str | None] = mapped_column(sa.String(32))
    rural_urban: Mapped[str | None] = mapped_column(sa.String(32))


class SurveySubmission(AboutYouColumns, db.Model):
    """One person's go at a survey, with their optional 'About you' answers (one column each,
    so analysis can filter the response stream by them without touching Response)."""

    __tablename__ = "survey_submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(
        sa.ForeignKey("surveys.id", ondelete="CASCADE"), index=True
    )
    reference: Mapped[str | None] = mapped_column(sa.String(16), unique=True)
    resume_token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    status: Mapped[str] = mapped_column(
        sa.String(16), default=SubmissionState.in_progress, index=True
    )
    mode: Mapped[str] = mapped_column(sa.String(8), default=SubmissionMode.online)
    consent_to_quote: Mapped[bool | None]
    # Signed-in respondents may ask to be emailed when the consultation's outcome is published.
    hear_back: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    respondent_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    entered_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(index=True)
    # The 'About you' columns come from AboutYouColumns; the area is indexed here.
    district: Mapped[str | None] = mapped_column(sa.String(32), index=True)

    survey: Mapped[Survey] = relationship()
    respondent = relationship("User", foreign_keys=[respondent_id])
    answers: Mapped[list["SurveyAnswer"]] = relationship(
        back_populates="submission", cascade="all, delete-orphan"
    )

    @property
    def is_completed(self) -> bool:
        return self.status == SubmissionState.completed

    def can_change(self) -> bool:
        return not self.is_completed and self.survey.is_open

    def answer_map(self) -> dict[int, "SurveyAnswer"]:
        return {a.question_id: a for a in self.answers}


class SurveyAnswer(db.Model):
    """The answer to one question: `value` in the question kind's shape, `text` the free
    text (a text answer or 'Other, please specify'), `response_id` its Response in the stream."""

    __tablename__ = "survey_answers"
    __table_args__ = (
        sa.UniqueConstraint(
            "submission_id", "question_id", name="uq_survey_answers_submission_question"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        sa.ForeignKey("survey_submissions.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        sa.ForeignKey("survey_questions.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[object | None] = mapped_column(sa.JSON)
    text: Mapped[str | None] = mapped_column(sa.Text)
    response_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("responses.id", ondelete="SET NULL")
    )

    submission: Mapped[SurveySubmission] = relationship(back_populates="answers")
    question: Mapped[SurveyQuestion] = relationship()
