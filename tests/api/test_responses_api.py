from datetime import datetime


def test_not_signed_in_gets_401_json(client, db):
    resp = client.get("/api/v1/responses")
    assert resp.status_code == 401
    assert "errors" in resp.get_json()


def test_officer_token_gets_403(client, dummy_officer, bearer):
    assert client.get("/api/v1/responses", headers=bearer(dummy_officer)).status_code == 403


def test_analyst_reads_the_stream_with_filters_and_paging(client, dummy_analyst, bearer, create_response):
    for i in range(3):
        create_response(
            f"Cars speeding through the village {i}",
            channel="event",
            district="rushcliffe",
            submitted_at=datetime(2026, 5, 1 + i),
        )
    create_response(
        "Scam phone calls to my mum", channel="survey", district="ashfield", submitted_at=datetime(2026, 6, 1)
    )
    headers = bearer(dummy_analyst)
    body = client.get("/api/v1/responses?channel=event&per_page=2", headers=headers).get_json()
    assert body["total"] == 3 and len(body["items"]) == 2 and body["page"] == 1
    assert set(body["items"][0]) >= {"id", "channel", "text", "district", "submitted_at", "labels"}
    assert body["items"][0]["text"].endswith("2")  # newest first
    body = client.get(
        "/api/v1/responses?district=Ashfield&since=2026-06-01&until=2026-06-01", headers=headers
    ).get_json()
    assert [i["channel"] for i in body["items"]] == ["survey"]
    body = client.get("/api/v1/responses?page=9999", headers=headers).get_json()
    assert body["items"] == [] and body["total"] == 4


def test_label_filter(client, dummy_analyst, bearer, create_response):
    r = create_response("They were dealing drugs from the flat downstairs, county lines lads")
    create_response("The bins have not been emptied for three weeks")
    label = r.labels[0]
    body = client.get(f"/api/v1/responses?label={label}", headers=bearer(dummy_analyst)).get_json()
    assert r.id in [i["id"] for i in body["items"]]


def test_bad_filters_get_clear_422s(client, dummy_analyst, bearer):
    headers = bearer(dummy_analyst)
    for query, field in [
        ("label=knitting", "label"),
        ("channel=fax", "channel"),
        ("district=Leeds", "district"),
        ("since=2026-05-02&until=2026-05-01", "until"),
        ("since=yesterday", "since"),
        ("page=0", "page"),
        ("page=99999999999", "page"),
        ("per_page=5000", "per_page"),
    ]:
        resp = client.get(f"/api/v1/responses?{query}", headers=headers)
        assert resp.status_code == 422, query
        assert field in resp.get_json()["errors"], query


def test_unknown_api_path_is_json_404(client, db):
    resp = client.get("/api/v1/nothing-here")
    assert resp.status_code == 404
    assert resp.get_json()["errors"]


def test_openapi_describes_the_api(client, db):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    op = spec["paths"]["/responses"]["get"]
    names = {p["name"] for p in op["parameters"]}
    assert {"label", "channel", "district", "since", "until", "page"} <= names
    assert "401" in op["responses"] and "200" in op["responses"]
