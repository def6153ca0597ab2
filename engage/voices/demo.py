"""Demo content for lesser-heard voices: the demo partner's verified organisation, one
application waiting for an officer, and community feedback."""

import secrets
from datetime import timedelta

import sqlalchemy as sa

from engage.accounts import services as accounts
from engage.accounts.roles import Role
from engage.db import utcnow
from engage.extensions import db
from engage.voices.models import VoicesSubmission
from engage.voices.services import apply_for_partnership, organisation_of, submit_voices

DEMO_ORG = {
    "name": "Notts Trusted Communicators Network",
    "description": (
        "Community workers and volunteers who give advice, information and outreach "
        "to people affected by domestic abuse, exploitation, FGM and honour based "
        "abuse, and who bring their views back to the Commissioner."
    ),
    "communities": [
        "young_people",
        "ethnic_minority",
        "migrants_refugees",
        "rural_isolated",
        "victims_survivors",
    ],
    "website": "https://www.example.org.uk/trusted-communicators",
}
PENDING_ORG = {
    "name": "Bulwell Refugee Welcome",
    "description": "Drop-in advice and English conversation groups for refugees in Bulwell.",
    "communities": ["migrants_refugees"],
}


def _voices(group, people, method, days_ago, district, views):
    return {
        "community_group": group,
        "people_count": people,
        "method": method,
        "gathered_on": utcnow().date() - timedelta(days=days_ago),
        "district": district,
        "views": views,
        "consent_to_quote": True,
    }


FEEDBACK = [
    _voices(
        "young_people",
        18,
        "focus_group",
        12,
        "mansfield",
        [
            "We get stopped and searched in town for nothing, and nobody explains why.",
            "Older lads use younger kids to carry drugs. Everyone knows but nobody says anything.",
            "The youth club closed, so there is nowhere to go except the park at night.",
        ],
    ),
    _voices(
        "migrants_refugees",
        9,
        "one_to_one",
        25,
        "nottingham_city",
        [
            "People do not report hate incidents because they worry "
            "it will affect their immigration status.",
            "Information about how to report crime is only in English.",
        ],
    ),
    _voices(
        "rural_isolated",
        23,
        "outreach",
        40,
        "newark_and_sherwood",
        [
            "The bus stops at six, so older people cannot get to "
            "the police station or to meetings.",
            "Scam phone calls target people living alone in villages.",
            "We never see a PCSO any more; the nearest station counter is miles away.",
        ],
    ),
    _voices(
        "victims_survivors",
        6,
        "focus_group",
        60,
        "gedling",
        [
            "Waiting two years for a court date made me want to give up on the case.",
            "The support worker from the victim service was the only person who kept me informed.",
        ],
    ),
]


def _pending_application() -> None:
    email = "refugee-welcome@example.org"
    if accounts.get_user_by_email(email) is None:
        user = accounts.create_user(
            email, secrets.token_urlsafe(24), Role.partner, "Demo applicant"
        )
        apply_for_partnership(PENDING_ORG, user)


def seed_voices_demo(partner_email: str, officer_email: str) -> int:
    """Verify the demo partner's organisation and add its feedback, once; returns views added."""
    partner = accounts.get_user_by_email(partner_email)
    if partner is None:
        return 0
    org = organisation_of(partner)
    if org is None:
        org = apply_for_partnership(DEMO_ORG, partner)
    if not org.is_verified:
        org.verify(accounts.get_user_by_email(officer_email), "Demo partner, checked at set-up.")
    _pending_application()
    if db.session.scalar(
        sa.select(VoicesSubmission.id).where(VoicesSubmission.organisation_id == org.id)
    ):
        return 0
    for item in FEEDBACK:
        submit_voices(partner, item)
    return sum(len(item["views"]) for item in FEEDBACK)
