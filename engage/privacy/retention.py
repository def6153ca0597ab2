"""`flask privacy purge`: apply the retention periods. Dry run unless told to apply;
idempotent, so it is safe to run every day (what was removed is not found again)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from engage.audit.services import record_audit
from engage.db import utcnow
from engage.extensions import db
from engage.privacy.registry import ERASED_DOMAIN, account_links, personal_tables
from engage.privacy.services import _blank, anonymise_response
from engage.responses.models import Response
from engage.security.throttle import expired_counters

RESPONSE_KEY = "RETENTION_RESPONSE_DAYS"


@dataclass(frozen=True)
class PurgeLine:
    """What one retention rule removes (or would remove)."""

    name: str
    rows: int
    days: int
    what: str


def _cutoff(key: str, now: datetime) -> tuple[int, datetime]:
    days = int(current_app.config[key])
    return days, now - timedelta(days=days)


def _expired_contacts(table, cutoff: datetime) -> list:
    stmt = sa.select(table.model).where(table.age_from() < cutoff)
    if not table.delete_rows:  # rows with any detail left to blank (so a rerun changes none)
        left = []
        for name in table.contact:
            col = table.model.__table__.c[name]
            kept = sa.and_(col.is_not(None), col != "")
            left.append(sa.and_(kept, ~col.like(f"%@{ERASED_DOMAIN}")) if name == table.email else kept)
        stmt = stmt.where(sa.or_(*left))
    return list(db.session.scalars(stmt))


def _expired_responses(cutoff: datetime) -> list[Response]:
    from engage.safeguarding.models import CaseState, SafeguardingCase

    open_case = sa.select(SafeguardingCase.id).where(
        SafeguardingCase.response_id == Response.id, SafeguardingCase.state == CaseState.open
    )
    return list(
        db.session.scalars(
            sa.select(Response).where(
                Response.submitted_at < cutoff,
                ~sa.exists(open_case),
                sa.or_(
                    Response.respondent_id.is_not(None),
                    Response.postcode_district.is_not(None),
                    Response.consent_to_contact.is_(True),
                    # Linked or anonymous: personal details still in the text.
                    Response.text_redacted.is_(None),
                    Response.text != Response.text_redacted,
                ),
            )
        )
    )


def purge(apply: bool = False, now: datetime | None = None, actor=None) -> list[PurgeLine]:
    """Every retention rule's expired rows; changed only when `apply`. Responses with an
    open safeguarding case wait until an officer has dealt with it."""
    now = now or utcnow()
    lines = []
    for table in personal_tables():
        days, cutoff = _cutoff(table.retention_key, now)
        rows = _expired_contacts(table, cutoff)
        verb = "delete" if table.delete_rows else "blank " + ", ".join(table.contact)
        lines.append(PurgeLine(table.name, len(rows), days, verb))
        for row in rows if apply else ():
            db.session.delete(row) if table.delete_rows else _blank(table, row)
    days, cutoff = _cutoff(RESPONSE_KEY, now)
    responses = _expired_responses(cutoff)
    lines.append(
        PurgeLine(
            "responses",
            len(responses),
            days,
            "anonymise: unlink account, drop postcode district and contact consent, "
            "redact personal details in the text and its survey answer",
        )
    )
    for response in responses if apply else ():
        anonymise_response(response)
    lines += _unlink_accounts(cutoff, days, apply)
    counters = db.session.scalars(expired_counters()).all()
    lines.append(PurgeLine("throttles", len(counters), 1, "delete sign-in and mail counters"))
    for row in counters if apply else ():
        db.session.delete(row)
    if apply:
        record_audit(
            actor,
            "privacy.purge",
            {"applied": True},
            sum(line.rows for line in lines),
            "; ".join(f"{line.name}={line.rows}" for line in lines),
        )
        db.session.flush()
    return lines


def _unlink_accounts(cutoff: datetime, days: int, apply: bool) -> list[PurgeLine]:
    lines = []
    for link in account_links():
        if link.delete_rows and link.age_column:
            lines.append(_delete_expired(link, cutoff, days, apply))
            continue
        if link.model is Response or link.age_column is None or not link.cut_link:
            continue
        user_col, age_col = (
            getattr(link.model, link.user_column),
            getattr(link.model, link.age_column),
        )
        rows = list(
            db.session.scalars(sa.select(link.model).where(user_col.is_not(None), age_col < cutoff))
        )
        lines.append(
            PurgeLine(link.name, len(rows), days, f"unlink from the account ({link.user_column})")
        )
        for row in rows if apply else ():
            setattr(row, link.user_column, None)
    return lines


def _delete_expired(link, cutoff: datetime, days: int, apply: bool) -> PurgeLine:
    """Special-category rows (equality answers) past the response retention period, linked
    or not: deleted, never kept anonymised."""
    rows = list(db.session.scalars(sa.select(link.model).where(getattr(link.model, link.age_column) < cutoff)))
    for row in rows if apply else ():
        db.session.delete(row)
    return PurgeLine(link.name, len(rows), days, "delete")
