"""The surveys JSON API."""

from engage.surveys.models import SurveySubmission


def test_list_and_read_open_surveys(client, db, create_survey):
    open_survey = create_survey()
    draft = create_survey("draft")
    items = client.get("/api/v1/surveys").get_json()["items"]
    assert [s["id"] for s in items] == [open_survey.id]
    detail = client.get(f"/api/v1/surveys/{open_survey.id}").get_json()
    q = detail["sections"][1]["questions"][0]
    assert q["show_if"] == {"question_id": open_survey.questions[1].id, "values": ["yes"]}
    assert {a["key"] for a in detail["about_you"]} >= {"ethnicity", "religion", "rural_urban"}
    assert client.get(f"/api/v1/surveys/{draft.id}").status_code == 404
    assert client.get("/api/v1/surveys/999999").status_code == 404


def test_post_a_response_gets_a_reference(client, db, create_survey):
    survey = create_survey()
    qs = survey.questions
    resp = client.post(
        f"/api/v1/surveys/{survey.id}/responses",
        json={
            "answers": {
                str(qs[0].id): "agree",
                str(qs[1].id): "yes",
                str(qs[3].id): "Knife crime near the school",
                str(qs[6].id): ["support", "prevent", "respond"],
            },
            "about_you": {"religion": "sikh"},
            "consent_to_quote": True,
        },
    )
    assert resp.status_code == 201, resp.get_json()
    reference = resp.get_json()["reference"]
    sub = db.session.scalar(db.select(SurveySubmission))
    assert sub.reference == reference and sub.religion == "sikh"


def test_bad_responses_get_clear_errors_and_are_not_kept(client, db, create_survey):
    survey = create_survey()
    qs = survey.questions
    url = f"/api/v1/surveys/{survey.id}/responses"
    resp = client.post(
        url,
        json={
            "answers": {str(qs[1].id): "maybe", "999999": "x", str(qs[5].id): -1},
            "about_you": {"ethnicity": "unknown"},
        },
    )
    errors = resp.get_json()["errors"]
    assert resp.status_code == 422
    assert set(errors) == {
        f"answers.{qs[0].id}",
        f"answers.{qs[1].id}",
        "answers.999999",
        f"answers.{qs[5].id}",
        "about_you.ethnicity",
    }
    assert client.post(url, data="answers").status_code == 400
    assert client.post(url, json={"answers": "nope"}).status_code == 422
    assert client.post(url, json={}).status_code == 422
    assert db.session.scalar(db.select(db.func.count(SurveySubmission.id))) == 0


def test_closed_and_draft_surveys_refuse_responses(client, db, create_survey):
    closed, draft = create_survey("closed"), create_survey("draft")
    body = {"answers": {}}
    assert client.post(f"/api/v1/surveys/{closed.id}/responses", json=body).status_code == 409
    assert client.post(f"/api/v1/surveys/{draft.id}/responses", json=body).status_code == 404


def test_openapi_describes_the_survey_routes(client, db):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "post" in paths["/surveys/{survey_id}/responses"] and "get" in paths["/surveys"]
