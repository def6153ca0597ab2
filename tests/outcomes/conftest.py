"""A held session with its outcome published, a closed survey and a held summit."""

from datetime import timedelta

import pytest

from engage.events import services as events
from engage.summit.models import Summit
from engage.surveys.models import Survey, SurveyState


@pytest.fixture
def held_session(db, create_event):
    def _held(district: str = "mansfield", outcome: str | None = "You said speeding; we ran speed checks.",
              days_ago: int = 11, **kw):
        event = create_event(district=district, **kw)
        event.starts_at -= timedelta(days=10 + days_ago)
        event.ends_at -= timedelta(days=10 + days_ago)
        events.close_event(event, "Speeding on Chesterfield Road", "Mansfield District Council")
        if outcome:
            events.publish_outcome(event, outcome)
        db.session.commit()
        return event

    return _held


@pytest.fixture
def closed_survey(db):
    def _closed(title: str = "Road safety consultation", status: str = SurveyState.closed) -> Survey:
        survey = Survey(title=title, status=status, has_about_you=False)
        db.session.add(survey)
        db.session.commit()
        return survey

    return _closed


@pytest.fixture
def held_summit(db, create_summit):
    def _held() -> Summit:
        summit = create_summit(window="closed")
        summit.held_on = summit.held_on.replace(year=summit.held_on.year - 3)
        db.session.commit()
        return summit

    return _held
