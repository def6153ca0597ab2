"""What needs staff attention now, counted for the staff home page. Each item is read
only for the roles whose work it is, so an analyst is not shown the safeguarding queue."""

from dataclasses import dataclass, field
from datetime import timedelta

import sqlalchemy as sa
from flask import url_for

from engage.accounts.roles import role_allows
from engage.db import utcnow
from engage.extensions import db
from engage.web import closing, london

OLDEST_CASES = 5
SURVEY_WINDOW_DAYS = 14
SESSION_WINDOW_DAYS = 7


@dataclass
class Need:
    """One card on the staff home: a count, what it counts and where to deal with it."""

    key: str
    title: str
    count: int
    url: str
    link_text: str
    items: list[tuple[str, str, str]] = field(default_factory=list)  # (text, url, detail)


def _oldest_open_cases() -> Need:
    from engage.safeguarding.queries import count_cases, list_cases

    cases = list_cases(page=1)[:OLDEST_CASES]
    items = [(c.response.reference, url_for("safeguarding.show", case_id=c.id),
              _waiting(c.response.submitted_at)) for c in cases]
    return Need("safeguarding", "Open safeguarding cases", count_cases(),
                url_for("safeguarding.index"), "Go to the safeguarding queue", items)


def _waiting(since) -> str:
    days = (utcnow() - since).days
    return "waiting since today" if days < 1 else f"waiting {days} day{'s' if days != 1 else ''}"


def _partner_applications() -> Need:
    from engage.voices.models import PartnerOrganisation, PartnerState

    stmt = sa.select(sa.func.count(PartnerOrganisation.id)).where(
        PartnerOrganisation.status == PartnerState.pending)
    return Need("partners", "Partner applications to decide", db.session.scalar(stmt) or 0,
                url_for("voices.partners"), "Verify partner applications")


def _failed_emails() -> Need:
    from engage.mail.models import MessageState, OutboxMessage

    stmt = sa.select(sa.func.count(OutboxMessage.id)).where(OutboxMessage.status == MessageState.failed)
    return Need("emails", "Emails the worker gave up on", db.session.scalar(stmt) or 0,
                url_for("mail.outbox"), "Read the email outbox and retry")


def _sessions_this_week() -> Need:
    from engage.events.models import Event, EventState

    now = utcnow()
    events = list(db.session.scalars(
        sa.select(Event).where(Event.status == EventState.published,
                               Event.starts_at >= now - timedelta(hours=12),
                               Event.starts_at < now + timedelta(days=SESSION_WINDOW_DAYS))
        .order_by(Event.starts_at)))
    items = [(e.title, url_for("events.staff.detail", event_id=e.id),
              london(e.starts_at, "%A %-d %B, %H:%M"))
             for e in events]
    return Need("sessions", "Sessions in the next 7 days", len(events),
                url_for("events.staff.dashboard"), "All sessions", items)


def _surveys_closing() -> Need:
    from engage.surveys.models import Survey, SurveyState

    now = utcnow()
    surveys = list(db.session.scalars(
        sa.select(Survey).where(Survey.status == SurveyState.open, Survey.closes_at > now,
                                Survey.closes_at < now + timedelta(days=SURVEY_WINDOW_DAYS))
        .order_by(Survey.closes_at)))
    items = [(s.title, url_for("surveys.builder.show", survey_id=s.id),
              "closes at " + closing(s.closes_at))
             for s in surveys]
    return Need("surveys", "Surveys closing in the next 14 days", len(surveys),
                url_for("surveys.builder.index"), "All surveys", items)


NEEDS = [
    (_oldest_open_cases, ("officer",)),
    (_partner_applications, ("officer",)),
    (_failed_emails, ("officer",)),
    (_sessions_this_week, ("officer",)),
    (_surveys_closing, ("officer", "analyst")),
]


def staff_needs(user) -> list[Need]:
    """The cards this user's role should see, in order of urgency."""
    return [read() for read, roles in NEEDS if role_allows(user.role, roles)]
