"""Counting the filtered stream by priority area, objective, channel, district,
community group and month: the numbers behind the dashboard and the summary."""

from collections import defaultdict

import sqlalchemy as sa

from engage.analysis.tally import Tally
from engage.extensions import db
from engage.responses.models import Response, ResponseTag
from engage.responses.queries import ResponseFilter


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
    # A semi-join: each submission counted once without a DISTINCT over every answer.
    answered = (
        sa.select(SurveyAnswer.submission_id)
        .join(Response, sa.and_(Response.source_id == SurveyAnswer.id, Response.channel == "survey"))
        .where(*flt.where())
    )
    stmt = sa.select(column, sa.func.count()).where(SurveySubmission.id.in_(answered)).group_by(column)
    return _pairs(stmt)


def equality_breakdowns(flt: ResponseFilter, keys: list[str]) -> dict[str, tuple[dict, dict, dict]]:
    """key -> (answer -> survey responses, label -> {answer -> responses with it},
    answer -> people) for every 'About you' question in `keys`, from two grouped reads
    over all of them at once (each submission holds all its answers, so one grouping by
    every answer gives each question's counts by summing)."""
    from collections import Counter

    from engage.analysis.reads import read_all
    from engage.surveys.models import SurveyAnswer, SurveySubmission

    columns = [getattr(SurveySubmission, key) for key in keys]

    def scoped(stmt):
        return (stmt.join(SurveyAnswer, SurveyAnswer.id == Response.source_id)
                .join(SurveySubmission, SurveySubmission.id == SurveyAnswer.submission_id)
                .where(*flt.where(), Response.channel == "survey"))

    counts = {key: (Counter(), defaultdict(Counter), Counter()) for key in keys}
    # Responses per submission first, so people are counted without a DISTINCT.
    per_person = scoped(sa.select(*columns, sa.func.count(Response.id).label("n")).select_from(Response)
                        ).group_by(SurveySubmission.id).subquery()
    grouped = [per_person.c[key] for key in keys]
    totals = sa.select(*grouped, sa.func.sum(per_person.c.n), sa.func.count()).group_by(*grouped)
    for *answers, n, people in read_all(totals):
        for key, answer in zip(keys, answers, strict=True):
            counts[key][0][answer] += int(n)  # PostgreSQL sums counts as numeric
            counts[key][2][answer] += people
    labelled = scoped(sa.select(*columns, ResponseTag.label, sa.func.count(Response.id)).select_from(ResponseTag)
                      .join(Response, Response.id == ResponseTag.response_id)).group_by(*columns, ResponseTag.label)
    for *answers, label, n in read_all(labelled):
        for key, answer in zip(keys, answers, strict=True):
            counts[key][1][label][answer] += n
    return {key: (dict(c), {lb: dict(v) for lb, v in by.items()}, dict(p)) for key, (c, by, p) in counts.items()}
