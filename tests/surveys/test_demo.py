"""The demo surveys are built from the plan, answered, and seeding twice adds nothing."""

import random

from engage.responses.models import Response
from engage.surveys.ambitions import tracker
from engage.surveys.demo import PCS_SURVEY, seed_survey_text, seed_surveys
from engage.surveys.models import Survey, SurveyAnswer, SurveySubmission
from engage.surveys.queries import survey_results


def test_seeding_builds_both_surveys_with_answers_once(db):
    plan = seed_surveys(random.Random(1))
    db.session.commit()
    pcs = db.session.scalar(db.select(Survey).filter_by(title=PCS_SURVEY))
    assert plan.is_open and pcs.is_open and len(plan.sections) == 3
    kinds = {q.kind for q in plan.questions}
    assert {"district", "grid", "ranking", "multiple_choice", "long_text"} <= kinds
    assert not survey_results(plan)["suppressed"]
    linked = db.session.scalar(
        db.select(db.func.count(Response.id))
        .join(SurveyAnswer, SurveyAnswer.id == Response.source_id)
        .where(Response.channel == "survey", SurveyAnswer.response_id == Response.id)
    )
    assert linked >= 35  # written answers from both surveys, each linked to its answer row
    seed_survey_text(
        random.Random(2), "Cars race up and down our street every night", "unknown", pcs.opens_at
    )
    count = db.session.scalar(db.select(db.func.count(SurveySubmission.id)))
    assert seed_surveys(random.Random(1)).id == plan.id
    assert db.session.scalar(db.select(db.func.count(SurveySubmission.id))) == count
    rows = {r["id"]: r for r in tracker()}
    for indicator in (
        "public_confidence",
        "police_visible_accessible",
        "dealing_with_local_concerns",
    ):
        assert rows[indicator]["measured"] and len(rows[indicator]["quarters"]) >= 6
        assert rows[indicator]["current"] is not None
