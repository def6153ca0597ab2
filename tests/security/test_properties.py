"""Property-based tests (hypothesis) on the submission services: whatever people send,
the service either stores it faithfully or refuses it with a domain error."""

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engage.errors import DomainError
from engage.responses.models import Response
from engage.responses.services import create_response
from engage.responses.text import clean_text
from engage.safeguarding.models import SafeguardingCase
from nlp.safeguarding import assess

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Anything a browser or script can send as text (no lone surrogates: they are not UTF-8).
# The services take what forms and schemas hand them, so strings, not arbitrary types.
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
WORDS = st.lists(
    st.sampled_from(
        [
            "he",
            "hits",
            "me",
            "not",
            "never",
            "years",
            "ago",
            "kill",
            "myself",
            "my",
            "partner",
            "scared",
            "of",
            "him",
            "I",
            "'m",
            "was",
            "when",
            "speeding",
            ",",
            ".",
            "domestic",
            "abuse",
            "threatened",
            "to",
        ]
    ),
    max_size=30,
).map(" ".join)


@SETTINGS
@given(
    text=TEXT,
    district=st.one_of(st.none(), st.sampled_from(["", "gedling", "GEDLING", "mars", "unknown"])),
    quote=st.booleans(),
)
def test_create_response_stores_faithfully_or_refuses(db, text, district, quote):
    try:
        response = create_response("direct", text, district=district, consent_to_quote=quote)
    except DomainError as exc:
        assert exc.status in (400, 422)
        assert (
            not clean_text(text)
            or district not in (None, "", "gedling", "GEDLING", "unknown")
            or len(clean_text(text)) > 10_000
        )
    else:
        assert response.text == clean_text(text) and response.text
        assert response.consent_to_quote is quote and response.privacy_notice_version
        case = db.session.scalar(
            sa.select(SafeguardingCase).where(SafeguardingCase.response_id == response.id)
        )
        assert (case is not None) == response.safeguarding_flag
    finally:
        db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(Response.id))) == 0


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(TEXT, WORDS))
def test_detector_never_fails_and_its_evidence_is_in_the_text(text):
    result = assess(text)
    assert result.flag == bool(result.evidence)
    for e in result.evidence:
        assert text[e.start : e.end] == e.text and e.text


@SETTINGS
@given(
    data=st.dictionaries(
        st.sampled_from(["name", "email", "phone", "postcode", "access_needs", "extra"]),
        TEXT,
        max_size=6,
    )
)
def test_event_registration_accepts_or_refuses_cleanly(db, create_event, data):
    from engage.events.registrations import register_attendee

    # One event for all examples: the fixture (and its database rows) lives for the whole test.
    event = create_event.__dict__.get("cached") or create_event()
    create_event.cached = event
    try:
        registration = register_attendee(event.id, data)
    except DomainError as exc:
        assert exc.status in (400, 404, 409, 422)
    else:
        assert "@" in registration.email and registration.name
    finally:
        db.session.rollback()


@SETTINGS
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "respondent_type": st.sampled_from(["farmer_landowner", "resident", "alien", ""]),
            "district": st.one_of(TEXT, st.sampled_from(["newark_and_sherwood", "bassetlaw"])),
            "crimes": st.lists(st.sampled_from(["fuel_theft", "poaching", "nope"]), max_size=3),
            "reported": st.one_of(st.booleans(), st.none()),
            "text": TEXT,
            "wants_to_speak": st.booleans(),
            "contact_email": TEXT,
            "organisation": TEXT,
        },
    )
)
def test_summit_submission_accepts_or_refuses_cleanly(db, create_summit, data):
    from engage.summit.services import submit_to_summit

    summit = create_summit.__dict__.get("cached") or create_summit()
    create_summit.cached = summit
    try:
        submission = submit_to_summit(summit, data)
    except DomainError as exc:
        assert exc.status in (400, 409, 422)
    else:
        assert submission.reference and submission.response is not None
    finally:
        db.session.rollback()
