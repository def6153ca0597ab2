"""Demo activity for seeded sessions: registrations, check-ins, closing reports and
"you said, we did" on past sessions, a nearly full session with its alert. Rows are
built directly (no emails), so the outbox stays for real messages."""

import random
import secrets
from datetime import timedelta

from engage.db import utcnow
from engage.events.models import Event, EventAlert, EventState, Registration, RegistrationState
from engage.extensions import db
from engage.responses.services import new_reference

FIRST = [
    "Amira",
    "Ben",
    "Carol",
    "Dev",
    "Ellie",
    "Frank",
    "Grace",
    "Harpreet",
    "Ian",
    "Joy",
    "Kwame",
    "Lucy",
    "Mo",
    "Nadia",
    "Owen",
    "Priya",
    "Ray",
    "Sue",
    "Tom",
    "Zofia",
]
LAST = [
    "Ahmed",
    "Bennett",
    "Clarke",
    "Dhillon",
    "Evans",
    "Fletcher",
    "Green",
    "Hussain",
    "Jones",
    "Kowalski",
    "Lewis",
    "Morris",
    "Patel",
    "Shaw",
    "Walker",
]
OUTCOMES = [
    (
        "You said speeding through the villages was your biggest worry. We did: the road policing "
        "team ran speed checks on the roads you named, and two new Community Speedwatch groups "
        "started with volunteers from the session."
    ),
    (
        "You said anti-social behaviour in the town centre made you feel unsafe in the evening. We "
        "did: the Anti-social Behaviour Taskforce and the council's community protection officers "
        "ran joint patrols on Friday and Saturday nights."
    ),
    (
        "You said fly tipping in the lanes was getting worse. We did: the district council and "
        "Farm Watch agreed where to put cameras, and the rural crime team followed up the vehicles "
        "you reported."
    ),
]
ORGANISATIONS = (
    "Nottinghamshire Police neighbourhood team, district council community safety "
    "team, Neighbourhood Watch"
)


def _person(rng: random.Random, event: Event, n: int, status: str) -> Registration:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return Registration(
        event=event,
        reference=new_reference("E"),
        token=secrets.token_urlsafe(32),
        name=f"{first} {last}",
        email=f"{first}.{last}.{event.id}.{n}@example.org".lower(),
        postcode="",
        access_needs=rng.choice(["", "", "", "Hearing loop", "Step-free access"]),
        status=status,
        created_at=event.starts_at - timedelta(days=rng.randint(2, 20)),
    )


def _past(rng: random.Random, event: Event, index: int) -> None:
    people = [
        _person(rng, event, n, RegistrationState.registered)
        for n in range(rng.randint(12, min(event.capacity, 28)))
    ]
    for person in people:
        if rng.random() < 0.8:
            person.checked_in_at = event.starts_at + timedelta(minutes=rng.randint(-10, 20))
    db.session.add_all(people)
    event.attendance = sum(1 for p in people if p.checked_in_at)
    event.closed_at = event.ends_at + timedelta(hours=1)
    event.report_notes = (
        "Residents raised speeding, anti-social behaviour and how to report to "
        "101. Officers explained the neighbourhood priorities for the area."
    )
    event.organisations_present = ORGANISATIONS
    if index % 2 == 0:
        event.outcome_summary = OUTCOMES[index // 2 % len(OUTCOMES)]
        event.outcome_published_at = event.ends_at + timedelta(days=28)


def _upcoming(rng: random.Random, event: Event, nearly_full: bool) -> None:
    count = event.capacity - 1 if nearly_full else rng.randint(3, event.capacity // 2)
    db.session.add_all([_person(rng, event, n, RegistrationState.registered) for n in range(count)])
    if nearly_full:
        db.session.add(EventAlert(event=event, level=80, created_at=utcnow() - timedelta(hours=5)))


def seed_event_activity(events: list[Event], rng: random.Random) -> None:
    """Give seeded sessions people, reports and outcomes (call after they are flushed)."""
    past = [e for e in events if e.status == EventState.closed]
    upcoming = [e for e in events if e.status == EventState.published]
    for index, event in enumerate(past):
        _past(rng, event, index)
    for index, event in enumerate(upcoming):
        event.published_at = event.published_at or utcnow() - timedelta(days=30)
        _upcoming(rng, event, nearly_full=index == 0)
    db.session.flush()
