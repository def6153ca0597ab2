"""Reading the audit log."""

import sqlalchemy as sa

from engage.audit.models import AuditEvent
from engage.extensions import db


def audit_actions() -> list[str]:
    return list(
        db.session.scalars(sa.select(AuditEvent.action).distinct().order_by(AuditEvent.action))
    )


def count_audit_events(action: str | None = None) -> int:
    stmt = sa.select(sa.func.count(AuditEvent.id))
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    return db.session.scalar(stmt) or 0


def list_audit_events(
    action: str | None = None, page: int = 1, per_page: int = 50
) -> list[AuditEvent]:
    """Newest first, one page."""
    stmt = sa.select(AuditEvent).order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    return list(db.session.scalars(stmt.offset((page - 1) * per_page).limit(per_page)))
