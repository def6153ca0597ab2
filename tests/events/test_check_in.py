"""On the day: a list to tick people off, walk-ins counted in attendance, and no check-in
before the session's day."""

from datetime import timedelta

import sqlalchemy as sa

from engage.audit.models import AuditEvent
from engage.db import utcnow
from engage.events.models import Event


def _today(db, event) -> None:
    event.starts_at, event.ends_at = utcnow(), utcnow() + timedelta(hours=2)
    db.session.commit()


def test_check_in_from_the_list_and_walk_ins_count_in_attendance(
        client, db, dummy_officer, sign_in, create_event, create_registration):
    event = create_event()
    ann = create_registration(event, name="Ann Attender", email="ann@example.org")
    create_registration(event, name="Bob Absent", email="bob@example.org")
    _today(db, event)
    sign_in(dummy_officer)
    page = client.get(f"/staff/events/{event.id}/check-in/list").get_data(as_text=True)
    assert page.index("Ann Attender") < page.index("Bob Absent")
    client.post(f"/staff/events/{event.id}/check-in", data={"reference": ann.reference, "from": "list"})
    resp = client.post(f"/staff/events/{event.id}/check-in/list",
                       data={"name": "Carol Walkin", "contact": "07700 900123"})
    assert resp.status_code == 302
    page = client.get(f"/staff/events/{event.id}/check-in/list").get_data(as_text=True)
    assert "Attendance so far: <strong>2</strong>" in page and "Carol Walkin (07700 900123)" in page
    assert client.post(f"/staff/events/{event.id}/check-in/list", data={"name": ""}).status_code == 400
    event.starts_at, event.ends_at = utcnow() - timedelta(hours=3), utcnow() - timedelta(hours=1)
    db.session.commit()
    client.post(f"/staff/events/{event.id}/close", data={"report_notes": "Speeding"})
    db.session.expire_all()
    assert db.session.get(Event, event.id).attendance == 2
    assert db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "events.checkin.view"))


def test_no_check_in_or_walk_in_weeks_before_the_session(
        client, db, dummy_officer, sign_in, create_event, create_registration):
    event = create_event(starts_at=utcnow() + timedelta(days=75),
                         ends_at=utcnow() + timedelta(days=75, hours=2))
    ann = create_registration(event, name="Ann Attender", email="ann@example.org")
    sign_in(dummy_officer)
    client.post(f"/staff/events/{event.id}/check-in", data={"reference": ann.reference, "from": "list"})
    page = client.get(f"/staff/events/{event.id}/check-in/list").get_data(as_text=True)
    assert "Check-in is open only on the day of the session" in page
    assert "Add walk-in" not in page
    assert client.post(f"/staff/events/{event.id}/check-in/list",
                       data={"name": "Early Bird"}).status_code == 400
    db.session.expire_all()
    assert db.session.get(Event, event.id).registrations[0].checked_in_at is None
