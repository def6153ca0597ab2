"""Issue 14, findings 2, 5 and 6 as a person meets them over HTTP: links in emails name the
configured site whatever Host the request claimed; tokens die with the session; CSRF is
skipped only for a real token; starting a survey stores nothing; mail to one address is
limited however many addresses send it."""

import sqlalchemy as sa

from engage.accounts import services
from engage.accounts.models import ApiToken
from engage.surveys.models import SurveySubmission
from tests.fixtures.users import PASSWORD

EVIL = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}
NEW = "a brand new passphrase"


def test_reset_link_names_the_configured_site_not_the_host_header(app, client, create_user, sent_mail):
    user = create_user()
    client.post("/account/forgot-password", data={"email": user.email}, headers=EVIL)
    app.config["PUBLIC_BASE_URL"] = "https://engage.example.org/"
    try:
        client.post("/account/forgot-password", data={"email": user.email}, headers=EVIL)
    finally:
        app.config["PUBLIC_BASE_URL"] = "http://localhost"
    links = [m["link"] for m in sent_mail]
    assert links[0].startswith("http://localhost/account/reset/")
    assert links[1].startswith("https://engage.example.org/account/reset/")
    assert not any("evil" in link for link in links)


def test_survey_resume_link_ignores_the_host_header(client, db, create_survey, sent_mail):
    survey = create_survey()
    client.post(f"/surveys/{survey.id}/start", headers=EVIL)
    client.post(f"/surveys/{survey.id}/page/1", data={"action": "save"}, headers=EVIL)
    page = client.get(f"/surveys/{survey.id}/saved", headers=EVIL).get_data(as_text=True)
    client.post(f"/surveys/{survey.id}/saved", data={"email": "me@example.org"}, headers=EVIL)
    assert "http://localhost/surveys/resume/" in page and "evil" not in page
    assert sent_mail[-1]["link"].startswith("http://localhost/surveys/resume/")


def test_run_script_serves_links_for_its_own_port():
    from pathlib import Path

    script = (Path(__file__).parents[2] / "scripts" / "run.sh").read_text()
    assert 'ENGAGE_PUBLIC_BASE_URL="http://127.0.0.1:${PORT:-5000}"' in script


def _api_works(app, headers) -> bool:
    return app.test_client().get("/api/v1/responses", headers=headers).status_code == 200


def test_tokens_stop_at_sign_out(app, client, create_user, bearer, sign_in):
    user = create_user("analyst")
    headers = bearer(user)
    sign_in(user)
    assert _api_works(app, headers)
    client.post("/account/sign-out")
    assert not _api_works(app, headers)


def test_tokens_stop_when_the_password_is_reset(app, client, create_user, bearer):
    user = create_user("admin")
    headers = bearer(user)
    client.post(f"/account/reset/{services.make_reset_token(user)}", data={"password": NEW, "confirm": NEW})
    assert not _api_works(app, headers)


def test_tokens_stop_when_the_password_is_changed(app, client, create_user, bearer, sign_in):
    user = create_user("analyst")
    headers = bearer(user)
    sign_in(user)
    client.post("/account/password", data={"current_password": PASSWORD, "password": NEW, "confirm": NEW})
    assert not _api_works(app, headers)


def test_owner_lists_and_revokes_their_tokens_and_others_cannot(app, client, db, create_user, bearer,
                                                                 sign_in):
    owner, other = create_user("analyst"), create_user("officer")
    headers = bearer(owner)
    token_id = db.session.scalar(sa.select(ApiToken.id))
    sign_in(other)
    assert client.post("/account/tokens", data={"token_id": token_id}).status_code == 403
    assert client.get(f"/admin/users/{owner.id}/tokens").status_code == 403
    assert _api_works(app, headers)
    client.post("/account/sign-out")
    sign_in(owner)
    page = client.get("/account/tokens").get_data(as_text=True)
    assert headers["Authorization"][7:13] in page and "Works until" in page
    assert headers["Authorization"][7:] not in page
    assert client.post("/account/tokens", data={"token_id": token_id}).status_code == 302
    assert not _api_works(app, headers)
    assert "Revoked" in client.get("/account/tokens").get_data(as_text=True)


def test_admin_revokes_anyones_token(app, client, db, create_user, bearer, sign_in):
    owner = create_user("analyst")
    headers = bearer(owner)
    token_id = db.session.scalar(sa.select(ApiToken.id))
    sign_in(create_user("admin"))
    assert owner.email in client.get(f"/admin/users/{owner.id}/tokens").get_data(as_text=True)
    client.post(f"/admin/users/{owner.id}/tokens", data={"token_id": token_id})
    assert not _api_works(app, headers)


def test_csrf_is_skipped_only_for_a_valid_bearer_token(app, db, create_user, bearer, create_event):
    user = create_user("officer")
    event = create_event()
    client = app.test_client()
    client.post("/account/sign-in", data={"email": user.email, "password": PASSWORD})
    view = {"text": "More patrols near the bus station please", "consent_to_quote": False}
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        forged = client.post(f"/api/v1/events/{event.id}/views", json=view,
                             headers={"Authorization": "Bearer made-up"})
        real = client.post(f"/api/v1/events/{event.id}/views", json=view, headers=bearer(user))
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert forged.status_code == 400 and "csrf" in forged.get_json()["errors"]
    assert real.status_code == 201


def test_a_survey_in_progress_is_forgotten_at_sign_out(client, db, create_user, sign_in, create_survey):
    survey = create_survey()
    sign_in(create_user())
    client.post(f"/surveys/{survey.id}/start")
    client.post(f"/surveys/{survey.id}/page/1", data={"action": "save"})
    assert client.get(f"/surveys/{survey.id}/page/1").status_code == 200
    client.post("/account/sign-out")
    resp = client.get(f"/surveys/{survey.id}/page/1")
    assert resp.status_code == 302 and resp.headers["Location"].endswith(f"/surveys/{survey.id}")


def test_pressing_start_stores_nothing_until_a_page_is_answered(client, db, create_survey):
    survey = create_survey()
    for _ in range(30):
        assert client.post(f"/surveys/{survey.id}/start").status_code == 302
    assert client.get(f"/surveys/{survey.id}/page/1").status_code == 200
    assert db.session.scalar(sa.select(sa.func.count(SurveySubmission.id))) == 0
    q = f"q{survey.questions[0].id}"
    client.post(f"/surveys/{survey.id}/page/1", data={q: "agree", "action": "save"})
    assert db.session.scalar(sa.select(sa.func.count(SurveySubmission.id))) == 1
    assert client.get(f"/surveys/{survey.id}/page/1").status_code == 200


def test_mail_to_one_address_is_limited_whoever_sends_it(app, db, create_survey, sent_mail):
    survey = create_survey()
    limit = app.config["MAIL_PER_RECIPIENT_PER_HOUR"]
    for i in range(limit + 3):
        client = app.test_client()  # a new browser (and, in real use, address) each time
        client.post(f"/surveys/{survey.id}/start", environ_base={"REMOTE_ADDR": f"10.0.0.{i}"})
        client.post(f"/surveys/{survey.id}/page/1", data={"action": "save"})
        client.post(f"/surveys/{survey.id}/saved", data={"email": "victim@example.org"})
        app.test_client().post("/account/register", data={
            "email": "victim@example.org", "password": PASSWORD, "confirm": PASSWORD})
    assert len(sent_mail) == limit
