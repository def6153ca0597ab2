"""The worker's side of the outbox: claim a due message, send it, record the attempt.

Each message is claimed in its own short transaction (`FOR UPDATE SKIP LOCKED` on
PostgreSQL, so two workers never claim the same row; SQLite runs one worker) and holds a
lease while it is sent. The result is committed straight after the server accepts it, so
a worker killed mid-send leaves one message whose lease runs out and which is sent once
more: at most one duplicate per kill (same Message-ID), never a loss."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from engage.db import utcnow
from engage.extensions import db
from engage.mail.models import MessageState, OutboxAttempt, OutboxMessage
from engage.mail.sealing import SealBroken, unseal
from engage.mail.services import valid_address
from engage.mail.transport import Permanent, Temporary, Unreachable, build_email, transport_for_app


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    abandoned: int = 0
    unreachable: str | None = None  # why the server could not be reached, if it could not

    @property
    def handled(self) -> int:
        return self.sent + self.retried + self.failed


def deliver_due(worker: str, limit: int | None = None, now=utcnow) -> DeliveryReport:
    """Send every message that is due (at most `limit`), over one connection."""
    report = DeliveryReport(abandoned=reclaim_abandoned(worker, now()))
    if _next_due(now()) is None:
        return report
    transport = transport_for_app()
    try:
        transport.open()
        while limit is None or report.handled < limit:
            message = claim_next(worker, now())
            if message is None:
                break
            _deliver_one(transport, message, worker, report, now)
            if report.unreachable:
                break
    except Unreachable as exc:
        report.unreachable = str(exc)
    finally:
        transport.close()
    return report


def _deliver_one(transport, message: OutboxMessage, worker: str, report, now) -> None:
    try:
        if not valid_address(message.to):
            raise Permanent(f"The stored address is not a valid email address: {message.to!r}")
        body = unseal(message.sealed_body) if message.sealed_body else message.body
        transport.send(build_email(message.to, message.subject, body, message.message_id))
    except Unreachable as exc:
        report.unreachable = str(exc)
        _finish(message, worker, "retry", str(exc), now(), charge=False)
    except (Permanent, SealBroken) as exc:
        report.failed += 1
        _finish(message, worker, "failed", _why(exc), now())
    except Temporary as exc:
        report.retried += 1
        _finish(message, worker, "retry", str(exc), now())
    else:
        report.sent += 1
        _finish(message, worker, "sent", None, now())


def _why(exc: Exception) -> str:
    return getattr(exc, "message", None) or str(exc)


def _due_clause(now: datetime):
    # A next attempt further ahead than the longest backoff can only come from a clock
    # that has since moved back: treat it as due rather than wait out the jump.
    horizon = now + timedelta(seconds=current_app.config["OUTBOX_RETRY_MAX_SECONDS"] + 60)
    return sa.and_(
        OutboxMessage.status == MessageState.queued,
        sa.or_(OutboxMessage.next_attempt_at <= now, OutboxMessage.next_attempt_at > horizon),
    )


def _next_due(now: datetime) -> int | None:
    return db.session.scalar(sa.select(OutboxMessage.id).where(_due_clause(now)).limit(1))


def claim_next(worker: str, now: datetime) -> OutboxMessage | None:
    """Take the oldest due message for this worker and commit the claim."""
    message = db.session.scalars(
        sa.select(OutboxMessage).where(_due_clause(now))
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(1).with_for_update(skip_locked=True)
    ).first()
    if message is None:
        db.session.commit()
        return None
    message.status, message.claimed_by = MessageState.sending, worker
    message.attempts += 1
    message.lease_until = now + timedelta(seconds=current_app.config["OUTBOX_LEASE_SECONDS"])
    db.session.commit()
    return message


def _finish(message: OutboxMessage, worker: str, outcome: str, error, now, charge=True) -> None:
    """Record the attempt and the message's new state, if this worker still holds it."""
    values: dict = {"lease_until": None, "error": error[:500] if error else None}
    if outcome == "sent":
        values.update(status=MessageState.sent, sent_at=now, sealed_body=None)
    elif outcome == "failed" or (charge and message.attempts >= current_app.config["OUTBOX_MAX_ATTEMPTS"]):
        outcome = "failed"
        values.update(status=MessageState.failed)
    else:
        values.update(status=MessageState.queued, next_attempt_at=now + backoff(message.attempts) if charge else now)
        if not charge:
            values["attempts"] = OutboxMessage.attempts - 1
    held = db.session.execute(
        sa.update(OutboxMessage)
        .where(OutboxMessage.id == message.id, OutboxMessage.claimed_by == worker,
               OutboxMessage.status == MessageState.sending)
        .values(**values)
    ).rowcount
    if not held:
        current_app.logger.warning("Message %s was reclaimed before %s finished it", message.id, worker)
    db.session.add(OutboxAttempt(message_id=message.id, worker=worker, outcome=outcome,
                                 error=error[:500] if error else None, at=now))
    db.session.commit()


def backoff(attempts: int) -> timedelta:
    """Exponential: base, 2x base, 4x base ... capped, with up to 10% jitter."""
    cfg = current_app.config
    seconds = min(cfg["OUTBOX_RETRY_BASE_SECONDS"] * 2 ** max(attempts - 1, 0), cfg["OUTBOX_RETRY_MAX_SECONDS"])
    return timedelta(seconds=seconds * (1 + random.random() / 10))


def reclaim_abandoned(worker: str, now: datetime) -> int:
    """Requeue messages whose worker's lease ran out (it died or stalled mid-send); each
    is recorded as an abandoned attempt. A lease further ahead than a full lease means
    the clock moved back since it was granted: reclaimed too."""
    lease = timedelta(seconds=current_app.config["OUTBOX_LEASE_SECONDS"])
    stale = list(db.session.scalars(
        sa.select(OutboxMessage).where(
            OutboxMessage.status == MessageState.sending,
            sa.or_(OutboxMessage.lease_until < now, OutboxMessage.lease_until > now + lease + timedelta(minutes=1)),
        ).with_for_update(skip_locked=True)
    ))
    for message in stale:
        error = f"Worker {message.claimed_by} did not finish this attempt (it stopped or stalled mid-send)."
        given_up = message.attempts >= current_app.config["OUTBOX_MAX_ATTEMPTS"]
        message.status = MessageState.failed if given_up else MessageState.queued
        message.lease_until, message.next_attempt_at, message.error = None, now, error
        db.session.add(OutboxAttempt(message_id=message.id, worker=worker, outcome="abandoned", error=error, at=now))
    db.session.commit()
    return len(stale)
