"""/api/v1/summits: the current summit and public submissions."""

from engage.responses.models import Response
from engage.summit.models import SummitSubmission
from tests.fixtures.summit import GOOD_SUBMISSION


def test_current_summit_is_404_until_one_exists(client, db):
    resp = client.get("/api/v1/summits/current")
    assert resp.status_code == 404 and "errors" in resp.get_json()


def test_current_summit_lists_themes_window_and_options(client, create_summit):
    summit = create_summit()
    body = client.get("/api/v1/summits/current").get_json()
    assert body["id"] == summit.id and body["window_open"] is True
    assert body["themes"] == ["Hare coursing and poaching", "Fly tipping on farmland"]
    assert {"id": "hare_coursing", "name": "Hare coursing"} in body["options"]["crimes"]


def test_public_submission_is_201_with_a_reference(client, db, create_summit):
    summit = create_summit()
    resp = client.post(f"/api/v1/summits/{summit.id}/submissions", json=GOOD_SUBMISSION)
    assert resp.status_code == 201, resp.get_json()
    body = resp.get_json()
    assert body["reference"].startswith("S") and isinstance(body["labels"], list)
    sub = db.session.query(SummitSubmission).one()
    assert sub.response.channel == "summit"


def test_closed_window_is_409_and_unknown_summit_404(client, db, create_summit):
    summit = create_summit("closed")
    resp = client.post(f"/api/v1/summits/{summit.id}/submissions", json=GOOD_SUBMISSION)
    assert resp.status_code == 409
    assert resp.get_json()["errors"]["summit"] == ["Submissions for this summit have closed."]
    assert client.post("/api/v1/summits/999/submissions", json=GOOD_SUBMISSION).status_code == 404
    assert db.session.query(Response).count() == 0


def test_bad_input_is_422_with_field_messages_and_nothing_saved(client, db, create_summit):
    summit = create_summit()
    url = f"/api/v1/summits/{summit.id}/submissions"
    cases = [
        ({"crimes": ["alien_abduction"]}, "crimes.0"),
        ({"respondent_type": "cow"}, "respondent_type"),
        ({"reported": None}, "reported"),
        ({"text": "y" * 10_001}, "text"),
        ({"district": "Leicester"}, "district"),
    ]
    for change, field in cases:
        resp = client.post(url, json=GOOD_SUBMISSION | change)
        assert resp.status_code == 422, change
        assert field in resp.get_json()["errors"], (change, resp.get_json())
    missing = {k: v for k, v in GOOD_SUBMISSION.items() if k != "text"}
    assert "text" in client.post(url, json=missing).get_json()["errors"]
    assert client.post(url, data="text=hi").status_code == 400
    assert (
        db.session.query(SummitSubmission).count() == 0 and db.session.query(Response).count() == 0
    )


def test_openapi_describes_the_summit_routes(client, db):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "/summits/current" in paths and "post" in paths["/summits/{summit_id}/submissions"]


def test_a_submission_by_api_may_carry_about_you_answers(client, db, create_summit):
    from engage.responses.models import EqualityAnswers

    summit = create_summit()
    url = f"/api/v1/summits/{summit.id}/submissions"
    bad = client.post(url, json=GOOD_SUBMISSION | {"reported": None, "about_you": {"age_band": "ancient"}})
    assert set(bad.get_json()["errors"]) == {"reported", "about_you.age_band"}  # one round
    assert bad.status_code == 422 and "about_you.age_band" in bad.get_json()["errors"]
    assert db.session.query(Response).count() == 0
    ok = client.post(url, json=GOOD_SUBMISSION | {"about_you": {"age_band": "65_74"}})
    assert ok.status_code == 201
    assert db.session.query(EqualityAnswers).one().age_band == "65_74"
