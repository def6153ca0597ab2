"""The officers' list of sessions: upcoming or past, searched by title and date, one
page at a time, so a session held years ago is as reachable as next week's and no page
loads every session."""

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from engage.db import utcnow
from engage.events.models import Event
from engage.extensions import db
from engage.web import LONDON

PER_PAGE = 25
MAX_PAGE = 10_000
WHEN = {"upcoming": "Upcoming", "past": "Past"}


@dataclass(frozen=True)
class SessionSearch:
    when: str = "upcoming"
    q: str = ""
    start: date | None = None  # held on or after this London date
    end: date | None = None  # held on or before this London date
    page: int = 1

    def args(self, **overrides) -> dict:
        """Query-string arguments for this search (others replaced), without empty ones."""
        chosen = replace(self, **overrides)
        args = {"when": chosen.when, "q": chosen.q, "from": chosen.start, "to": chosen.end,
                "page": chosen.page if chosen.page > 1 else None}
        return {k: v.isoformat() if isinstance(v, date) else v for k, v in args.items() if v}


@dataclass
class SessionPage:
    events: list[Event]
    total: int
    search: SessionSearch
    per_page: int = PER_PAGE

    @property
    def has_next(self) -> bool:
        return self.search.page * self.per_page < self.total

    @property
    def first(self) -> int:
        return (self.search.page - 1) * self.per_page + 1 if self.events else 0

    @property
    def last(self) -> int:
        return self.first + len(self.events) - 1 if self.events else 0


def _date(raw: str, label: str, errors: dict) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors[label] = "Enter a real date, for example 2026-03-21"
        return None


def parse_session_search(args) -> tuple[SessionSearch, dict[str, str]]:
    """(search, errors by field) from the query string; with errors, the default search."""
    errors: dict[str, str] = {}
    when = args.get("when", "upcoming") or "upcoming"
    if when not in WHEN:
        errors["when"] = "Choose upcoming or past sessions"
    q = (args.get("q") or "").strip()
    if len(q) > 200:
        errors["q"] = "Search for at most 200 characters"
    start, end = _date(args.get("from", ""), "from", errors), _date(args.get("to", ""), "to", errors)
    if start and end and start > end:
        errors["to"] = "The end date must be the same as or after the start date"
    raw_page = args.get("page", "1") or "1"
    page = int(raw_page) if raw_page.isdigit() and len(raw_page) < 7 else 0
    if not 1 <= page <= MAX_PAGE:
        errors["page"] = f"The page must be a whole number from 1 to {MAX_PAGE:,}"
    if errors:
        return SessionSearch(), errors
    return SessionSearch(when, q, start, end, page), {}


def _utc(day: date) -> datetime:
    """Midnight at the start of a London date, as the naive UTC the database stores."""
    return datetime.combine(day, time(), LONDON).astimezone(UTC).replace(tzinfo=None)


def _where(search: SessionSearch) -> list:
    now = utcnow()
    where = [Event.ends_at > now] if search.when == "upcoming" else [Event.ends_at <= now]
    if search.q:
        escaped = search.q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append(sa.func.lower(Event.title).like(f"%{escaped}%", escape="\\"))
    if search.start:
        where.append(Event.starts_at >= _utc(search.start))
    if search.end:
        where.append(Event.starts_at < _utc(search.end + timedelta(days=1)))
    return where


def search_sessions(search: SessionSearch, per_page: int = PER_PAGE) -> SessionPage:
    """One page of sessions, drafts included: upcoming soonest first, past most recent first."""
    where = _where(search)
    order = (
        (Event.starts_at, Event.id)
        if search.when == "upcoming"
        else (Event.starts_at.desc(), Event.id.desc())
    )
    total = db.session.scalar(sa.select(sa.func.count(Event.id)).where(*where)) or 0
    stmt = (
        sa.select(Event).where(*where).order_by(*order)
        .offset((search.page - 1) * per_page).limit(per_page)
    )
    return SessionPage(list(db.session.scalars(stmt)), total, search, per_page)
