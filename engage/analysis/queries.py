"""Counting the filtered stream by priority area, objective, channel, district,
community group and month: the numbers behind the dashboard and the summary."""

from collections import defaultdict

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from engage.extensions import db
from engage.responses.models import Response, ResponseState, ResponseTag
from engage.responses.queries import ResponseFilter

DIMENSIONS = {
    "channel": Response.channel,
    "district": Response.district,
    "community_group": Response.community_group,
}
QUOTE_MIN, QUOTE_MAX = 30, 700


def _pairs(stmt) -> dict:
    return {key: n for key, n in db.session.execute(stmt).all()}


def count_by_label(flt: ResponseFilter) -> dict[str, int]:
    """label -> responses carrying it (a response with two labels counts for both)."""
    stmt = (
        sa.select(ResponseTag.label, sa.func.count(ResponseTag.response_id))
        .join(Response, Response.id == ResponseTag.response_id)
        .where(*flt.where())
        .group_by(ResponseTag.label)
    )
    return _pairs(stmt)


def count_by_objective(flt: ResponseFilter) -> dict[str, int]:
    """objective -> responses with at least one label that rolls up to it."""
    from nlp.taxonomy import LABELS, OBJECTIVES, objectives_for

    out = {}
    for objective in OBJECTIVES:
        labels = [lb for lb in LABELS if objective in objectives_for(lb)]
        out[objective] = (
            db.session.scalar(
                sa.select(sa.func.count(Response.id)).where(
                    *flt.where(), Response.tags.any(ResponseTag.label.in_(labels))
                )
            )
            or 0
        )
    return out


def count_by(flt: ResponseFilter, dimension: str) -> dict[str | None, int]:
    """value of `dimension` (channel, district, community_group) -> responses."""
    column = DIMENSIONS[dimension]
    stmt = sa.select(column, sa.func.count(Response.id)).where(*flt.where()).group_by(column)
    return _pairs(stmt)


def month_of(column):
    """'YYYY-MM' of a timestamp, in each database's own dialect."""
    if db.engine.dialect.name == "postgresql":
        return sa.func.to_char(column, "YYYY-MM")
    return sa.func.strftime("%Y-%m", column)


def count_by_month(flt: ResponseFilter) -> dict[str, int]:
    month = month_of(Response.submitted_at).label("month")
    stmt = (
        sa.select(month, sa.func.count(Response.id))
        .where(*flt.where())
        .group_by(month)
        .order_by(month)
    )
    return _pairs(stmt)


def label_breakdown(flt: ResponseFilter, dimension: str) -> dict[str, dict[str | None, int]]:
    """label -> {value of dimension -> responses with that label}."""
    column = DIMENSIONS[dimension]
    stmt = (
        sa.select(ResponseTag.label, column, sa.func.count(Response.id))
        .join(Response, Response.id == ResponseTag.response_id)
        .where(*flt.where())
        .group_by(ResponseTag.label, column)
    )
    out: dict[str, dict] = defaultdict(dict)
    for label, value, n in db.session.execute(stmt).all():
        out[label][value] = n
    return dict(out)


def co_occurrence(flt: ResponseFilter) -> dict[str, dict[str, int]]:
    """label -> {other label -> responses carrying both}."""
    a, b = aliased(ResponseTag), aliased(ResponseTag)
    stmt = (
        sa.select(a.label, b.label, sa.func.count(a.response_id))
        .join(b, sa.and_(b.response_id == a.response_id, b.label != a.label))
        .join(Response, Response.id == a.response_id)
        .where(*flt.where())
        .group_by(a.label, b.label)
    )
    out: dict[str, dict] = defaultdict(dict)
    for first, second, n in db.session.execute(stmt).all():
        out[first][second] = n
    return dict(out)


def quotable(flt: ResponseFilter, label: str, limit: int) -> list[Response]:
    """Responses that may be quoted for `label`: consent given, not safeguarding-flagged,
    not hidden by moderation, a readable length; the model's surest first."""
    stmt = (
        sa.select(Response)
        .join(ResponseTag, ResponseTag.response_id == Response.id)
        .where(
            *flt.where(),
            ResponseTag.label == label,
            Response.consent_to_quote.is_(True),
            Response.safeguarding_flag.is_(False),
            Response.status != ResponseState.hidden,
            sa.func.length(Response.text).between(QUOTE_MIN, QUOTE_MAX),
        )
        .order_by(sa.func.coalesce(ResponseTag.score, 1.0).desc(), Response.submitted_at.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


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
