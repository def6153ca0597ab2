"""Writing the audit log."""

from datetime import date, datetime
from typing import Any

from engage.audit.models import AuditEvent
from engage.errors import ValidationFailed
from engage.extensions import db

ACTION_MAX = 64


def record_audit(
    actor, action: str, scope: dict, rows: int | None, detail: str | None = None
) -> AuditEvent:
    """Log that `actor` (a User, or None for the system) did `action` on `scope`
    (plain filters or ids; dates are stored as ISO strings), touching `rows` rows.
    Flushes; the caller commits together with what it audits."""
    action = (action or "").strip()
    if not action or len(action) > ACTION_MAX:
        raise ValidationFailed(f"An audit action is 1 to {ACTION_MAX} characters", "action")
    if rows is not None and rows < 0:
        raise ValidationFailed("Rows cannot be negative", "rows")
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        actor_email=getattr(actor, "email", "") or "",
        actor_role=str(getattr(actor, "role", "") or ""),
        action=action,
        scope=_plain(scope or {}),
        rows=rows,
        detail=detail,
    )
    db.session.add(event)
    db.session.flush()
    return event


def _plain(value: Any) -> Any:
    """JSON-safe copy of a scope: dates become ISO strings, sets and tuples lists."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items() if v is not None and v != ()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
