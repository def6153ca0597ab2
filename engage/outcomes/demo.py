"""Demo outcomes: last year's summit and an autumn consultation, both published (sessions
get theirs from engage.events.demo). Idempotent."""

from datetime import date, datetime, timedelta

import sqlalchemy as sa

from engage.db import utcnow
from engage.extensions import db
from engage.outcomes import services
from engage.outcomes.models import Outcome
from engage.summit.models import Summit
from engage.surveys.models import Survey, SurveyState

CONSULTATION = "Road safety in your neighbourhood: autumn consultation"
CONSULTATION_OUTCOME = {
    "heard": (
        "Speeding and dangerous driving on village roads and near schools was the concern "
        "raised most often, followed by off-road bikes on footpaths and parks. Many people "
        "asked for speed checks at set times rather than occasionally, and for a way to see "
        "what happened after they reported a vehicle."
    ),
    "will_do": (
        "The Commissioner has asked the Force to publish a monthly list of Community Speed "
        "Watch and mobile camera sites, agreed with parish councils. Neighbourhood teams in "
        "Bassetlaw and Newark and Sherwood will run joint off-road bike operations with the "
        "councils over the spring, and we will report the results here."
    ),
    "labels": ["road_safety", "asb"],
    "districts": [],
}
SUMMIT_OUTCOME = {
    "heard": (
        "Farmers, landowners and parish councils told the summit that machinery and fuel theft, "
        "hare coursing and fly tipping remain the rural crimes that matter most, and that many "
        "incidents go unreported because people do not think anything will happen."
    ),
    "will_do": (
        "The Rural Crime Team will keep its dedicated officers in each rural district, hold "
        "quarterly drop-ins at livestock markets, and report progress on these actions at "
        "next year's summit, as the plan's annual review asks."
    ),
    "labels": ["rural_crime"],
    "districts": ["bassetlaw", "newark_and_sherwood", "rushcliffe"],
}


def _closed_consultation(now: datetime) -> Survey:
    survey = db.session.scalar(sa.select(Survey).filter_by(title=CONSULTATION))
    if survey is None:
        survey = Survey(
            title=CONSULTATION, status=SurveyState.closed, has_about_you=False,
            introduction="Tell us about speeding, dangerous driving and off-road bikes where you live.",
            opens_at=now - timedelta(days=120), closes_at=now - timedelta(days=60),
            published_at=now - timedelta(days=120),
        )
        db.session.add(survey)
        db.session.flush()
    return survey


def _last_summit(now: datetime) -> Summit:
    year = now.year - 1
    summit = db.session.scalar(sa.select(Summit).filter_by(year=year))
    if summit is None:
        summit = Summit(
            year=year, title=f"Nottinghamshire Rural Crime Summit {year}", held_on=date(year, 3, 12),
            venue="Newark Showground, Lincoln Road, Coddington NG24 2NY",
            window_opens_at=datetime(year, 1, 5), window_closes_at=datetime(year, 2, 20),
        )
        db.session.add(summit)
        db.session.flush()
    return summit


def seed_outcomes_demo() -> int:
    """One published consultation outcome and one summit outcome; 0 when already there."""
    if db.session.scalar(sa.select(sa.func.count(Outcome.id))):
        return 0
    now = utcnow()
    consultation = services.publish_consultation_outcome(_closed_consultation(now), CONSULTATION_OUTCOME)
    consultation.published_at = now - timedelta(days=30)
    summit = _last_summit(now)
    outcome = services.publish_summit_outcome(summit, SUMMIT_OUTCOME)
    outcome.published_at = datetime.combine(summit.held_on, datetime.min.time()) + timedelta(days=21)
    db.session.flush()
    return 2
