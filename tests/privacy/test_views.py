"""Admins' subject access and erasure pages, the retention page and `flask privacy purge`."""

import json
from datetime import timedelta

import sqlalchemy as sa

from engage.audit.models import AuditEvent
from engage.db import utcnow
from engage.responses.models import Response

EMAIL = "sam@example.org"


def _actions(db) -> list[str]:
    return list(db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)))


def test_tell_us_records_the_notice_version_and_consents(client, db, app):
    client.post("/tell-us", data={"text": "Speeding on the A60", "consent_to_quote": "y"})
    response = db.session.scalar(sa.select(Response))
    assert response.privacy_notice_version == app.config["PRIVACY_NOTICE_VERSION"]
    assert response.consent_to_quote is True and response.consent_to_contact is False


def test_admin_finds_exports_and_erases_and_it_is_all_audited(
    client, db, create_user, create_response, dummy_admin, sign_in
):
    user = create_user("resident", EMAIL)
    create_response("Drug dealing by the park, email me at sam@example.org", respondent=user)
    sign_in(dummy_admin)
    page = client.post("/admin/privacy/", data={"email": EMAIL}).get_data(as_text=True)
    assert "Responses (through the account)" in page and "Export as JSON" in page
    resp = client.post("/admin/privacy/export", data={"email": EMAIL})
    assert (
        resp.mimetype == "application/json" and "attachment" in resp.headers["Content-Disposition"]
    )
    assert json.loads(resp.data)["records"]["responses"][0]["text"].startswith("Drug dealing")
    resp = client.post(
        "/admin/privacy/erase", data={"email": EMAIL, "confirm": "y"}, follow_redirects=True
    )
    assert "Erased. responses: 1, account: 1." in resp.get_data(as_text=True)
    text = db.session.scalar(sa.select(Response.text))
    assert text.startswith("Drug dealing by the park, email me at [") and EMAIL not in text
    assert _actions(db)[-3:] == ["privacy.search", "privacy.export", "privacy.erase"]
    audit = client.get("/admin/audit").get_data(as_text=True)
    assert "privacy.erase" in audit and EMAIL not in audit


def test_erasure_needs_confirmation(client, db, create_user, dummy_admin, sign_in):
    create_user("resident", EMAIL)
    sign_in(dummy_admin)
    resp = client.post("/admin/privacy/erase", data={"email": EMAIL})
    assert resp.status_code == 400 and "Confirm that you have checked the request" in resp.get_data(
        as_text=True
    )
    assert "privacy.erase" not in _actions(db)


def test_only_admins_reach_personal_data(client, db, dummy_officer, dummy_analyst, sign_in):
    for user in (dummy_officer, dummy_analyst):
        sign_in(user)
        assert client.post("/admin/privacy/export", data={"email": EMAIL}).status_code == 403
        client.post("/account/sign-out")


def test_retention_page_shows_periods_and_changes_nothing(
    client, db, dummy_admin, sign_in, create_user, create_response
):
    user = create_user("resident", EMAIL)
    create_response(
        "Burglary on our road", respondent=user, submitted_at=utcnow() - timedelta(days=1000)
    )
    sign_in(dummy_admin)
    page = client.get("/admin/privacy/retention").get_data(as_text=True)
    assert "730" in page and "Event registrations" in page
    assert db.session.scalar(sa.select(Response.respondent_id)) == user.id


def test_purge_command_dry_run_then_apply(runner, db, create_user, create_response):
    user = create_user("resident", EMAIL)
    create_response(
        "Burglary on our road", respondent=user, submitted_at=utcnow() - timedelta(days=1000)
    )
    dry = runner.invoke(args=["privacy", "purge"])
    assert (
        dry.exit_code == 0
        and "Dry run" in dry.output
        and "responses: 1 row older than 730 days" in dry.output
    )
    db.session.expire_all()
    assert db.session.scalar(sa.select(Response.respondent_id)) == user.id
    done = runner.invoke(args=["privacy", "purge", "--apply"])
    assert done.exit_code == 0 and "Applied" in done.output
    db.session.expire_all()
    assert db.session.scalar(sa.select(Response.respondent_id)) is None
    again = runner.invoke(args=["privacy", "purge", "--apply"])
    assert "Total: 0 rows." in again.output


def test_privacy_notice_names_the_basis_the_article_9_condition_and_what_is_redacted(client, app):
    page = client.get("/privacy").get_data(as_text=True)
    for words in ("Article 6(1)(e)", "Article 9(2)(g)", "Schedule 1, paragraph 8",
                  "equality of opportunity or treatment", "vehicle registrations",
                  "street addresses", "full postcodes", "personal-data export",
                  f"after {app.config['RETENTION_RESPONSE_DAYS']} days"):
        assert words in page, words


def _old_linked_response(create_user, create_response):
    user = create_user("resident", EMAIL)
    create_response(
        "Burglary on our road", respondent=user, submitted_at=utcnow() - timedelta(days=1000)
    )
    return user


def _due(page: str, name: str) -> str:
    """The 'Due now' cell of the retention table's `name` row."""
    row = page.split(f'<td class="govuk-table__cell">{name}</td>', 1)[1].split("</tr>", 1)[0]
    return row.rsplit('numeric">', 1)[1].split("<", 1)[0]


def test_admin_runs_the_purge_from_the_page_and_it_does_what_the_preview_said(
    client, db, dummy_admin, sign_in, create_user, create_response
):
    user = _old_linked_response(create_user, create_response)
    sign_in(dummy_admin)
    page = client.get("/admin/privacy/retention").get_data(as_text=True)
    assert _due(page, "Responses") == "1" and "Run the purge" in page
    done = client.post("/admin/privacy/retention", data={"confirm": "y"}, follow_redirects=True)
    page = done.get_data(as_text=True)
    assert done.status_code == 200 and "Purge run. responses: 1" in page
    assert _due(page, "Responses") == "0" and "Nothing is due" in page
    db.session.expire_all()
    assert db.session.scalar(sa.select(Response.respondent_id)) is None
    audit = db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert audit.action == "privacy.purge" and audit.actor_id == dummy_admin.id
    assert "responses=1" in audit.detail and audit.rows >= 1
    assert user.id


def test_purge_from_the_page_needs_confirmation(
    client, db, dummy_admin, sign_in, create_user, create_response
):
    user = _old_linked_response(create_user, create_response)
    sign_in(dummy_admin)
    resp = client.post("/admin/privacy/retention", data={})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 400 and "Confirm that you have read what the purge" in page
    assert "<title>Error: " in page
    db.session.expire_all()
    assert db.session.scalar(sa.select(Response.respondent_id)) == user.id
    assert "privacy.purge" not in _actions(db)


def test_purge_from_the_page_checks_csrf(
    app, client, db, dummy_admin, sign_in, create_user, create_response, monkeypatch
):
    user = _old_linked_response(create_user, create_response)
    sign_in(dummy_admin)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    assert client.post("/admin/privacy/retention", data={"confirm": "y"}).status_code == 400
    db.session.expire_all()
    assert db.session.scalar(sa.select(Response.respondent_id)) == user.id


def test_only_admins_see_or_run_the_purge(
    client, db, dummy_officer, dummy_analyst, sign_in, create_user, create_response
):
    user = _old_linked_response(create_user, create_response)
    for staff in (dummy_officer, dummy_analyst):
        sign_in(staff)
        assert client.get("/admin/privacy/retention").status_code == 403
        assert client.post("/admin/privacy/retention", data={"confirm": "y"}).status_code == 403
        client.post("/account/sign-out")
    db.session.expire_all()
    assert db.session.scalar(sa.select(Response.respondent_id)) == user.id
    assert "privacy.purge" not in _actions(db)
