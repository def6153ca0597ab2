"""Two-factor sign-in (TOTP): required for admins (enrolment at the first sign-in),
optional for other staff, asked at every sign-in once on, with a CLI recovery path."""

import re

import pyotp
import pytest
import sqlalchemy as sa

from engage.accounts.models import User
from engage.audit.models import AuditEvent

PASSWORD = "correct horse battery"


@pytest.fixture
def admins_need_codes(app):
    app.config["TWO_FACTOR_REQUIRED_ROLES"] = ("admin",)
    yield
    app.config["TWO_FACTOR_REQUIRED_ROLES"] = ()


def _secret_on(page: str) -> str:
    return re.search(r'id="totp-key">([A-Z2-7]+)<', page).group(1)


def test_admin_enrols_at_first_sign_in_then_needs_a_code(client, db, dummy_admin,
                                                         admins_need_codes):
    resp = client.post("/account/sign-in", data={"email": dummy_admin.email, "password": PASSWORD})
    assert resp.headers["Location"].endswith("/account/two-factor/")
    assert client.get("/admin/users").status_code == 302, "not signed in yet"
    page = client.get("/account/two-factor/").get_data(as_text=True)
    secret = _secret_on(page)
    wrong = client.post("/account/two-factor/", data={"code": "000000"})
    assert wrong.status_code == 400 and "That code is not right" in wrong.get_data(as_text=True)
    done = client.post("/account/two-factor/", data={"code": pyotp.TOTP(secret).now()})
    assert done.headers["Location"].endswith("/staff/")
    assert client.get("/admin/users").status_code == 200
    db.session.expire_all()
    assert db.session.get(User, dummy_admin.id).totp_secret == secret
    stored = db.session.scalar(sa.text("SELECT totp_secret FROM users WHERE id = :id"),
                               {"id": dummy_admin.id})
    assert secret not in stored, "a database read alone must not give the means to make codes"
    client.post("/account/sign-out")
    client.post("/account/sign-in", data={"email": dummy_admin.email, "password": PASSWORD})
    page = client.get("/account/two-factor/").get_data(as_text=True)
    assert "Enter your code" in page and "totp-key" not in page, "the secret is not shown again"
    client.post("/account/two-factor/", data={"code": pyotp.TOTP(secret).now()})
    assert client.get("/admin/users").status_code == 200
    assert db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "account.2fa.enrol"))


def test_officer_turns_it_on_from_their_account(client, db, dummy_officer, sign_in):
    sign_in(dummy_officer)
    account = client.get("/account/").get_data(as_text=True)
    assert "Set up two-factor sign-in" in account
    secret = _secret_on(client.get("/account/two-factor/set-up").get_data(as_text=True))
    client.post("/account/two-factor/set-up", data={"code": pyotp.TOTP(secret).now()})
    client.post("/account/sign-out")
    resp = client.post("/account/sign-in", data={"email": dummy_officer.email, "password": PASSWORD})
    assert resp.headers["Location"].endswith("/account/two-factor/")


def test_resident_is_never_asked(client, create_user, admins_need_codes):
    resident = create_user("resident", "sam@example.org")
    resp = client.post("/account/sign-in", data={"email": resident.email, "password": PASSWORD})
    assert resp.headers["Location"].endswith("/")
    assert client.get("/account/two-factor/set-up").status_code == 403


def test_a_changed_secret_key_fails_clearly_and_the_reset_still_works(app, client, db, runner,
                                                                     dummy_admin):
    """A secret sealed under another SECRET_KEY gives no codes: the code page says so (not a
    500), and the operator's reset clears it so the admin can enrol again."""
    dummy_admin.totp_secret = pyotp.random_base32()
    db.session.commit()
    key = app.config["SECRET_KEY"]
    app.config["SECRET_KEY"] = key + "-rotated"
    try:
        db.session.expire_all()
        resp = client.post("/account/sign-in",
                           data={"email": dummy_admin.email, "password": PASSWORD})
        assert resp.headers["Location"].endswith("/account/two-factor/")
        page = client.get("/account/two-factor/")
        assert page.status_code == 400 and "cannot be opened" in page.get_data(as_text=True)
        result = runner.invoke(args=["users", "reset-2fa", dummy_admin.email])
        assert result.exit_code == 0, result.output
        db.session.expire_all()
        assert db.session.get(User, dummy_admin.id).totp_secret is None
    finally:
        app.config["SECRET_KEY"] = key


def test_cli_resets_a_lost_phone(runner, db, dummy_admin):
    dummy_admin.totp_secret = pyotp.random_base32()
    db.session.commit()
    result = runner.invoke(args=["users", "reset-2fa", dummy_admin.email])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.get(User, dummy_admin.id).totp_secret is None
    assert db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "account.2fa.reset"))


def test_admin_resets_another_staff_members_lost_phone_with_a_reason(client, db, dummy_admin,
                                                                     dummy_officer, sign_in):
    dummy_officer.totp_secret = pyotp.random_base32()
    db.session.commit()
    sign_in(dummy_admin)
    edit = client.get(f"/admin/users/{dummy_officer.id}").get_data(as_text=True)
    assert f"/admin/users/{dummy_officer.id}/two-factor" in edit
    empty = client.post(f"/admin/users/{dummy_officer.id}/two-factor", data={"reason": " "})
    assert empty.status_code == 400 and "Say why" in empty.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, dummy_officer.id).totp_secret, "nothing changed on a bad form"
    done = client.post(f"/admin/users/{dummy_officer.id}/two-factor",
                       data={"reason": "Phone lost; called back on the rota number"})
    assert done.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, dummy_officer.id).totp_secret is None
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "account.2fa.reset"))
    assert event.scope["user_id"] == dummy_officer.id and "rota number" in event.scope["reason"]


def test_no_one_resets_their_own_second_factor_from_the_web(client, db, dummy_admin,
                                                            dummy_officer, sign_in):
    sign_in(dummy_admin)
    dummy_admin.totp_secret = pyotp.random_base32()
    db.session.commit()
    assert client.post(f"/admin/users/{dummy_admin.id}/two-factor",
                       data={"reason": "mine"}).status_code == 403
    db.session.expire_all()
    assert db.session.get(User, dummy_admin.id).totp_secret, "own secret kept"
    client.post("/account/sign-out")
    sign_in(dummy_officer)
    assert client.post(f"/admin/users/{dummy_admin.id}/two-factor",
                       data={"reason": "x"}).status_code == 403
