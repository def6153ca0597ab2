"""A closed consultation's public outcome: counts by area and objective as charts with
tables, only approved quotes, and an email to those who asked to hear back."""

from engage.outcomes import services
from engage.outcomes.moderation import moderate
from engage.responses.corrections import apply_tag_correction
from engage.responses.models import Response
from engage.surveys.models import SurveySubmission
from engage.surveys.services import close_survey

SPEEDING = "Cars speed through the village every morning and nobody checks them. Call 07700 900456."
ASB = "Young people gather by the shops at night and the noise keeps the whole street awake."
HIDDEN = "Kids on off-road bikes tear up the playing field behind the school most weekends."


def _answered(db, create_survey, answer_survey, create_user):
    survey = create_survey(about_you=False)
    asked = create_user("resident", email="asked@example.org")
    quiet = create_user("resident", email="quiet@example.org")
    subs = [
        answer_survey(survey, {0: "agree", 1: "yes", 3: SPEEDING}, consent_to_quote=True, respondent=asked),
        answer_survey(survey, {0: "agree", 1: "yes", 3: ASB}, consent_to_quote=True, respondent=quiet),
        answer_survey(survey, {0: "agree", 1: "yes", 3: HIDDEN}, consent_to_quote=True),
    ]
    subs[0].hear_back = True
    close_survey(survey)
    db.session.commit()
    texts = {a.response_id for s in subs for a in s.answers if a.response_id}
    found = db.session.scalars(db.select(Response).where(Response.id.in_(texts)).order_by(Response.id))
    return survey, list(found)


def test_outcome_page_counts_by_area_and_objective_and_quotes_only_approved(
    client, db, create_survey, answer_survey, create_user, dummy_officer
):
    survey, (speeding, asb, hidden) = _answered(db, create_survey, answer_survey, create_user)
    for r in (speeding, asb, hidden):
        apply_tag_correction(r, ["road_safety"] if r is speeding else ["asb"], [], dummy_officer)
    moderate(speeding, "approve", "", dummy_officer)
    moderate(hidden, "hide", "Identifies a school", dummy_officer)
    services.publish_consultation_outcome(
        survey, {"heard": "Speeding and nuisance.", "will_do": "Speed checks."}, dummy_officer)
    db.session.commit()
    page = client.get(f"/consultations/{survey.id}/outcome").get_data(as_text=True)
    assert "2 people wrote to us" in page  # the hidden response is not counted
    assert "Responses by priority area" in page and "Responses by objective of the plan" in page
    assert '<table class="govuk-table">' in page and "<svg" in page
    assert "Cars speed through the village" in page  # approved
    assert "07700" not in page  # redacted by the output gate
    assert "Young people gather" not in page  # consented but not approved
    assert "off-road bikes" not in page  # hidden


def test_publishing_emails_only_those_who_asked_once(
    client, db, create_survey, answer_survey, create_user, dummy_officer, smtp
):
    survey, _ = _answered(db, create_survey, answer_survey, create_user)
    services.publish_consultation_outcome(survey, {"heard": "H", "will_do": "W"}, dummy_officer)
    services.publish_consultation_outcome(survey, {"heard": "H2", "will_do": "W2"}, dummy_officer)
    db.session.commit()
    told = [m for m in smtp.messages if m["subject"].startswith("You said, we did")]
    assert [m["to"][0] for m in told] == ["asked@example.org"]
    assert f"/consultations/{survey.id}/outcome" in told[0]["body"]


def test_signed_in_respondent_asks_to_hear_back_on_the_check_page(
    client, db, create_survey, create_user, sign_in
):
    survey = create_survey(about_you=False)
    q = [f"q{x.id}" for x in survey.questions]
    sign_in(create_user("resident", email="keen@example.org"))
    client.post(f"/surveys/{survey.id}/start")
    client.post(f"/surveys/{survey.id}/page/1", data={q[0]: "agree", q[1]: "no", q[2]: "gedling"})
    resp = client.post(f"/surveys/{survey.id}/page/2", data={f"{q[6]}-prevent": "2", f"{q[6]}-respond": "1",
                                                             f"{q[6]}-support": "3"})
    assert resp.headers["Location"].endswith("/check")
    assert "Email me when you publish" in client.get(f"/surveys/{survey.id}/check").get_data(as_text=True)
    done = client.post(f"/surveys/{survey.id}/check", data={"consent_to_quote": "no", "hear_back": "yes"})
    assert done.headers["Location"].endswith("/done")
    assert db.session.scalar(db.select(SurveySubmission)).hear_back is True


def test_anonymous_respondent_is_not_offered_hear_back(client, db, create_survey):
    survey = create_survey(about_you=False)
    q = [f"q{x.id}" for x in survey.questions]
    client.post(f"/surveys/{survey.id}/start")
    client.post(f"/surveys/{survey.id}/page/1", data={q[0]: "agree", q[1]: "no", q[2]: "gedling"})
    client.post(f"/surveys/{survey.id}/page/2", data={f"{q[6]}-prevent": "2", f"{q[6]}-respond": "1",
                                                      f"{q[6]}-support": "3"})
    check = client.get(f"/surveys/{survey.id}/check").get_data(as_text=True)
    assert "Send your answers" in check and "Email me when you publish" not in check
    client.post(f"/surveys/{survey.id}/check", data={"consent_to_quote": "no", "hear_back": "yes"})
    assert db.session.scalar(db.select(SurveySubmission)).hear_back is False
