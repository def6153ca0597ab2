"""Meet the Commissioner sessions, their registrations and officers' capacity alerts."""

import enum
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.db import TimestampMixin, utcnow
from engage.errors import InvalidState
from engage.extensions import db
from engage.places import DISTRICTS

ONLINE = "online"
# An event's area: one of the eight districts, or "online" for sessions with no venue.
EVENT_DISTRICTS: dict[str, str] = {**DISTRICTS, ONLINE: "Online"}


class EventState(enum.StrEnum):
    draft = "draft"
    published = "published"
    postponed = "postponed"
    cancelled = "cancelled"
    closed = "closed"


class EventFormat(enum.StrEnum):
    in_person = "in_person"
    online = "online"
    hybrid = "hybrid"


FORMAT_NAMES = {
    EventFormat.in_person: "In person",
    EventFormat.online: "Online",
    EventFormat.hybrid: "Hybrid (in person and online)",
}


class RegistrationState(enum.StrEnum):
    registered = "registered"
    waitlisted = "waitlisted"
    # A place came free and is held for this person until they accept or decline.
    offered = "offered"
    cancelled = "cancelled"


# States that hold one of the session's places.
HOLDS_PLACE = (RegistrationState.registered, RegistrationState.offered)


class Event(TimestampMixin, db.Model):
    """A 'Meet the Commissioner' session. Times are naive UTC; shown in Europe/London."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    district: Mapped[str] = mapped_column(sa.String(32), index=True)
    format: Mapped[str] = mapped_column(sa.String(16), default=EventFormat.in_person)
    venue: Mapped[str] = mapped_column(sa.String(200), default="")
    address: Mapped[str] = mapped_column(sa.String(300), default="")
    accessibility: Mapped[str] = mapped_column(sa.Text, default="")
    joining_link: Mapped[str | None] = mapped_column(sa.String(500))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    capacity: Mapped[int] = mapped_column(default=50)
    waitlist: Mapped[bool] = mapped_column(default=True)
    status: Mapped[str] = mapped_column(sa.String(16), default=EventState.draft, index=True)
    registration_opens_at: Mapped[datetime | None]
    # None: registration closes when the session starts.
    registration_closes_at: Mapped[datetime | None]
    status_note: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    # iCalendar SEQUENCE: raised on each change registrants are told of, so calendar
    # clients replace the entry they hold.
    sequence: Mapped[int] = mapped_column(default=0, server_default="0")
    published_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    report_notes: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    organisations_present: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    attendance: Mapped[int | None]
    outcome_summary: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    outcome_published_at: Mapped[datetime | None]

    registrations: Mapped[list["Registration"]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Registration.id"
    )

    @property
    def is_upcoming(self) -> bool:
        return self.status == EventState.published and self.ends_at > utcnow()

    @property
    def district_label(self) -> str:
        return EVENT_DISTRICTS.get(self.district, "Unknown")

    @property
    def format_label(self) -> str:
        return FORMAT_NAMES.get(self.format, self.format)

    @property
    def has_joining_link(self) -> bool:
        return self.format in (EventFormat.online, EventFormat.hybrid) and bool(self.joining_link)

    @property
    def closes_registration_at(self) -> datetime:
        return self.registration_closes_at or self.starts_at

    def registration_problem(self, now: datetime | None = None) -> str | None:
        """Why nobody can register now, or None when they can."""
        now = now or utcnow()
        if self.status == EventState.cancelled:
            return "This session has been cancelled."
        if self.status == EventState.postponed:
            return (
                "This session has been postponed. Registration will reopen when it has a new date."
            )
        if self.status != EventState.published or self.starts_at <= now:
            return "This session has already taken place."
        if self.registration_opens_at and now < self.registration_opens_at:
            return "Registration for this session has not opened yet."
        if now >= self.closes_registration_at:
            return "Registration for this session has closed."
        return None

    def can_register(self, now: datetime | None = None) -> bool:
        return self.registration_problem(now) is None

    def check_in_problem(self, now: datetime | None = None) -> str | None:
        """Why nobody can be checked in now (only on the session's own day, London time)."""
        from engage.web import london

        now = now or utcnow()
        if self.status not in (EventState.published, EventState.closed):
            return "Only a published session takes check-ins."
        day = london(self.starts_at, "%Y-%m-%d")
        if london(now, "%Y-%m-%d") != day:
            when = london(self.starts_at, "%A %-d %B %Y")
            return f"Check-in is open only on the day of the session ({when})."
        return None

    def can_take_views(self) -> bool:
        return self.status in (EventState.published, EventState.postponed, EventState.closed)

    def can_edit(self) -> bool:
        return self.status in (EventState.draft, EventState.published, EventState.postponed)

    def can_close(self, now: datetime | None = None) -> bool:
        return self.status == EventState.published and self.starts_at <= (now or utcnow())

    def can_publish_outcome(self) -> bool:
        return self.status == EventState.closed

    def publish(self) -> None:
        self._move(
            {EventState.draft}, EventState.published, "Only a draft session can be published."
        )
        self.published_at = utcnow()

    def postpone(self) -> None:
        self._move(
            {EventState.published},
            EventState.postponed,
            "Only a published session can be postponed.",
        )

    def reschedule(self) -> None:
        self._move(
            {EventState.published, EventState.postponed},
            EventState.published,
            "Only a published or postponed session can be rescheduled.",
        )

    def cancel(self) -> None:
        self._move(
            {EventState.draft, EventState.published, EventState.postponed},
            EventState.cancelled,
            "This session has already been cancelled or closed.",
        )

    def close(self) -> None:
        if not self.can_close():
            raise InvalidState("A session can be closed once it has started, and only once.")
        self.status = EventState.closed
        self.closed_at = utcnow()

    def _move(self, allowed: set[str], to: str, message: str) -> None:
        if self.status not in allowed:
            raise InvalidState(message)
        self.status = to


# How long a waiting-list offer is held before it passes to the next person.
OFFER_HOURS = 48


class Registration(TimestampMixin, db.Model):
    """One person's place (or waiting-list spot) at a session. Personal details stay
    here, for officers only; they never go into the response stream."""

    __tablename__ = "event_registrations"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "email", name="uq_event_registrations_event_email"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    reference: Mapped[str] = mapped_column(sa.String(16), unique=True)
    # Secret in the links of our emails: cancel, accept an offered place.
    token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    # Stored lower-cased: one registration per email per session, whatever the case.
    email: Mapped[str] = mapped_column(sa.String(254))
    phone: Mapped[str] = mapped_column(sa.String(40), default="")
    postcode: Mapped[str] = mapped_column(sa.String(10), default="")
    access_needs: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(
        sa.String(16), default=RegistrationState.registered, index=True
    )
    offered_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    checked_in_at: Mapped[datetime | None]
    reminder_sent_at: Mapped[datetime | None]
    # The account that registered while signed in, so "Your account" can list it.
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )

    event: Mapped[Event] = relationship(back_populates="registrations")

    @property
    def offer_expires_at(self) -> datetime | None:
        """When an offered place passes to the next person unless accepted."""
        if self.status != RegistrationState.offered or self.offered_at is None:
            return None
        return self.offered_at + timedelta(hours=OFFER_HOURS)

    @property
    def holds_place(self) -> bool:
        return self.status in HOLDS_PLACE

    def cancel(self) -> None:
        if self.status == RegistrationState.cancelled:
            raise InvalidState("This registration has already been cancelled.")
        self.status = RegistrationState.cancelled
        self.cancelled_at = utcnow()

    def accept_offer(self) -> None:
        if self.status == RegistrationState.registered:
            raise InvalidState("You have already accepted this place.")
        if self.status != RegistrationState.offered:
            raise InvalidState("This place is no longer on offer.")
        self.status = RegistrationState.registered

    def check_in(self) -> None:
        if self.status != RegistrationState.registered:
            raise InvalidState(
                f"{self.reference} is {self.status}, not registered, so cannot be checked in.",
                "reference",
            )
        if self.checked_in_at:
            raise InvalidState(
                f"{self.reference} was already checked in at this session.", "reference"
            )
        self.checked_in_at = utcnow()


class EventAlert(db.Model):
    """A session reached 80% or 100% of its places: shown on the officers' dashboard."""

    __tablename__ = "event_alerts"
    __table_args__ = (sa.UniqueConstraint("event_id", "level", name="uq_event_alerts_event_level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    level: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    dismissed_at: Mapped[datetime | None]

    event: Mapped[Event] = relationship()


class WalkIn(db.Model):
    """Someone who came to a session without registering: counted in attendance. Their
    name (and any contact they gave) is personal data, for officers only."""

    __tablename__ = "event_walk_ins"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(120))
    contact: Mapped[str] = mapped_column(sa.String(254), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
