"""The queue's order and who deals with a case: assigned, marked in progress, audited."""

from datetime import timedelta

import sqlalchemy as sa

from engage.audit.models import AuditEvent
from engage.db import utcnow
from engage.safeguarding.models import SafeguardingCase

DISCLOSURE = "My stepdad hits me and my little brother when mum is at work"


def _cases(db) -> list[SafeguardingCase]:
    return list(db.session.scalars(sa.select(SafeguardingCase).order_by(SafeguardingCase.id)))


def test_queue_puts_the_longest_waiting_writer_first(client, db, create_response,
                                                     dummy_officer, sign_in):
    recent = create_response(DISCLOSURE)
    older = create_response("My partner threatens to kill me if I leave")
    # Flagged in one order, written in the other: the writer who waited longest comes first.
    older.submitted_at = utcnow() - timedelta(days=40)
    recent.submitted_at = utcnow() - timedelta(days=2)
    db.session.commit()
    sign_in(dummy_officer)
    page = client.get("/staff/safeguarding/").get_data(as_text=True)
    assert page.index(older.reference) < page.index(recent.reference)


def test_officer_assigns_a_case_and_marks_it_in_progress(client, db, create_response,
                                                         create_user, dummy_officer, sign_in):
    create_response(DISCLOSURE)
    colleague = create_user("officer", "colleague@example.org")
    case = _cases(db)[0]
    sign_in(dummy_officer)
    page = client.get(f"/staff/safeguarding/{case.id}").get_data(as_text=True)
    assert "Not started" in page and "Nobody yet" in page

    assert client.post(f"/staff/safeguarding/{case.id}/assign",
                       data={"officer": colleague.id}).status_code == 302
    assert client.post(f"/staff/safeguarding/{case.id}/start").status_code == 302
    db.session.expire_all()
    case = _cases(db)[0]
    assert case.assigned_to_id == colleague.id and case.in_progress_at is not None
    queue = client.get("/staff/safeguarding/").get_data(as_text=True)
    assert "In progress" in queue and "colleague@example.org" in queue
    actions = {e.action: e.scope for e in db.session.scalars(sa.select(AuditEvent))}
    assert actions["safeguarding.assign"] == {"case_id": case.id, "assigned_to": colleague.id}
    assert actions["safeguarding.start"] == {"case_id": case.id}


def test_starting_an_unassigned_case_gives_it_to_the_officer(client, db, create_response,
                                                             dummy_officer, sign_in):
    create_response(DISCLOSURE)
    sign_in(dummy_officer)
    case = _cases(db)[0]
    client.post(f"/staff/safeguarding/{case.id}/start")
    db.session.expire_all()
    assert _cases(db)[0].assigned_to_id == dummy_officer.id
    again = client.post(f"/staff/safeguarding/{case.id}/start")
    assert again.status_code == 400 and "already in progress" in again.get_data(as_text=True)


def test_a_case_cannot_go_to_a_resident(client, db, create_response, create_user,
                                        dummy_officer, sign_in):
    create_response(DISCLOSURE)
    resident = create_user("resident", "someone@example.org")
    sign_in(dummy_officer)
    case = _cases(db)[0]
    resp = client.post(f"/staff/safeguarding/{case.id}/assign", data={"officer": resident.id})
    assert resp.status_code == 400
    db.session.expire_all()
    assert _cases(db)[0].assigned_to_id is None
