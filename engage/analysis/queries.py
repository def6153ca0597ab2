"""Counting the filtered stream by priority area, objective, channel, district,
community group and month: the numbers behind the dashboard and the summary."""

from collections import defaultdict
from dataclasses import replace
from datetime import datetime, time, timedelta

import sqlalchemy as sa

from engage.analysis.reads import read_all
from engage.analysis.tally import Tally
from engage.extensions import db
from engage.responses.models import Response, ResponseState, ResponseTag
from engage.responses.queries import ResponseFilter

QUOTE_MIN, QUOTE_MAX = 30, 700


def _pairs(stmt) -> dict:
    return {key: n for key, n in db.session.execute(stmt).all()}


def count_total(flt: ResponseFilter) -> int:
    """Responses in scope, from the rollup where it can answer."""
    return Tally(flt).total()


def count_by_label(flt: ResponseFilter) -> dict[str, int]:
    """label -> responses carrying it (a response with two labels counts for both)."""
    return Tally(flt).by_label()


def count_by_objective(flt: ResponseFilter) -> dict[str, int]:
    """objective -> responses with at least one label that rolls up to it."""
    return Tally(flt).by_objective()


def count_by(flt: ResponseFilter, dimension: str) -> dict[str | None, int]:
    """value of `dimension` (channel, district, community_group) -> responses."""
    return Tally(flt).by(dimension)


def count_by_month(flt: ResponseFilter) -> dict[str, int]:
    """'YYYY-MM' -> responses, oldest first (months are stored in the rollup)."""
    return Tally(flt).by_month()


def label_breakdown(flt: ResponseFilter, dimension: str) -> dict[str, dict[str | None, int]]:
    """label -> {value of dimension -> responses with that label}."""
    return Tally(flt).breakdown(dimension)


def co_occurrence(flt: ResponseFilter) -> dict[str, dict[str, int]]:
    """label -> {other label -> responses carrying both}."""
    return Tally(flt).co_occurrence()


def quotable(flt: ResponseFilter, labels: list[str], limit: int) -> list:
    """(label, reference, text, channel, district) of responses that may be quoted for
    each of `labels`: consent given, not safeguarding-flagged, not hidden by moderation,
    a readable length; per label the surest first (analysts' tags, newest first, then
    the model's highest scores), at most `limit` each, all in one statement. The model's
    part is `score DESC` on one label, which walks the (label, score) index backwards
    and stops after `limit` rows instead of sorting every tag of the label."""
    parts = []
    for label in labels:
        human = _quote_candidates(flt, label).where(ResponseTag.score.is_(None)).order_by(
            Response.submitted_at.desc())
        model = _quote_candidates(flt, label).where(ResponseTag.score.is_not(None)).order_by(
            ResponseTag.score.desc())
        parts += [human.limit(limit).subquery(), model.limit(limit).subquery()]
    if not parts:
        return []
    rows = read_all(sa.union_all(*(sa.select(p) for p in parts)))
    # A UNION promises no order: put each label's rows back in the order chosen above.
    rows.sort(key=lambda r: (r.label, r.score is not None, -(r.score or 0), -r.submitted_at.timestamp()))
    out, taken = [], defaultdict(int)
    for row in rows:
        if taken[row.label] < limit:
            taken[row.label] += 1
            out.append(tuple(row[:5]))
    return out


def _quote_candidates(flt: ResponseFilter, label: str) -> sa.Select:
    # The period is tested on coalesce(submitted_at): no index on submitted_at can serve
    # it, so the planner walks the label's scores and filters by date as it goes (a
    # period is wide; walking every response in it to sort them was the slow plan).
    received = sa.func.coalesce(Response.submitted_at, Response.submitted_at)
    period = []
    if flt.since:
        period.append(received >= datetime.combine(flt.since, time.min))
    if flt.until:
        period.append(received < datetime.combine(flt.until + timedelta(days=1), time.min))
    flt = replace(flt, since=None, until=None)
    return (
        sa.select(ResponseTag.label, Response.reference, Response.text, Response.channel,
                  Response.district, ResponseTag.score, Response.submitted_at)
        .join(Response, Response.id == ResponseTag.response_id)
        .where(
            *flt.where(),
            *period,
            ResponseTag.label == label,
            Response.consent_to_quote.is_(True),
            Response.safeguarding_flag.is_(False),
            Response.status != ResponseState.hidden,
            sa.func.length(Response.text).between(QUOTE_MIN, QUOTE_MAX),
        )
    )


def count_by_equality(flt: ResponseFilter, key: str) -> dict[str | None, int]:
    """answer to the 'About you' question `key` -> survey responses in the scope."""
    from engage.surveys.models import SurveyAnswer, SurveySubmission

    column = getattr(SurveySubmission, key)
    stmt = (
        sa.select(column, sa.func.count(Response.id))
        .join(SurveyAnswer, SurveyAnswer.id == Response.source_id)
        .join(SurveySubmission, SurveySubmission.id == SurveyAnswer.submission_id)
        .where(*flt.where(), Response.channel == "survey")
        .group_by(column)
    )
    return _pairs(stmt)


def label_by_equality(flt: ResponseFilter, key: str) -> dict[str, dict[str | None, int]]:
    """label -> {answer to `key` -> survey responses with that label}."""
    from engage.surveys.models import SurveyAnswer, SurveySubmission

    column = getattr(SurveySubmission, key)
    stmt = (
        sa.select(ResponseTag.label, column, sa.func.count(Response.id))
        .join(Response, Response.id == ResponseTag.response_id)
        .join(SurveyAnswer, SurveyAnswer.id == Response.source_id)
        .join(SurveySubmission, SurveySubmission.id == SurveyAnswer.submission_id)
        .where(*flt.where(), Response.channel == "survey")
        .group_by(ResponseTag.label, column)
    )
    out: dict[str, dict] = defaultdict(dict)
    for label, value, n in db.session.execute(stmt).all():
        out[label][value] = n
    return dict(out)


def count_respondents_by_equality(flt: ResponseFilter, key: str) -> dict[str | None, int]:
    """answer to `key` -> distinct survey submissions (people) with a response in scope."""
    from engage.surveys.models import SurveyAnswer, SurveySubmission

    column = getattr(SurveySubmission, key)
    stmt = (
        sa.select(column, sa.func.count(sa.distinct(SurveySubmission.id)))
        .join(SurveyAnswer, SurveyAnswer.submission_id == SurveySubmission.id)
        .join(
            Response, sa.and_(Response.source_id == SurveyAnswer.id, Response.channel == "survey")
        )
        .where(*flt.where())
        .group_by(column)
    )
    return _pairs(stmt)
