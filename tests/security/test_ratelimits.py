"""Rate limits on sign-in, registration and every public submission endpoint: a clear
429 page for people, a JSON error for the API; memory storage and Redis."""

import socket
import uuid

import pytest

from engage import create_app
from engage.extensions import db as _db
from engage.extensions import limiter
from engage.security import is_limited, public_write_endpoints


def _limited_app(database_url, **config):
    return create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_PUBLIC_SUBMISSIONS": "3/minute",
            **config,
        }
    )


def _close(*apps) -> None:
    """Each extra app has its own connection pool: close it."""
    for extra in apps:
        with extra.app_context():
            _db.session.remove()
            _db.engine.dispose()


@pytest.fixture
def limited_app(app, db, database_url):
    """A second app with rate limiting on. The limiter is a process-wide singleton, so
    it is switched off and emptied again afterwards for every other test."""
    limited = _limited_app(database_url, RATELIMIT_STORAGE_URI="memory://")
    limiter.reset()
    yield limited
    limiter.reset()
    limiter.enabled = False
    _close(limited)


def test_every_public_write_endpoint_is_rate_limited(app):
    endpoints = public_write_endpoints(app)
    assert {"accounts.sign_in", "accounts.register", "public.tell_us"} <= set(endpoints)
    assert not [e for e in endpoints if not is_limited(app.view_functions[e])]
    assert any(e.startswith("api.") for e in endpoints)


def test_sign_in_answers_429_with_a_clear_page(limited_app):
    client = limited_app.test_client()
    codes = [
        client.post(
            "/account/sign-in", data={"email": "a@example.org", "password": "x"}
        ).status_code
        for _ in range(11)
    ]
    assert codes[:10] == [400] * 10 and codes[10] == 429
    resp = client.post("/account/sign-in", data={"email": "a@example.org", "password": "x"})
    page = resp.get_data(as_text=True)
    assert "Too many requests" in page and "Wait a minute and try again" in page
    assert client.get("/account/sign-in").status_code == 200  # reading the page is not limited


def test_registration_is_limited(limited_app):
    client = limited_app.test_client()
    codes = [client.post("/account/register", data={}).status_code for _ in range(6)]
    assert codes[-1] == 429 and 429 not in codes[:5]


def test_public_form_without_its_own_limit_gets_the_configured_one(limited_app):
    client = limited_app.test_client()
    codes = [client.post("/account/reset/not-a-token", data={}).status_code for _ in range(4)]
    assert codes == [404, 404, 404, 429]


def test_public_api_answers_429_as_json(limited_app):
    client = limited_app.test_client()
    answers = [
        client.post("/api/v1/events/999999/views", json={"text": "hello"}) for _ in range(25)
    ]
    codes = [a.status_code for a in answers]
    assert codes[0] == 404 and 429 in codes
    last = answers[-1]
    assert last.status_code == 429 and last.is_json and "errors" in last.get_json()
    assert "Retry-After" in last.headers


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_up(), reason="no Redis at 127.0.0.1:6379")
def test_limits_are_shared_through_redis(app, db, database_url):
    """Two app instances (two gunicorn hosts) count against one Redis."""
    import redis

    prefix = f"engage-test-{uuid.uuid4().hex[:8]}"
    url = "redis://127.0.0.1:6379/0"
    old_prefix = limiter._key_prefix
    limiter._key_prefix = prefix
    try:
        first = _limited_app(database_url, RATELIMIT_STORAGE_URI=url)
        second = _limited_app(database_url, RATELIMIT_STORAGE_URI=url)
        a, b = first.test_client(), second.test_client()
        codes = [c.post("/account/reset/x", data={}).status_code for c in (a, b, a, b)]
        assert codes == [404, 404, 404, 429]
        keys = redis.Redis.from_url(url).keys(f"*{prefix}*")
        assert keys
        _close(first, second)
    finally:
        client = redis.Redis.from_url(url)
        for key in client.scan_iter(f"*{prefix}*"):
            client.delete(key)
        limiter._key_prefix = old_prefix
        limiter.enabled = False
        _close(_limited_app(database_url, RATELIMIT_STORAGE_URI="memory://"))
        limiter.enabled = False
