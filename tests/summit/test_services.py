"""Summit rules without HTTP: the window, the answers, the agenda."""

from datetime import timedelta

import pytest

from engage.db import utcnow
from engage.errors import InvalidState, ValidationFailed
from engage.responses.models import Response, ResponseTag, TagSource
from engage.summit import queries, services
from engage.summit.models import SummitSubmission
from tests.fixtures.summit import GOOD_SUBMISSION


def _count(db, model) -> int:
    return db.session.query(model).count()


def test_submission_keeps_answers_and_its_text_becomes_a_summit_response(
    db, create_summit, create_summit_submission
):
    summit = create_summit()
    sub = create_summit_submission(summit, consent_to_quote=True)
    assert sub.reference.startswith("S")
    assert sub.crimes == ["hare_coursing", "fuel_theft"]
    assert (sub.reported, sub.not_reported_reason) == (False, "nothing_would_happen")
    resp = sub.response
    assert (resp.channel, resp.source_id, resp.district) == (
        "summit",
        sub.id,
        "newark_and_sherwood",
    )
    assert resp.consent_to_quote is True
    assert "Hare coursing" in resp.text


@pytest.mark.parametrize(
    "window, message", [("closed", "have closed"), ("future", "not opened yet")]
)
def test_no_submission_outside_the_window_and_nothing_saved(db, create_summit, window, message):
    summit = create_summit(window)
    with pytest.raises(InvalidState, match=message):
        services.submit_to_summit(summit, GOOD_SUBMISSION)
    db.session.rollback()
    assert _count(db, SummitSubmission) == 0 and _count(db, Response) == 0


def test_missing_answers_are_all_reported_together_and_nothing_saved(db, create_summit):
    summit = create_summit()
    bad = GOOD_SUBMISSION | {
        "respondent_type": None,
        "district": "",
        "reported": None,
        "text": "  ",
    }
    with pytest.raises(ValidationFailed) as exc:
        services.submit_to_summit(summit, bad)
    assert set(exc.value.errors) == {"respondent_type", "district", "reported", "text"}
    db.session.rollback()
    assert _count(db, SummitSubmission) == 0 and _count(db, Response) == 0


def test_not_reported_needs_a_reason_from_the_list(db, create_summit):
    summit = create_summit()
    for reason, message in ((None, "why you did not report"), ("lazy", "from the list")):
        with pytest.raises(ValidationFailed, match=message):
            services.submit_to_summit(summit, GOOD_SUBMISSION | {"not_reported_reason": reason})


def test_text_over_the_limit_is_refused(db, create_summit):
    summit = create_summit()
    with pytest.raises(ValidationFailed, match="10,000 characters or fewer"):
        services.submit_to_summit(summit, GOOD_SUBMISSION | {"text": "x" * 10_001})
    db.session.rollback()
    assert _count(db, SummitSubmission) == 0


def test_with_no_crimes_the_reporting_questions_do_not_apply(
    db, create_summit, create_summit_submission
):
    sub = create_summit_submission(create_summit(), crimes=[], reported=None, frequency="weekly")
    assert (sub.crimes, sub.reported, sub.frequency, sub.not_reported_reason) == (
        [],
        None,
        None,
        None,
    )


def test_a_speaker_needs_contact_details_unless_signed_in(db, create_summit, create_user):
    summit = create_summit()
    with pytest.raises(ValidationFailed) as exc:
        services.submit_to_summit(summit, GOOD_SUBMISSION | {"wants_to_speak": True})
    assert set(exc.value.errors) == {"contact_name", "contact_email"}
    db.session.rollback()
    user = create_user()
    user.name = "Jo Farmer"
    sub = services.submit_to_summit(summit, GOOD_SUBMISSION | {"wants_to_speak": True}, user)
    assert (sub.contact_name, sub.contact_email, sub.submitted_by) == (
        "Jo Farmer",
        user.email,
        user,
    )


def test_one_summit_a_year_and_the_window_must_make_sense(db, create_summit):
    summit = create_summit()
    assert summit.year == summit.held_on.year
    assert summit.title == f"Nottinghamshire Rural Crime Summit {summit.year}"
    base = {
        "title": "",
        "venue": "Hall",
        "themes": "",
        "progress_report": "",
        "held_on": summit.held_on,
        "window_opens_at": utcnow(),
        "window_closes_at": utcnow() + timedelta(days=1),
    }
    with pytest.raises(InvalidState, match=f"already a summit for {summit.year}"):
        services.create_summit(base)
    later = base | {"held_on": summit.held_on.replace(year=summit.year + 5)}
    with pytest.raises(ValidationFailed, match="close after it opens"):
        services.create_summit(later | {"window_closes_at": utcnow() - timedelta(days=1)})
    with pytest.raises(ValidationFailed, match="by the day of the summit"):
        services.create_summit(later | {"window_closes_at": utcnow() + timedelta(days=5000)})


def test_themes_are_cleaned_one_per_line(db):
    assert services.clean_themes(" Hare coursing \n\n Fly  tipping\nHare coursing") == [
        "Hare coursing",
        "Fly tipping",
    ]
    with pytest.raises(ValidationFailed):
        services.clean_themes([f"Theme {i}" for i in range(21)])


def _tag(db, sub, label):
    """Replace whatever the model said with an analyst's label, so the test is exact."""
    sub.response.tags.clear()
    db.session.flush()
    sub.response.tags.append(ResponseTag(label=label, source=TagSource.human))
    db.session.commit()


def test_agenda_groups_by_crime_and_priority_area_with_districts_and_under_reporting(
    db, create_summit, create_summit_submission
):
    summit = create_summit()
    a = create_summit_submission(summit, consent_to_quote=True)
    b = create_summit_submission(
        summit,
        crimes=["hare_coursing"],
        reported=True,
        district="bassetlaw",
        text="Coursers again near Misterton, police came within the hour.",
    )
    lanes = create_summit_submission(
        summit,
        crimes=[],
        reported=None,
        district="rushcliffe",
        text="Speeding tractors and lorries on the lanes.",
    )
    _tag(db, a, "rural_crime")
    _tag(db, b, "rural_crime")
    _tag(db, lanes, "road_safety")
    agenda = queries.build_agenda(summit)
    assert agenda.total == 3
    hare = agenda.crimes[0]
    assert (hare.key, hare.count, hare.not_reported, hare.share_not_reported) == (
        "hare_coursing",
        2,
        1,
        0.5,
    )
    assert dict(hare.by_district) == {"newark_and_sherwood": 1, "bassetlaw": 1}
    assert hare.quotes == [a.response.text]  # b did not agree to be quoted
    assert [c.key for c in agenda.crimes] == ["hare_coursing", "fuel_theft"]
    rural = next(g for g in agenda.areas if g.key == "rural_crime")
    assert (rural.count, rural.share_not_reported) == (2, 0.5)
    assert [g.key for g in agenda.areas] == ["rural_crime", "road_safety"]
    assert agenda.overall.share_not_reported == 0.5
    assert agenda.reasons == [
        ("nothing_would_happen", "I did not think the police could or would do anything", 1)
    ]


def test_agenda_table_is_the_pack_as_rows(db, create_summit, create_summit_submission):
    summit = create_summit()
    create_summit_submission(summit)
    headers, rows = queries.agenda_table(queries.build_agenda(summit))
    assert headers[:7] == [
        "group",
        "id",
        "name",
        "submissions",
        "reported",
        "not_reported",
        "share_not_reported",
    ]
    assert "Newark and Sherwood" in headers
    fuel = next(r for r in rows if r[1] == "fuel_theft")
    assert fuel[3] == 1 and fuel[6] == "100%"
    assert fuel[headers.index("Newark and Sherwood")] == 1
