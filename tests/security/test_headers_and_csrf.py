"""Security headers and a CSP with no inline script on every page; CSRF on every form;
autoescaping kept and no user text rendered as HTML."""

import re
from pathlib import Path

import pytest

from engage.security import public_write_endpoints

TEMPLATES = Path(__file__).resolve().parents[2] / "engage" / "templates"
SOURCE = TEMPLATES.parent
NOT_HTML = (".ics", ".csv", ".json", ".jsonl", ".xlsx", ".pdf")


def _get_pages(app) -> list[str]:
    """Every GET route with no arguments, found from the URL map."""
    out = []
    for rule in app.url_map.iter_rules():
        if (
            "GET" in rule.methods
            and not rule.arguments
            and not rule.rule.endswith(NOT_HTML)
            and not rule.rule.startswith("/api/")
            and rule.endpoint != "static"
        ):
            out.append(rule.rule)
    return sorted(out)


@pytest.fixture
def admin_client(app, db, create_user):
    client = app.test_client()
    user = create_user("admin")
    client.post("/account/sign-in", data={"email": user.email, "password": "correct horse battery"})
    return client


def test_every_page_has_the_security_headers_and_no_inline_script(app, admin_client):
    problems = []
    pages = _get_pages(app)
    assert "/tell-us" in pages and "/admin/users" in pages
    for path in pages:
        resp = admin_client.get(path)
        if resp.status_code >= 500:
            problems.append(f"{path}: {resp.status_code}")
            continue
        h = resp.headers
        csp = h.get("Content-Security-Policy", "")
        if (
            "script-src 'self'" not in csp
            or "unsafe-inline" in csp
            or "frame-ancestors 'none'" not in csp
        ):
            problems.append(f"{path}: CSP {csp!r}")
        if h.get("X-Content-Type-Options") != "nosniff" or h.get("X-Frame-Options") != "DENY":
            problems.append(f"{path}: missing nosniff or frame options")
        if resp.mimetype == "text/html":
            html = resp.get_data(as_text=True)
            if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html):
                problems.append(f"{path}: inline <script>")
            if re.search(r"\s(on[a-z]+|style)\s*=", html):
                problems.append(f"{path}: inline event handler or style attribute")
    assert not problems, "\n".join(problems)


def test_hsts_and_no_store_when_secure(app, client):
    app.config["SESSION_COOKIE_SECURE"] = True
    try:
        resp = client.get("/", base_url="https://localhost")
    finally:
        app.config["SESSION_COOKIE_SECURE"] = False
    assert resp.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert resp.headers["Cache-Control"] == "no-store"


def test_templates_never_mark_text_safe():
    offenders = [
        str(p)
        for p in TEMPLATES.rglob("*.html")
        if re.search(r"\|\s*safe\b|autoescape\s+false", p.read_text())
    ]
    offenders += [
        str(p)
        for p in SOURCE.rglob("*.py")
        if re.search(r"\bMarkup\(|render_template_string\(", p.read_text())
    ]
    assert not offenders


def test_autoescape_is_on(app):
    assert app.jinja_env.autoescape("page.html") is True


def _form_pages(app) -> list[tuple[str, str]]:
    """(endpoint, path) of every page that takes a POST: public ones and staff ones."""
    out = []
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods and not rule.rule.startswith("/api/"):
            path = re.sub(r"<(?:int:)?[a-z_]+>", "1", rule.rule)
            out.append((rule.endpoint, re.sub(r"<[a-z]+:[a-z_]+>", "x", path)))
    return sorted(out)


def test_every_form_refuses_a_post_without_a_csrf_token(admin_client, csrf_app):
    forms = _form_pages(csrf_app)
    assert ("public.tell_us", "/tell-us") in forms
    failures = []
    for endpoint, path in forms:
        resp = admin_client.post(path, data={"text": "hello", "email": "a@example.org"})
        if resp.status_code != 400 or "Your form expired" not in resp.get_data(as_text=True):
            failures.append(f"{endpoint} {path}: {resp.status_code}")
    assert not failures, "\n".join(failures)


def test_api_writes_from_a_browser_session_need_the_token(admin_client, csrf_app):
    resp = admin_client.post("/api/v1/tag", json={"text": "speeding"})
    assert resp.status_code == 400 and "csrf" in resp.get_json()["errors"]


def test_api_writes_with_a_bearer_token_need_no_csrf_token(csrf_app, client, create_user, bearer):
    resp = client.post(
        "/api/v1/tag", json={"text": "speeding"}, headers=bearer(create_user("analyst"))
    )
    assert resp.status_code != 400


def test_public_write_endpoints_are_discovered_from_the_url_map(app):
    endpoints = public_write_endpoints(app)
    assert "public.tell_us" in endpoints and "accounts.sign_out" not in endpoints
