"""The people who answered the 'About you' (equality) questions, each counted once, for
the representation page.

Which channels ask: only consultation surveys (online and paper) carry the 'About you'
questions (engage/surveys/equality.py, stored on SurveySubmission). Session
registrations, views given at sessions, rural crime summit submissions, community
partners' submissions (about a group, not a person) and 'tell us in confidence' ask
none of them, so nobody from those channels can be placed in an equality group.

Who is one person: a signed-in respondent is one person however many surveys they
answered (their most recent submission with 'About you' answers is used); a submission
made without signing in, or entered from paper, is one person. Every completed
submission with at least one 'About you' answer counts, whether or not it wrote any free
text. One GROUP BY per question over an indexed subquery: bounded by the number of
answers offered, not by the number of people."""

from datetime import datetime, time, timedelta

import sqlalchemy as sa

from engage.extensions import db
from engage.responses.queries import ResponseFilter

CHANNELS_ASKED = ("survey",)
CHANNELS_NOT_ASKED = ("event", "summit", "voices", "direct")


def _people(flt: ResponseFilter, keys: tuple[str, ...]) -> list:
    """WHERE clauses for one submission per person in scope: every anonymous or paper one
    with any 'About you' answer, and each signed-in person's latest such submission."""
    from engage.surveys.models import SubmissionState
    from engage.surveys.models import SurveySubmission as S

    where = [S.status == SubmissionState.completed,
             sa.or_(*[getattr(S, k).is_not(None) for k in keys])]
    if flt.survey_id:
        where.append(S.survey_id == flt.survey_id)
    if flt.since:
        where.append(S.completed_at >= datetime.combine(flt.since, time.min))
    if flt.until:
        where.append(S.completed_at < datetime.combine(flt.until + timedelta(days=1), time.min))
    for key, value in flt.equality:
        where.append(getattr(S, key) == value)
    latest = sa.select(sa.func.max(S.id)).where(*where, S.respondent_id.is_not(None)).group_by(S.respondent_id)
    return [*where, sa.or_(S.respondent_id.is_(None), S.id.in_(latest))]


def people_by_answer(flt: ResponseFilter, keys: tuple[str, ...],
                     exclude: dict[str, dict[str, list[str]]] | None = None) -> tuple[int, dict[str, dict]]:
    """(people who answered any of `keys`, {key: {answer or None: people}}), in one
    statement: the people are found once (a CTE, materialised as it is read several
    times) and grouped by each question in a UNION ALL.

    `exclude` leaves people out of one question's counts by another answer, e.g.
    {"sexual_orientation": {"age_band": ["under_18"]}}: the census asked that question of
    people aged 16 and over only. Someone who did not answer the other question is kept."""
    from engage.surveys.models import SurveySubmission as S

    exclude = exclude or {}
    columns = list(dict.fromkeys([*keys, *(c for rule in exclude.values() for c in rule)]))
    people = sa.select(*[getattr(S, k) for k in columns]).where(*_people(flt, keys)).cte("people")
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
