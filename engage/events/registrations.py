"""Residents' places at a session: registering, the waiting list, cancelling, checking
in and reminders. Capacity holds under concurrent requests because every change to
who holds a place first locks the session's row (see lock_event)."""

import math
import re
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa

from engage.db import utcnow
from engage.errors import InvalidState, NotFound, ValidationFailed
from engage.events import notify
from engage.events.models import (
    OFFER_HOURS,
    Event,
    EventAlert,
    EventState,
    Registration,
    RegistrationState,
)
from engage.events.places import lock_event, offer_free_places, places_taken
from engage.extensions import db
from engage.places import postcode_district
from engage.responses.services import new_reference
from engage.security.throttle import allow_mail_to
from engage.web import LONDON

ALERT_LEVELS = (80, 100)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AlreadyRegistered(InvalidState):
    """The address already holds a place. Pages may say so to the person at the keyboard;
    the API answers as for a new registration (`acknowledge_again`), so a stranger cannot
    learn who is booked where."""

    def __init__(self, registration: Registration, status_if_new: str):
        super().__init__("This email address is already registered for this session. "
                         "Use the link in your confirmation email to see or cancel it.", "email")
        self.registration = registration
        self.status_if_new = status_if_new


def acknowledge_again(exc: AlreadyRegistered) -> dict:
    """The reply a new registration would get (a reference that names nothing stored),
    while the person registered gets their confirmation again, with their own link."""
    if allow_mail_to(exc.registration.email):
        notify.send_registration_email(exc.registration)
    return {"reference": new_reference("E"), "status": exc.status_if_new}


class SessionFull(InvalidState):
    """The session is full and runs no waiting list (409)."""


def clean_registration(data: dict) -> dict:
    errors: dict[str, list[str]] = {}
    name = (data.get("name") or "").strip()
    email = (data.get("email") or "").strip().lower()
    postcode = (data.get("postcode") or "").strip().upper()
    if not name:
        errors["name"] = ["Enter your name"]
    elif len(name) > 120:
        errors["name"] = ["Your name must be 120 characters or fewer"]
    if not _EMAIL.match(email) or len(email) > 254:
        errors["email"] = ["Enter an email address like name@example.com"]
    if postcode and postcode_district(postcode) is None:
        errors["postcode"] = ["Enter a real postcode, like NG5 1AB, or leave it blank"]
    phone = (data.get("phone") or "").strip()
    if len(phone) > 40:
        errors["phone"] = ["Your phone number must be 40 characters or fewer"]
    access = (data.get("access_needs") or "").strip()
    if len(access) > 2000:
        errors["access_needs"] = ["Access needs must be 2,000 characters or fewer"]
    if errors:
        raise ValidationFailed(errors)
    return {
        "name": name,
        "email": email,
        "phone": phone,
        "postcode": postcode,
        "access_needs": access,
    }


def register_attendee(event_id: int, data: dict, now: datetime | None = None,
                      user=None) -> Registration:
    """Give the person a place, or a waiting-list spot, or refuse (SessionFull) when the
    session is full without a waiting list. One registration per email per session.
    `user`: the signed-in account registering, linked so their account lists it."""
    details = clean_registration(data)
    event = lock_event(event_id)
    if event.status == EventState.draft:
        raise NotFound("There is no such session.")
    problem = event.registration_problem(now)
    if problem:
        raise InvalidState(problem)
    existing = db.session.scalar(
        sa.select(Registration).where(
            Registration.event_id == event.id, Registration.email == details["email"]
        )
    )
    if existing is not None and existing.status != RegistrationState.cancelled:
        # Only to the signed-in owner of the address: a stranger learns nothing here.
        if user is not None and existing.email == user.email:
            raise InvalidState("You are already registered for this session. It is in "
                               "Your account, where you can see or cancel it.", "email")
    taken = places_taken(event)
    if taken < event.capacity:
        status = RegistrationState.registered
    elif event.waitlist:
        status = RegistrationState.waitlisted
    else:
        raise SessionFull("Sorry, this session is full and has no waiting list.")
    if existing is not None and existing.status != RegistrationState.cancelled:
        raise AlreadyRegistered(existing, status)
    registration = existing or Registration(event=event, email=details["email"])
    _fill(registration, details, status)
    registration.user_id = getattr(user, "id", None)
    db.session.add(registration)
    db.session.flush()
    if status == RegistrationState.registered:
        raise_capacity_alerts(event, taken + 1)
    notify.send_registration_email(registration)
    return registration


def _fill(registration: Registration, details: dict, status: str) -> None:
    for key, value in details.items():
        setattr(registration, key, value)
    registration.status = status
    registration.reference = new_reference("E")
    registration.token = secrets.token_urlsafe(32)
    registration.created_at = utcnow()
    registration.cancelled_at = registration.offered_at = registration.checked_in_at = None
    registration.reminder_sent_at = None


def alert_levels_reached(capacity: int, taken: int) -> list[int]:
    return [level for level in ALERT_LEVELS if taken >= math.ceil(capacity * level / 100)]


def raise_capacity_alerts(event: Event, taken: int) -> list[EventAlert]:
    """Once per level per session: a dashboard alert and an email to officers.
    Runs under the session's lock, so two requests cannot both raise one."""
    done = set(
        db.session.scalars(sa.select(EventAlert.level).where(EventAlert.event_id == event.id))
    )
    raised = []
    for level in alert_levels_reached(event.capacity, taken):
        if level in done:
            continue
        alert = EventAlert(event_id=event.id, level=level)
        db.session.add(alert)
        db.session.flush()
        notify.send_capacity_alert(event, level, taken)
        raised.append(alert)
    return raised


def registration_by_token(token: str) -> Registration:
    registration = db.session.scalar(sa.select(Registration).where(Registration.token == token))
    if registration is None:
        raise NotFound("This link is not valid. Check you copied all of it from the email.")
    return registration


def cancel_registration(token: str) -> Registration:
    """Cancel from the email's link; a freed place is offered to the waiting list."""
    registration = registration_by_token(token)
    lock_event(registration.event_id)
    db.session.refresh(registration)
    freed = registration.holds_place
    registration.cancel()
    db.session.flush()
    notify.send_cancellation_confirmed(registration)
    if freed:
        offer_free_places(registration.event)
    return registration


def accept_offer(token: str, now: datetime | None = None) -> Registration:
    registration = registration_by_token(token)
    lock_event(registration.event_id)
    db.session.refresh(registration)
    if registration.event.status != EventState.published or registration.event.starts_at <= (
        now or utcnow()
    ):
        raise InvalidState("This session is no longer taking registrations.")
    registration.accept_offer()
    db.session.flush()
    notify.send_registration_email(registration)
    return registration


def expire_offers(now: datetime | None = None) -> int:
    """Offers not taken up within OFFER_HOURS pass to the next person waiting."""
    now = now or utcnow()
    stale = db.session.scalars(
        sa.select(Registration.id).where(
            Registration.status == RegistrationState.offered,
            Registration.offered_at < now - timedelta(hours=OFFER_HOURS),
        )
    ).all()
    for registration_id in stale:
        registration = db.session.get(Registration, registration_id)
        lock_event(registration.event_id)
        db.session.refresh(registration)
        if registration.status != RegistrationState.offered:
            continue
        registration.cancel()
        db.session.flush()
        offer_free_places(registration.event, now)
    return len(stale)


def check_in_attendee(event: Event, reference: str) -> Registration:
    """Mark someone as arrived by the reference on their confirmation (on the day only)."""
    from engage.events.checkin import require_check_in_open

    require_check_in_open(event)
    reference = (reference or "").strip().upper().replace(" ", "")
    if not reference:
        raise ValidationFailed("Enter the registration reference, like E7KQ2M9XP", "reference")
    registration = db.session.scalar(
        sa.select(Registration).where(
            Registration.event_id == event.id, Registration.reference == reference
        )
    )
    if registration is None:
        raise ValidationFailed(f"No registration {reference} for this session", "reference")
    registration.check_in()
    db.session.flush()
    return registration


def london_tomorrow(now: datetime) -> tuple[datetime, datetime]:
    """Tomorrow in Europe/London as a naive-UTC [start, end) range."""
    from datetime import UTC

    local = now.replace(tzinfo=UTC).astimezone(LONDON)
    start = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    end = start + timedelta(days=1)
    start = start.replace(tzinfo=LONDON).astimezone(UTC).replace(tzinfo=None)
    end = end.replace(tzinfo=LONDON).astimezone(UTC).replace(tzinfo=None)
    return start, end


def send_due_reminders(now: datetime | None = None) -> int:
    """Remind everyone registered for a session that starts tomorrow (London). Each
    registration is claimed with a conditional UPDATE first, so repeated or overlapping
    runs never send anyone two reminders."""
    now = now or utcnow()
    start, end = london_tomorrow(now)
    due = db.session.scalars(
        sa.select(Registration.id)
        .join(Event)
        .where(
            Event.status == EventState.published,
            Event.starts_at >= start,
            Event.starts_at < end,
            Registration.status == RegistrationState.registered,
            Registration.reminder_sent_at.is_(None),
        )
        .order_by(Registration.id)
    ).all()
    sent = 0
    for registration_id in due:
        claimed = db.session.execute(
            sa.update(Registration)
            .where(Registration.id == registration_id, Registration.reminder_sent_at.is_(None))
            .values(reminder_sent_at=now)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:
            continue
        notify.send_reminder_email(db.session.get(Registration, registration_id))
        sent += 1
    return sent


def registrations_of(user_id: int) -> list[Registration]:
    """A signed-in resident's registrations (not cancelled), soonest session first."""
    return list(db.session.scalars(
        sa.select(Registration).join(Event).where(
            Registration.user_id == user_id,
            Registration.status != RegistrationState.cancelled)
        .order_by(Event.starts_at)))
