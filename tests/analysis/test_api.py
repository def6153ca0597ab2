import csv
import io
from datetime import datetime

import pytest

from engage.audit.models import AuditEvent


def test_summary_json_shape(client, dummy_analyst, bearer, create_tagged):
    create_tagged(
        "Bikes on the rec every night, ripping up the grass",
        ("asb", "youth_prevention"),
        district="mansfield",
        channel="event",
        consent_to_quote=True,
        submitted_at=datetime(2026, 6, 1),
    )
    create_tagged("Bikes last year too", ("asb",), submitted_at=datetime(2025, 6, 1))
    body = client.get(
        "/api/v1/summary?since=2026-04-01&until=2027-03-31", headers=bearer(dummy_analyst)
    ).get_json()
    assert body["total"] == 1 and body["previous_period"]["total"] == 1
    asb = next(a for a in body["areas"] if a["label"] == "asb")
    assert {
        "label",
        "name",
        "count",
        "share",
        "change",
        "by_district",
        "by_channel",
        "quotes",
    } <= set(asb)
    assert (asb["count"], asb["share"], asb["change"]) == (1, 1.0, 0)
    assert asb["by_district"] == {"mansfield": 1} and asb["by_channel"] == {"event": 1}
    assert asb["quotes"][0]["text"].startswith("Bikes on the rec")
    assert set(asb["quotes"][0]) == {"reference", "text", "channel", "district"}
    assert [o["objective"] for o in body["objectives"]] == [
        "Preventing",
        "Responding",
        "Supporting",
    ]


@pytest.mark.parametrize("path", ["/api/v1/summary", "/api/v1/export?format=csv"])
def test_bad_filters_are_422_with_the_field(client, dummy_analyst, bearer, path):
    headers = bearer(dummy_analyst)
    sep = "&" if "?" in path else "?"
    for query, field in [
        ("label=knitting", "label"),
        ("since=2026-05-02&until=2026-05-01", "until"),
        ("survey_id=999999", "survey_id"),
        ("summit_id=abc", "summit_id"),
        ("equality=favourite_colour:blue", "equality"),
        ("label_source=robot", "label_source"),
    ]:
        resp = client.get(f"{path}{sep}{query}", headers=headers)
        assert resp.status_code == 422, query
        assert field in resp.get_json()["errors"], query


def test_export_format_must_exist(client, dummy_analyst, bearer, db):
    headers = bearer(dummy_analyst)
    for query in ("", "?format=docx"):
        resp = client.get(f"/api/v1/export{query}", headers=headers)
        assert resp.status_code == 422 and "format" in resp.get_json()["errors"]
    assert db.session.scalar(db.select(db.func.count(AuditEvent.id))) == 0


@pytest.mark.parametrize(
    "fmt, mimetype",
    [
        ("csv", "text/csv"),
        ("json", "application/json"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_export_each_format_audited(
    client, dummy_analyst, bearer, db, create_tagged, fmt, mimetype
):
    create_tagged("Scam calls to my mum", ("fraud_cyber",), district="broxtowe")
    create_tagged("Bikes", ("asb",), district="broxtowe")
    resp = client.get(
        f"/api/v1/export?format={fmt}&district=Broxtowe&label=fraud_cyber",
        headers=bearer(dummy_analyst),
    )
    assert resp.status_code == 200 and resp.mimetype == mimetype
    assert resp.headers["X-Export-Rows"] == "1"
    if fmt == "json":
        assert resp.get_json()["items"][0]["text"] == "Scam calls to my mum"
    if fmt == "csv":
        assert [r["labels"] for r in csv.DictReader(io.StringIO(resp.get_data(as_text=True)))] == [
            "fraud_cyber"
        ]
    event = db.session.scalars(db.select(AuditEvent)).one()
    assert (
        event.action == f"export.{fmt}"
        and event.rows == 1
        and event.actor_email == "analyst@example.org"
    )
    assert event.scope == {"district": "broxtowe", "label": "fraud_cyber"}


def test_export_never_carries_registrants_contact_details(
    client, dummy_analyst, bearer, create_event, create_registration, create_tagged
):
    event = create_event()
    create_registration(event, name="Pat Registrant", email="pat.registrant@example.org")
    create_tagged(
        "More patrols near the school please",
        ("police_visibility_response",),
        channel="event",
        source_id=event.id,
    )
    headers = bearer(dummy_analyst)
    for fmt in ("csv", "json"):
        body = client.get(
            f"/api/v1/export?format={fmt}&event_id={event.id}", headers=headers
        ).get_data(as_text=True)
        assert "More patrols" in body
        assert "pat.registrant@example.org" not in body and "Pat Registrant" not in body


@pytest.mark.parametrize("role", ["resident", "partner", "officer"])
def test_only_analysts(client, create_user, bearer, role):
    headers = bearer(create_user(role))
    for path in ("/api/v1/summary", "/api/v1/export?format=csv"):
        assert client.get(path, headers=headers).status_code == 403


def test_not_signed_in_is_401(client, db):
    for path in ("/api/v1/summary", "/api/v1/export?format=csv"):
        assert client.get(path).status_code == 401


def test_openapi_describes_summary_export_and_the_new_filters(client, db):
    spec = client.get("/api/v1/openapi.json").get_json()
    names = {p["name"] for p in spec["paths"]["/export"]["get"]["parameters"]}
    assert {
        "format",
        "event_id",
        "survey_id",
        "summit_id",
        "label_source",
        "equality",
        "objective",
    } <= names
    assert "/summary" in spec["paths"]
    listing = {p["name"] for p in spec["paths"]["/responses"]["get"]["parameters"]}
    assert {"event_id", "equality", "page"} <= listing
