"""Moderation: officers approve a response for public quoting, or hide it with a reason.
Only approved responses (status `published`) are quoted on any public page."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.audit.services import record_audit
from engage.db import utcnow
from engage.errors import InvalidState, ValidationFailed
from engage.extensions import db
from engage.privacy.gate import response_text
from engage.responses.models import Response, ResponseState


class Decision(enum.StrEnum):
    approve = "approve"
    hide = "hide"


class ModerationDecision(db.Model):
    """Who decided what about quoting a response, and why it was hidden."""

    __tablename__ = "moderation_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        sa.ForeignKey("responses.id", ondelete="CASCADE"), index=True
    )
    decision: Mapped[str] = mapped_column(sa.String(8))
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)

    response: Mapped[Response] = relationship()


def quoting_problem(response: Response) -> str | None:
    """Why this response may not be quoted in public, or None."""
    if response.safeguarding_flag:
        return "This response is flagged for safeguarding and cannot be quoted."
    if not response.consent_to_quote:
        return "This person did not agree to be quoted."
    return None


def moderate(response: Response, decision: str, reason: str, actor) -> ModerationDecision:
    """Approve for quoting (consented, unflagged only) or hide (a reason is required)."""
    reason = (reason or "").strip()
    if decision not in Decision.__members__:
        raise ValidationFailed("Choose approve or hide", "decision")
    if decision == Decision.approve:
        problem = quoting_problem(response)
        if problem:
            raise InvalidState(problem, "decision")
        response.status = ResponseState.published
    else:
        if not reason:
            raise ValidationFailed("Give the reason for hiding this response", "reason")
        response.status = ResponseState.hidden
    made = ModerationDecision(response_id=response.id, decision=decision, reason=reason,
                              actor_id=getattr(actor, "id", None))
    db.session.add(made)
    db.session.flush()
    record_audit(actor, f"response.{decision}", {"response": response.reference}, 1,
                 reason or None)
    return made


def moderation_list(state: str = ResponseState.received, limit: int = 50) -> list[Response]:
    """Responses in `state` that could be quoted (consented, unflagged), newest first:
    in `received`, those no officer has decided on yet."""
    return list(db.session.scalars(
        sa.select(Response)
        .where(Response.status == state, Response.consent_to_quote.is_(True),
               Response.safeguarding_flag.is_(False))
        .order_by(Response.submitted_at.desc(), Response.id.desc())
        .limit(limit)
    ))


def approved_quotes(*where, limit: int = 5) -> list[str]:
    """Public quotes: approved, consented, unflagged, read through the output gate."""
    rows = db.session.scalars(
        sa.select(Response)
        .where(Response.status == ResponseState.published, Response.consent_to_quote.is_(True),
               Response.safeguarding_flag.is_(False), *where)
        .order_by(Response.submitted_at.desc(), Response.id.desc())
        .limit(limit)
    )
    return [response_text(r) for r in rows]
