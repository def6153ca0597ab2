"""The quarterly Performance and Insight view: for every Key Ambition of the active plan,
its baseline, its latest figure (recorded from another source, or measured by our
surveys) with that figure's source and period, the target, a status and the trend by
quarter. A survey measure is 'met' only when its 95% interval clears the target."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from engage.plan.active import active_plan
from engage.plan.figures import figures_for
from engage.plan.quarters import quarter_bounds, quarter_of
from engage.surveys.ambitions import met, tracker

MET, NOT_MET, UNKNOWN = "met", "not met", "not yet known"
SURVEY_SOURCE = "Our surveys (share of people answering the indicator question)"


def performance(today: date | None = None) -> list[dict]:
    """One row per ambition of the active plan, in the plan's order; a survey quarter not
    over by `today` (London) is marked as still running."""
    today = today or datetime.now(ZoneInfo("Europe/London")).date()
    survey = {row["id"]: row for row in tracker()}
    figures: dict[str, list] = {}
    for figure in figures_for([a["id"] for a in active_plan().ambitions]):
        figures.setdefault(figure.ambition_id, []).append(figure)
    return [_row(a, survey.get(a["id"]), figures.get(a["id"], []), today) for a in active_plan().ambitions]


def _row(ambition: dict, survey: dict | None, figures: list, today: date) -> dict:
    points = [_recorded_point(f) for f in figures] + _survey_points(survey, today)
    points.sort(key=lambda p: (p["period_end"], p["kind"] == "recorded"))
    latest = points[-1] if points else None
    return ambition | {"latest": latest, "status": status(ambition, latest),
                       "trend": _trend(points), "figures": figures}


def _recorded_point(figure) -> dict:
    return {"kind": "recorded", "value": figure.value, "source": figure.source,
            "period_start": figure.period_start, "period_end": figure.period_end,
            "quarter": quarter_of(figure.period_end), "interval": None, "answered": None,
            "note": figure.note, "running": False}


def _survey_points(survey: dict | None, today: date) -> list[dict]:
    out = []
    for q in (survey or {}).get("quarters", []):
        if q["value"] is None:
            continue  # fewer than MIN_GROUP answers: not shown
        start, end = quarter_bounds(q["quarter"])
        out.append({"kind": "survey", "value": q["value"], "source": SURVEY_SOURCE,
                    "period_start": start, "period_end": end, "quarter": q["quarter"],
                    "interval": q["interval"], "answered": q["answered"], "note": "",
                    "running": end >= today})
    return out


def status(ambition: dict, point: dict | None) -> str:
    """Met / not met / not yet known. A survey share is judged by its interval (too close
    to call is not yet known); a recorded figure (a count of every case, not a sample) by
    its value. Where the plan sets no number ('Reduce', 'Increase') the baseline is the line."""
    if point is None:
        return UNKNOWN
    line = ambition["target"] if ambition["target"] is not None else ambition["baseline"]
    if line is None:
        return UNKNOWN
    if point["kind"] == "survey":
        verdict = met(ambition | {"target": line}, point["interval"])
        return UNKNOWN if verdict is None else MET if verdict else NOT_MET
    above = point["value"] > line
    below = point["value"] < line
    return MET if (above if ambition["direction"] == "above" else below) else NOT_MET


def _trend(points: list[dict]) -> list[dict]:
    """The latest point of each quarter, oldest quarter first."""
    by_quarter: dict[str, dict] = {}
    for point in points:  # points are in period order: the last one per quarter wins
        by_quarter[point["quarter"]] = point
    return [by_quarter[q] for q in sorted(by_quarter)]
