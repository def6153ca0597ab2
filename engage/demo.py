"""`flask seed-demo`: realistic demo data from the plan, safe to run again."""

import json
import random
from datetime import date, datetime, timedelta
from pathlib import Path

import click

from engage.accounts import services as accounts
from engage.accounts.roles import Role
from engage.db import utcnow
from engage.events.demo import seed_event_activity
from engage.events.models import ONLINE, Event, EventFormat, EventState
from engage.extensions import db
from engage.outcomes.demo import seed_outcomes_demo
from engage.places import DISTRICTS
from engage.responses.models import Channel
from engage.responses.services import create_response
from engage.summit.demo import seed_summit_demo
from engage.summit.models import Summit
from engage.surveys.demo import demo_about_you, seed_surveys
from engage.surveys.models import Survey
from engage.voices.demo import seed_voices_demo

DEMO_DOMAIN = "demo.example.org"
DEMO_RESPONSES = Path(__file__).parent / "data" / "demo_responses.jsonl"
VENUES = {
    "ashfield": ("Sutton-in-Ashfield Library", "Idlewells Precinct, Sutton-in-Ashfield NG17 1BP"),
    "bassetlaw": ("Worksop Town Hall", "Potter Street, Worksop S80 2AH"),
    "broxtowe": ("Beeston Library", "Foster Avenue, Beeston NG9 1AE"),
    "gedling": ("Arnold Civic Centre", "Arnot Hill Park, Arnold NG5 6LU"),
    "mansfield": ("Mansfield Civic Centre", "Chesterfield Road South, Mansfield NG19 7BH"),
    "newark_and_sherwood": ("Ollerton Village Hall", "Main Street, Ollerton NG22 9AD"),
    "rushcliffe": ("Bingham Arena", "Chapel Lane, Bingham NG13 8GF"),
    "nottingham_city": ("St Ann's Valley Centre", "2 Livingstone Road, Nottingham NG3 3GG"),
}
TOPICS = [
    "your neighbourhood's priorities",
    "anti-social behaviour and speeding",
    "keeping women and girls safe",
    "rural crime and fly tipping",
    "what partners did after the last session",
]


def staff_credentials() -> list[tuple[str, str, str]]:
    return [
        (f"{role.value}@{DEMO_DOMAIN}", f"demo-{role.value}-password", role.value)
        for role in (Role.admin, Role.officer, Role.analyst, Role.partner, Role.resident)
    ]


def seed_accounts() -> None:
    for email, password, role in staff_credentials():
        if accounts.get_user_by_email(email) is None:
            accounts.create_user(email, password, role, name=f"Demo {role}")


def seed_events(rng: random.Random) -> list[Event]:
    """Past and future sessions in every district, plus one online."""
    start = utcnow().replace(hour=17, minute=30, second=0, microsecond=0)
    events = []
    for i, (district, (venue, address)) in enumerate(VENUES.items()):
        for offset in (-60 - 7 * i, 10 + 6 * i):
            when = start + timedelta(days=offset)
            events.append(
                Event(
                    title=f"Meet the Commissioner: {DISTRICTS[district]}",
                    description=(
                        f"Come and talk to the Police and Crime Commissioner about {TOPICS[i % 5]}. "
                        "Local neighbourhood officers and community safety partners will be there too."
                    ),
                    district=district,
                    format=EventFormat.in_person,
                    venue=venue,
                    address=address,
                    accessibility=(
                        "Step-free access, hearing loop, accessible toilet. "
                        "Tell us about any other needs when you register."
                    ),
                    starts_at=when,
                    ends_at=when + timedelta(hours=2),
                    capacity=rng.choice([30, 40, 60]),
                    waitlist=True,
                    status=EventState.closed if offset < 0 else EventState.published,
                )
            )
    online = start + timedelta(days=21)
    events.append(
        Event(
            title="Meet the Commissioner online",
            district=ONLINE,
            description="An evening session online for anyone in Nottinghamshire.",
            format=EventFormat.online,
            starts_at=online,
            ends_at=online + timedelta(hours=1),
            capacity=100,
            waitlist=False,
            status=EventState.published,
            joining_link="https://meet.example.org/commissioner",
        )
    )
    db.session.add_all(events)
    db.session.flush()
    return events


def seed_consultations() -> tuple[Survey, Summit]:
    now = utcnow()
    # The plan consultation and the Police and Crime Survey, with sections, questions and answers.
    survey = seed_surveys(random.Random(2024))
    year = now.year + (1 if now.month > 6 else 0)
    summit = Summit(
        year=year,
        title=f"Nottinghamshire Rural Crime Summit {year}",
        held_on=date(year, 3, 12),
        venue="Newark Showground, Lincoln Road, Coddington NG24 2NY",
        window_opens_at=now - timedelta(days=7),
        window_closes_at=datetime(year, 2, 20),
    )
    db.session.add(summit)
    db.session.flush()
    return survey, summit


def seed_responses(rng: random.Random, events: list[Event]) -> int:
    lines = [json.loads(line) for line in DEMO_RESPONSES.read_text().splitlines() if line.strip()]
    districts = list(DISTRICTS) + ["unknown"]
    past = [e for e in events if e.status == EventState.closed]
    # A second generator for the optional 'About you' answers, so the responses themselves
    # (and the safeguarding cases they open) are the same as before they were added.
    about_rng = random.Random(2021)
    for n, item in enumerate(lines):
        # Survey, summit and voices responses come from their domains' own seeds, which
        # link them to real answers and submissions; these are sessions' and direct ones.
        channel = rng.choice([Channel.event, Channel.event, Channel.direct])
        create_response(
            channel,
            item["text"],
            source_id=rng.choice(past).id if channel == Channel.event else None,
            district=(district := rng.choice(districts)),
            consent_to_quote=rng.random() < 0.6,
            submitted_at=utcnow() - timedelta(days=rng.randint(0, 540), minutes=n),
            # About a third answer the optional equality questions, as with surveys.
            about_you=_maybe_about_you(about_rng, district),
        )
    return len(lines)


def _maybe_about_you(rng: random.Random, district: str) -> dict | None:
    """About a third of demo residents answer the optional equality questions."""
    if rng.random() >= 0.35:
        return None
    return demo_about_you(rng, district if district in DISTRICTS else None)


@click.command("seed-demo")
def seed_demo_command():
    """Load demo data (staff accounts, sessions, consultations, responses) once."""
    seed_accounts()
    if db.session.scalar(db.select(db.func.count(Event.id))):
        db.session.commit()
        click.echo("Demo data already present; accounts checked.")
    else:
        rng = random.Random(2021)
        events = seed_events(rng)
        seed_event_activity(events, random.Random(4))  # own generator: others' draws unchanged
        seed_consultations()
        count = seed_responses(rng, events)
        db.session.commit()
        click.echo(f"Seeded {len(events)} sessions, 1 survey, 1 summit and {count} responses.")
    added = seed_summit_demo(), seed_voices_demo(f"partner@{DEMO_DOMAIN}", f"officer@{DEMO_DOMAIN}")
    outcomes = seed_outcomes_demo()
    db.session.commit()
    if outcomes:
        click.echo(f"Published {outcomes} demo outcomes (a consultation and last year's summit).")
    if any(added):
        click.echo(f"Seeded {added[0]} summit submissions and {added[1]} views from community partners.")
    click.echo("Demo accounts (email / password / role):")
    for email, password, role in staff_credentials():
        click.echo(f"  {email} / {password} / {role}")
