"""The public list of published outcomes: sessions (from events), consultations and summits."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask import url_for

from engage.events.models import Event, EventState
from engage.extensions import db
from engage.outcomes.models import KIND_NAMES, Outcome, OutcomeKind
from engage.places import DISTRICTS
from engage.responses.models import Channel, Response, ResponseState, ResponseTag

# A session's priority areas: those raised in at least this many of its views, at most TOP.
SESSION_LABELS_TOP = 3


@dataclass
class OutcomeEntry:
    kind: str
    title: str
    published_at: datetime
    url: str
    summary: str
    districts: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.kind, self.kind)


def session_labels(event_ids: list[int]) -> dict[int, list[str]]:
    """The most-raised priority areas among each session's views (not hidden, not `other`)."""
    if not event_ids:
        return {}
    rows = db.session.execute(
        sa.select(Response.source_id, ResponseTag.label, sa.func.count(ResponseTag.id))
        .join(ResponseTag, ResponseTag.response_id == Response.id)
        .where(Response.channel == Channel.event, Response.source_id.in_(event_ids),
               Response.status != ResponseState.hidden, ResponseTag.label != "other")
        .group_by(Response.source_id, ResponseTag.label)
    )
    counts: dict[int, Counter] = defaultdict(Counter)
    for source_id, label, n in rows:
        counts[source_id][label] = n
    return {eid: sorted(label for label, _ in c.most_common(SESSION_LABELS_TOP))
            for eid, c in counts.items()}


def _sessions() -> list[OutcomeEntry]:
    events = list(db.session.scalars(
        sa.select(Event).where(Event.status == EventState.closed,
                               Event.outcome_published_at.is_not(None))
    ))
    labels = session_labels([e.id for e in events])
    return [
        OutcomeEntry(
            kind=OutcomeKind.session, title=e.title, published_at=e.outcome_published_at,
            url=url_for("events.show", event_id=e.id, _anchor="outcome"),
            summary=e.outcome_summary,
            districts=[e.district] if e.district in DISTRICTS else [],
            labels=labels.get(e.id, []),
        )
        for e in events
    ]


def outcome_url(outcome: Outcome) -> str:
    if outcome.kind == OutcomeKind.consultation:
        return url_for("outcomes.consultation", survey_id=outcome.survey_id)
    return url_for("outcomes.summit", summit_id=outcome.summit_id)


def _published() -> list[OutcomeEntry]:
    return [
        OutcomeEntry(
            kind=o.kind, title=o.title, published_at=o.published_at, url=outcome_url(o),
            summary=o.will_do, districts=list(o.districts or []), labels=list(o.labels or []),
        )
        for o in db.session.scalars(sa.select(Outcome))
    ]


def published_outcomes(district: str | None = None, label: str | None = None,
                       kind: str | None = None) -> list[OutcomeEntry]:
    """Every published outcome, newest first. A district filter keeps county-wide outcomes
    (those naming no district), since they concern every district."""
    entries = _sessions() + _published()
    if district:
        entries = [e for e in entries if not e.districts or district in e.districts]
    if label:
        entries = [e for e in entries if label in e.labels]
    if kind:
        entries = [e for e in entries if e.kind == kind]
    return sorted(entries, key=lambda e: (e.published_at, e.title), reverse=True)

