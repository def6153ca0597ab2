"""Flagging responses (by the detector or an officer) and recording what officers did."""

import logging

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from engage.audit.services import record_audit
from engage.errors import InvalidState, ValidationFailed
from engage.extensions import db
from engage.responses.models import Response, ResponseState
from engage.safeguarding.models import FlagSource, Outcome, SafeguardingAction, SafeguardingCase

log = logging.getLogger(__name__)
NOTE_MAX = 2000
# Outcomes that need a note: to whom it was referred, or why nothing was done.
NOTE_REQUIRED = {
    Outcome.referred: "Say who it was referred to",
    Outcome.no_action: "Give the reason for no action",
}


def flag_if_at_risk(response: Response) -> None:
    """Response hook: run the detector on a new response and open a case if it
    discloses current risk. If the detector fails, flag it anyway: a disclosure
    must never be lost to a bug."""
    from nlp.safeguarding import RULES_VERSION, assess, version

    try:
        result = assess(response.text)
        detector = version()
    except Exception:  # noqa: BLE001  (fail safe, not silent: logged and flagged)
        log.exception("Safeguarding detector failed; flagging response for an officer to read")
        _open_case(response, FlagSource.detector, ["detector_error"], [], RULES_VERSION)
        return
    if result.flag:
        evidence = [
            {"category": e.category, "start": e.start, "end": e.end, "text": e.text}
            for e in result.evidence
        ]
        _open_case(response, FlagSource.detector, list(result.categories), evidence, detector)


def _open_case(
    response: Response,
    source: str,
    categories: list,
    evidence: list,
    version: str | None = None,
    actor=None,
) -> SafeguardingCase:
    response.safeguarding_flag = True
    if response.status == ResponseState.published:
        response.status = ResponseState.received
    case = SafeguardingCase(
        response=response,
        source=source,
        categories=categories,
        evidence=evidence,
        detector_version=version,
        flagged_by=actor,
    )
    db.session.add(case)
    db.session.flush()  # the case's number goes in the alert
    from engage.alerts.services import alert_new_case

    alert_new_case(case)
    return case


def flag_response(response: Response, actor) -> SafeguardingCase:
    """An officer flags a response the detector missed (or reopens its case)."""
    case = case_for(response)
    if case is not None:
        if not case.is_open:
            case.reopen()
        response.safeguarding_flag = True
        db.session.flush()
        return case
    case = _open_case(response, FlagSource.officer, ["officer"], [], actor=actor)
    db.session.flush()
    return case


def case_for(response: Response) -> SafeguardingCase | None:
    return db.session.scalar(
        sa.select(SafeguardingCase).where(SafeguardingCase.response_id == response.id)
    )


def record_action(case: SafeguardingCase, outcome: str, note: str, actor) -> SafeguardingAction:
    """Record what was done and close the case. Referral and no action need a note."""
    if outcome not in Outcome.__members__:
        raise ValidationFailed("Choose what you did", "outcome")
    note = (note or "").strip()
    if outcome in NOTE_REQUIRED and not note:
        raise ValidationFailed(NOTE_REQUIRED[Outcome(outcome)], "note")
    if len(note) > NOTE_MAX:
        raise ValidationFailed(f"The note must be {NOTE_MAX:,} characters or fewer", "note")
    if not case.can_record():
        raise InvalidState("This case is closed. Reopen it to record something else.")
    action = SafeguardingAction(case=case, outcome=outcome, note=note, actor=actor)
    db.session.add(action)
    case.close()
    db.session.flush()
    return action


def assign_case(case: SafeguardingCase, officer, actor) -> None:
    """Give an open case to an officer (or to nobody), audited."""
    if officer is not None and (not officer.is_active or officer.role not in ("officer", "admin")):
        raise ValidationFailed("Choose an active officer", "officer")
    case.assign(officer)
    record_audit(actor, "safeguarding.assign",
                 {"case_id": case.id, "assigned_to": getattr(officer, "id", None)}, 1)
    db.session.flush()


def start_case(case: SafeguardingCase, actor) -> None:
    """Mark an open case in progress; an unassigned one becomes the actor's. Audited."""
    case.start()
    if case.assigned_to is None:
        case.assign(actor)
    record_audit(actor, "safeguarding.start", {"case_id": case.id}, 1)
    db.session.flush()


def reopen_case(case: SafeguardingCase) -> None:
    case.reopen()
    db.session.flush()


def _refuse_publishing_flagged(session: Session, _context, _instances) -> None:
    """Whoever changes a response, a flagged one is never published (and so never quoted)."""
    for obj in list(session.new) + list(session.dirty):
        if (
            isinstance(obj, Response)
            and obj.safeguarding_flag
            and obj.status == ResponseState.published
        ):
            raise InvalidState(
                "This response is flagged for safeguarding and cannot be published.", "status"
            )


def install_publish_guard() -> None:
    if not event.contains(Session, "before_flush", _refuse_publishing_flagged):
        event.listen(Session, "before_flush", _refuse_publishing_flagged)
