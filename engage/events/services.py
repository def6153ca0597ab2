"""Officers' operations on a session: schedule, publish, change, close, report back.
Each takes plain data and flushes; the caller commits."""

import re
from datetime import datetime

from engage.db import utcnow
from engage.errors import InvalidState, ValidationFailed
from engage.events import notify
from engage.events.models import (
    EVENT_DISTRICTS,
    ONLINE,
    Event,
    EventFormat,
    EventState,
    RegistrationState,
)
from engage.events.places import lock_event, offer_free_places, places_taken
from engage.extensions import db
from engage.responses.models import Channel
from engage.responses.services import create_response

EVENT_FIELDS = (
    "title",
    "description",
    "district",
    "format",
    "venue",
    "address",
    "accessibility",
    "joining_link",
    "starts_at",
    "ends_at",
    "capacity",
    "waitlist",
    "registration_opens_at",
    "registration_closes_at",
)
WEB_ADDRESS = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
# A change to any of these is news to the people coming.
NOTIFY_FIELDS = {
    "starts_at": "time",
    "ends_at": "time",
    "venue": "venue",
    "address": "venue",
    "format": "format",
    "joining_link": "joining link",
}


def validate_event_data(
    data: dict, event: Event | None = None, now: datetime | None = None
) -> dict:
    """Check a session's fields together (an edit against what it already has); raise
    ValidationFailed with every problem at once. Returns the cleaned fields given."""
    clean = {k: data.get(k) for k in EVENT_FIELDS if k in data}
    for key in ("title", "description", "venue", "address", "accessibility", "joining_link"):
        if isinstance(clean.get(key), str):
            clean[key] = clean[key].strip()
    merged = {k: getattr(event, k) for k in EVENT_FIELDS} if event else {}
    merged.update(clean)
    errors: dict[str, list[str]] = {}
    _check_what_and_where(merged, errors)
    moved = event is None or clean.get("starts_at") not in (None, event.starts_at)
    _check_times(merged, errors, now or utcnow(), moved)
    _check_capacity(merged, event, errors)
    if errors:
        raise ValidationFailed(errors)
    return clean


def _check_what_and_where(merged: dict, errors: dict) -> None:
    if not merged.get("title"):
        errors["title"] = ["Enter a title"]
    if merged.get("district") not in EVENT_DISTRICTS:
        errors["district"] = ["Choose one of the eight districts, or online"]
    if merged.get("format") not in EventFormat.__members__:
        errors["format"] = ["Choose in person, online or hybrid"]
    elif merged["format"] != EventFormat.online and not merged.get("venue"):
        errors["venue"] = ["Enter the venue"]
    link = merged.get("joining_link")
    if link and not WEB_ADDRESS.match(link):
        errors["joining_link"] = ["Enter a web address starting with https://"]


def _check_times(merged: dict, errors: dict, now: datetime, moved: bool) -> None:
    """`moved`: a new session, or its start changed (an untouched past start is fine)."""
    starts, ends = merged.get("starts_at"), merged.get("ends_at")
    if not starts:
        errors["starts_at"] = ["Enter when the session starts"]
    elif moved and starts <= now:
        errors["starts_at"] = ["The session must start in the future"]
    if not ends:
        errors["ends_at"] = ["Enter when the session ends"]
    elif starts and ends <= starts:
        errors["ends_at"] = ["The end must be after the start"]
    opens, closes = merged.get("registration_opens_at"), merged.get("registration_closes_at")
    if opens and closes and closes <= opens:
        errors["registration_closes_at"] = ["Registration must close after it opens"]
    elif closes and ends and closes > ends:
        errors["registration_closes_at"] = ["Registration must close before the session ends"]


def _check_capacity(merged: dict, event: Event | None, errors: dict) -> None:
    capacity = merged.get("capacity")
    if not isinstance(capacity, int) or capacity < 1:
        errors["capacity"] = ["Capacity must be at least 1"]
    elif event is not None and capacity < (taken := places_taken(event)):
        errors["capacity"] = [f"{taken} people already have places; capacity cannot be lower"]


def create_event(data: dict, actor=None, publish: bool = False) -> Event:
    """Schedule a session as a draft (or published straight away)."""
    clean = validate_event_data(data)
    clean.setdefault("waitlist", True)
    event = Event(**clean, status=EventState.draft)
    db.session.add(event)
    if publish:
        event.publish()
    db.session.flush()
    return event


def update_event(event: Event, data: dict, actor=None) -> list[str]:
    """Edit a session; registrants hear about changes to when, where or how. Returns
    what changed that they were told about."""
    if not event.can_edit():
        raise InvalidState("A cancelled or closed session cannot be edited.")
    if "capacity" in data:
        lock_event(event.id)  # nobody takes a place while we check the new capacity
    clean = validate_event_data(data, event)
    changed = sorted(
        {
            NOTIFY_FIELDS[k]
            for k, v in clean.items()
            if k in NOTIFY_FIELDS and getattr(event, k) != v
        }
    )
    for key, value in clean.items():
        setattr(event, key, value)
    db.session.flush()
    if changed and event.status == EventState.published:
        event.sequence += 1
        notify.email_registrants(event, f"Changed: {event.title}", "event_changed", changes=changed)
    if "capacity" in data:
        offer_free_places(event)  # more places: the waiting list hears first
    return changed


def publish_event(event: Event, actor=None) -> None:
    event.publish()
    db.session.flush()


def postpone_event(event: Event, note: str = "", actor=None) -> int:
    """Postpone until a new date is set; returns how many registrants were emailed."""
    event.postpone()
    event.status_note = (note or "").strip()
    event.sequence += 1
    db.session.flush()
    return notify.email_registrants(event, f"Postponed: {event.title}", "event_postponed")


def reschedule_event(event: Event, starts_at: datetime, ends_at: datetime, actor=None) -> int:
    """Give a published or postponed session new times; registrants keep their places."""
    if event.status not in (EventState.published, EventState.postponed):
        raise InvalidState("Only a published or postponed session can be rescheduled.")
    _validate_new_times(starts_at, ends_at)
    unchanged = event.status == EventState.published and (event.starts_at, event.ends_at) == (starts_at, ends_at)
    event.reschedule()
    if event.registration_closes_at and event.registration_closes_at > starts_at:
        event.registration_closes_at = (
            None  # the old deadline would leave registration open too long
        )
    event.starts_at, event.ends_at = starts_at, ends_at
    event.status_note = ""
    if unchanged:  # the same times again: nothing to tell anyone
        db.session.flush()
        return 0
    event.sequence += 1
    db.session.flush()
    return notify.email_registrants(
        event, f"New date: {event.title}", "event_changed", changes=["time"]
    )


def _validate_new_times(starts_at: datetime | None, ends_at: datetime | None) -> None:
    errors: dict[str, list[str]] = {}
    if not starts_at:
        errors["starts_at"] = ["Enter when the session starts"]
    elif starts_at <= utcnow():
        errors["starts_at"] = ["The session must start in the future"]
    if not ends_at:
        errors["ends_at"] = ["Enter when the session ends"]
    elif starts_at and ends_at <= starts_at:
        errors["ends_at"] = ["The end must be after the start"]
    if errors:
        raise ValidationFailed(errors)


def cancel_event(event: Event, note: str = "", actor=None) -> int:
    """Cancel a session and tell everyone registered or waiting."""
    was_published = event.status != EventState.draft
    event.cancel()
    event.status_note = (note or "").strip()
    event.sequence += 1
    db.session.flush()
    if not was_published:
        return 0
    return notify.email_registrants(event, f"Cancelled: {event.title}", "event_cancelled")


def close_event(event: Event, notes: str, organisations: str, actor=None) -> None:
    """Close a session that has been held, with the officer's short report. Attendance
    is counted from check-ins and walk-ins, not typed."""
    notes = (notes or "").strip()
    if not notes:
        raise ValidationFailed("Write a few notes on what was discussed", "report_notes")
    event.close()
    event.report_notes = notes
    event.organisations_present = (organisations or "").strip()
    from engage.events.checkin import attendance

    event.attendance = attendance(event)
    db.session.flush()


def publish_outcome(event: Event, summary: str, actor=None) -> int:
    """Publish 'you said, we did' on the session page and email those who registered."""
    summary = (summary or "").strip()
    if not event.can_publish_outcome():
        raise InvalidState("Close the session with its report before publishing the outcome.")
    if not summary:
        raise ValidationFailed("Write what people said and what was done", "outcome_summary")
    first_time = event.outcome_published_at is None
    event.outcome_summary = summary
    event.outcome_published_at = utcnow()
    db.session.flush()
    if not first_time:
        return 0
    return notify.email_registrants(
        event, f"You said, we did: {event.title}", "event_outcome", waitlist_too=False
    )


def _response_district(event: Event, district: str | None) -> str | None:
    if district:
        return district
    return None if event.district == ONLINE else event.district


def give_event_view(
    event: Event,
    text: str,
    district: str | None = None,
    consent_to_quote: bool = False,
    respondent=None,
    about_you: dict | None = None,
):
    """A resident's view for a session, before or after it, into the response stream, with
    their optional 'About you' answers. Only the event id travels with it: never the
    registrant's details."""
    if not event.can_take_views():
        raise InvalidState("This session is not taking views.")
    return create_response(
        Channel.event,
        text,
        source_id=event.id,
        district=_response_district(event, district),
        consent_to_quote=consent_to_quote,
        respondent=respondent,
        about_you=about_you,
    )


def split_cards(text: str) -> list[str]:
    """Views typed from paper cards: one card per paragraph (a blank line between)."""
    blocks, current = [], []
    for line in (text or "").splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(" ".join(current))
            current = []
    if current:
        blocks.append(" ".join(current))
    return blocks


def add_event_views(event: Event, text: str, actor=None) -> list:
    """Store many views gathered on the day at once, each its own response."""
    if event.status not in (EventState.published, EventState.closed):
        raise InvalidState("Views can be typed in for published or closed sessions only.")
    cards = split_cards(text)
    if not cards:
        raise ValidationFailed("Type at least one view", "text")
    return [
        create_response(
            Channel.event, card, source_id=event.id, district=_response_district(event, None)
        )
        for card in cards
    ]


def registrations_for_export(event: Event) -> tuple[list[str], list[list]]:
    """The attendee list for officers (personal details: never for analysts)."""
    from engage.web import london

    headers = [
        "reference",
        "name",
        "email",
        "phone",
        "postcode",
        "access_needs",
        "status",
        "registered_at",
        "checked_in_at",
    ]
    rows = [
        [
            r.reference,
            r.name,
            r.email,
            r.phone,
            r.postcode,
            r.access_needs,
            r.status,
            london(r.created_at, "%Y-%m-%d %H:%M"),
            london(r.checked_in_at, "%Y-%m-%d %H:%M"),
        ]
        for r in event.registrations
        if r.status != RegistrationState.cancelled
    ]
    return headers, rows
