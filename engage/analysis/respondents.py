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


def _people(flt: ResponseFilter, keys: tuple[str, ...]):
    """One submission id per person in scope: the latest with any 'About you' answer."""
    from engage.surveys.models import SubmissionState
    from engage.surveys.models import SurveySubmission as S

    person = sa.func.coalesce(S.respondent_id, -S.id)
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
    return sa.select(sa.func.max(S.id)).where(*where).group_by(person)


def people_by_answer(flt: ResponseFilter, keys: tuple[str, ...]) -> tuple[int, dict[str, dict]]:
    """(people who answered any of `keys`, {key: {answer or None: people}})."""
    from engage.surveys.models import SurveySubmission as S

    ids = _people(flt, keys).scalar_subquery()
    total = db.session.scalar(sa.select(sa.func.count()).where(S.id.in_(ids))) or 0
    out = {}
    for key in keys:
        column = getattr(S, key)
        rows = db.session.execute(
            sa.select(column, sa.func.count()).where(S.id.in_(ids)).group_by(column)
        )
        out[key] = dict(rows.all())
    return total, out
