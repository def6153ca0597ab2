"""What we heard, in public (/what-we-heard): per financial quarter and district, the share
of responses by priority area. Counts only, no text; any count under SMALL is suppressed
so that nobody can be singled out in a small area, and so is any count (or district total)
from which a suppressed one could be worked out."""

from dataclasses import dataclass
from datetime import date, timedelta

from engage.analysis.tally import Tally
from engage.db import utcnow
from engage.places import DISTRICTS
from engage.privacy.suppression import PROTECT_REASON, SMALL_REASON, protect_column
from engage.responses.queries import ResponseFilter

SMALL = 10


@dataclass(frozen=True)
class Quarter:
    start: date
    end: date  # inclusive

    @property
    def key(self) -> str:
        # Financial year quarters: Q1 is April to June.
        fy = self.start.year if self.start.month >= 4 else self.start.year - 1
        return f"{fy}-Q{(self.start.month - 4) % 12 // 3 + 1}"

    @property
    def name(self) -> str:
        return f"{self.start:%B} to {self.end:%B %Y}"


def quarter_of(day: date) -> Quarter:
    first_month = (day.month - 1) // 3 * 3 + 1
    start = date(day.year, first_month, 1)
    after = date(day.year + (first_month + 3 > 12), (first_month + 2) % 12 + 1, 1)
    return Quarter(start, after - timedelta(days=1))


def recent_quarters(count: int = 6, today: date | None = None) -> list[Quarter]:
    """The current quarter and the `count - 1` before it, newest first."""
    quarters = [quarter_of(today or utcnow().date())]
    while len(quarters) < count:
        quarters.append(quarter_of(quarters[-1].start - timedelta(days=1)))
    return quarters


@dataclass(frozen=True)
class Cell:
    count: int | None  # None: hidden
    share: float | None
    hidden: str | None = None  # SMALL_REASON (under SMALL) or PROTECT_REASON (protects another)


def district_shares(quarter: Quarter) -> dict:
    """{"districts": {district: total or None}, "withheld": {district: reason},
    "areas": {label: {district: Cell}}}, with small counts and any count that would
    reveal one hidden (engage.privacy.suppression)."""
    from nlp.taxonomy import LABELS

    tally = Tally(ResponseFilter(since=quarter.start, until=quarter.end))
    totals = tally.by("district")
    breakdown = tally.breakdown("district")
    districts, withheld, areas = {}, {}, {label: {} for label in LABELS}
    for d in DISTRICTS:
        total = totals.get(d, 0)
        counts = {label: breakdown.get(label, {}).get(d, 0) for label in LABELS}
        column = protect_column(total, counts, SMALL)
        districts[d] = total if column.total_shown else None
        if not column.total_shown:
            withheld[d] = SMALL_REASON if total < SMALL else PROTECT_REASON
        for label, n in counts.items():
            reason = column.hidden.get(label)
            areas[label][d] = Cell(None, None, reason) if reason else Cell(n, round(n / total, 3))
    return {"districts": districts, "withheld": withheld, "areas": areas}
