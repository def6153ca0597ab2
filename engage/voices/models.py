"""Partner organisations (trusted communicators) and what they bring us from a community."""

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.db import TimestampMixin, utcnow
from engage.errors import InvalidState
from engage.extensions import db


class PartnerState(enum.StrEnum):
    pending = "pending"
    verified = "verified"
    rejected = "rejected"
    suspended = "suspended"


PARTNER_STATE_NAMES = {
    PartnerState.pending: "Waiting for verification",
    PartnerState.verified: "Verified",
    PartnerState.rejected: "Not verified",
    PartnerState.suspended: "Suspended",
}

GATHERING_METHODS: dict[str, str] = {
    "focus_group": "Focus group",
    "outreach": "Outreach",
    "one_to_one": "One-to-one conversations",
    "survey": "Survey",
}


class PartnerOrganisation(TimestampMixin, db.Model):
    """A community organisation that applied to be a partner; one partner account speaks for it."""

    __tablename__ = "partner_organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    # Community group ids (engage.voices.communities) the organisation works with.
    communities: Mapped[list] = mapped_column(sa.JSON, default=list)
    website: Mapped[str | None] = mapped_column(sa.String(300))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    status: Mapped[str] = mapped_column(sa.String(16), default=PartnerState.pending, index=True)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    # Why an officer did not verify or suspended it, shown to the partner.
    decision_note: Mapped[str] = mapped_column(sa.Text, default="")

    user = relationship("User", foreign_keys=[user_id])
    decided_by = relationship("User", foreign_keys=[decided_by_id])

    @property
    def is_verified(self) -> bool:
        return self.status == PartnerState.verified

    @property
    def status_name(self) -> str:
        return PARTNER_STATE_NAMES.get(self.status, self.status)

    def can_submit(self) -> bool:
        return self.is_verified

    def _decide(self, new: str, allowed_from: tuple[str, ...], officer, note: str) -> None:
        if self.status not in allowed_from:
            raise InvalidState(f"A partner that is {self.status_name.lower()} cannot be {new} now")
        self.status, self.decided_at, self.decided_by = new, utcnow(), officer
        self.decision_note = note

    def verify(self, officer, note: str = "") -> None:
        self._decide(
            PartnerState.verified,
            (PartnerState.pending, PartnerState.rejected, PartnerState.suspended),
            officer,
            note,
        )

    def reject(self, officer, note: str) -> None:
        self._decide(PartnerState.rejected, (PartnerState.pending,), officer, note)

    def suspend(self, officer, note: str) -> None:
        self._decide(PartnerState.suspended, (PartnerState.verified,), officer, note)


class VoicesSubmission(TimestampMixin, db.Model):
    """Feedback a partner gathered from one community; each view is a `voices` Response."""

    __tablename__ = "voices_submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(sa.String(16), unique=True)
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("partner_organisations.id", ondelete="CASCADE"), index=True
    )
    submitted_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    community_group: Mapped[str] = mapped_column(sa.String(64), index=True)
    people_count: Mapped[int]
    method: Mapped[str] = mapped_column(sa.String(16))
    gathered_on: Mapped[date]
    district: Mapped[str] = mapped_column(sa.String(32), default="unknown")

    organisation: Mapped[PartnerOrganisation] = relationship()
    submitted_by = relationship("User")
