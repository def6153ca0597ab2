"""What a signed-in resident has sent us, one row per submission with the reference its
confirmation page and email gave them (a survey's or summit's own reference, not the
references of the responses it became)."""

from collections import OrderedDict

import sqlalchemy as sa

from engage.extensions import db
from engage.responses.models import Response


def sent_by(user_id: int) -> list[dict]:
    """[{reference, sent_at, channel, text}] newest first."""
    from engage.summit.models import SummitSubmission
    from engage.surveys.models import SurveyAnswer, SurveySubmission

    rows: OrderedDict[str, dict] = OrderedDict()
    responses = db.session.scalars(sa.select(Response).where(Response.respondent_id == user_id)
                                   .order_by(Response.submitted_at.desc(), Response.id))
    for r in responses:
        reference = r.reference
        if r.channel == "survey":
            reference = db.session.scalar(
                sa.select(SurveySubmission.reference).join(SurveyAnswer)
                .where(SurveyAnswer.id == r.source_id)) or r.reference
        elif r.channel == "summit":
            reference = db.session.scalar(sa.select(SummitSubmission.reference)
                                          .where(SummitSubmission.id == r.source_id)) or r.reference
        row = rows.setdefault(reference, {"reference": reference, "sent_at": r.submitted_at,
                                          "channel": r.channel, "texts": []})
        row["texts"].append(r.text)
    _add_surveys_without_text(rows, user_id)
    return sorted(({**row, "text": " / ".join(row["texts"])} for row in rows.values()),
                  key=lambda row: row["sent_at"], reverse=True)


def _add_surveys_without_text(rows: dict, user_id: int) -> None:
    """A survey answered only with choices made no response, but it was still sent."""
    from engage.surveys.models import SurveySubmission

    done = db.session.scalars(sa.select(SurveySubmission).where(
        SurveySubmission.respondent_id == user_id, SurveySubmission.completed_at.is_not(None)))
    for s in done:
        if s.reference and s.reference not in rows:
            rows[s.reference] = {"reference": s.reference, "sent_at": s.completed_at,
                                 "channel": "survey", "texts": [s.survey.title]}
