"""The public "You said, we did" list, its JSON API and the past sessions page."""

from datetime import timedelta

import pytest

from engage.audit.models import AuditEvent
from engage.errors import InvalidState, ValidationFailed
from engage.outcomes import services
from engage.outcomes.models import Outcome
from engage.responses.corrections import apply_tag_correction

HEARD = {"heard": "Speeding near schools came up most.", "will_do": "Monthly speed checks at agreed sites."}


def _three_kinds(db, held_session, closed_survey, held_summit, create_response, dummy_officer):
    event = held_session(district="mansfield")
    view = create_response("Cars race past the school every morning", channel="event", source_id=event.id)
    apply_tag_correction(view, ["road_safety"], [], dummy_officer)
    consultation = services.publish_consultation_outcome(
        closed_survey(), HEARD | {"labels": ["road_safety"]}, dummy_officer)
    summit = services.publish_summit_outcome(
        held_summit(), {"heard": "Hare coursing.", "will_do": "More patrols.", "labels": ["rural_crime"],
                        "districts": ["bassetlaw"]}, dummy_officer)
    # Newest first: the summit's, then the consultation's, then the session's.
    consultation.published_at = event.outcome_published_at + timedelta(days=1)
    summit.published_at = event.outcome_published_at + timedelta(days=2)
    db.session.commit()
    return event, consultation, summit


def test_api_lists_every_kind_newest_first_without_signing_in(
    client, db, held_session, closed_survey, held_summit, create_response, dummy_officer
):
    event, consultation, summit = _three_kinds(
        db, held_session, closed_survey, held_summit, create_response, dummy_officer)
    body = client.get("/api/v1/outcomes").get_json()
    assert body["total"] == 3
    assert [i["kind"] for i in body["items"]] == ["summit", "consultation", "session"]
    session_item = body["items"][2]
    assert session_item["title"] == event.title
    assert session_item["districts"] == ["mansfield"]
    assert "road_safety" in session_item["labels"]
    assert session_item["url"] == f"/events/{event.id}#outcome"
    assert body["items"][0] == {
        "kind": "summit", "title": summit.title and f"What we heard: {summit.summit.title}",
        "published_at": summit.published_at.isoformat(), "url": f"/summit/{summit.summit_id}/outcome",
        "districts": ["bassetlaw"], "labels": ["rural_crime"],
    }
    # Every url is a public page that shows the outcome.
    for item in body["items"]:
        page = client.get(item["url"].split("#")[0])
        assert page.status_code == 200
    assert "Monthly speed checks" in client.get(body["items"][1]["url"]).get_data(as_text=True)
    # Filters: a county-wide outcome (no districts) stays under every district.
    mansfield = client.get("/api/v1/outcomes?district=mansfield").get_json()
    assert [i["kind"] for i in mansfield["items"]] == ["consultation", "session"]
    rural = client.get("/api/v1/outcomes?label=rural_crime").get_json()
    assert [i["kind"] for i in rural["items"]] == ["summit"]
    assert client.get("/api/v1/outcomes?kind=session").get_json()["total"] == 1
    bad = client.get("/api/v1/outcomes?district=atlantis")
    assert bad.status_code == 422 and "district" in bad.get_json()["errors"]
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "security" not in spec["paths"]["/outcomes"]["get"]


def test_page_filters_by_district_and_priority_area(
    client, db, held_session, closed_survey, held_summit, create_response, dummy_officer
):
    event, consultation, summit = _three_kinds(
        db, held_session, closed_survey, held_summit, create_response, dummy_officer)
    page = client.get("/you-said-we-did").get_data(as_text=True)
    assert page.index(summit.title) < page.index(consultation.title) < page.index(event.title)
    assert "3 published outcomes" in page
    filtered = client.get("/you-said-we-did?district=bassetlaw&area=rural_crime").get_data(as_text=True)
    assert summit.title in filtered and event.title not in filtered and consultation.title not in filtered
    none = client.get("/you-said-we-did?district=ashfield&area=vawg").get_data(as_text=True)
    assert "No published outcomes match" in none


def test_past_sessions_list_held_sessions_with_their_outcome(client, db, held_session, create_event):
    with_outcome = held_session(title="Meet the Commissioner: Gedling", district="gedling")
    without = held_session(title="Meet the Commissioner: Ashfield", district="ashfield", outcome=None, days_ago=40)
    upcoming = create_event(title="Meet the Commissioner: Rushcliffe", district="rushcliffe")
    page = client.get("/events/past").get_data(as_text=True)
    assert with_outcome.title in page and without.title in page and upcoming.title not in page
    assert page.index(with_outcome.title) < page.index(without.title)  # most recent first
    assert "You said speeding; we ran speed checks." in page
    assert "has not been published yet" in page
    assert "/events/past" in client.get("/events/").get_data(as_text=True)


def test_outcome_before_the_survey_closes_or_summit_is_held_is_refused(
    db, closed_survey, create_summit, dummy_officer
):
    open_survey = closed_survey(status="open")
    with pytest.raises(InvalidState, match="Close the survey"):
        services.publish_consultation_outcome(open_survey, HEARD, dummy_officer)
    with pytest.raises(InvalidState, match="not been held"):
        services.publish_summit_outcome(create_summit(), HEARD, dummy_officer)
    with pytest.raises(ValidationFailed) as exc:
        services.publish_consultation_outcome(
            closed_survey(title="Closed"), {"heard": " ", "will_do": "", "labels": ["made_up"]}, dummy_officer)
    assert set(exc.value.errors) == {"heard", "will_do", "labels"}
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(Outcome.id))) == 0


def test_officer_publishes_a_consultation_outcome_audited_and_edits_keep_the_date(
    client, db, closed_survey, sign_in, dummy_officer, create_user
):
    survey = closed_survey()
    sign_in(create_user("resident"))
    assert client.get(f"/staff/outcomes/consultations/{survey.id}").status_code == 403
    client.post("/account/sign-out")
    sign_in(dummy_officer)
    form = HEARD | {"labels": ["road_safety", "asb"], "districts": ["gedling"]}
    done = client.post(f"/staff/outcomes/consultations/{survey.id}", data=form)
    assert done.status_code == 302 and done.location.endswith(f"/consultations/{survey.id}/outcome")
    outcome = db.session.scalar(db.select(Outcome))
    first = outcome.published_at
    client.post(f"/staff/outcomes/consultations/{survey.id}", data=form | {"will_do": "Weekly checks."})
    db.session.refresh(outcome)
    assert outcome.will_do == "Weekly checks." and outcome.published_at == first
    actions = [a.action for a in db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))]
    assert actions.count("outcome.publish") == 1 and actions.count("outcome.edit") == 1


def test_officer_form_for_an_open_survey_says_why_and_saves_nothing(
    client, db, closed_survey, sign_in, dummy_officer
):
    survey = closed_survey(status="open")
    sign_in(dummy_officer)
    page = client.post(f"/staff/outcomes/consultations/{survey.id}", data=HEARD)
    assert page.status_code == 400
    assert "Close the survey before publishing what we heard." in page.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Outcome.id))) == 0
    assert client.get(f"/consultations/{survey.id}/outcome").status_code == 404


def test_session_outcome_before_the_session_has_happened_is_refused(client, db, create_event, sign_in, dummy_officer):
    event = create_event()
    sign_in(dummy_officer)
    page = client.post(f"/staff/events/{event.id}/outcome", data={"outcome_summary": "We did things"})
    assert page.status_code in (400, 409)
    assert "Close the session" in page.get_data(as_text=True)
    db.session.refresh(event)
    assert event.outcome_published_at is None


def test_demo_data_has_a_published_outcome_of_each_kind(runner, client):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    kinds = {i["kind"] for i in client.get("/api/v1/outcomes").get_json()["items"]}
    assert kinds == {"session", "consultation", "summit"}
    assert "already present" in runner.invoke(args=["seed-demo"]).output
    assert client.get("/api/v1/outcomes").get_json()["total"] == len(
        client.get("/api/v1/outcomes").get_json()["items"])
