import re

from engage.accounts.models import User
from engage.mail.models import OutboxMessage
from tests.fixtures.users import PASSWORD


def test_resident_creates_an_account_and_sees_their_submissions(client, db, sent_mail):
    resp = client.post(
        "/account/register", data={"name": "Pat", "email": "pat@example.org", "password": PASSWORD, "confirm": PASSWORD}
    )
    assert resp.status_code == 200 and "Check your email" in resp.get_data(as_text=True)
    assert [m["template"] for m in sent_mail] == ["account_created"]
    assert client.post("/account/sign-in", data={"email": "pat@example.org", "password": PASSWORD}).status_code == 302
    client.post("/tell-us", data={"text": "Cars race down Mansfield Road every night"})
    page = client.get("/account/").get_data(as_text=True)
    assert "Cars race down Mansfield Road" in page


def test_register_errors_are_summarised(client, db):
    resp = client.post("/account/register", data={"email": "not-an-email", "password": "x", "confirm": "y"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400
    assert "There is a problem" in html
    assert "Enter an email address in the correct format" in html
    assert "<title>Error:" in html


def test_sign_in_wrong_password_says_so(client, create_user):
    user = create_user()
    resp = client.post("/account/sign-in", data={"email": user.email, "password": "nope nope nope"})
    assert resp.status_code == 400
    assert "email address or password is not right" in resp.get_data(as_text=True)


def test_sign_out_ends_the_session_everywhere(app, client, create_user, sign_in):
    user = create_user("officer")
    sign_in(user)
    other = app.test_client()
    other.post("/account/sign-in", data={"email": user.email, "password": PASSWORD})
    assert other.get("/staff/").status_code == 200
    client.post("/account/sign-out")
    assert client.get("/staff/").status_code == 302
    assert other.get("/staff/").status_code == 302


def test_change_password(client, create_user, sign_in):
    user = create_user()
    sign_in(user)
    resp = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "password": "another long password", "confirm": "another long password"},
    )
    assert resp.status_code == 302
    client.post("/account/sign-out")
    assert client.post("/account/sign-in", data={"email": user.email, "password": PASSWORD}).status_code == 400
    assert (
        client.post("/account/sign-in", data={"email": user.email, "password": "another long password"}).status_code
        == 302
    )


def test_forgotten_password_reset_by_email_link(client, create_user, db, smtp):
    user = create_user()
    resp = client.post("/account/forgot-password", data={"email": user.email})
    assert "Check your email" in resp.get_data(as_text=True)
    (mail,) = smtp.to(user.email)
    link = re.search(r"http://\S+/account/reset/\S+", mail["body"]).group(0)
    path = link.split("localhost", 1)[1]
    assert (
        client.post(path, data={"password": "fresh new password", "confirm": "fresh new password"}).status_code == 302
    )
    assert client.get(path).status_code == 404  # single use
    assert (
        client.post("/account/sign-in", data={"email": user.email, "password": "fresh new password"}).status_code == 302
    )


def test_forgotten_password_for_unknown_email_gives_the_same_answer(client, db):
    resp = client.post("/account/forgot-password", data={"email": "nobody@example.org"})
    assert "Check your email" in resp.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(OutboxMessage.id))) == 0


def test_admin_creates_and_deactivates_a_staff_account(client, dummy_admin, sign_in, db):
    sign_in(dummy_admin)
    resp = client.post(
        "/admin/users/new",
        data={"name": "Alex Analyst", "email": "alex@example.org", "role": "analyst", "password": PASSWORD},
    )
    assert resp.status_code == 302
    alex = db.session.scalar(db.select(User).filter_by(email="alex@example.org"))
    assert alex.role == "analyst"
    assert client.post(f"/admin/users/{alex.id}", data={"role": "analyst"}).status_code == 302
    db.session.refresh(alex)
    assert not alex.is_active_account
    assert client.post(f"/admin/users/{dummy_admin.id}", data={"role": "officer", "active": "y"}).status_code == 400


def test_next_parameter_cannot_leave_the_site(client, create_user):
    user = create_user()
    resp = client.post("/account/sign-in?next=https://evil.example/", data={"email": user.email, "password": PASSWORD})
    assert resp.headers["Location"] == "/"
