"""Partners and their community feedback, without HTTP."""

from datetime import timedelta

import pytest

from engage.accounts.roles import Role
from engage.db import utcnow
from engage.errors import InvalidState, NotAllowed, ValidationFailed
from engage.responses.models import Response
from engage.voices import COMMUNITY_GROUP_IDS, COMMUNITY_GROUPS, services
from engage.voices.models import PartnerState, VoicesSubmission
from tests.fixtures.voices import good_voices

ORG = {
    "name": "Newark Traveller Liaison",
    "description": "Advice and outreach on sites.",
    "communities": ["gypsy_roma_traveller"],
}


def test_the_community_groups_are_the_stable_ids_the_analysis_uses():
    assert COMMUNITY_GROUP_IDS == (
        "young_people",
        "older_people",
        "disabled_people",
        "ethnic_minority",
        "faith",
        "lgbt_plus",
        "gypsy_roma_traveller",
        "migrants_refugees",
        "lived_experience_cjs",
        "victims_survivors",
        "rural_isolated",
    )
    assert COMMUNITY_GROUPS["lgbt_plus"] == "LGBT+ people"


def test_applying_without_an_account_makes_a_pending_partner(db):
    org = services.apply_for_partnership(
        ORG
        | {"contact_name": "Sam", "email": "Sam@Example.org", "password": "a long enough password"}
    )
    assert org.status == PartnerState.pending and not org.can_submit()
    assert (org.user.email, org.user.role) == ("sam@example.org", Role.partner)


def test_a_resident_can_apply_and_becomes_a_partner_but_staff_cannot(
    db, create_user, dummy_officer
):
    resident = create_user()
    services.apply_for_partnership(ORG, resident)
    assert resident.role == Role.partner
    with pytest.raises(InvalidState, match="already applied"):
        services.apply_for_partnership(ORG, resident)
    with pytest.raises(InvalidState, match="Staff accounts"):
        services.apply_for_partnership(ORG, dummy_officer)


def test_application_errors_come_together_and_make_no_account(db):
    with pytest.raises(ValidationFailed) as exc:
        services.apply_for_partnership(
            {"communities": ["aliens"], "email": "nope", "password": "short"}
        )
    assert set(exc.value.errors) == {
        "name",
        "description",
        "communities",
        "contact_name",
        "email",
        "password",
    }
    db.session.rollback()
    from engage.accounts.models import User

    assert db.session.query(User).count() == 0


def test_officer_decisions_follow_the_states(db, create_partner, dummy_officer):
    _, org = create_partner("pending")
    with pytest.raises(ValidationFailed, match="reason"):
        services.decide_partner(org, "reject", dummy_officer)
    with pytest.raises(InvalidState):
        services.decide_partner(org, "suspend", dummy_officer, "Why")
    services.decide_partner(org, "verify", dummy_officer)
    assert org.is_verified and org.decided_by == dummy_officer
    with pytest.raises(InvalidState):
        services.decide_partner(org, "verify", dummy_officer)
    services.decide_partner(org, "suspend", dummy_officer, "Complaint under review")
    assert org.status == PartnerState.suspended and not org.can_submit()


def test_verified_partner_feedback_becomes_voices_responses(db, create_partner):
    user, org = create_partner()
    sub = services.submit_voices(user, good_voices(consent_to_quote=True))
    db.session.commit()
    responses = db.session.query(Response).order_by(Response.id).all()
    assert len(responses) == 2
    assert {(r.channel, r.community_group, r.source_id, r.district) for r in responses} == {
        ("voices", "young_people", sub.id, "mansfield")
    }
    assert all(r.consent_to_quote and r.respondent is None for r in responses)
    assert (sub.organisation, sub.people_count, sub.method) == (org, 14, "focus_group")


@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_unverified_partners_cannot_submit(db, create_partner, status):
    user, _ = create_partner(status)
    with pytest.raises(NotAllowed, match="verified"):
        services.submit_voices(user, good_voices())


@pytest.mark.parametrize(
    "change, field",
    [
        ({"people_count": -3}, "people_count"),
        ({"people_count": 0}, "people_count"),
        ({"people_count": 2_000_000}, "people_count"),
        ({"people_count": "lots"}, "people_count"),
        ({"people_count": True}, "people_count"),
        ({"community_group": "everyone"}, "community_group"),
        ({"method": "telepathy"}, "method"),
        ({"gathered_on": utcnow().date() + timedelta(days=3)}, "gathered_on"),
        ({"gathered_on": utcnow().date() - timedelta(days=3000)}, "gathered_on"),
        ({"views": ["", "  "]}, "views"),
        ({"views": ["fine", "z" * 10_001]}, "views.1"),
    ],
)
def test_bad_feedback_is_refused_and_nothing_is_half_saved(db, create_partner, change, field):
    user, _ = create_partner()
    with pytest.raises(ValidationFailed) as exc:
        services.submit_voices(user, good_voices(**change))
    assert field in exc.value.errors
    db.session.rollback()
    assert (
        db.session.query(VoicesSubmission).count() == 0 and db.session.query(Response).count() == 0
    )


def test_blank_view_boxes_are_skipped(db, create_partner):
    user, _ = create_partner()
    services.submit_voices(user, good_voices(views=["", "Buses stop at 6pm so we are stuck.", " "]))
    assert db.session.query(Response).count() == 1
