"""The officers' queue and case page, and what the writer sees."""

import sqlalchemy as sa

from engage.audit.models import AuditEvent
from engage.responses.models import Response
from engage.safeguarding.models import SafeguardingCase

DISCLOSURE = "My stepdad hits me and my little brother when mum is at work"


def _case(db):
    return db.session.scalar(sa.select(SafeguardingCase))


def test_tell_us_with_a_disclosure_shows_help_but_not_the_flag(client, db):
    resp = client.post("/tell-us", data={"text": DISCLOSURE, "district": ""}, follow_redirects=True)
    page = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert "0808 2000 247" in page and "0800 304 7575" in page and "999" in page and "101" in page
    assert "safeguarding" not in page.lower() and "flag" not in page.lower()
    assert db.session.scalar(sa.select(Response)).safeguarding_flag


def test_suicidal_intent_in_a_box_about_street_lights_reaches_an_officer_as_self_harm(client, db):
    text = "The street lights on our road have been out for weeks. I won't be here by Christmas, it's all sorted."
    resp = client.post("/tell-us", data={"text": text, "district": ""}, follow_redirects=True)
    page = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert "Samaritans" in page and "116 123" in page  # the help every writer sees
    assert "safeguarding" not in page.lower() and "flag" not in page.lower()
    case = _case(db)
    assert "self_harm" in case.categories  # the officer alert marks it urgent from this
    assert any("Christmas" in e["text"] for e in case.evidence)
    assert case.detector_version.startswith("safeguarding-")


def test_queue_lists_cases_without_their_text(client, db, create_response, dummy_officer, sign_in):
    response = create_response(DISCLOSURE)
    create_response("The speeding on the A60 is terrible")
    sign_in(dummy_officer)
    page = client.get("/staff/safeguarding/").get_data(as_text=True)
    assert response.reference in page and "Open (1)" in page
    assert "stepdad" not in page


def test_reading_a_case_is_audited(client, db, create_response, dummy_officer, sign_in):
    create_response(DISCLOSURE)
    sign_in(dummy_officer)
    case = _case(db)
    page = client.get(f"/staff/safeguarding/{case.id}").get_data(as_text=True)
    assert "stepdad hits me" in page and "<mark>hits me" in page
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "safeguarding.view"))
    assert event.actor_id == dummy_officer.id and event.scope == {
        "case_id": case.id,
        "response_id": case.response_id,
    }


def test_officer_records_a_referral_and_the_case_closes(
    client, db, create_response, dummy_officer, sign_in
):
    create_response(DISCLOSURE)
    sign_in(dummy_officer)
    case = _case(db)
    resp = client.post(
        f"/staff/safeguarding/{case.id}",
        data={"outcome": "referred", "note": "Children's MASH, ref 55"},
    )
    assert resp.status_code == 302
    db.session.expire_all()
    assert _case(db).state == "closed" and _case(db).actions[0].note == "Children's MASH, ref 55"
    closed = client.get("/staff/safeguarding/?state=closed").get_data(as_text=True)
    assert "Referred" in closed


def test_no_action_without_a_reason_is_refused(client, db, create_response, dummy_officer, sign_in):
    create_response(DISCLOSURE)
    sign_in(dummy_officer)
    case = _case(db)
    resp = client.post(f"/staff/safeguarding/{case.id}", data={"outcome": "no_action", "note": ""})
    assert resp.status_code == 400
    assert "Give the reason for no action" in resp.get_data(as_text=True)
    db.session.expire_all()
    assert _case(db).state == "open"


def test_user_text_is_escaped_on_the_case_page(client, db, create_response, dummy_officer, sign_in):
    create_response("<script>alert(1)</script> he hits me every night")
    sign_in(dummy_officer)
    page = client.get(f"/staff/safeguarding/{_case(db).id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_analyst_can_flag_a_response_but_not_read_the_queue(
    client, db, create_response, dummy_analyst, sign_in
):
    response = create_response("The consultation event in Arnold was well run")
    sign_in(dummy_analyst)
    assert client.post(f"/staff/safeguarding/flag/{response.id}").status_code == 302
    assert client.get("/staff/safeguarding/").status_code == 403
    assert _case(db).source == "officer"


def test_unknown_case_is_404(client, db, dummy_officer, sign_in):
    sign_in(dummy_officer)
    assert client.get("/staff/safeguarding/424242").status_code == 404
    assert client.get("/staff/safeguarding/?state=nonsense").status_code == 400
