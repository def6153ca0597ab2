"""Counters kept in the database for limits that follow a person rather than an address:
failed sign-ins per email (whether or not an account exists, so the lock cannot tell
who is registered) and mail sent to one address. In the database, not in process
memory, so they hold across gunicorn processes and hosts."""

import hashlib
import hmac
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from engage.db import utcnow
from engage.extensions import db


class Throttle(db.Model):
    """Hits on one key within a window. The key is a keyed hash: no email in clear."""

    __tablename__ = "throttles"

    key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    hits: Mapped[int] = mapped_column(default=0)
    window_started_at: Mapped[datetime]
    blocked_until: Mapped[datetime | None]


def keyed_digest(purpose: str, value: str) -> str:
    """HMAC-SHA256 of `value` under the app's secret: stable, and not reversible by
    hashing guesses without the secret."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def _row(kind: str, subject: str) -> Throttle | None:
    return db.session.get(Throttle, keyed_digest(f"throttle-{kind}", subject.strip().lower()))


def is_blocked(kind: str, subject: str) -> bool:
    row = _row(kind, subject)
    return bool(row and row.blocked_until and row.blocked_until > utcnow())


def hit(kind: str, subject: str, limit: int, window: timedelta) -> bool:
    """Count one hit; True when this hit reaches `limit` within `window`, which then
    blocks the subject for `window`. Flushes."""
    now = utcnow()
    key = keyed_digest(f"throttle-{kind}", subject.strip().lower())
    row = db.session.get(Throttle, key, with_for_update=True)  # concurrent hits queue up
    if row is None:
        try:
            with db.session.begin_nested():  # another request may insert the same key first
                row = Throttle(key=key, hits=0, window_started_at=now)
                db.session.add(row)
        except IntegrityError:
            row = db.session.get(Throttle, key, with_for_update=True, populate_existing=True)
    elif row.window_started_at <= now - window and not (row.blocked_until and row.blocked_until > now):
        row.hits, row.window_started_at, row.blocked_until = 0, now, None
    row.hits += 1
    reached = row.hits >= limit
    if reached:
        row.blocked_until = now + window
    db.session.flush()
    return reached


def clear(kind: str, subject: str) -> None:
    row = _row(kind, subject)
    if row is not None:
        db.session.delete(row)
        db.session.flush()


def allow_mail_to(address: str) -> bool:
    """Whether one more email may go to this address this hour (counts it if so).
    Callers skip the email silently when not: the page says the same either way."""
    if is_blocked("mail", address):
        return False
    hit("mail", address, current_app.config["MAIL_PER_RECIPIENT_PER_HOUR"], timedelta(hours=1))
    return True


def expired_counters(older_than: timedelta = timedelta(days=1)) -> sa.Select:
    """Counters nobody has hit for a day and that block nothing (`flask privacy purge`
    deletes them, so the table does not grow with every address ever tried)."""
    cutoff = utcnow() - older_than
    return sa.select(Throttle).where(
        Throttle.window_started_at < cutoff,
        sa.or_(Throttle.blocked_until.is_(None), Throttle.blocked_until < cutoff))
