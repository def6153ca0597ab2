"""Reads for the sessions' public and staff pages."""

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from engage.db import utcnow
from engage.errors import NotFound
from engage.events.models import (
    EVENT_DISTRICTS,
    Event,
    EventAlert,
    EventState,
    Registration,
    RegistrationState,
)
from engage.events.places import places_taken
from engage.extensions import db
from engage.web import LONDON


def upcoming_events(district: str | None = None, fmt: str | None = None) -> list[Event]:
    """Published sessions that have not ended, soonest first."""
    stmt = sa.select(Event).where(Event.status == EventState.published, Event.ends_at > utcnow())
    if district:
        stmt = stmt.where(Event.district == district)
    if fmt:
        stmt = stmt.where(Event.format == fmt)
    return list(db.session.scalars(stmt.order_by(Event.starts_at, Event.id)))


def public_event(event_id: int) -> Event:
    """Any session but a draft (cancelled and past ones keep their page)."""
    event = db.session.get(Event, event_id)
    if event is None or event.status == EventState.draft:
        raise NotFound("There is no such session.")
    return event


def get_event(event_id: int) -> Event:
    event = db.session.get(Event, event_id)
    if event is None:
        raise NotFound("There is no such session.")
    return event


def status_counts(event: Event) -> Counter:
    rows = db.session.execute(
        sa.select(Registration.status, sa.func.count(Registration.id))
        .where(Registration.event_id == event.id)
        .group_by(Registration.status)
    )
    counts = Counter({status: n for status, n in rows})
    counts["checked_in"] = (
        db.session.scalar(
            sa.select(sa.func.count(Registration.id)).where(
                Registration.event_id == event.id, Registration.checked_in_at.is_not(None)
            )
        )
        or 0
    )
    from engage.events.checkin import walk_ins_of

    counts["walk_ins"] = len(walk_ins_of(event))
    return counts


def places_left(event: Event) -> int:
    return max(0, event.capacity - places_taken(event))


def taken_by_event(event_ids: list[int]) -> dict[int, int]:
    if not event_ids:
        return {}
    rows = db.session.execute(
        sa.select(Registration.event_id, sa.func.count(Registration.id))
        .where(
            Registration.event_id.in_(event_ids),
            Registration.status.in_([RegistrationState.registered, RegistrationState.offered]),
        )
        .group_by(Registration.event_id)
    )
    return dict(rows.all())


def open_alerts() -> list[EventAlert]:
    """Capacity alerts not yet dismissed, for sessions still to come."""
    stmt = (
        sa.select(EventAlert)
        .join(Event)
        .where(EventAlert.dismissed_at.is_(None), Event.ends_at > utcnow())
        .order_by(EventAlert.created_at.desc(), EventAlert.id.desc())
    )
    return list(db.session.scalars(stmt))


def registrations_of(event: Event, status: str | None = None) -> list[Registration]:
    stmt = sa.select(Registration).where(Registration.event_id == event.id)
    if status:
        stmt = stmt.where(Registration.status == status)
    return list(db.session.scalars(stmt.order_by(Registration.created_at, Registration.id)))


@dataclass
class Calendar:
    year: int
    # district id -> month (1-12) -> sessions
    grid: dict[str, dict[int, list[Event]]]
    held: dict[str, int]
    planned: dict[str, int]

    @property
    def districts_without_sessions(self) -> list[str]:
        return [d for d in self.grid if d != "online" and not self.held[d] and not self.planned[d]]

    @property
    def districts_not_yet_visited(self) -> list[str]:
        return [d for d in self.grid if d != "online" and not self.held[d]]


def london_year(value: datetime) -> tuple[int, int]:
    local = value.replace(tzinfo=UTC).astimezone(LONDON)
    return local.year, local.month


def calendar_for(year: int) -> Calendar:
    """A year's sessions by district and month (London time), cancelled ones left out,
    so the districts with none this year stand out."""
    start, end = datetime(year - 1, 12, 31), datetime(year + 1, 1, 2)
    events = db.session.scalars(
        sa.select(Event)
        .where(
            Event.starts_at >= start,
            Event.starts_at < end,
            Event.status.notin_([EventState.cancelled, EventState.draft]),
        )
        .order_by(Event.starts_at)
    )
    grid = {d: {m: [] for m in range(1, 13)} for d in EVENT_DISTRICTS}
    held, planned = Counter(), Counter()
    now = utcnow()
    for event in events:
        event_year, month = london_year(event.starts_at)
        if event_year != year or event.district not in grid:
            continue
        grid[event.district][month].append(event)
        (held if event.starts_at <= now else planned)[event.district] += 1
    return Calendar(year, grid, held, planned)


def past_sessions(limit: int = 200) -> list[Event]:
    """Sessions already held (closed, or published and ended), most recent first."""
    stmt = (
        sa.select(Event)
        .where(sa.or_(Event.status == EventState.closed,
                      sa.and_(Event.status == EventState.published, Event.ends_at <= utcnow())))
        .order_by(Event.starts_at.desc(), Event.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))
