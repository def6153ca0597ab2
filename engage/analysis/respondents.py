"""The people who answered the 'About you' (equality) questions, each counted once, for
the representation page.

Which channels ask: consultation surveys (online and paper; the answers are on the
SurveySubmission), and, since the same questions were added to them, views given at
sessions, rural crime summit submissions and 'tell us in confidence' (the answers are in
equality_answers, one row per response). Community partners' submissions (about a group,
not a person) and session registrations (not a response) ask none, so nobody is placed in
an equality group from those.

Who is one person: a signed-in respondent is one person however many surveys and forms
they answered, with their most recent answers (a survey submission's completion time or a
response's sending time, whichever is later); each survey submission made without
signing in or entered from paper, and each anonymous session view, summit submission or
'tell us in confidence' with at least one answer, is one person. Every one counts whether
or not it wrote any free text. One statement: the answer sets in scope from both tables
(a UNION ALL), each signed-in person's latest picked by a window function, then one
GROUP BY per question; the output is bounded by the number of answers offered, not by the
number of people."""

from datetime import datetime, time, timedelta

import sqlalchemy as sa

from engage.extensions import db
from engage.responses.queries import ResponseFilter

CHANNELS_ASKED = ("survey", "event", "summit", "direct")
CHANNELS_NOT_ASKED = ("voices",)


def _in_scope(model, at, flt: ResponseFilter, keys: tuple[str, ...]) -> list:
    """The filters that apply to people: dates (on when the answers were given) and the
    'About you' filters; at least one of `keys` answered."""
    where = [sa.or_(*[getattr(model, k).is_not(None) for k in keys])]
    if flt.since:
        where.append(at >= datetime.combine(flt.since, time.min))
    if flt.until:
        where.append(at < datetime.combine(flt.until + timedelta(days=1), time.min))
    for key, value in flt.equality:
        where.append(getattr(model, key) == value)
    return where


def _answer_sets(flt: ResponseFilter, keys: tuple[str, ...], columns: list[str]) -> list[sa.Select]:
    """Every answer set in scope, from surveys and (unless one survey is asked about) the
    other channels: who gave it (NULL: anonymous), when, and the answers in `columns`."""
    from engage.responses.models import EqualityAnswers as E
    from engage.surveys.models import SubmissionState
    from engage.surveys.models import SurveySubmission as S

    at = sa.func.coalesce(S.completed_at, S.started_at)
    surveys = sa.select(S.respondent_id.label("respondent_id"), at.label("at"), sa.literal(0).label("src"),
                        S.id.label("row_id"), *[getattr(S, c) for c in columns]
                        ).where(S.status == SubmissionState.completed, *_in_scope(S, S.completed_at, flt, keys))
    if flt.survey_id:
        return [surveys.where(S.survey_id == flt.survey_id)]
    others = sa.select(E.respondent_id, E.answered_at, sa.literal(1), E.id, *[getattr(E, c) for c in columns]
                       ).where(*_in_scope(E, E.answered_at, flt, keys))
    return [surveys, others]


def _people(flt: ResponseFilter, keys: tuple[str, ...], columns: list[str]):
    """One row of answers per person in scope: every anonymous answer set as it is, and
    each signed-in person's latest (a window over the signed-in sets only, so the sort is
    bounded by them, not by everyone)."""
    sets = _answer_sets(flt, keys, columns)
    anonymous = [s.where(s.selected_columns.respondent_id.is_(None)) for s in sets]
    signed = sa.union_all(*[s.where(s.selected_columns.respondent_id.is_not(None)) for s in sets]).subquery("signed")
    latest = sa.func.row_number().over(partition_by=signed.c.respondent_id,
                                       order_by=(signed.c.at.desc(), signed.c.src.desc(), signed.c.row_id.desc()))
    ranked = sa.select(latest.label("nth"), *[signed.c[c] for c in columns]).subquery("ranked")
    anonymous = [s.with_only_columns(*[s.selected_columns[c] for c in columns]) for s in anonymous]
    return sa.union_all(*anonymous, sa.select(*[ranked.c[c] for c in columns]).where(ranked.c.nth == 1)).cte("people")


def people_by_answer(flt: ResponseFilter, keys: tuple[str, ...],
                     exclude: dict[str, dict[str, list[str]]] | None = None) -> tuple[int, dict[str, dict]]:
    """(people who answered any of `keys`, {key: {answer or None: people}}), in one
    statement: the people are found once (a CTE, materialised as it is read several
    times) and grouped by each question in a UNION ALL.

    `exclude` leaves people out of one question's counts by another answer, e.g.
    {"sexual_orientation": {"age_band": ["under_18"]}}: the census asked that question of
    people aged 16 and over only. Someone who did not answer the other question is kept."""
    exclude = exclude or {}
    columns = list(dict.fromkeys([*keys, *(c for rule in exclude.values() for c in rule)]))
    people = _people(flt, keys, columns)
    parts = [sa.select(sa.literal("*").label("key"), sa.literal(None, sa.String).label("answer"),
                       sa.func.count().label("n")).select_from(people)]
    parts += [
        sa.select(sa.literal(k).label("key"), people.c[k].label("answer"), sa.func.count().label("n"))
        .where(*[sa.or_(people.c[col].is_(None), people.c[col].not_in(values))
                 for col, values in exclude.get(k, {}).items()])
        .group_by(people.c[k])
        for k in keys
    ]
    out: dict[str, dict] = {k: {} for k in keys}
    total = 0
    for key, answer, n in db.session.execute(sa.union_all(*parts)):
        if key == "*":
            total = n
        else:
            out[key][answer] = n
    return total, out
