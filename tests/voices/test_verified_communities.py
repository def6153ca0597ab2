"""A partner submits only for the communities it was verified for: a clear message otherwise,
through the service, the page and the API, and nothing half-saved."""

import pytest

from engage.errors import ValidationFailed
from engage.responses.models import Response
from engage.voices import services
from engage.voices.models import VoicesSubmission
from tests.fixtures.voices import good_voices


def _counts(db):
    return (db.session.query(VoicesSubmission).count(), db.session.query(Response).count())


def test_service_refuses_a_community_the_partner_was_not_verified_for(db, create_partner):
    user, _ = create_partner()  # verified for young people only
    with pytest.raises(ValidationFailed) as exc:
        services.submit_voices(user, good_voices(community_group="older_people"))
    message = exc.value.errors["community_group"][0]
    assert "verified to speak for Young people, not Older people" in message
    db.session.rollback()
    assert _counts(db) == (0, 0)
    services.submit_voices(user, good_voices())
    db.session.commit()
    assert _counts(db) == (1, 2)


def test_page_offers_only_verified_communities_and_explains_a_forged_choice(client, db, create_partner, sign_in):
    user, _ = create_partner()
    sign_in(user)
    page = client.get("/voices/submit").get_data(as_text=True)
    assert 'value="young_people"' in page and 'value="older_people"' not in page
    resp = client.post("/voices/submit", data={
        "community_group": "older_people", "people_count": "9", "method": "outreach",
        "gathered_on": "2026-11-01", "views-0": "We are scared of doorstep scammers."})
    assert resp.status_code == 400
    assert "not Older people" in resp.get_data(as_text=True)
    assert _counts(db) == (0, 0)


def test_api_refuses_with_a_422(client, db, create_partner, bearer):
    user, _ = create_partner()
    body = good_voices(community_group="faith")
    body["gathered_on"] = body["gathered_on"].isoformat()
    resp = client.post("/api/v1/voices", json=body, headers=bearer(user))
    assert resp.status_code == 422
    assert "not Faith communities" in resp.get_json()["errors"]["community_group"][0]
    assert _counts(db) == (0, 0)
