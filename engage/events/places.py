"""Who holds a session's places. Every change to that goes through lock_event first,
so capacity holds however many requests arrive at once."""

from datetime import datetime

import sqlalchemy as sa

from engage.db import utcnow
from engage.errors import NotFound
from engage.events import notify
from engage.events.models import HOLDS_PLACE, Event, EventState, Registration, RegistrationState
from engage.extensions import db


def lock_event(event_id: int) -> Event:
    """Serialise changes to one session's places. PostgreSQL: SELECT ... FOR UPDATE on
    its row. SQLite: a write (a no-op UPDATE) takes the database write lock for the
    rest of the transaction; pysqlite only opens the transaction at that first write,
    so no stale read snapshot is held. Returns the session re-read under the lock."""
    if db.session.get_bind().dialect.name == "postgresql":
        event = db.session.scalar(
            sa.select(Event)
            .where(Event.id == event_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    else:
        db.session.execute(
            sa.update(Event)
            .where(Event.id == event_id)
            .values(id=Event.id)
            .execution_options(synchronize_session=False)
        )
        event = db.session.get(Event, event_id, populate_existing=True)
    if event is None:
        raise NotFound("There is no such session.")
    return event


def places_taken(event: Event) -> int:
    """Registered plus places held open for someone offered one from the waiting list."""
    return (
        db.session.scalar(
            sa.select(sa.func.count(Registration.id)).where(
                Registration.event_id == event.id, Registration.status.in_(HOLDS_PLACE)
            )
        )
        or 0
    )


def offer_free_places(event: Event, now: datetime | None = None) -> list[Registration]:
    """Offer each free place to the longest-waiting person (caller holds the lock)."""
    now = now or utcnow()
    if event.status != EventState.published or event.starts_at <= now:
        return []
    free = event.capacity - places_taken(event)
    if free <= 0:
        return []
    waiting = db.session.scalars(
        sa.select(Registration)
        .where(
            Registration.event_id == event.id, Registration.status == RegistrationState.waitlisted
        )
        .order_by(Registration.created_at, Registration.id)
        .limit(free)
    ).all()
    for registration in waiting:
        registration.status = RegistrationState.offered
        registration.offered_at = now
        db.session.flush()
        notify.send_offer_email(registration)
    return list(waiting)
