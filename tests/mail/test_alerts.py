"""Alerts people notice: the safeguarding rota hears of a new case at once (a link, never
the text), partners and officers hear of applications and decisions, residents get a
receipt with their reference. Delivered by the worker to a real SMTP server."""

from engage.accounts.roles import Role
from engage.alerts.services import set_rota
from engage.safeguarding.services import _open_case, flag_response
from engage.voices import services as voices
from tests.fixtures.summit import GOOD_SUBMISSION

DISCLOSURE = "My neighbour hits his kids every night and I can hear them screaming"


def test_a_new_case_emails_the_rota_at_once_with_a_link_and_never_the_text(
    db, create_user, create_response, smtp
):
    on_rota = create_user(Role.officer, "rota@example.org")
    off_rota = create_user(Role.officer, "other@example.org")
    set_rota([on_rota.id])
    db.session.commit()
    response = create_response(DISCLOSURE)
    case = flag_response(response, off_rota)
    db.session.commit()
    (mail,) = smtp.to("rota@example.org")
    assert mail["subject"] == f"New safeguarding case #{case.id}"
    assert f"http://localhost/staff/safeguarding/{case.id}" in mail["body"]
    assert "kids" not in mail["body"] and "neighbour" not in mail["body"]
    assert smtp.to("other@example.org") == []


def test_self_harm_is_marked_urgent_and_with_nobody_on_the_rota_every_officer_hears(
    db, create_user, create_response, smtp
):
    create_user(Role.officer, "one@example.org")
    create_user(Role.officer, "two@example.org")
    create_user(Role.analyst, "analyst@example.org")
    # The alert reads the case's categories; a text the detector leaves alone keeps this
    # test about the alert, whatever the current model makes of any one sentence.
    response = create_response("The street lights on Carlton Road have been out for a week", tag=False)
    case = _open_case(response, "detector", ["self_harm"], [])
    db.session.commit()
    for officer in ("one@example.org", "two@example.org"):
        (mail,) = [m for m in smtp.to(officer) if f"#{case.id}" in m["subject"]]
        assert mail["subject"].startswith("URGENT: ")
    assert smtp.to("analyst@example.org") == []


def test_an_admin_sets_the_rota(client, db, dummy_admin, create_user, sign_in):
    officer = create_user(Role.officer, "rota@example.org")
    sign_in(dummy_admin)
    page = client.get("/admin/safeguarding-rota").get_data(as_text=True)
    assert "rota@example.org" in page
    resp = client.post("/admin/safeguarding-rota", data={"officers": [str(officer.id)]})
    assert resp.status_code == 302
    page = client.get("/admin/safeguarding-rota").get_data(as_text=True)
    assert "now has 1 officer" in page and f'value="{officer.id}" checked' in page


def test_partner_applications_email_officers_and_decisions_email_the_partner(db, dummy_officer, smtp):
    org = voices.apply_for_partnership({
        "name": "Bulwell Women's Group", "description": "Women's group", "communities": ["young_people"],
        "contact_name": "Ama", "email": "ama@example.org", "password": "a long enough password"})
    db.session.commit()
    (application,) = smtp.to(dummy_officer.email)
    assert application["subject"] == "Partner application: Bulwell Women's Group"
    assert f"http://localhost/voices/partners/{org.id}" in application["body"]
    voices.decide_partner(org, "reject", dummy_officer, "We could not confirm the group's address")
    db.session.commit()
    (decision,) = smtp.to("ama@example.org")
    assert "not able to verify" in decision["body"] and "confirm the group's address" in decision["body"]


def test_summit_and_survey_submitters_with_an_email_get_a_receipt(
    db, create_summit, create_summit_submission, create_survey, answer_survey, create_user, smtp
):
    summit = create_summit()
    submission = create_summit_submission(summit, **GOOD_SUBMISSION | {
        "wants_to_speak": True, "contact_name": "Jo", "contact_email": "jo@example.org"})
    create_summit_submission(summit)  # no email given: nobody to send a receipt to
    (receipt,) = smtp.to("jo@example.org")
    assert submission.reference in receipt["subject"] and submission.reference in receipt["body"]
    resident = create_user(Role.resident, "res@example.org")
    survey = create_survey()
    answered = answer_survey(survey, {0: "agree", 1: "no"}, respondent=resident)
    (survey_receipt,) = smtp.to("res@example.org")
    assert answered.reference in survey_receipt["body"] and survey.title in survey_receipt["body"]
    assert len(smtp.received) == 2
