"""Reading summits and building the agenda officers take to the summit."""

from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from engage.extensions import db
from engage.places import DISTRICTS
from engage.privacy.gate import response_text
from engage.public.queries import current_summit  # noqa: F401  (one definition of "current")
from engage.responses.models import Response, ResponseState
from engage.summit.models import NOT_REPORTED_REASONS, RURAL_CRIMES, Summit, SummitSubmission

QUOTES_PER_GROUP = 3


def all_summits() -> list[Summit]:
    return list(db.session.scalars(sa.select(Summit).order_by(Summit.held_on.desc())))


def submissions_of(summit: Summit) -> list[SummitSubmission]:
    """Oldest first, with their responses and tags loaded."""
    stmt = (
        sa.select(SummitSubmission)
        .where(SummitSubmission.summit_id == summit.id)
        .options(selectinload(SummitSubmission.response).selectinload(Response.tags))
        .order_by(SummitSubmission.submitted_at, SummitSubmission.id)
    )
    return list(db.session.scalars(stmt))


@dataclass
class AgendaGroup:
    """One agenda item: a rural crime type or a priority area, and what was said about it."""

    key: str
    name: str
    count: int = 0
    reported: int = 0
    not_reported: int = 0
    by_district: Counter = field(default_factory=Counter)
    quotes: list[str] = field(default_factory=list)

    @property
    def share_not_reported(self) -> float | None:
        answered = self.reported + self.not_reported
        return round(self.not_reported / answered, 3) if answered else None

    def add(self, sub: SummitSubmission) -> None:
        self.count += 1
        self.by_district[sub.district] += 1
        if sub.reported is True:
            self.reported += 1
        elif sub.reported is False:
            self.not_reported += 1
        resp = sub.response
        if (
            resp is not None
            and resp.consent_to_quote
            and not resp.safeguarding_flag
            and resp.status != ResponseState.hidden
            and len(self.quotes) < QUOTES_PER_GROUP
        ):
            # Printed for the summit audience: never a flagged disclosure, always redacted.
            self.quotes.append(response_text(resp))


@dataclass
class Agenda:
    summit: Summit
    total: int
    overall: AgendaGroup
    crimes: list[AgendaGroup]
    areas: list[AgendaGroup]
    reasons: list[tuple[str, str, int]]
    speakers: list[SummitSubmission]


def _ranked(groups: dict[str, AgendaGroup]) -> list[AgendaGroup]:
    return sorted((g for g in groups.values() if g.count), key=lambda g: (-g.count, g.name))


def build_agenda(summit: Summit) -> Agenda:
    """Submissions grouped by rural crime type and by priority-area tag, busiest first,
    with counts by district and the share not reported to the police."""
    from engage.plan.active import label_name

    subs = submissions_of(summit)
    overall = AgendaGroup("all", "All submissions")
    crimes = {k: AgendaGroup(k, name) for k, name in RURAL_CRIMES.items()}
    areas: dict[str, AgendaGroup] = {}
    reasons: Counter = Counter()
    for sub in subs:
        overall.add(sub)
        for crime in sub.crimes:
            if crime in crimes:
                crimes[crime].add(sub)
        for label in sub.labels:
            areas.setdefault(label, AgendaGroup(label, label_name(label))).add(sub)
        if sub.not_reported_reason:
            reasons[sub.not_reported_reason] += 1
    reason_rows = [(k, NOT_REPORTED_REASONS.get(k, k), n) for k, n in reasons.most_common()]
    return Agenda(
        summit=summit,
        total=len(subs),
        overall=overall,
        crimes=_ranked(crimes),
        areas=_ranked(areas),
        reasons=reason_rows,
        speakers=[s for s in subs if s.wants_to_speak],
    )


def _percent(share: float | None) -> str:
    return "" if share is None else f"{share * 100:.0f}%"


def agenda_table(agenda: Agenda) -> tuple[list[str], list[list]]:
    """The summit pack as one table: a row per agenda item, with district counts."""
    headers = [
        "group",
        "id",
        "name",
        "submissions",
        "reported",
        "not_reported",
        "share_not_reported",
    ] + [DISTRICTS[d] for d in DISTRICTS]
    rows = []
    for group_name, groups in (
        ("all", [agenda.overall]),
        ("rural_crime", agenda.crimes),
        ("priority_area", agenda.areas),
    ):
        for g in groups:
            rows.append(
                [
                    group_name,
                    g.key,
                    g.name,
                    g.count,
                    g.reported,
                    g.not_reported,
                    _percent(g.share_not_reported),
                ]
                + [g.by_district[d] for d in DISTRICTS]
            )
    return headers, rows
