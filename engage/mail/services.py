"""Queueing email. `send_email` only writes an outbox row, flushed in the caller's
transaction, so the message exists exactly when the change it speaks of does; the
worker (engage.mail.delivery) sends it. A request never talks to SMTP."""

from email.headerregistry import Address

import sqlalchemy as sa
from flask import render_template

from engage.db import utcnow
from engage.errors import InvalidState
from engage.extensions import db
from engage.mail.models import MessageState, OutboxMessage, new_message_id
from engage.mail.sealing import seal

# What staff see in place of a link that only the recipient may hold.
WITHHELD = "[private link withheld: only the recipient's copy has it]"


class PrivateLink(str):
    """A URL carrying a token (password reset, survey resume, a registration's cancel
    and accept page): sent to the recipient, never shown in the stored copy."""


def private_link(url: str) -> PrivateLink:
    return PrivateLink(url)


def send_email(to: str, subject: str, template: str, **context) -> OutboxMessage:
    """Queue templates/emails/<template>.txt for `to`; PrivateLink values in the context
    reach the recipient only (sealed), the readable copy says they were withheld."""
    sent = render_template(f"emails/{template}.txt", **context)
    shown = sent
    if any(isinstance(v, PrivateLink) for v in context.values()):
        shown_context = {k: WITHHELD if isinstance(v, PrivateLink) else v for k, v in context.items()}
        shown = render_template(f"emails/{template}.txt", **shown_context)
    msg = OutboxMessage(
        to=to, subject=subject[:200], body=shown, sealed_body=seal(sent),
        message_id=new_message_id(), next_attempt_at=utcnow(),
    )
    db.session.add(msg)
    db.session.flush()
    return msg


def valid_address(to: str) -> bool:
    """A stored address the mail library can put in a To header (a malformed one fails
    the message at once, with the reason, instead of retrying)."""
    try:
        Address(addr_spec=to)
    except (ValueError, IndexError, TypeError):
        return False
    return "@" in to and "\n" not in to and "\r" not in to


def retry_message(message: OutboxMessage) -> None:
    """An officer's retry of a message the worker gave up on: queued now, attempts reset."""
    if message.status != MessageState.failed:
        raise InvalidState("Only a message that failed can be retried.")
    if message.sealed_body is None:
        raise InvalidState("This message's sent copy is gone, so it cannot be sent again.")
    message.status, message.attempts = MessageState.queued, 0
    message.next_attempt_at, message.error = utcnow(), None
    db.session.flush()


def recent_messages(limit: int = 100) -> list[OutboxMessage]:
    return list(db.session.scalars(
        sa.select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)))


def failed_messages(limit: int = 100) -> list[OutboxMessage]:
    return list(db.session.scalars(
        sa.select(OutboxMessage).where(OutboxMessage.status == MessageState.failed)
        .order_by(OutboxMessage.id.desc()).limit(limit)))


def outbox_counts() -> dict[str, int]:
    """Messages per state, for the outbox page and the staff home's worker widget."""
    rows = db.session.execute(
        sa.select(OutboxMessage.status, sa.func.count()).group_by(OutboxMessage.status))
    counts = {state.value: 0 for state in MessageState}
    counts.update({status: n for status, n in rows})
    return counts
