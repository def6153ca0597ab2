"""Issue 17's small faults on the session emails, as a registrant meets them."""

import re
from datetime import timedelta

from engage.events import services


def test_the_cancellation_email_links_to_a_page_that_exists(client, db, create_event, create_registration, smtp):
    event = create_event()
    create_registration(event, email="a@example.org")
    services.cancel_event(event, "Venue flooded")
    db.session.commit()
    (mail,) = [m for m in smtp.to("a@example.org") if m["subject"].startswith("Cancelled")]
    links = re.findall(r"http://localhost(/\S*)", mail["body"])
    assert links and all(client.get(path).status_code == 200 for path in links)


def test_rescheduling_to_the_same_times_emails_nobody(db, create_event, create_registration, smtp):
    event = create_event()
    create_registration(event, email="a@example.org")
    assert services.reschedule_event(event, event.starts_at, event.ends_at) == 0
    db.session.commit()
    assert [m["subject"].split(":")[0] for m in smtp.to("a@example.org")] == ["You are registered"]
    later = event.starts_at + timedelta(days=2)
    assert services.reschedule_event(event, later, later + timedelta(hours=2)) == 1
    db.session.commit()
    assert [m["subject"].split(":")[0] for m in smtp.to("a@example.org")][-1] == "New date"


def test_the_calendar_entry_carries_a_sequence_raised_on_each_change(client, db, create_event):
    event = create_event()
    assert "SEQUENCE:0" in client.get(f"/events/{event.id}/calendar.ics").get_data(as_text=True)
    later = event.starts_at + timedelta(days=1)
    services.update_event(event, {"starts_at": later, "ends_at": later + timedelta(hours=2)})
    db.session.commit()
    assert "SEQUENCE:1" in client.get(f"/events/{event.id}/calendar.ics").get_data(as_text=True)
    services.update_event(event, {"description": "More detail"})  # not a change to tell of
    services.postpone_event(event, "Parliament")
    db.session.commit()
    assert "SEQUENCE:2" in client.get(f"/events/{event.id}/calendar.ics").get_data(as_text=True)
