"""The demo content for the summit and voices can be loaded again without doubling."""

from engage.responses.models import Response
from engage.summit.demo import PROGRESS_REPORT, seed_summit_demo
from engage.summit.models import SummitSubmission
from engage.voices.demo import seed_voices_demo
from engage.voices.models import PartnerOrganisation, PartnerState


def test_demo_summit_and_partner_are_seeded_once(db, create_summit, create_user):
    summit = create_summit(themes=[], progress_report="")
    partner = create_user("partner", "partner@example.org")
    create_user("officer", "officer@example.org")
    first = seed_summit_demo(), seed_voices_demo("partner@example.org", "officer@example.org")
    db.session.commit()
    assert first[0] > 0 and first[1] > 0
    assert summit.themes and summit.progress_report == PROGRESS_REPORT
    assert "convening an annual rural crime summit" in summit.progress_report
    def counts():
        return db.session.query(SummitSubmission).count(), db.session.query(Response).count()

    before = counts()
    again = seed_summit_demo(), seed_voices_demo("partner@example.org", "officer@example.org")
    db.session.commit()
    assert again == (0, 0)
    assert counts() == before
    orgs = {o.user_id: o.status for o in db.session.query(PartnerOrganisation)}
    assert orgs[partner.id] == PartnerState.verified
    assert PartnerState.pending in orgs.values()  # one application waiting for an officer
