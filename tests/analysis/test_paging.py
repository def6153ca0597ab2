"""Deep pages and cursors give exactly the rows an OFFSET walk would, over HTTP."""

import random
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from engage.analysis import paging
from engage.responses.models import Response
from engage.responses.queries import ResponseFilter


@pytest.fixture
def analyst_headers(dummy_analyst, bearer):
    return bearer(dummy_analyst)


@pytest.fixture
def stream(db, create_response, monkeypatch):
    monkeypatch.setattr(paging, "DIRECT_OFFSET", 10)  # take the month-bounded path on small data
    rng = random.Random(3)
    start = datetime(2024, 1, 1)
    for i in range(140):
        create_response(text=f"Speeding outside the school, report {i}", tag=False,
                        district=rng.choice(["gedling", "ashfield"]),
                        submitted_at=start + timedelta(days=rng.randrange(300), minutes=rng.choice([0, 0, 7])))
    return [r.id for r in db.session.scalars(sa.select(Response).order_by(
        Response.submitted_at.desc(), Response.id.desc()))]


@pytest.mark.parametrize("flt", [ResponseFilter(), ResponseFilter(district="gedling")])
def test_every_page_equals_the_offset_page(db, stream, flt):
    expected = [r.id for r in db.session.scalars(sa.select(Response).where(*flt.where()).order_by(
        Response.submitted_at.desc(), Response.id.desc()))]
    for page in range(1, 16):
        got = [r.id for r in paging.page_of(flt, page, 9)]
        assert got == expected[(page - 1) * 9 : page * 9]


def test_api_cursor_walks_the_whole_stream_once(client, analyst_headers, stream):
    seen, cursor, pages = [], None, 0
    while True:
        query = {"per_page": 25} | ({"cursor": cursor} if cursor else {"page": 1})
        body = client.get("/api/v1/responses", query_string=query, headers=analyst_headers).get_json()
        seen += [item["id"] for item in body["items"]]
        assert body["total"] == len(stream)
        cursor, pages = body["next_cursor"], pages + 1
        if cursor is None:
            break
    assert seen == stream and pages == 6


def test_api_deep_page_matches_cursor_walk(client, analyst_headers, stream):
    body = client.get("/api/v1/responses?page=5&per_page=25", headers=analyst_headers).get_json()
    assert [i["id"] for i in body["items"]] == stream[100:125] and body["page"] == 5
    assert client.get("/api/v1/responses?page=99", headers=analyst_headers).get_json()["items"] == []


def test_api_rejects_a_cursor_it_did_not_write(client, analyst_headers, db):
    resp = client.get("/api/v1/responses?cursor=not-a-cursor!", headers=analyst_headers)
    assert resp.status_code == 422
    assert list(resp.get_json()["errors"]) == ["cursor"]
