"""Response and ResponseTag: the single stream that tagging, moderation,
safeguarding, analysis and export are written against."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.db import utcnow
from engage.extensions import db
from engage.surveys.models import AboutYouColumns


class Channel(enum.StrEnum):
    event = "event"
    survey = "survey"
    summit = "summit"
    voices = "voices"
    direct = "direct"


class ResponseState(enum.StrEnum):
    received = "received"
    published = "published"
    hidden = "hidden"


class TagSource(enum.StrEnum):
    model = "model"
    human = "human"


class Response(db.Model):
    """One piece of free text a member of the public gave us, from any channel."""

    __tablename__ = "responses"
    __table_args__ = (
        # A channel's sources; wide so survey reads ('About you' filters and grids) find
        # each response's cell in the index, not on scattered table pages.
        sa.Index("ix_responses_channel_source", "channel", "source_id", "id", "submitted_at", "district",
                 "community_group"),
        # Newest first and period reads: holds what lists and counts filter on, so deep
        # pages and cut months are read from the index alone, not from scattered rows.
        sa.Index("ix_responses_received", "submitted_at", "id", "district", "channel", "community_group"),
        # Rows still waiting for their stored redaction: normally none, so the export's
        # check for them reads an empty index instead of the table.
        sa.Index("ix_responses_redaction_pending", "id",
                 postgresql_where=sa.text("text_redacted IS NULL"),
                 sqlite_where=sa.text("text_redacted IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(sa.String(16), unique=True)
    channel: Mapped[str] = mapped_column(sa.String(16), index=True)
    # The event, survey answer, summit submission or partner submission it came from.
    source_id: Mapped[int | None]
    text: Mapped[str] = mapped_column(sa.Text)
    # The text as it may leave (personal details redacted), kept by engage.privacy.gate.
    text_redacted: Mapped[str | None] = mapped_column(sa.Text)
    district: Mapped[str] = mapped_column(sa.String(32), default="unknown", index=True)
    postcode_district: Mapped[str | None] = mapped_column(sa.String(8))
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    respondent_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    consent_to_quote: Mapped[bool] = mapped_column(default=False)
    consent_to_contact: Mapped[bool] = mapped_column(default=False)
    privacy_notice_version: Mapped[str] = mapped_column(sa.String(32))
    community_group: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    status: Mapped[str] = mapped_column(sa.String(16), default=ResponseState.received)
    safeguarding_flag: Mapped[bool] = mapped_column(default=False, index=True)
    tagged_model_version: Mapped[str | None] = mapped_column(sa.String(80))
    # What the model alone predicted at its last tagging, kept for the agreement page.
    model_labels: Mapped[list | None] = mapped_column(sa.JSON)

    tags: Mapped[list["ResponseTag"]] = relationship(
        back_populates="response", cascade="all, delete-orphan", order_by="ResponseTag.label")
    respondent = relationship("User")
    # The person's optional 'About you' answers given with it (not for survey responses,
    # whose answers are on their survey submission).
    equality_answers: Mapped["EqualityAnswers | None"] = relationship(
        back_populates="response", cascade="all, delete-orphan", passive_deletes=True, uselist=False)

    @property
    def labels(self) -> list[str]:
        return sorted(t.label for t in self.tags)


class EqualityAnswers(AboutYouColumns, db.Model):
    """The optional 'About you' (equality monitoring) answers a person gave with a view at
    a session, a summit submission or 'tell us in confidence': the same questions and values
    as a survey's (engage.surveys.equality). Special-category personal data: one row per
    response, deleted when the response is anonymised or its writer erased
    (engage.privacy.registry), counted only in groups (engage.analysis.respondents) and never
    written out per person. `respondent_id` and `answered_at` are copied from the response
    so the representation count reads this table alone."""

    __tablename__ = "equality_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        sa.ForeignKey("responses.id", ondelete="CASCADE"), unique=True)
    respondent_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    channel: Mapped[str] = mapped_column(sa.String(16))
    answered_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    response: Mapped[Response] = relationship(back_populates="equality_answers")

    @property
    def response_reference(self) -> str:
        return self.response.reference


class ResponseTag(db.Model):
    """A priority-area label on a response, from the model or from an analyst."""

    __tablename__ = "response_tags"
    __table_args__ = (
        sa.UniqueConstraint("response_id", "label", name="uq_response_tags_response_label"),
        # The summary's quotes: a label's surest tags first, read from the index's end.
        sa.Index("ix_response_tags_label_score", "label", "score", "response_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(sa.ForeignKey("responses.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(sa.String(40), index=True)
    score: Mapped[float | None]
    source: Mapped[str] = mapped_column(sa.String(8), default=TagSource.model)
    model_version: Mapped[str | None] = mapped_column(sa.String(80))
    # [{"start", "end", "text"}]: the spans that led the model to this label.
    evidence: Mapped[list | None] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    response: Mapped[Response] = relationship(back_populates="tags")
    created_by = relationship("User")


class TagChangeAction(enum.StrEnum):
    added = "added"
    removed = "removed"
    # An analyst checked the labels and left them as they were: counts as reviewed.
    confirmed = "confirm"


class ResponseTagChange(db.Model):
    """History of every change to a response's labels: by which model version or
    which analyst, and when. Analysts' decisions here outlive any retag."""

    __tablename__ = "response_tag_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        sa.ForeignKey("responses.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(sa.String(40))
    action: Mapped[str] = mapped_column(sa.String(8))
    source: Mapped[str] = mapped_column(sa.String(8))
    model_version: Mapped[str | None] = mapped_column(sa.String(80))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # The analyst's optional note on why (e.g. "second concern: police never came").
    reason: Mapped[str | None] = mapped_column(sa.String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    actor = relationship("User")
    response = relationship(Response)
