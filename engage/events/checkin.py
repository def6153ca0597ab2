"""On the day: checking registered people in from a list, and recording walk-ins. Both
count in the session's attendance, and neither is possible before the session's day."""

import sqlalchemy as sa

from engage.errors import InvalidState, ValidationFailed
from engage.events.models import Event, Registration, RegistrationState, WalkIn
from engage.extensions import db

NAME_MAX = 120
CONTACT_MAX = 254


def require_check_in_open(event: Event, now=None) -> None:
    problem = event.check_in_problem(now)
    if problem:
        raise InvalidState(problem, "reference")


def add_walk_in(event: Event, name: str, contact: str = "", now=None) -> WalkIn:
    """Record someone who came without registering (name, and contact if they gave it)."""
    require_check_in_open(event, now)
    name, contact = (name or "").strip(), (contact or "").strip()
    if not name:
        raise ValidationFailed("Enter the person's name", "name")
    if len(name) > NAME_MAX:
        raise ValidationFailed(f"The name must be {NAME_MAX} characters or fewer", "name")
    if len(contact) > CONTACT_MAX:
        raise ValidationFailed(f"The contact must be {CONTACT_MAX} characters or fewer", "contact")
    walk_in = WalkIn(event_id=event.id, name=name, contact=contact)
    db.session.add(walk_in)
    db.session.flush()
    return walk_in


def walk_ins_of(event: Event) -> list[WalkIn]:
    return list(db.session.scalars(
        sa.select(WalkIn).where(WalkIn.event_id == event.id).order_by(WalkIn.id)))


def check_in_list(event: Event) -> list[Registration]:
    """Everyone holding a place, by name, for ticking off at the door."""
    return list(db.session.scalars(
        sa.select(Registration).where(Registration.event_id == event.id,
                                      Registration.status == RegistrationState.registered)
        .order_by(sa.func.lower(Registration.name), Registration.id)))


def attendance(event: Event) -> int:
    """People checked in plus walk-ins."""
    checked = db.session.scalar(sa.select(sa.func.count(Registration.id)).where(
        Registration.event_id == event.id, Registration.checked_in_at.is_not(None))) or 0
    walked = db.session.scalar(sa.select(sa.func.count(WalkIn.id)).where(
        WalkIn.event_id == event.id)) or 0
    return checked + walked
