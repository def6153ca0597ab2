"""Passwords, lock-out, reset tokens, cookies and sign-out, checked as a user meets them."""



from engage.accounts import services
from engage.accounts.models import User

PASSWORD = "correct horse battery"


def test_passwords_are_hashed_with_scrypt_and_salted(db, create_user):
    a, b = create_user(), create_user()
    assert a.password_hash.startswith("scrypt:") and PASSWORD not in a.password_hash
    assert a.password_hash != b.password_hash


def test_sign_in_locks_after_five_failures_even_with_the_right_password(client, db, create_user):
    user = create_user()
    for _ in range(5):
        assert (
            client.post(
                "/account/sign-in", data={"email": user.email, "password": "wrong one!"}
            ).status_code
            == 400
        )
    resp = client.post("/account/sign-in", data={"email": user.email, "password": PASSWORD})
    assert resp.status_code == 400 and "Too many failed attempts" in resp.get_data(as_text=True)


def test_unknown_and_wrong_password_get_the_same_answer(client, db, create_user):
    user = create_user()
    a = client.post("/account/sign-in", data={"email": user.email, "password": "wrong password"})
    b = client.post(
        "/account/sign-in", data={"email": "nobody@example.org", "password": "wrong password"}
    )
    assert a.status_code == b.status_code == 400
    assert "The email address or password is not right" in a.get_data(as_text=True)
    assert "The email address or password is not right" in b.get_data(as_text=True)


def test_reset_token_works_once(client, db, create_user, sent_mail):
    user = create_user()
    client.post("/account/forgot-password", data={"email": user.email})
    link = sent_mail[-1]["link"].removeprefix("http://localhost")
    new = {"password": "a brand new passphrase", "confirm": "a brand new passphrase"}
    assert client.post(link, data=new).status_code == 302
    assert client.get(link).status_code == 404
    assert (
        client.post(
            link, data={"password": "another new one!!", "confirm": "another new one!!"}
        ).status_code
        == 404
    )


def test_reset_token_expires(client, db, create_user, app):
    user = create_user()
    token = services.make_reset_token(user)
    app.config["PASSWORD_RESET_MAX_AGE"] = -1
    try:
        resp = client.get(f"/account/reset/{token}")
    finally:
        app.config["PASSWORD_RESET_MAX_AGE"] = 3600
    assert resp.status_code == 404 and "expired" in resp.get_data(as_text=True)


def test_session_cookie_is_secure_httponly_and_samesite(client, db, create_user, app):
    user = create_user()
    app.config["SESSION_COOKIE_SECURE"] = True
    try:
        resp = client.post(
            "/account/sign-in",
            data={"email": user.email, "password": PASSWORD},
            base_url="https://localhost",
        )
    finally:
        app.config["SESSION_COOKIE_SECURE"] = False
    cookie = next(h for h in resp.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_config_has_secure_cookies():
    from engage.config import Config

    assert (
        Config.SESSION_COOKIE_SECURE
        and Config.SESSION_COOKIE_HTTPONLY
        and Config.REMEMBER_COOKIE_SECURE
    )
    assert Config.SESSION_COOKIE_SAMESITE in ("Lax", "Strict")



def test_sign_out_ends_the_session_even_for_a_copied_cookie(app, db, create_user):
    user = create_user("officer")
    client = app.test_client()
    client.post("/account/sign-in", data={"email": user.email, "password": PASSWORD})
    stolen = client.get_cookie("session").value
    assert client.get("/staff/responses").status_code == 200
    client.post("/account/sign-out")
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    resp = thief.get("/staff/responses")
    assert resp.status_code == 302 and "/account/sign-in" in resp.headers["Location"]


def test_changing_the_password_ends_other_sessions(app, db, create_user):
    user = create_user("officer")
    laptop, phone = app.test_client(), app.test_client()
    for c in (laptop, phone):
        c.post("/account/sign-in", data={"email": user.email, "password": PASSWORD})
    laptop.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "password": "a new passphrase!",
            "confirm": "a new passphrase!",
        },
    )
    assert laptop.get("/staff/responses").status_code == 200
    assert phone.get("/staff/responses").status_code == 302


def test_deactivated_accounts_cannot_use_api_tokens(client, db, create_user, bearer):
    user = create_user("analyst")
    headers = bearer(user)
    assert client.get("/api/v1/responses", headers=headers).status_code == 200
    db.session.get(User, user.id).is_active_account = False
    db.session.commit()
    assert client.get("/api/v1/responses", headers=headers).status_code == 401
