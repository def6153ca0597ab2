"""The emails a session sends: to registrants when something changes, to officers
when places run low. Links are absolute (PUBLIC_BASE_URL) because the reminder
command runs with no request to build them from."""

import sqlalchemy as sa

from engage.accounts.models import User
from engage.accounts.roles import Role
from engage.events.models import HOLDS_PLACE, Event, Registration, RegistrationState
from engage.extensions import db
from engage.links import public_url
from engage.mail.services import private_link, send_email


def event_url(event: Event) -> str:
    return public_url(f"/events/{event.id}")


def registration_url(registration: Registration) -> str:
    """The registrant's own page: details, joining link, cancel and accept buttons. Its
    token is the registrant's key, so staff copies of the email withhold it."""
    return private_link(public_url(f"/events/registrations/{registration.token}"))


def _send(registration: Registration, subject: str, template: str, **context) -> None:
    event = registration.event
    send_email(
        registration.email,
        subject,
        template,
        event=event,
        registration=registration,
        event_url=event_url(event),
        registration_url=registration_url(registration),
        calendar_url=public_url(f"/events/{event.id}/calendar.ics"),
        views_url=public_url("/tell-us"),
        **context,
    )


def send_registration_email(registration: Registration) -> None:
    if registration.status == RegistrationState.waitlisted:
        _send(
            registration,
            f"You are on the waiting list: {registration.event.title}",
            "event_waitlisted",
        )
    else:
        _send(registration, f"You are registered: {registration.event.title}", "event_registered")


def send_offer_email(registration: Registration) -> None:
    _send(registration, f"A place has come up: {registration.event.title}", "event_offer")


def send_reminder_email(registration: Registration) -> None:
    _send(registration, f"Reminder: {registration.event.title} is tomorrow", "event_reminder")


def send_cancellation_confirmed(registration: Registration) -> None:
    _send(
        registration,
        f"Your registration is cancelled: {registration.event.title}",
        "event_registration_cancelled",
    )


def email_registrants(
    event: Event, subject: str, template: str, *, waitlist_too: bool = True, **context
) -> int:
    """Email everyone with a place (and the waiting list); returns how many were sent."""
    states = list(HOLDS_PLACE) + ([RegistrationState.waitlisted] if waitlist_too else [])
    people = db.session.scalars(
        sa.select(Registration)
        .where(Registration.event_id == event.id, Registration.status.in_(states))
        .order_by(Registration.id)
    )
    count = 0
    for registration in people:
        _send(registration, subject, template, **context)
        count += 1
    return count


def officer_emails() -> list[str]:
    return list(
        db.session.scalars(
            sa.select(User.email)
            .where(User.role == Role.officer, User.is_active_account.is_(True))
            .order_by(User.email)
        )
    )


def send_capacity_alert(event: Event, level: int, taken: int) -> None:
    for email in officer_emails():
        send_email(
            email,
            f"{event.title} is {level}% full",
            "event_capacity_alert",
            event=event,
            level=level,
            taken=taken,
            staff_url=public_url(f"/staff/events/{event.id}"),
        )
