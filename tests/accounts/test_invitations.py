"""Admins invite staff by a one-time email link, or give a temporary password that must
be changed at first sign-in; role changes, deactivations and partner decisions are audited."""


import sqlalchemy as sa

from engage.accounts.models import User
from engage.audit.models import AuditEvent
from engage.mail.models import OutboxMessage

NEW_PASSWORD = "a brand new passphrase"


def _audit(db) -> dict:
    return {e.action: e.scope for e in db.session.scalars(sa.select(AuditEvent))}


def test_invitation_link_sets_the_password_once(client, db, dummy_admin, sign_in, sent_mail):
    sign_in(dummy_admin)
    resp = client.post("/admin/users/new", data={"name": "Priya Shah", "email": "priya@example.org",
                                                  "role": "officer", "how": "invite"})
    assert resp.status_code == 302
    mail = db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.to == "priya@example.org"))
    assert "/account/invitation/" not in mail.body, "staff reading the outbox never see the link"
    link = sent_mail[-1]["link"]
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.post("/account/sign-out")
    page = client.get("/" + path)
    assert page.status_code == 200 and "priya@example.org" in page.get_data(as_text=True)
    done = client.post("/" + path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302
    assert client.get("/" + path).status_code == 404, "the link works once"
    signed = client.post("/account/sign-in", data={"email": "priya@example.org",
                                                   "password": NEW_PASSWORD})
    assert signed.headers["Location"].endswith("/staff/")
    user = db.session.scalar(sa.select(User).where(User.email == "priya@example.org"))
    assert _audit(db)["account.create"] == {"user_id": user.id, "role": "officer", "by": "invite"}


def test_temporary_password_must_be_changed_at_first_sign_in(client, db, dummy_admin, sign_in):
    sign_in(dummy_admin)
    client.post("/admin/users/new", data={"name": "Tom Reid", "email": "tom@example.org",
                                          "role": "analyst", "how": "password",
                                          "password": "temporary password 1"})
    client.post("/account/sign-out")
    client.post("/account/sign-in", data={"email": "tom@example.org",
                                          "password": "temporary password 1"})
    blocked = client.get("/analysis/")
    assert blocked.status_code == 302 and blocked.headers["Location"].endswith("/account/password")
    client.post("/account/password", data={"current_password": "temporary password 1",
                                           "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert client.get("/analysis/").status_code == 200


def test_temporary_password_is_required_when_chosen(client, dummy_admin, sign_in):
    sign_in(dummy_admin)
    resp = client.post("/admin/users/new", data={"name": "Tom", "email": "tom2@example.org",
                                                 "role": "analyst", "how": "password"})
    assert resp.status_code == 400 and "Enter a temporary password" in resp.get_data(as_text=True)


def test_role_change_and_deactivation_are_audited(client, db, dummy_admin, create_user, sign_in):
    officer = create_user("officer", "o@example.org")
    sign_in(dummy_admin)
    client.post(f"/admin/users/{officer.id}", data={"role": "analyst", "active": "y"})
    client.post(f"/admin/users/{officer.id}", data={"role": "analyst"})
    audit = _audit(db)
    assert audit["account.role"] == {"user_id": officer.id, "from": "officer", "to": "analyst"}
    assert audit["account.deactivate"] == {"user_id": officer.id, "role": "analyst"}
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "account.role" in page and "account.deactivate" in page


def test_partner_decision_is_audited(db, dummy_officer, create_user):
    from engage.voices.services import apply_for_partnership, decide_partner

    partner = create_user("partner", "p@example.org")
    org = apply_for_partnership({"name": "Bulwell Youth Forum", "communities": ["young_people"],
                                 "description": "Youth club work in Bulwell."}, partner)
    decide_partner(org, "reject", dummy_officer, "We could not confirm the group.")
    db.session.commit()
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "partner.reject"))
    assert event.scope == {"partner_id": org.id} and event.actor_id == dummy_officer.id
    assert event.detail == "We could not confirm the group."
