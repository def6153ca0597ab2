"""Officers approve responses for public quoting, or hide them with a reason; audited."""

import pytest

from engage.audit.models import AuditEvent
from engage.errors import InvalidState, ValidationFailed
from engage.outcomes.moderation import ModerationDecision, approved_quotes, moderate
from engage.responses.models import Response

TEXT = "The buses stop running at seven, so walking home past the park feels unsafe. Call me on 07700 900456."


def test_approve_and_hide_set_the_state_audit_and_only_approved_are_quoted(db, create_response, dummy_officer):
    approved = create_response(TEXT, consent_to_quote=True)
    hidden = create_response("Cars race up and down the high street every single night.", consent_to_quote=True)
    untouched = create_response("Litter and fly tipping on the lane behind the school gates.", consent_to_quote=True)
    moderate(approved, "approve", "", dummy_officer)
    moderate(hidden, "hide", "Names a neighbour", dummy_officer)
    db.session.commit()
    assert (approved.status, hidden.status, untouched.status) == ("published", "hidden", "received")
    quotes = approved_quotes()
    assert len(quotes) == 1 and "buses stop running" in quotes[0]
    assert "07700" not in quotes[0]  # read through the output gate's redaction
    audit = {a.action: a for a in db.session.scalars(db.select(AuditEvent))}
    assert audit["response.hide"].detail == "Names a neighbour"
    assert audit["response.approve"].scope == {"response": approved.reference}
    assert db.session.scalar(db.select(ModerationDecision).filter_by(decision="hide")).reason == "Names a neighbour"


def test_unconsented_flagged_or_reasonless_decisions_are_refused(db, create_response, dummy_officer):
    unconsented = create_response("Speeding on the A60 through Ravenshead every morning.")
    with pytest.raises(InvalidState, match="did not agree to be quoted"):
        moderate(unconsented, "approve", "", dummy_officer)
    flagged = create_response("My husband hits me every night and I am scared to go home.", consent_to_quote=True)
    assert flagged.safeguarding_flag
    with pytest.raises(InvalidState, match="flagged for safeguarding"):
        moderate(flagged, "approve", "", dummy_officer)
    with pytest.raises(ValidationFailed, match="reason"):
        moderate(unconsented, "hide", "  ", dummy_officer)
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(ModerationDecision.id))) == 0
    assert {r.status for r in db.session.scalars(db.select(Response))} == {"received"}


def test_officer_queue_page_approves_hides_and_explains_refusals(client, db, create_response, sign_in, dummy_officer):
    first = create_response(TEXT, consent_to_quote=True)
    second = create_response("Cars race up and down the high street every single night.", consent_to_quote=True)
    create_response("Nobody agreed to quote this one about the park at night.")
    sign_in(dummy_officer)
    page = client.get("/staff/moderation").get_data(as_text=True)
    assert first.reference in page and second.reference in page
    assert "07700" not in page  # shown as it would be published
    no_reason = client.post("/staff/moderation", data={"response_id": second.id, "decision": "hide"})
    assert no_reason.status_code == 400
    assert "Give the reason for hiding this response" in no_reason.get_data(as_text=True)
    ok = client.post("/staff/moderation", data={"response_id": first.id, "decision": "approve"})
    assert ok.status_code == 302
    client.post("/staff/moderation", data={"response_id": second.id, "decision": "hide", "reason": "Off topic"})
    db.session.expire_all()
    assert (db.session.get(Response, first.id).status, db.session.get(Response, second.id).status) == (
        "published", "hidden")
    assert first.reference in client.get("/staff/moderation?state=published").get_data(as_text=True)
    assert first.reference not in client.get("/staff/moderation").get_data(as_text=True)


def test_moderation_is_for_officers_only(client, db, create_user, sign_in):
    sign_in(create_user("analyst"))
    assert client.get("/staff/moderation").status_code == 403
