"""The sessions' JSON API, through real HTTP, including 50 registrations at once."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from engage.db import utcnow
from engage.events.models import Event, Registration
from engage.responses.models import Response


def _payload(**overrides) -> dict:
    start = (utcnow() + timedelta(days=14)).replace(microsecond=0)
    body = {
        "title": "Meet the Commissioner: Beeston",
        "description": "Neighbourhood priorities",
        "district": "broxtowe",
        "format": "hybrid",
        "venue": "Beeston Library",
        "joining_link": "https://meet.example.org/beeston",
        "starts_at": start.isoformat() + "Z",
        "ends_at": (start + timedelta(hours=2)).isoformat() + "Z",
        "capacity": 40,
        "waitlist": True,
        "status": "published",
    }
    body.update(overrides)
    return body


def test_officer_schedules_a_session_and_the_public_can_read_it(client, dummy_officer, bearer, db):
    resp = client.post("/api/v1/events", json=_payload(), headers=bearer(dummy_officer))
    assert resp.status_code == 201, resp.get_json()
    body = resp.get_json()
    assert body["status"] == "published" and body["capacity"] == 40 and body["places_left"] == 40
    assert body["starts_at"].endswith("+00:00") and "joining_link" not in body
    listed = client.get("/api/v1/events").get_json()
    assert [e["id"] for e in listed["items"]] == [body["id"]]
    one = client.get(f"/api/v1/events/{body['id']}").get_json()
    assert one["title"] == "Meet the Commissioner: Beeston" and one["url"].endswith(
        f"/events/{body['id']}"
    )
    assert client.get("/api/v1/events?district=mansfield").get_json()["items"] == []
    assert client.get("/api/v1/events?format=teleport").status_code == 422


def test_a_local_time_without_offset_is_read_as_london(client, dummy_officer, bearer, db):
    body = _payload(starts_at="2027-07-01T18:30:00", ends_at="2027-07-01T20:00:00")
    created = client.post("/api/v1/events", json=body, headers=bearer(dummy_officer)).get_json()
    assert created["starts_at"] == "2027-07-01T17:30:00+00:00"  # BST is UTC+1


def test_draft_sessions_are_hidden_from_the_public(client, dummy_officer, bearer, db):
    created = client.post(
        "/api/v1/events", json=_payload(status="draft"), headers=bearer(dummy_officer)
    ).get_json()
    assert client.get("/api/v1/events").get_json()["total"] == 0
    assert client.get(f"/api/v1/events/{created['id']}").status_code == 404


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"capacity": 0}, "capacity", "Capacity must be at least 1"),
        (
            {"ends_at": (utcnow() + timedelta(days=13)).isoformat()},
            "ends_at",
            "The end must be after the start",
        ),
        (
            {"starts_at": "2020-01-01T10:00:00Z", "ends_at": "2020-01-01T12:00:00Z"},
            "starts_at",
            "The session must start in the future",
        ),
        ({"district": "leicester"}, "district", "Choose one of the eight districts, or online"),
        ({"format": "carrier_pigeon"}, "format", "Choose in_person, online or hybrid"),
        ({"starts_at": "next tuesday"}, "starts_at", "Not a valid datetime."),
    ],
)
def test_bad_sessions_get_a_422_naming_the_field(
    client, dummy_officer, bearer, change, field, message
):
    resp = client.post("/api/v1/events", json=_payload(**change), headers=bearer(dummy_officer))
    assert resp.status_code == 422
    assert message in resp.get_json()["errors"][field]


def test_scheduling_needs_a_sign_in(client, db):
    assert client.post("/api/v1/events", json=_payload()).status_code == 401


# Separate tests: the db fixture's app context is shared by a test's requests, so the
# user Flask-Login caches in `g` would carry over from one request to the next.
def test_only_officers_schedule_sessions(client, create_user, bearer, db):
    resident = create_user("resident")
    assert (
        client.post("/api/v1/events", json=_payload(), headers=bearer(resident)).status_code == 403
    )


def test_register_waitlist_and_409_when_full_without_one(client, create_event, db):
    event = create_event(capacity=1, waitlist=False)
    url = f"/api/v1/events/{event.id}/registrations"
    first = client.post(
        url, json={"name": "Ruth", "email": "ruth@example.org", "postcode": "NG5 1AB"}
    )
    assert first.status_code == 201
    assert first.get_json()["status"] == "registered" and first.get_json()["reference"].startswith(
        "E"
    )
    full = client.post(url, json={"name": "Dev", "email": "dev@example.org"})
    assert full.status_code == 409 and "full" in full.get_json()["errors"]["_general"][0]
    # Ruth again gets what a stranger gets: whether she is booked is not the API's to say.
    again = client.post(url, json={"name": "Ruth", "email": "RUTH@example.org"})
    assert again.status_code == 409 and again.get_json() == full.get_json()
    waiting = create_event(capacity=1, waitlist=True, title="With a waiting list")
    url = f"/api/v1/events/{waiting.id}/registrations"
    client.post(url, json={"name": "Ruth", "email": "ruth@example.org"})
    assert (
        client.post(url, json={"name": "Dev", "email": "dev@example.org"}).get_json()["status"]
        == "waitlisted"
    )


def test_bad_registrations_are_clear(client, create_event, db):
    event = create_event()
    url = f"/api/v1/events/{event.id}/registrations"
    resp = client.post(url, json={"name": "", "email": "not-an-email"})
    assert resp.status_code == 422 and set(resp.get_json()["errors"]) >= {"email"}
    resp = client.post(url, json={"name": "Kim", "email": "kim@example.org", "postcode": "XYZ"})
    assert resp.status_code == 422 and "postcode" in resp.get_json()["errors"]
    assert client.post(url, data="name=Kim").status_code == 400
    assert (
        client.post(
            "/api/v1/events/999999/registrations", json={"name": "K", "email": "k@example.org"}
        ).status_code
        == 404
    )


def test_views_for_a_session_are_tagged_event_responses(client, create_event, db):
    event = create_event()
    resp = client.post(
        f"/api/v1/events/{event.id}/views",
        json={"text": "People speeding through the village every night", "consent_to_quote": True},
    )
    assert resp.status_code == 201, resp.get_json()
    body = resp.get_json()
    assert set(body) >= {"id", "labels"}
    assert body["labels"], "the pipeline tags every response, if only as 'other'"
    stored = db.session.get(Response, body["id"])
    assert stored.labels == body["labels"]
    assert (
        stored.channel == "event"
        and stored.source_id == event.id
        and stored.district == "mansfield"
    )
    assert client.post(f"/api/v1/events/{event.id}/views", json={"text": " "}).status_code == 422


def test_analysts_never_see_registrants_details(
    client, create_event, create_registration, dummy_analyst, bearer, db
):
    event = create_event()
    create_registration(
        event, name="Private Person", email="private.person@example.org", phone="07700900123"
    )
    client.post(f"/api/v1/events/{event.id}/views", json={"text": "Fly tipping in the lanes"})
    headers = bearer(dummy_analyst)
    for url in (
        "/api/v1/responses?channel=event",
        "/api/v1/export?format=json&channel=event",
        "/api/v1/export?format=csv&channel=event",
    ):
        resp = client.get(url, headers=headers)
        body = resp.get_data(as_text=True)
        assert resp.status_code == 200 and "Fly tipping" in body, url
        for detail in ("Private Person", "private.person", "07700900123"):
            assert detail not in body, (url, detail)


def test_openapi_describes_the_events_routes(client, db):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert {"get", "post"} <= set(paths["/events"])
    assert (
        "post" in paths["/events/{event_id}/registrations"]
        and "post" in paths["/events/{event_id}/views"]
    )


@pytest.mark.parametrize("waitlist", [True, False])
def test_capacity_holds_with_50_registrations_at_once(app, client, create_event, db, waitlist):
    event_id = create_event(capacity=10, waitlist=waitlist).id
    start = threading.Barrier(50)

    def register(i: int) -> int:
        own_client = app.test_client()
        start.wait()
        resp = own_client.post(
            f"/api/v1/events/{event_id}/registrations",
            json={"name": f"Person {i}", "email": f"person{i}@example.org"},
        )
        return resp.status_code

    with ThreadPoolExecutor(max_workers=50) as pool:
        codes = list(pool.map(register, range(50)))
    db.session.remove()
    db.engine.dispose()  # close the threads' pooled connections now, not at interpreter exit
    db.session.expire_all()
    statuses = list(
        db.session.scalars(db.select(Registration.status).where(Registration.event_id == event_id))
    )
    assert statuses.count("registered") == 10
    if waitlist:
        assert codes.count(201) == 50 and statuses.count("waitlisted") == 40
    else:
        assert codes.count(201) == 10 and codes.count(409) == 40 and len(statuses) == 10
    assert db.session.get(Event, event_id).capacity == 10


def test_a_view_by_api_may_carry_about_you_answers(client, create_event, db):
    from engage.responses.models import EqualityAnswers

    event = create_event()
    url = f"/api/v1/events/{event.id}/views"
    ok = client.post(url, json={"text": "Burglaries on our estate", "about_you": {"sex": "female", "religion": None}})
    assert ok.status_code == 201, ok.get_json()
    assert db.session.query(EqualityAnswers).one().sex == "female"
    for about in ({"sex": "alien"}, {"shoe_size": "9"}):
        bad = client.post(url, json={"text": "More burglaries", "about_you": about})
        assert bad.status_code == 422
        (field,) = bad.get_json()["errors"]
        assert field == f"about_you.{next(iter(about))}"
    assert client.post(url, json={"text": "x", "about_you": "female"}).status_code == 422
    assert db.session.query(Response).count() == 1
