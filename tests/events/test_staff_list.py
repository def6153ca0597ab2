"""The officers' session list: upcoming and past, a page at a time, searched by title and
date, so every session stays reachable however old it is."""

import re
from datetime import timedelta
from html import unescape

from engage.db import utcnow
from engage.events.session_search import PER_PAGE


def _held(create_event, db, days_ago: int, title: str):
    event = create_event(title=title)
    event.starts_at = utcnow().replace(microsecond=0) - timedelta(days=days_ago)
    event.ends_at = event.starts_at + timedelta(hours=2)
    db.session.commit()
    return event


ROW_TITLE = r'<th scope="row" class="govuk-table__header"><a class="govuk-link" href="/staff/events/\d+">([^<]+)</a>'


def _titles(html: str) -> list[str]:
    return [unescape(t) for t in re.findall(ROW_TITLE, html)]


def _next_link(html: str) -> str | None:
    found = re.search(r'<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next"', html)
    return unescape(found.group(1)) if found else None


def test_a_session_held_400_days_ago_is_reached_by_paging_and_by_search(
    client, db, dummy_officer, sign_in, create_event
):
    old = _held(create_event, db, 400, "Meet the Commissioner: Worksop, last year")
    for n in range(PER_PAGE + 3):
        _held(create_event, db, 2 + n, f"Meet the Commissioner: Hucknall {n}")
    coming = create_event(title="Meet the Commissioner: Retford")
    sign_in(dummy_officer)

    upcoming = client.get("/staff/events/").get_data(as_text=True)
    assert _titles(upcoming) == [coming.title]

    url, seen, pages = "/staff/events/?when=past", [], 0
    while url:
        html = client.get(url).get_data(as_text=True)
        titles = _titles(html)
        assert 0 < len(titles) <= PER_PAGE  # never everything at once
        seen += titles
        url, pages = _next_link(html), pages + 1
    assert pages == 2 and len(seen) == PER_PAGE + 4 and seen[-1] == old.title
    assert seen[0] == "Meet the Commissioner: Hucknall 0"  # most recent first

    found = client.get("/staff/events/?when=past&q=worksop").get_data(as_text=True)
    assert _titles(found) == [old.title] and "1 to 1 of 1" in found
    day = old.starts_at.date()
    by_date = client.get(
        f"/staff/events/?when=past&from={(day - timedelta(days=1)).isoformat()}"
        f"&to={(day + timedelta(days=1)).isoformat()}"
    ).get_data(as_text=True)
    assert _titles(by_date) == [old.title]
    assert client.get(f"/staff/events/{old.id}").status_code == 200


def test_search_treats_wildcards_as_text(client, db, dummy_officer, sign_in, create_event):
    create_event(title="Meet the Commissioner: Eastwood")
    create_event(title="100% Newark: a session on speeding")
    sign_in(dummy_officer)
    html = client.get("/staff/events/?q=100%25").get_data(as_text=True)
    assert _titles(html) == ["100% Newark: a session on speeding"]
    assert _titles(client.get("/staff/events/?q=_").get_data(as_text=True)) == []


def test_bad_search_says_what_is_wrong(client, db, dummy_officer, sign_in, create_event):
    sign_in(dummy_officer)
    for query, message in [
        ("from=2026-13-40", "Enter a real date"),
        ("from=2026-05-02&to=2026-05-01", "The end date must be the same as or after the start date"),
        ("page=0", "The page must be a whole number"),
        ("when=someday", "Choose upcoming or past sessions"),
    ]:
        resp = client.get(f"/staff/events/?{query}")
        assert resp.status_code == 400, query
        assert message in resp.get_data(as_text=True), query
    assert client.get("/staff/events/?page=99").status_code == 200  # past the end: an empty page
