"""Signing in lands staff on a staff home that counts what needs them; partner-only
pages are not offered to admins; staff pages leave out the public crime banner."""

import re
from datetime import timedelta

from engage.db import utcnow
from engage.extensions import db as _db
from engage.mail.models import MessageState, OutboxMessage

DISCLOSURE = "My stepdad hits me and my little brother when mum is at work"
BANNER = "This is not the way to report a crime"


def _count(page: str, key: str) -> int:
    match = re.search(rf'id="need-{key}".*?engage-need__count">(\d+)<', page, re.S)
    assert match, f"no {key} card"
    return int(match.group(1))


def test_officer_lands_on_the_staff_home_with_counts(client, db, dummy_officer, create_response,
                                                     create_event):
    create_response(DISCLOSURE)
    create_event(starts_at=utcnow() + timedelta(days=2), ends_at=utcnow() + timedelta(days=2, hours=2))
    create_event(title="Next month")  # 10 days away: not this week
    _db.session.add(OutboxMessage(to="a@example.org", subject="Your place", body="x",
                                  message_id="<t1@example.org>", status=MessageState.failed,
                                  error="SMTP 550 mailbox unavailable"))
    _db.session.commit()
    resp = client.post("/account/sign-in", data={"email": dummy_officer.email,
                                                 "password": "correct horse battery"})
    assert resp.headers["Location"].endswith("/staff/")
    page = client.get("/staff/").get_data(as_text=True)
    assert _count(page, "safeguarding") == 1 and _count(page, "emails") == 1
    assert _count(page, "sessions") == 1 and _count(page, "partners") == 0
    assert BANNER not in page


def test_resident_still_lands_on_the_public_home(client, create_user):
    resident = create_user("resident", "sam@example.org")
    resp = client.post("/account/sign-in", data={"email": resident.email,
                                                 "password": "correct horse battery"})
    assert resp.headers["Location"].endswith("/")
    assert BANNER in client.get("/").get_data(as_text=True)


def test_admin_is_not_offered_the_partners_own_pages(client, dummy_admin, sign_in):
    sign_in(dummy_admin)
    page = client.get("/staff/").get_data(as_text=True)
    assert "Accounts and roles" in page
    assert "Your partner organisation" not in page and "Submit community feedback" not in page


def test_analyst_sees_no_safeguarding_card(client, dummy_analyst, sign_in):
    sign_in(dummy_analyst)
    page = client.get("/staff/").get_data(as_text=True)
    assert 'id="need-safeguarding"' not in page and 'id="need-surveys"' in page


def test_favicon_is_served(client):
    resp = client.get("/favicon.ico")
    assert resp.status_code == 200 and resp.mimetype == "image/x-icon"
    assert resp.data[:4] == b"\x00\x00\x01\x00"
