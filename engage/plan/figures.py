"""Key Ambition figures from other sources (police recorded crime, the Youth Justice
Service, the Ministry of Justice ...): recorded, corrected and removed by staff, each
change audited. Every rule is checked before anything is written."""

import math
from datetime import date

from engage.audit.services import record_audit
from engage.errors import NotAllowed, ValidationFailed
from engage.extensions import db
from engage.plan.active import active_plan
from engage.plan.models import AmbitionFigure

FIELDS = ("ambition_id", "value", "period_start", "period_end", "source", "note")


def check_figure(data: dict, today: date) -> dict:
    """The figure's fields cleaned; raises ValidationFailed listing every problem by field."""
    errors: dict[str, list[str]] = {}
    ambition = active_plan().ambition(data.get("ambition_id") or "")
    if ambition is None:
        errors["ambition_id"] = ["Choose one of the plan's Key Ambitions"]
    value = _number(data.get("value"))
    if value is None:
        errors["value"] = ["Enter the figure as a number, like 686 or 7.2"]
    start, end = data.get("period_start"), data.get("period_end")
    if not isinstance(start, date) or not isinstance(end, date):
        errors["period_start"] = ["Enter the period the figure covers: a quarter, or a start and an end date"]
    elif start > end:
        errors["period_end"] = ["The period must end on or after the day it starts"]
    elif end > today:
        errors["period_end"] = ["The period is not over yet: record a figure once its period has ended"]
    source = " ".join((data.get("source") or "").split())
    if not source:
        errors["source"] = ["Enter where the figure comes from, like 'Police recorded crime'"]
    elif len(source) > 200:
        errors["source"] = ["The source must be 200 characters or fewer"]
    note = (data.get("note") or "").strip()
    if len(note) > 2000:
        errors["note"] = ["The note must be 2,000 characters or fewer"]
    if errors:
        raise ValidationFailed(errors)
    return {"ambition_id": ambition["id"], "value": value, "period_start": start,
            "period_end": end, "source": source, "note": note}


def _number(raw) -> float | None:
    if isinstance(raw, bool):
        return None
    try:
        value = float(str(raw).replace(",", "").strip().rstrip("%"))
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def record_figure(data: dict, actor, today: date) -> AmbitionFigure:
    """Record a figure for an ambition. Flushes; the caller commits."""
    figure = AmbitionFigure(**check_figure(data, today), recorded_by_id=getattr(actor, "id", None))
    db.session.add(figure)
    db.session.flush()
    record_audit(actor, "ambition_figure.create", _scope(figure), 1)
    return figure


def update_figure(figure: AmbitionFigure, data: dict, actor, today: date) -> AmbitionFigure:
    """Correct a figure its recorder (or an admin) owns."""
    ensure_may_change(figure, actor)
    for key, value in check_figure(data, today).items():
        setattr(figure, key, value)
    db.session.flush()
    record_audit(actor, "ambition_figure.update", _scope(figure), 1)
    return figure


def delete_figure(figure: AmbitionFigure, actor) -> None:
    ensure_may_change(figure, actor)
    record_audit(actor, "ambition_figure.delete", _scope(figure), 1)
    db.session.delete(figure)
    db.session.flush()


def may_change(figure: AmbitionFigure, actor) -> bool:
    return getattr(actor, "role", None) == "admin" or figure.recorded_by_id == getattr(actor, "id", None)


def ensure_may_change(figure: AmbitionFigure, actor) -> None:
    if not may_change(figure, actor):
        raise NotAllowed("Only the person who recorded a figure (or an admin) can change it")


def _scope(figure: AmbitionFigure) -> dict:
    return {"figure_id": figure.id, "ambition_id": figure.ambition_id, "value": figure.value,
            "period_start": figure.period_start, "period_end": figure.period_end,
            "source": figure.source}


def figures_for(ambition_ids=None) -> list[AmbitionFigure]:
    """Recorded figures, newest period first (optionally for some ambitions only)."""
    stmt = db.select(AmbitionFigure).order_by(AmbitionFigure.period_end.desc(), AmbitionFigure.id.desc())
    if ambition_ids is not None:
        stmt = stmt.where(AmbitionFigure.ambition_id.in_(list(ambition_ids)))
    return list(db.session.scalars(stmt))
