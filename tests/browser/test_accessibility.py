"""axe-core in Chromium on every public page and every form, including its error state:
no serious or critical violation of the WCAG 2.2 AA rules."""

import pytest
import sqlalchemy as sa

from tests.browser.support import assert_accessible, query


def first_id(app, model_path: str, **where) -> int:
    """The id of the first row of a model (by id), for pages that need one."""
    module, name = model_path.rsplit(".", 1)
    model = getattr(__import__(module, fromlist=[name]), name)
    stmt = sa.select(model.id).order_by(model.id)
    for column, value in where.items():
        stmt = stmt.where(getattr(model, column) == value)
    rows = query(app, stmt.limit(1))
    if not rows:
        pytest.skip(f"no {name} in the demo data")
    return rows[0][0]


# (name, role to sign in as or None, path; "{...}" filled by PATH_IDS)
PAGES = [
    ("home", None, "/"),
    ("events", None, "/events/"),
    ("event", None, "/events/{event}"),
    ("surveys", None, "/surveys/"),
    ("summit", None, "/summit/"),
    ("privacy", None, "/privacy"),
    ("accessibility-statement", None, "/accessibility"),
    ("not-found", None, "/no-such-page"),
    ("account", "resident", "/account/"),
    ("staff-home", "officer", "/staff/"),
    ("staff-responses", "analyst", "/staff/responses"),
    ("tagging-agreement", "analyst", "/staff/tagging/agreement"),
    ("outbox", "officer", "/staff/outbox"),
    ("admin-users", "admin", "/admin/users"),
    ("admin-audit", "admin", "/admin/audit"),
]

# (name, role, path, submit button) — checked as served, then after an empty submission.
FORMS = [
    ("tell-us", None, "/tell-us", "Send"),
    ("sign-in", None, "/account/sign-in", "Sign in"),
    ("register", None, "/account/register", "Create account"),
    ("forgot-password", None, "/account/forgot-password", None),
    ("change-password", "resident", "/account/password", None),
    ("admin-new-user", "admin", "/admin/users/new", None),
    ("admin-edit-user", "admin", "/admin/users/{user}", None),
    ("staff-tagger", "officer", "/staff/tagger", None),
]

PATH_IDS = {
    "event": lambda app: first_id(app, "engage.events.models.Event", status="published"),
    "user": lambda app: first_id(app, "engage.accounts.models.User"),
}


def fill_path(app, path: str) -> str:
    for key, resolve in PATH_IDS.items():
        if "{" + key + "}" in path:
            path = path.replace("{" + key + "}", str(resolve(app)))
    return path


@pytest.mark.parametrize("name, role, path", PAGES, ids=[p[0] for p in PAGES])
def test_page_has_no_serious_accessibility_violations(open_page, live_app, name, role, path):
    axe_page = open_page(role, axe=True)
    axe_page.goto(fill_path(live_app, path))
    assert axe_page.locator("h1").count() == 1, f"{name}: a page has exactly one h1"
    assert_accessible(axe_page, name)


@pytest.mark.parametrize("name, role, path, button", FORMS, ids=[f[0] for f in FORMS])
def test_form_and_its_error_state_have_no_serious_violations(open_page, live_app, name, role,
                                                             path, button):
    axe_page = open_page(role, axe=True)
    axe_page.goto(fill_path(live_app, path))
    assert_accessible(axe_page, name)
    form = axe_page.locator("main form[method=post]").last
    submit = form.get_by_role("button", name=button) if button else form.locator(
        "button[type=submit], input[type=submit]").last
    submit.click()
    axe_page.wait_for_load_state()
    axe_page.shots("error-state")
    summary = axe_page.locator(".govuk-error-summary")
    if summary.count():
        assert axe_page.title().startswith("Error: "), "the title says there is an error"
        assert summary.locator("a").count() >= 1, "the summary links to the fields"
    assert_accessible(axe_page, f"{name} after an empty submission")
