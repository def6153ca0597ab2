"""A published outcome of a consultation or a summit. Sessions keep theirs on the event
(Event.outcome_summary), so the public list reads both."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.db import utcnow
from engage.extensions import db
from engage.summit.models import Summit
from engage.surveys.models import Survey


class OutcomeKind(enum.StrEnum):
    session = "session"
    consultation = "consultation"
    summit = "summit"


KIND_NAMES = {
    OutcomeKind.session: "Meet the Commissioner session",
    OutcomeKind.consultation: "Consultation",
    OutcomeKind.summit: "Rural crime summit",
}


class Outcome(db.Model):
    """What we heard and what we will do, for one closed survey or one held summit."""

    __tablename__ = "outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16), index=True)
    survey_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("surveys.id", ondelete="CASCADE"), unique=True
    )
    summit_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("summits.id", ondelete="CASCADE"), unique=True
    )
    title: Mapped[str] = mapped_column(sa.String(200))
    heard: Mapped[str] = mapped_column(sa.Text)
    will_do: Mapped[str] = mapped_column(sa.Text)
    # District ids and priority-area label ids this outcome is about (for filtering).
    districts: Mapped[list] = mapped_column(sa.JSON, default=list)
    labels: Mapped[list] = mapped_column(sa.JSON, default=list)
    published_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    published_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    survey: Mapped[Survey | None] = relationship()
    summit: Mapped[Summit | None] = relationship()
