"""A safeguarding case per flagged response, and what officers did about it."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.db import utcnow
from engage.errors import InvalidState
from engage.extensions import db


class CaseState(enum.StrEnum):
    open = "open"
    closed = "closed"


class Outcome(enum.StrEnum):
    signposted = "signposted"
    referred = "referred"
    no_action = "no_action"


OUTCOME_NAMES = {
    Outcome.signposted: "Signposted to support",
    Outcome.referred: "Referred (police, MASH, children's or adult social care, a support service)",
    Outcome.no_action: "No action, with the reason",
}


class FlagSource(enum.StrEnum):
    detector = "detector"
    officer = "officer"


class SafeguardingCase(db.Model):
    """A response that may disclose current risk or harm. Its response can never be
    deleted while the case exists (RESTRICT), so a disclosure is never lost."""

    __tablename__ = "safeguarding_cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        sa.ForeignKey("responses.id", ondelete="RESTRICT"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    state: Mapped[str] = mapped_column(sa.String(16), default=CaseState.open, index=True)
    source: Mapped[str] = mapped_column(sa.String(16), default=FlagSource.detector)
    # Detector categories (abuse, child_at_risk, ...) and the words that raised them.
    categories: Mapped[list] = mapped_column(sa.JSON, default=list)
    evidence: Mapped[list] = mapped_column(sa.JSON, default=list)
    detector_version: Mapped[str | None] = mapped_column(sa.String(40))
    flagged_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    closed_at: Mapped[datetime | None]
    # Who is dealing with it, and since when it is in hand (open cases only).
    assigned_to_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    in_progress_at: Mapped[datetime | None]

    response = relationship("Response")
    flagged_by = relationship("User", foreign_keys=[flagged_by_id])
    assigned_to = relationship("User", foreign_keys=[assigned_to_id])
    actions: Mapped[list["SafeguardingAction"]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="SafeguardingAction.id"
    )

    @property
    def is_open(self) -> bool:
        return self.state == CaseState.open

    def can_record(self) -> bool:
        return self.is_open

    @property
    def progress_name(self) -> str:
        if not self.is_open:
            return "Closed"
        return "In progress" if self.in_progress_at else "Not started"

    def assign(self, officer) -> None:
        if not self.is_open:
            raise InvalidState("This case is closed. Reopen it to assign it.")
        self.assigned_to = officer

    def start(self) -> None:
        if not self.is_open:
            raise InvalidState("This case is closed. Reopen it first.")
        if self.in_progress_at is not None:
            raise InvalidState("This case is already in progress.")
        self.in_progress_at = utcnow()

    def close(self) -> None:
        if not self.is_open:
            raise InvalidState("This case is already closed. Reopen it to record something else.")
        self.state = CaseState.closed
        self.closed_at = utcnow()

    def reopen(self) -> None:
        if self.is_open:
            raise InvalidState("This case is already open.")
        self.state = CaseState.open
        self.closed_at = None
        self.in_progress_at = None


class SafeguardingAction(db.Model):
    """What an officer did: signposted, referred (to whom), or no action (why)."""

    __tablename__ = "safeguarding_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        sa.ForeignKey("safeguarding_cases.id", ondelete="CASCADE"), index=True
    )
    outcome: Mapped[str] = mapped_column(sa.String(16))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    case: Mapped[SafeguardingCase] = relationship(back_populates="actions")
    actor = relationship("User")

    @property
    def outcome_name(self) -> str:
        return OUTCOME_NAMES.get(self.outcome, self.outcome)
