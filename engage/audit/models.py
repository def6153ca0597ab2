"""AuditEvent: one line of the audit log admins read."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.db import utcnow
from engage.extensions import db


class AuditEvent(db.Model):
    """Something a member of staff did with data that must stay accountable:
    an export, a view of personal details. Never updated or deleted by the app."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # A copy of who it was, so the line still reads right after the account is deleted.
    actor_email: Mapped[str] = mapped_column(sa.String(254), default="")
    actor_role: Mapped[str] = mapped_column(sa.String(20), default="")
    # Dotted verb, e.g. "export.csv", "summary.pdf", "registrations.view".
    action: Mapped[str] = mapped_column(sa.String(64), index=True)
    # What it applied to: the filters of an export, or {"event_id": 3} and so on.
    scope: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    rows: Mapped[int | None]
    detail: Mapped[str | None] = mapped_column(sa.Text)

    actor = relationship("User")

    def __repr__(self) -> str:
        return f"<AuditEvent {self.id} {self.action}>"
