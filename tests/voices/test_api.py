"""POST /api/v1/voices: verified community partners only."""

from datetime import date

from engage.responses.models import Response
from engage.voices.models import VoicesSubmission
from tests.fixtures.voices import good_voices


def _body(**change) -> dict:
    body = good_voices(**change)
    if isinstance(body["gathered_on"], date):
        body["gathered_on"] = body["gathered_on"].isoformat()
    return body


def test_verified_partner_gets_201_with_each_view(client, db, create_partner, bearer):
    user, _ = create_partner()
    resp = client.post("/api/v1/voices", json=_body(), headers=bearer(user))
    assert resp.status_code == 201, resp.get_json()
    body = resp.get_json()
    assert body["reference"].startswith("V") and body["community_group"] == "young_people"
    assert len(body["views"]) == 2 and all("labels" in v for v in body["views"])


def test_unverified_partner_is_403_and_nothing_saved(client, db, create_partner, bearer):
    user, _ = create_partner("pending")
    resp = client.post("/api/v1/voices", json=_body(), headers=bearer(user))
    assert resp.status_code == 403 and "verified" in resp.get_json()["errors"]["organisation"][0]
    assert db.session.query(Response).count() == 0


def test_a_resident_is_403(client, db, create_user, bearer):
    assert (
        client.post("/api/v1/voices", json=_body(), headers=bearer(create_user())).status_code
        == 403
    )


def test_anonymous_is_401(client, db):
    assert client.post("/api/v1/voices", json=_body()).status_code == 401


def test_bad_bodies_are_422_and_nothing_saved(client, db, create_partner, bearer):
    user, _ = create_partner()
    headers = bearer(user)
    cases = [
        ({"people_count": -1}, "people_count"),
        ({"people_count": 99_999_999}, "people_count"),
        ({"people_count": "12"}, "people_count"),
        ({"views": []}, "views"),
        ({"views": ["ok", "q" * 10_001]}, "views.1"),
        ({"gathered_on": "2999-01-01"}, "gathered_on"),
        ({"community_group": "Young people"}, "community_group"),
    ]
    for change, field in cases:
        resp = client.post("/api/v1/voices", json=_body(**change), headers=headers)
        assert resp.status_code == 422, change
        assert field in resp.get_json()["errors"], (change, resp.get_json())
    missing = {k: v for k, v in _body().items() if k != "method"}
    assert (
        "method"
        in client.post("/api/v1/voices", json=missing, headers=headers).get_json()["errors"]
    )
    assert (
        db.session.query(VoicesSubmission).count() == 0 and db.session.query(Response).count() == 0
    )
