"""Issue 14 finding 3: nothing a stranger can send tells them whether an address has an
account or a booking: the same page, the same work (a password hash either way; the
figures are in benchmarks/sign_in_timing.py), the same lock, and an email to the owner."""

import sqlalchemy as sa

from engage.accounts.models import User
from engage.events.models import Registration
from tests.fixtures.users import PASSWORD


def _same(a, b, swap: tuple[str, str]) -> bool:
    return a.status_code == b.status_code and a.get_data(as_text=True).replace(*swap) == b.get_data(as_text=True)


def test_unknown_accounts_hash_the_password_too(client, db, create_user, monkeypatch):
    import engage.accounts.models as models
    import engage.accounts.services as services

    calls = []
    for module in (models, services):
        real = module.check_password_hash
        monkeypatch.setattr(module, "check_password_hash",
                            lambda h, p, real=real: calls.append(h[:6]) or real(h, p))
    user = create_user()
    client.post("/account/sign-in", data={"email": user.email, "password": "wrong password!"})
    client.post("/account/sign-in", data={"email": "nobody@example.org", "password": "wrong password!"})
    assert len(calls) == 2 and calls[0] == calls[1]  # one hash check each, of the same kind


def test_unknown_accounts_lock_with_the_same_page(app, db, create_user):
    user = create_user()
    pages = {}
    for email in (user.email, "nobody@example.org"):
        client = app.test_client()
        for _ in range(6):
            resp = client.post("/account/sign-in", data={"email": email, "password": "wrong password!"})
        pages[email] = resp
    assert "Too many failed attempts" in pages[user.email].get_data(as_text=True)
    assert _same(pages[user.email], pages["nobody@example.org"], (user.email, "nobody@example.org"))


def test_register_answers_the_same_and_emails_the_owner(app, db, create_user, sent_mail):
    user = create_user()
    new = app.test_client().post("/account/register", data={
        "email": "new@example.org", "password": PASSWORD, "confirm": PASSWORD})
    taken = app.test_client().post("/account/register", data={
        "email": user.email, "password": "another password!", "confirm": "another password!"})
    assert _same(new, taken, ("new@example.org", user.email))
    assert [m["template"] for m in sent_mail] == ["account_created", "account_exists"]
    assert sent_mail[1]["user"].id == user.id
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 2
    assert app.test_client().post("/account/sign-in", data={
        "email": user.email, "password": "another password!"}).status_code == 400


def test_partner_application_answers_the_same_and_emails_the_owner(app, db, create_user, sent_mail):
    user = create_user()
    org = {"name": "Worksop Older People's Forum", "description": "Monthly coffee mornings.",
           "communities": ["older_people"], "contact_name": "Val", "password": "a long enough password"}
    new = app.test_client().post("/voices/apply", data=org | {"email": "val@example.org"})
    taken = app.test_client().post("/voices/apply", data=org | {"email": user.email})
    assert _same(new, taken, ("val@example.org", user.email))
    assert [m["template"] for m in sent_mail] == ["account_created", "account_exists"]
    assert db.session.get(User, user.id).role == "resident"


def test_api_duplicate_registration_looks_like_a_new_one(client, db, create_event, sent_mail):
    event = create_event(capacity=10)
    url = f"/api/v1/events/{event.id}/registrations"
    first = client.post(url, json={"name": "Ruth", "email": "ruth@example.org"})
    again = client.post(url, json={"name": "Someone", "email": "RUTH@example.org"})
    assert first.status_code == again.status_code == 201
    assert first.get_json().keys() == again.get_json().keys()
    assert again.get_json()["status"] == "registered"
    assert again.get_json()["reference"] != first.get_json()["reference"]
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 1
    assert [m["template"] for m in sent_mail] == ["event_registered", "event_registered"]
    assert sent_mail[1]["registration"].email == "ruth@example.org"


def test_the_registration_form_answers_the_same_for_a_booked_address(app, db, create_event, sent_mail):
    """The HTML form as well as the API: a stranger who types a booked address sees the
    same acknowledgement as for a new booking; only the owner's inbox hears of it."""
    import re

    event = create_event(capacity=10)
    url = f"/events/{event.id}/register"
    form = {"name": "Someone", "postcode": ""}
    pages = {}
    for email in ("ruth@example.org", "new@example.org", "RUTH@example.org"):
        client = app.test_client()
        posted = client.post(url, data=form | {"email": email})
        assert posted.status_code == 302
        pages[email] = (posted.headers["Location"], client.get(posted.headers["Location"]))
    (first_url, first), (new_url, new), (again_url, again) = pages.values()
    assert first_url == new_url == again_url
    reference = re.compile(r"E[0-9A-Z]{8}")
    assert "You are registered" in again.get_data(as_text=True)
    assert reference.sub("REF", new.get_data(as_text=True)).replace("new@example.org", "X") == \
        reference.sub("REF", again.get_data(as_text=True)).replace("ruth@example.org", "X")
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 2
    assert [m["registration"].email for m in sent_mail] == [
        "ruth@example.org", "new@example.org", "ruth@example.org"]
