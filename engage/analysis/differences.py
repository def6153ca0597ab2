"""Differences between groups: each priority area's share of a group's responses
against its share overall (lift), with a significance test of the group against
everyone else, and small groups suppressed so no one can be singled out."""

import math

import sqlalchemy as sa

from engage.analysis import queries
from engage.analysis.equality import about_you_questions, equality_keys, option_label
from engage.analysis.filters import community_group_name
from engage.analysis.tally import Tally
from engage.extensions import db
from engage.places import DISTRICTS
from engage.responses.queries import ResponseFilter

ALPHA = 0.05
MIN_GROUP = 10
METHOD = (
    "Each group against everyone else in scope: Fisher's exact test where any expected count "
    "is under 5, otherwise the chi-square test (with Yates' correction); p-values adjusted for "
    "the number of cells in each grid by the Benjamini-Hochberg method; "
    f"significant at alpha = {ALPHA}."
)


def p_value(in_group: int, group: int, in_all: int, total: int) -> float:
    """p-value of the 2x2 table: group vs the rest, with vs without the area."""
    from scipy.stats import chi2_contingency, fisher_exact

    table = [
        [in_group, group - in_group],
        [in_all - in_group, (total - group) - (in_all - in_group)],
    ]
    if min(group, total - group) == 0 or in_all in (0, total):
        return 1.0
    expected = [r * c / total for r in (group, total - group) for c in (in_all, total - in_all)]
    if min(expected) < 5:
        return float(fisher_exact(table)[1])
    return float(chi2_contingency(table, correction=True)[1])


def grid(
    title: str,
    groups: dict[str, str],
    group_counts: dict,
    by_label: dict[str, dict],
    people: dict | None = None,
) -> dict:
    """groups: key -> name; group_counts: key -> responses; by_label: label -> {key -> responses};
    people: key -> people, for suppression (defaults to responses). The baseline is every
    response in `group_counts`, including those in no named group."""
    from engage.plan.active import label_name
    from nlp.taxonomy import LABELS

    total = sum(group_counts.values())
    overall = {lb: sum(by_label.get(lb, {}).values()) for lb in LABELS}
    people = people if people is not None else group_counts
    shown = [g for g in groups if people.get(g, 0) >= MIN_GROUP]
    labels = [lb for lb in LABELS if overall.get(lb)]
    cells = {
        (lb, g): _cell(by_label.get(lb, {}).get(g, 0), group_counts.get(g, 0), overall[lb], total)
        for lb in labels
        for g in shown
    }
    _adjust(cells)
    return {
        "title": title,
        "total": total,
        "columns": [
            {"key": g, "name": groups[g], "n": group_counts.get(g, 0), "people": people.get(g, 0)}
            for g in shown
        ],
        "suppressed": [groups[g] for g in groups if 0 < people.get(g, 0) < MIN_GROUP],
        "rows": [
            {
                "label": lb,
                "name": label_name(lb),
                "overall": overall[lb],
                "overall_share": overall[lb] / total if total else 0.0,
                "cells": [cells[(lb, g)] for g in shown],
            }
            for lb in labels
        ],
    }


def differences_grid(flt: ResponseFilter) -> list[dict]:
    """Grids by district, community group and each 'About you' question."""
    from engage.analysis.filters import community_groups

    tally = Tally(flt)
    grids = [grid("Districts", dict(DISTRICTS), tally.by("district"), tally.breakdown("district"))]
    counts = tally.by("community_group")
    known = community_groups()
    keys = list(known) + sorted(k for k in counts if k and k not in known)
    grids.append(
        grid(
            "Community groups (lesser-heard voices)",
            {k: community_group_name(k) for k in keys},
            counts,
            tally.breakdown("community_group"),
        )
    )
    if not surveys_ready():
        return grids
    questions = about_you_questions()
    keys = equality_keys()
    for key, (counts, by_label, people) in queries.equality_breakdowns(flt, keys).items():
        options = {v: option_label(key, v) for v in questions[key]["options"]}
        grids.append(grid(f"Survey respondents: {questions[key]['text']}", options, counts, by_label, people))
    return grids


def surveys_ready() -> bool:
    """The survey tables exist (their migration has run)."""
    return sa.inspect(db.engine).has_table("survey_submissions")


def _cell(in_group: int, group: int, in_all: int, total: int) -> dict:
    share = in_group / group if group else 0.0
    overall = in_all / total if total else 0.0
    return {
        "count": in_group,
        "share": share,
        "lift": share / overall if overall else None,
        "p": p_value(in_group, group, in_all, total),
        "q": None,
        "significant": False,
    }


def _adjust(cells: dict) -> None:
    """Benjamini-Hochberg across the grid; a cell is significant when q < ALPHA."""
    from scipy.stats import false_discovery_control

    if not cells:
        return
    keys = list(cells)
    qs = false_discovery_control([cells[k]["p"] for k in keys])
    for k, q in zip(keys, qs, strict=True):
        q = float(q) if not math.isnan(q) else 1.0
        cells[k]["q"] = q
        cells[k]["significant"] = q < ALPHA
