"""Flagging through the real response stream, officers' actions, and the guarantees:
never published, never lost."""

import pytest
import sqlalchemy as sa

from engage.errors import InvalidState, ValidationFailed
from engage.responses.models import Response, ResponseState
from engage.safeguarding import services
from engage.safeguarding.models import CaseState, SafeguardingCase

DISCLOSURE = "My partner hits me and I'm scared to go home tonight"


def test_a_disclosure_is_flagged_and_queued_with_evidence(db, create_response):
    response = create_response(DISCLOSURE)
    case = services.case_for(response)
    assert response.safeguarding_flag is True
    assert case.state == CaseState.open and case.source == "detector"
    assert "abuse" in case.categories
    assert any(e["text"] == "hits me" for e in case.evidence)


def test_an_ordinary_view_is_not_flagged(db, create_response):
    response = create_response("Boy racers every night on the main road")
    assert response.safeguarding_flag is False
    assert services.case_for(response) is None


def test_a_flagged_response_cannot_be_published(db, create_response):
    response = create_response(DISCLOSURE)
    response.status = ResponseState.published
    with pytest.raises(InvalidState):
        db.session.flush()
    db.session.rollback()
    assert db.session.get(Response, response.id).status == ResponseState.received


def test_a_flagged_response_cannot_be_deleted(db, create_response):
    response = create_response(DISCLOSURE)
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(sa.delete(Response).where(Response.id == response.id))
        db.session.flush()
    db.session.rollback()
    assert db.session.get(Response, response.id) is not None


def test_a_detector_failure_still_queues_the_response(db, create_response, monkeypatch):
    import nlp.safeguarding

    def broken(text):
        raise RuntimeError("boom")

    monkeypatch.setattr(nlp.safeguarding, "assess", broken)
    response = create_response("Anything at all")
    assert response.safeguarding_flag is True
    assert services.case_for(response).categories == ["detector_error"]


def test_recording_an_action_closes_the_case(db, create_response, dummy_officer):
    case = services.case_for(create_response(DISCLOSURE))
    action = services.record_action(case, "signposted", "", dummy_officer)
    db.session.commit()
    assert case.state == CaseState.closed and case.closed_at is not None
    assert action.actor == dummy_officer and action.outcome_name == "Signposted to support"


@pytest.mark.parametrize(
    "outcome, field", [("no_action", "note"), ("referred", "note"), ("shrugged", "outcome")]
)
def test_no_action_and_referral_need_a_note(db, create_response, dummy_officer, outcome, field):
    case = services.case_for(create_response(DISCLOSURE))
    with pytest.raises(ValidationFailed) as err:
        services.record_action(case, outcome, "  ", dummy_officer)
    assert err.value.field == field
    assert case.is_open


def test_a_closed_case_takes_no_action_until_reopened(db, create_response, dummy_officer):
    case = services.case_for(create_response(DISCLOSURE))
    services.record_action(case, "no_action", "Historic, already reported to police", dummy_officer)
    with pytest.raises(InvalidState):
        services.record_action(case, "signposted", "", dummy_officer)
    services.reopen_case(case)
    services.record_action(case, "referred", "MASH, ref 1234", dummy_officer)
    assert [a.outcome for a in case.actions] == ["no_action", "referred"]


def test_staff_can_flag_what_the_detector_missed(db, create_response, dummy_officer):
    response = create_response("Please could someone ring me back about the consultation event")
    assert not response.safeguarding_flag
    case = services.flag_response(response, dummy_officer)
    db.session.commit()
    assert (
        response.safeguarding_flag and case.source == "officer" and case.flagged_by == dummy_officer
    )
    assert services.flag_response(response, dummy_officer).id == case.id
    assert db.session.scalar(sa.select(sa.func.count(SafeguardingCase.id))) == 1
