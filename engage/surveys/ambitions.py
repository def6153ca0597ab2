"""The active plan's Key Ambitions (engage/plan) and the tracker: for each indicator a
survey question measures, the share of respondents giving the answers that count
towards it, by financial-year quarter, against baseline and ambition."""

from collections import defaultdict

import sqlalchemy as sa

from engage.extensions import db
from engage.plan.active import active_plan
from engage.plan.quarters import quarter_of
from engage.surveys.models import SubmissionState, SurveyAnswer, SurveyQuestion, SurveySubmission

MIN_GROUP = 10
__all__ = ["MIN_GROUP", "ambitions", "interval", "met", "quarter_of", "tracker"]


def ambitions() -> list[dict]:
    return active_plan().ambitions


def ambition_ids() -> list[str]:
    return [a["id"] for a in ambitions()]


def ambition_choices() -> list[tuple[str, str]]:
    return [(a["id"], a["text"]) for a in ambitions()]


def _counts_towards(question: SurveyQuestion, value) -> bool:
    chosen = value if isinstance(value, list) else [value]
    return any(str(v) in question.indicator_values for v in chosen)


def interval(hits: int, n: int) -> tuple[float, float]:
    """The 95% Wilson score interval of hits/n, in percent: a quarter's share is a sample."""
    from scipy.stats import binomtest

    ci = binomtest(hits, n).proportion_ci(confidence_level=0.95, method="wilson")
    return round(100 * float(ci.low), 1), round(100 * float(ci.high), 1)


def met(ambition: dict, ci: tuple[float, float] | None) -> bool | None:
    """True only when the whole interval clears the ambition, False when it lies wholly on
    the wrong side, None when the interval spans it (too close to call) or there is none."""
    if ci is None or ambition["target"] is None:
        return None
    low, high = ci
    target = ambition["target"]
    if ambition["direction"] == "above":
        return True if low > target else False if high <= target else None
    return True if high < target else False if low >= target else None


def tracker() -> list[dict]:
    """Every Key Ambition; those measured by a survey carry quarters [{quarter, answered,
    value}] (value None when fewer than MIN_GROUP answered) and the latest value."""
    stmt = (
        sa.select(SurveyAnswer, SurveyQuestion, SurveySubmission.completed_at)
        .join(SurveyQuestion, SurveyAnswer.question_id == SurveyQuestion.id)
        .join(SurveySubmission, SurveyAnswer.submission_id == SurveySubmission.id)
        .where(
            SurveyQuestion.indicator.is_not(None),
            SurveySubmission.status == SubmissionState.completed,
        )
    )
    tally: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for answer, question, completed_at in db.session.execute(stmt):
        cell = tally[question.indicator][quarter_of(completed_at)]
        cell[0] += _counts_towards(question, answer.value)
        cell[1] += 1
    rows = []
    for ambition in ambitions():
        quarters = [
            {
                "quarter": q,
                "answered": n,
                "value": round(100 * hits / n, 1) if n >= MIN_GROUP else None,
                "interval": interval(hits, n) if n >= MIN_GROUP else None,
            }
            for q, (hits, n) in sorted(tally.get(ambition["id"], {}).items())
        ]
        latest = next((q for q in reversed(quarters) if q["value"] is not None), None)
        current = latest["value"] if latest else None
        rows.append(
            ambition
            | {
                "measured": ambition["id"] in tally,
                "quarters": quarters,
                "current": current,
                "current_interval": latest["interval"] if latest else None,
                "met": met(ambition, latest["interval"] if latest else None),
            }
        )
    return rows
