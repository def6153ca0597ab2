"""The home page as rendered for people not signed in is reused for a few seconds; nobody
signed in, and no waiting message, is ever served from it."""

import pytest

from engage.public import cache


@pytest.fixture
def page_cache(app, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(cache.time, "monotonic", lambda: clock[0])
    app.config["PUBLIC_PAGE_CACHE_SECONDS"] = 5
    app.extensions.pop("engage.page_cache", None)
    yield clock
    app.config["PUBLIC_PAGE_CACHE_SECONDS"] = 0
    app.extensions.pop("engage.page_cache", None)


def test_home_page_is_reused_for_a_few_seconds(client, page_cache, create_event):
    client.get("/")
    create_event(title="Meet the Commissioner: Hucknall")
    assert "Hucknall" not in client.get("/").get_data(as_text=True)
    page_cache[0] += 5
    assert "Hucknall" in client.get("/").get_data(as_text=True)


def test_signed_in_people_always_get_their_own_page(client, page_cache, create_event, create_user, sign_in):
    client.get("/")
    create_event(title="Meet the Commissioner: Hucknall")
    sign_in(create_user())
    html = client.get("/").get_data(as_text=True)
    assert "Hucknall" in html and "Sign out" in html
    client.post("/account/sign-out")
    client.get("/")  # the message about signing out, shown once
    html = client.get("/").get_data(as_text=True)
    assert "Sign out" not in html and "Sign in" in html


def test_a_waiting_message_is_shown_and_never_kept(client, page_cache):
    client.get("/")
    with client.session_transaction() as session:
        session["_flashes"] = [("success", "Your details were saved")]
    assert "Your details were saved" in client.get("/").get_data(as_text=True)
    assert "Your details were saved" not in client.get("/").get_data(as_text=True)
    with client.session_transaction() as session:
        assert "_flashes" not in session


def test_the_page_still_carries_the_security_headers(client, page_cache):
    client.get("/")
    resp = client.get("/")
    assert resp.headers["Cache-Control"] == "no-store"
    assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
