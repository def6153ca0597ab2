"""Retention reaches every response's text, linked or anonymous, and the survey answer it
came from; `flask privacy purge --apply` is idempotent."""

import pytest
import sqlalchemy as sa

from engage.responses.models import Response
from engage.surveys.models import SurveyAnswer

PHONE = "07700 900789"


@pytest.fixture
def periods_of_zero_days(app):
    keys = [k for k in app.config if k.startswith("RETENTION_") and k.endswith("_DAYS")]
    saved = {k: app.config[k] for k in keys}
    app.config.update({k: 0 for k in keys})
    yield
    app.config.update(saved)


def test_purge_redacts_anonymous_text_and_survey_answers_once(
    db, runner, create_response, create_survey, answer_survey, periods_of_zero_days
):
    anonymous = create_response(f"Dealing outside the shop, ring me on {PHONE}")
    clean = create_response("Speeding on the A60 every morning")
    survey = create_survey()
    answer_survey(survey, {0: "agree", 1: "yes", 3: f"My number is {PHONE}"})
    dry = runner.invoke(args=["privacy", "purge"])
    assert "responses: 2 rows" in dry.output, dry.output
    db.session.expire_all()
    assert PHONE in db.session.get(Response, anonymous.id).text
    result = runner.invoke(args=["privacy", "purge", "--apply"])
    assert result.exit_code == 0 and "responses: 2 rows" in result.output, result.output
    db.session.expire_all()
    texts = db.session.scalars(sa.select(Response.text)).all()
    answers = db.session.scalars(sa.select(SurveyAnswer.text).where(SurveyAnswer.text.is_not(None)))
    assert not [t for t in [*texts, *answers] if "900789" in t]
    assert db.session.get(Response, clean.id).text == "Speeding on the A60 every morning"
    again = runner.invoke(args=["privacy", "purge", "--apply"])
    assert "responses: 0 rows" in again.output and "Total: 0 rows." in again.output, again.output
