"""What we heard in one consultation, for its public outcome page: counts by priority area
and objective (charts with tables) and a few approved quotes. Hidden responses are left out."""

from collections import Counter

import sqlalchemy as sa

from engage.analysis.charts import Chart, bar_chart
from engage.extensions import db
from engage.mail.services import send_email
from engage.outcomes.models import Outcome
from engage.outcomes.moderation import approved_quotes
from engage.responses.models import Response, ResponseState, ResponseTag
from engage.surveys.models import SubmissionState, Survey, SurveySubmission
from engage.surveys.queries import survey_response_ids

QUOTES = 4


def heard_charts(survey: Survey) -> tuple[list[Chart], int]:
    """(area chart, objective chart) for the survey's free text, and how many responses."""
    from engage.plan.active import label_name, objectives_for

    ids = survey_response_ids(survey.id).where(Response.status != ResponseState.hidden)
    rows = db.session.execute(
        sa.select(ResponseTag.response_id, ResponseTag.label)
        .where(ResponseTag.response_id.in_(ids.scalar_subquery()))
    ).all()
    total = len({r for r, _ in rows})
    areas = Counter(label for _, label in rows)
    objectives: Counter = Counter()
    by_response: dict[int, set] = {}
    for response_id, label in rows:
        by_response.setdefault(response_id, set()).update(objectives_for(label))
    for found in by_response.values():
        objectives.update(found)
    area_rows = [(k, label_name(k), n, None) for k, n in areas.most_common()]
    objective_rows = [(k, k, n, None) for k, n in objectives.most_common()]
    return [
        bar_chart("heard-areas", "Responses by priority area", area_rows, total=total),
        bar_chart("heard-objectives", "Responses by objective of the plan", objective_rows, total=total),
    ], total


def heard_quotes(survey: Survey) -> list[str]:
    return approved_quotes(Response.id.in_(survey_response_ids(survey.id).scalar_subquery()),
                           limit=QUOTES)


def tell_those_who_asked(outcome: Outcome, url: str) -> int:
    """Email every signed-in respondent who asked to hear back (once per address)."""
    emails = set(db.session.scalars(
        sa.select(SurveySubmission.respondent_id)
        .where(SurveySubmission.survey_id == outcome.survey_id, SurveySubmission.hear_back.is_(True),
               SurveySubmission.status == SubmissionState.completed)
    ))
    from engage.accounts.models import User

    addresses = sorted({u.email for u in db.session.scalars(sa.select(User).where(User.id.in_(emails)))
                        if u.email})
    for address in addresses:
        send_email(address, f"You said, we did: {outcome.survey.title}", "consultation_outcome",
                   outcome=outcome, outcome_url=url)
    return len(addresses)
