import re
from datetime import timedelta

import pytest

from engage.db import utcnow
from engage.events.models import Event
from engage.responses.models import Response
from engage.summit.models import Summit
from engage.surveys.models import Survey

PUBLIC_PAGES = ["/", "/events/", "/surveys/", "/summit/", "/tell-us", "/privacy", "/accessibility",
                "/account/sign-in", "/account/register", "/account/forgot-password"]


@pytest.mark.parametrize("path", PUBLIC_PAGES + ["/no-such-page"])
def test_every_public_page_says_it_is_not_for_reporting_crime(client, path):
    html = client.get(path).get_data(as_text=True)
    assert "This is not the way to report a crime" in html
    assert "999" in html and "101" in html
    assert 'href="#main-content"' in html  # skip link


def test_home_shows_what_is_on(client, db):
    now = utcnow()
    db.session.add_all([
        Event(title="Meet the Commissioner: Worksop", district="bassetlaw", starts_at=now + timedelta(days=3),
              ends_at=now + timedelta(days=3, hours=2), status="published"),
        Event(title="Draft session", district="bassetlaw", starts_at=now + timedelta(days=3),
              ends_at=now + timedelta(days=3, hours=2), status="draft"),
        Survey(title="Police and Crime Plan: have your say", status="open", closes_at=now + timedelta(days=9)),
        Summit(year=2027, title="Rural Crime Summit 2027", held_on=(now + timedelta(days=60)).date(),
               window_opens_at=now - timedelta(days=1), window_closes_at=now + timedelta(days=30))])
    db.session.commit()
    html = client.get("/").get_data(as_text=True)
    assert "Meet the Commissioner: Worksop" in html
    assert "Draft session" not in html
    assert "Police and Crime Plan: have your say" in html
    assert "Rural Crime Summit 2027" in html
    assert "Tell us in confidence" in html


def test_tell_us_in_confidence_stores_the_response_then_confirms(client, db):
    resp = client.post("/tell-us", data={"text": "Lads on off-road bikes tearing up the rec", "district": "mansfield",
                                         "consent_to_quote": "y"})
    assert resp.status_code == 302
    stored = db.session.scalars(db.select(Response)).one()
    assert stored.channel == "direct" and stored.district == "mansfield" and stored.consent_to_quote
    html = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert stored.reference in html
    assert "0808 2000 247" in html


def test_tell_us_errors_keep_what_was_typed(client, db):
    resp = client.post("/tell-us", data={"text": "x" * 10_001, "district": "mansfield"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400
    assert "10,000 characters or fewer" in html
    assert 'href="#text"' in html
    assert db.session.scalar(db.select(db.func.count(Response.id))) == 0
    resp = client.post("/tell-us", data={"text": "hello", "district": "atlantis"})
    assert resp.status_code == 400


def test_forms_refuse_a_missing_csrf_token(csrf_app, db):
    resp = csrf_app.test_client().post("/tell-us", data={"text": "hello"})
    assert resp.status_code == 400
    assert "form expired" in resp.get_data(as_text=True)


def test_unknown_event_is_a_styled_404(client, db):
    resp = client.get("/events/424242")
    assert resp.status_code == 404
    assert "Page not found" in resp.get_data(as_text=True)


def test_security_headers(client, db):
    resp = client.get("/")
    assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
    assert resp.headers["X-Frame-Options"] == "DENY"
    html = resp.get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "no inline scripts"


def test_staff_page_redirects_to_sign_in(client, db):
    resp = client.get("/staff/")
    assert resp.status_code == 302 and "/account/sign-in" in resp.headers["Location"]
