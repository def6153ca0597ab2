"""What is on: the home page's reads."""

import sqlalchemy as sa

from engage.db import utcnow
from engage.events.models import Event, EventState
from engage.extensions import db
from engage.summit.models import Summit
from engage.surveys.models import Survey, SurveyState


def upcoming_events(limit: int = 6) -> list[Event]:
    stmt = (sa.select(Event).where(Event.status == EventState.published, Event.ends_at > utcnow())
            .order_by(Event.starts_at).limit(limit))
    return list(db.session.scalars(stmt))


def open_surveys() -> list[Survey]:
    now = utcnow()
    stmt = (sa.select(Survey).where(
        Survey.status == SurveyState.open,
        sa.or_(Survey.opens_at.is_(None), Survey.opens_at <= now),
        sa.or_(Survey.closes_at.is_(None), Survey.closes_at > now)).order_by(Survey.closes_at))
    return list(db.session.scalars(stmt))


def current_summit() -> Summit | None:
    """The next summit still to be held, else the most recent one."""
    today = utcnow().date()
    upcoming = db.session.scalar(sa.select(Summit).where(Summit.held_on >= today).order_by(Summit.held_on))
    return upcoming or db.session.scalar(sa.select(Summit).order_by(Summit.held_on.desc()))
