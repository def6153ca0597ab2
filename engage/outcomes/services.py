"""Publishing a consultation's or a summit's outcome: checked, audited, flushed (views commit)."""

from datetime import date

from engage.audit.services import record_audit
from engage.db import utcnow
from engage.errors import InvalidState, ValidationFailed
from engage.extensions import db
from engage.outcomes.models import Outcome, OutcomeKind
from engage.places import DISTRICTS
from engage.summit.models import Summit
from engage.surveys.models import Survey, SurveyState


def _checked(data: dict) -> dict:
    """The outcome's fields, or ValidationFailed with every problem at once."""
    from nlp.taxonomy import LABELS

    errors: dict[str, list[str]] = {}
    heard = (data.get("heard") or "").strip()
    will_do = (data.get("will_do") or "").strip()
    if not heard:
        errors["heard"] = ["Write what we heard"]
    if not will_do:
        errors["will_do"] = ["Write what we will do"]
    districts = list(dict.fromkeys(data.get("districts") or []))
    labels = list(dict.fromkeys(data.get("labels") or []))
    if any(d not in DISTRICTS for d in districts):
        errors["districts"] = ["Choose districts from the list"]
    if any(label not in LABELS for label in labels):
        errors["labels"] = ["Choose priority areas from the list"]
    if errors:
        raise ValidationFailed(errors)
    return {"heard": heard, "will_do": will_do, "districts": districts, "labels": labels}


def _save(outcome: Outcome | None, kind: str, title: str, data: dict, actor, **source) -> Outcome:
    fields = _checked(data)
    first_time = outcome is None
    if first_time:
        outcome = Outcome(kind=kind, title=title, published_by_id=getattr(actor, "id", None), **source)
        db.session.add(outcome)
    for key, value in fields.items():
        setattr(outcome, key, value)
    outcome.published_at = utcnow() if first_time else outcome.published_at
    db.session.flush()
    record_audit(actor, f"outcome.{'publish' if first_time else 'edit'}",
                 {"kind": kind, **source, "outcome_id": outcome.id}, 1)
    return outcome


def consultation_outcome(survey: Survey) -> Outcome | None:
    return db.session.scalar(db.select(Outcome).where(Outcome.survey_id == survey.id))


def summit_outcome(summit: Summit) -> Outcome | None:
    return db.session.scalar(db.select(Outcome).where(Outcome.summit_id == summit.id))


def publish_consultation_outcome(survey: Survey, data: dict, actor=None) -> Outcome:
    """Only a closed survey has an outcome: publishing earlier would report half the views."""
    if survey.status != SurveyState.closed:
        raise InvalidState("Close the survey before publishing what we heard.", "heard")
    first_time = consultation_outcome(survey) is None
    outcome = _save(consultation_outcome(survey), OutcomeKind.consultation,
                    f"What we heard: {survey.title}", data, actor, survey_id=survey.id)
    if first_time:  # edits do not email again
        from engage.links import external_url
        from engage.outcomes.heard import tell_those_who_asked

        tell_those_who_asked(outcome, external_url("outcomes.consultation", survey_id=survey.id))
    return outcome


def publish_summit_outcome(summit: Summit, data: dict, actor=None, today: date | None = None) -> Outcome:
    """A summit's outcome is published after the day it was held."""
    if summit.held_on > (today or utcnow().date()):
        raise InvalidState("This summit has not been held yet.", "heard")
    return _save(summit_outcome(summit), OutcomeKind.summit,
                 f"What we heard: {summit.title}", data, actor, summit_id=summit.id)
