"""Voices pages through HTTP: applying, verifying, submitting; and telling us in confidence."""

from engage.responses.models import Response
from engage.voices.models import PartnerOrganisation, VoicesSubmission

VOICES_FORM = {
    "community_group": "young_people",  # the fixture partner is verified for young people only
    "people_count": "9",
    "method": "outreach",
    "gathered_on": "2026-11-01",
    "district": "bassetlaw",
    "views-0": "We are scared of doorstep scammers.",
    "views-1": "",
    "views-2": "The village has not seen a PCSO in a year.",
}


def test_an_organisation_applies_and_follows_its_application(client, db):
    data = {
        "name": "Worksop Older People's Forum",
        "description": "Monthly coffee mornings.",
        "communities": ["older_people", "rural_isolated"],
        "contact_name": "Val",
        "email": "val@example.org",
        "password": "a long enough password",
    }
    resp = client.post("/voices/apply", data=data)
    assert resp.status_code == 200 and "Check your email" in resp.get_data(as_text=True)
    client.post("/account/sign-in", data={"email": "val@example.org", "password": "a long enough password"})
    page = client.get("/voices/organisation").get_data(as_text=True)
    assert "Waiting for verification" in page and "Worksop Older People" in page
    assert client.get("/voices/submit").status_code == 302


def test_application_errors_are_shown(client, db):
    resp = client.post("/voices/apply", data={"name": "", "email": "x"})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 400 and "Enter the name of your organisation" in page
    assert "Choose at least one community" in page
    assert db.session.query(PartnerOrganisation).count() == 0


def test_officer_verifies_and_the_partner_can_then_submit(
    client, db, sign_in, create_partner, create_user
):
    user, org = create_partner("pending")
    officer = create_user("officer")
    sign_in(officer)
    assert org.name in client.get("/voices/partners").get_data(as_text=True)
    bad = client.post(f"/voices/partners/{org.id}", data={"decision": "reject", "note": ""})
    assert bad.status_code == 400 and "Give the reason" in bad.get_data(as_text=True)
    assert client.post(f"/voices/partners/{org.id}", data={"decision": "verify"}).status_code == 302
    db.session.refresh(org)
    assert org.is_verified
    client.post("/account/sign-out")
    sign_in(user)
    assert client.get("/voices/submit").status_code == 200
    resp = client.post("/voices/submit", data=VOICES_FORM)
    assert resp.status_code == 302, resp.get_data(as_text=True)
    sub = db.session.query(VoicesSubmission).one()
    assert sub.reference in client.get("/voices/sent").get_data(as_text=True)
    assert db.session.query(Response).filter_by(community_group="young_people").count() == 2


def test_bad_feedback_shows_messages_on_the_page_and_saves_nothing(
    client, db, sign_in, create_partner
):
    user, _ = create_partner()
    sign_in(user)
    resp = client.post(
        "/voices/submit", data=VOICES_FORM | {"people_count": "-4", "views-1": "w" * 10_001}
    )
    page = resp.get_data(as_text=True)
    assert resp.status_code == 400
    assert "between 1 and 10,000" in page and "View 2: Your views must be 10,000" in page
    assert (
        db.session.query(VoicesSubmission).count() == 0 and db.session.query(Response).count() == 0
    )


def test_officers_read_partner_feedback(
    client, db, sign_in, create_partner, create_voices_submission, dummy_officer
):
    user, _ = create_partner()
    create_voices_submission(user)
    sign_in(dummy_officer)
    page = client.get("/voices/feedback").get_data(as_text=True)
    assert "walking home through the park" in page and "Focus group with 14 people" in page


def test_tell_us_in_confidence_is_anonymous_with_help_and_not_an_emergency_channel(client, db):
    page = client.get("/tell-us").get_data(as_text=True)
    assert "not monitored as an emergency channel" in page and "999" in page
    assert "Victim CARE" in page and "You do not have to give your name" in page
    assert "/voices/" in page  # the way in for community organisations
    resp = client.post(
        "/tell-us", data={"text": "My neighbour is being controlled by her partner."}
    )
    assert resp.status_code == 302
    response = db.session.query(Response).one()
    assert (response.channel, response.respondent) == ("direct", None)
