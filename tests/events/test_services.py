"""Business rules of sessions and registrations, called directly (no HTTP)."""

from datetime import timedelta

import pytest

from engage.db import utcnow
from engage.errors import InvalidState, ValidationFailed
from engage.events import queries, services
from engage.events.models import EventAlert, EventState, Registration
from engage.events.registrations import (
    SessionFull,
    accept_offer,
    alert_levels_reached,
    cancel_registration,
    check_in_attendee,
    expire_offers,
    london_tomorrow,
    register_attendee,
    send_due_reminders,
)
from engage.responses.models import Response
from tests.fixtures.events import event_data


def _errors(exc_info) -> dict:
    return exc_info.value.errors


def test_bad_session_details_each_get_a_clear_message(db):
    start = utcnow() + timedelta(days=3)
    with pytest.raises(ValidationFailed) as exc:
        services.create_event(
            event_data(starts_at=start, ends_at=start - timedelta(hours=1), capacity=0)
        )
    assert _errors(exc)["ends_at"] == ["The end must be after the start"]
    assert _errors(exc)["capacity"] == ["Capacity must be at least 1"]
    with pytest.raises(ValidationFailed) as exc:
        services.create_event(
            event_data(
                starts_at=utcnow() - timedelta(days=1), ends_at=utcnow() - timedelta(hours=22)
            )
        )
    assert _errors(exc)["starts_at"] == ["The session must start in the future"]
    with pytest.raises(ValidationFailed) as exc:
        services.create_event(event_data(district="leicester", venue=""))
    assert set(_errors(exc)) == {"district", "venue"}


def test_a_joining_link_must_be_a_web_address(db):
    with pytest.raises(ValidationFailed) as exc:
        services.create_event(event_data(format="online", joining_link="javascript:alert(1)"))
    assert _errors(exc) == {"joining_link": ["Enter a web address starting with https://"]}


def test_online_session_needs_no_venue_and_its_district_can_be_online(db):
    event = services.create_event(
        event_data(
            district="online", format="online", venue="", joining_link="https://meet.example.org/x"
        )
    )
    assert event.district_label == "Online" and event.status == EventState.draft


def test_places_then_waiting_list_then_refusal(create_event, create_registration, db):
    event = create_event(capacity=2)
    assert create_registration(event).status == "registered"
    assert create_registration(event).status == "registered"
    assert create_registration(event).status == "waitlisted"
    event.waitlist = False
    db.session.commit()
    with pytest.raises(SessionFull, match="full"):
        create_registration(event)


def test_one_registration_per_email_whatever_the_case(create_event, create_registration, db):
    event = create_event()
    first = create_registration(event, email="Pat.Smith@Example.org")
    assert first.reference.startswith("E") and len(first.reference) == 9
    assert first.email == "pat.smith@example.org"
    with pytest.raises(InvalidState, match="already registered"):
        register_attendee(event.id, {"name": "Pat", "email": "PAT.SMITH@example.ORG"})


def test_no_registration_after_closing_or_for_a_session_that_has_started(create_event, db):
    event = create_event(registration_closes_at=utcnow() + timedelta(days=2))
    later = utcnow() + timedelta(days=3)
    with pytest.raises(InvalidState, match="Registration for this session has closed"):
        register_attendee(event.id, {"name": "Jo", "email": "jo@example.org"}, now=later)
    db.session.rollback()
    with pytest.raises(InvalidState, match="already taken place"):
        register_attendee(
            event.id,
            {"name": "Jo", "email": "jo@example.org"},
            now=event.starts_at + timedelta(minutes=1),
        )


def test_cancelling_twice_is_refused_and_frees_the_place_for_the_waiting_list(
    create_event, create_registration, db
):
    event = create_event(capacity=1)
    first = create_registration(event)
    waiting = create_registration(event)
    cancel_registration(first.token)
    db.session.commit()
    assert db.session.get(Registration, waiting.id).status == "offered"
    with pytest.raises(InvalidState, match="already been cancelled"):
        cancel_registration(first.token)
    db.session.rollback()
    accept_offer(waiting.token)
    db.session.commit()
    assert db.session.get(Registration, waiting.id).status == "registered"
    assert queries.places_left(event) == 0


def test_declining_an_offer_passes_it_on_and_stale_offers_expire(
    create_event, create_registration, db
):
    event = create_event(capacity=1)
    holder = create_registration(event)
    second, third, fourth = (create_registration(event) for _ in range(3))
    cancel_registration(holder.token)
    cancel_registration(second.token)  # declines the offered place
    db.session.commit()
    assert db.session.get(Registration, third.id).status == "offered"
    expire_offers(now=utcnow() + timedelta(hours=49))
    db.session.commit()
    assert db.session.get(Registration, third.id).status == "cancelled"
    assert db.session.get(Registration, fourth.id).status == "offered"


def test_capacity_alerts_once_at_80_and_100_percent_by_email_to_officers(
    create_event, create_registration, dummy_officer, smtp, db
):
    assert alert_levels_reached(10, 7) == [] and alert_levels_reached(10, 8) == [80]
    event = create_event(capacity=5)
    for _ in range(3):
        create_registration(event)
    assert db.session.scalar(db.select(db.func.count(EventAlert.id))) == 0
    create_registration(event)  # 4 of 5 = 80%
    assert [a.level for a in db.session.scalars(db.select(EventAlert))] == [80]
    last = create_registration(event)
    cancel_registration(last.token)
    db.session.commit()
    create_registration(event)  # full again: no second alert
    assert sorted(a.level for a in db.session.scalars(db.select(EventAlert))) == [80, 100]
    subjects = [m["subject"] for m in smtp.to(dummy_officer.email)]
    assert subjects == [f"{event.title} is 80% full", f"{event.title} is 100% full"]


def _tomorrow_at(hours: int):
    start, _ = london_tomorrow(utcnow())
    return {
        "starts_at": start + timedelta(hours=hours),
        "ends_at": start + timedelta(hours=hours + 2),
    }


def test_reminders_go_the_day_before_to_those_with_places_and_never_twice(
    create_event, create_registration, smtp, db
):
    tomorrow = create_event(capacity=1, **_tomorrow_at(18))
    create_registration(tomorrow, email="placed@example.org")
    create_registration(tomorrow, email="waiting@example.org")
    create_registration(create_event(), email="later@example.org")
    assert send_due_reminders() == 1
    db.session.commit()
    assert send_due_reminders() == 0
    db.session.commit()
    reminders = [m for m in smtp.messages if m["subject"].startswith("Reminder")]
    assert [m["to"] for m in reminders] == [["placed@example.org"]]
    assert "tomorrow" in reminders[0]["subject"] and tomorrow.venue in reminders[0]["body"]


def test_reminder_command_is_safe_to_run_repeatedly(
    create_event, create_registration, runner, smtp, db
):
    event = create_event(**_tomorrow_at(10))
    create_registration(event, email="once@example.org")
    first = runner.invoke(args=["events", "send-reminders"])
    second = runner.invoke(args=["events", "send-reminders"])
    assert (
        first.output.strip() == "Sent 1 reminder." and second.output.strip() == "Sent 0 reminders."
    )
    assert [m["subject"].split(":")[0] for m in smtp.to("once@example.org")] == [
        "You are registered",
        "Reminder",
    ]


def test_state_moves_are_checked(create_event, db):
    draft = create_event(publish=False)
    services.publish_event(draft)
    with pytest.raises(InvalidState):
        services.publish_event(draft)
    services.cancel_event(draft, "Venue flooded")
    with pytest.raises(InvalidState):
        services.cancel_event(draft)
    with pytest.raises(InvalidState):
        services.update_event(draft, {"title": "New"})
    upcoming = create_event()
    with pytest.raises(InvalidState, match="once it has started"):
        services.close_event(upcoming, "Notes", "")


def test_close_counts_attendance_from_check_ins_then_outcome_emails_registrants(
    create_event, create_registration, smtp, db
):
    event = create_event()
    came = create_registration(event, email="came@example.org")
    create_registration(event, email="absent@example.org")
    with pytest.raises(InvalidState, match="only on the day of the session"):
        check_in_attendee(event, came.reference)  # ten days early
    event.starts_at, event.ends_at = utcnow(), utcnow() + timedelta(hours=2)  # the day comes
    check_in_attendee(event, came.reference.lower())
    with pytest.raises(InvalidState, match="already checked in"):
        check_in_attendee(event, came.reference)
    with pytest.raises(ValidationFailed, match="No registration"):
        check_in_attendee(event, "EZZZZZZZZ")
    event.starts_at -= timedelta(days=11)
    event.ends_at -= timedelta(days=11)
    with pytest.raises(InvalidState, match="Close the session"):
        services.publish_outcome(event, "We did things")
    services.close_event(event, "Speeding on Chesterfield Road", "Mansfield District Council")
    assert event.status == "closed" and event.attendance == 1
    assert services.publish_outcome(event, "You said speeding; we ran speed checks.") == 2
    assert services.publish_outcome(event, "Updated wording") == 0  # edits don't re-email
    db.session.commit()
    outcome = [m for m in smtp.messages if m["subject"].startswith("You said, we did")]
    assert sorted(m["to"][0] for m in outcome) == ["absent@example.org", "came@example.org"]
    assert f"/events/{event.id}" in outcome[0]["body"]


def test_changes_and_cancellation_email_registrants(create_event, create_registration, smtp, db):
    event = create_event()
    create_registration(event, email="a@example.org")
    assert services.update_event(event, {"description": "More detail"}) == []
    assert smtp.to("a@example.org")[1:] == []
    new_start = event.starts_at + timedelta(days=1)
    changed = services.update_event(
        event,
        {
            "starts_at": new_start,
            "ends_at": new_start + timedelta(hours=2),
            "venue": "Mansfield Library",
        },
    )
    assert changed == ["time", "venue"]
    services.postpone_event(event, "The Commissioner is needed in Parliament")
    services.reschedule_event(
        event, new_start + timedelta(days=7), new_start + timedelta(days=7, hours=2)
    )
    services.cancel_event(event, "Sorry")
    db.session.commit()
    subjects = [m["subject"].split(":")[0] for m in smtp.to("a@example.org")]
    assert subjects == ["You are registered", "Changed", "Postponed", "New date", "Cancelled"]
    assert "Mansfield Library" in smtp.to("a@example.org")[1]["body"]


def test_views_on_the_day_become_event_responses_without_personal_details(
    create_event, create_registration, db
):
    event = create_event()
    create_registration(event, name="Alex Private", email="alex.private@example.org")
    cards = "Speeding cars on Nottingham Road\nevery night\n\n\nDrug dealing by the park\n\n"
    stored = services.add_event_views(event, cards)
    db.session.commit()
    assert [r.text for r in stored] == [
        "Speeding cars on Nottingham Road every night",
        "Drug dealing by the park",
    ]
    for r in db.session.scalars(db.select(Response)):
        assert r.channel == "event" and r.source_id == event.id and r.district == "mansfield"
        assert r.respondent_id is None and "alex" not in r.text.lower()
    with pytest.raises(ValidationFailed):
        services.add_event_views(event, "\n\n  \n")


def test_calendar_shows_districts_without_sessions(create_event, db):
    event = create_event(district="bassetlaw", venue="Worksop Town Hall")
    cancelled = create_event(district="gedling")
    services.cancel_event(cancelled)
    db.session.commit()
    cal = queries.calendar_for(queries.london_year(event.starts_at)[0])
    assert "bassetlaw" not in cal.districts_without_sessions
    assert "gedling" in cal.districts_without_sessions and len(cal.districts_without_sessions) == 7
    assert cal.planned["bassetlaw"] == 1


def test_more_capacity_offers_places_to_the_waiting_list_and_less_is_refused(
    create_event, create_registration, db
):
    event = create_event(capacity=1)
    create_registration(event)
    waiting = create_registration(event)
    services.update_event(event, {"capacity": 2})
    db.session.commit()
    assert db.session.get(Registration, waiting.id).status == "offered"
    with pytest.raises(ValidationFailed, match="already have places"):
        services.update_event(event, {"capacity": 1})


def test_officers_type_london_time_and_it_is_stored_as_utc():
    from datetime import date, datetime

    from engage.events.forms import to_london, to_utc

    assert to_utc(date(2027, 7, 1), "18:30") == datetime(2027, 7, 1, 17, 30)  # BST
    assert to_utc(date(2027, 1, 14), "18:30") == datetime(2027, 1, 14, 18, 30)  # GMT
    assert to_london(datetime(2027, 7, 1, 17, 30)).strftime("%H:%M") == "18:30"


def test_expire_offers_command(create_event, create_registration, runner, db):
    event = create_event(capacity=1)
    holder = create_registration(event)
    waiting = create_registration(event)
    cancel_registration(holder.token)
    db.session.get(Registration, waiting.id).offered_at = utcnow() - timedelta(hours=49)
    db.session.commit()
    assert runner.invoke(args=["events", "expire-offers"]).output.strip() == "Expired 1 offer."
    assert db.session.get(Registration, waiting.id).status == "cancelled"
