"""The rollup's cells projected to what the pages read (analysis_marginals).

A cell (month, district, channel, community group, label set) is too fine for a summary:
a million responses make hundreds of thousands of cells, because label sets are many.
What a summary shows is only ever a total, a count per label or objective, a count per
district/channel/community group (overall and per label) and label pairs, over all
responses or over those meeting one condition (a label, an objective, a district, a
channel, a community group). Each cell adds its count to those few keys; so a summary
with at most one such filter sums a few hundred rows a month.

The marginals are a pure function of the cells: they change by the projection of the
cells' change, in the same statement batch as the cells (rollups.apply_delta), and
rebuild and check from the cells' recount."""

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

import sqlalchemy as sa

from engage.analysis.models import AnalysisMarginal

MARGINAL_COLUMNS = ("cond", "month", "dim", "value", "label")
DIMS = ("district", "channel", "community_group")
WITH = "with"


def _objectives() -> tuple[tuple[str, frozenset[str]], ...]:
    """The active plan's objectives and their labels. Read each time (the plan is per
    request and an admin may load another): the cache below is keyed by it, so a process
    never projects with a plan that is no longer active."""
    from engage.plan.active import active_plan

    return active_plan().objective_items


def _items(district: str, channel: str, group: str, label_set: str) -> tuple[tuple, tuple]:
    return _items_under(district, channel, group, label_set, _objectives())


@lru_cache(maxsize=65536)
def _items_under(district: str, channel: str, group: str, label_set: str,
                 plan_objectives: tuple) -> tuple[tuple, tuple]:
    """(conditions the cell meets, (dim, value, label) items it counts towards)."""
    labels = label_set.split(",") if label_set else []
    objectives = ["@" + o for o, members in plan_objectives if members.intersection(labels)]
    values = {"district": district, "channel": channel, "community_group": group}
    conds = ("", *labels, *objectives, *(f"{d}:{v}" for d, v in values.items() if v))
    items = [("", "", x) for x in ("", *labels, *objectives)]
    items += [(d, v, x) for d, v in values.items() for x in ("", *labels)]
    items += [(WITH, b, a) for a in labels for b in labels if a != b]
    return conds, tuple(items)


def project(cells: Iterable[tuple[tuple, int]], only_cond: str | None = None) -> Counter:
    """(cond, month, dim, value, label) -> count, for (cell key, count) pairs; with
    `only_cond` just that condition's keys."""
    out: Counter = Counter()
    plan_objectives = _objectives()
    for (month, district, channel, group, label_set), n in cells:
        if not n:
            continue
        conds, items = _items_under(district, channel, group or "", label_set, plan_objectives)
        for cond in conds if only_cond is None else ((only_cond,) if only_cond in conds else ()):
            for dim, value, label in items:
                out[(cond, month, dim, value, label)] += n
    return out


def meets(cell: tuple, cond: str) -> bool:
    """Whether a cell's responses meet `cond`."""
    _month, district, channel, group, label_set = cell
    return cond in _items(district, channel, group or "", label_set)[0]


def condition(label=None, objective=None, district=None, channel=None, community_group=None) -> str | None:
    """The one condition a filter's label/objective/district/channel/community group amounts
    to ('' for none), or None when more than one is set (read the cells instead)."""
    given = [(k, v) for k, v in (("label", label), ("objective", objective), ("district", district),
                                 ("channel", channel), ("community_group", community_group)) if v]
    if not given:
        return ""
    if len(given) > 1:
        return None
    key, value = given[0]
    return value if key == "label" else "@" + value if key == "objective" else f"{key}:{value}"


def table() -> sa.Table:
    return AnalysisMarginal.__table__
