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
    ("events-past", None, "/events/past"),
    ("you-said-we-did", None, "/you-said-we-did"),
    ("what-we-heard", None, "/what-we-heard"),
    ("consultation-outcome", None, "/consultations/{outcome_survey}/outcome"),
    ("event", None, "/events/{event}"),
    ("surveys", None, "/surveys/"),
    ("survey-start", None, "/surveys/{survey}"),
    ("summit", None, "/summit/"),
    ("voices", None, "/voices/"),
    ("privacy", None, "/privacy"),
    ("accessibility-statement", None, "/accessibility"),
    ("not-found", None, "/no-such-page"),
    ("account", "resident", "/account/"),
    ("partner-organisation", "partner", "/voices/organisation"),
    ("staff-home", "officer", "/staff/"),
    ("staff-responses", "officer", "/staff/responses"),
    ("staff-events", "officer", "/staff/events/"),
    ("staff-event", "officer", "/staff/events/{event}"),
    ("staff-events-calendar", "officer", "/staff/events/calendar"),
    ("staff-surveys", "officer", "/staff/surveys/"),
    ("staff-survey", "officer", "/staff/surveys/{survey}"),
    ("survey-results", "officer", "/staff/surveys/{survey}/results"),
    ("key-ambitions", "officer", "/staff/surveys/ambitions"),
    ("performance", "analyst", "/analysis/performance"),
    ("ambition-figures", "officer", "/staff/ambitions/figures/"),
    ("summit-manage", "officer", "/summit/manage"),
    ("summit-agenda", "officer", "/summit/manage/{summit}"),
    ("summit-submissions", "officer", "/summit/manage/{summit}/submissions"),
    ("summit-pack", "officer", "/summit/manage/{summit}/pack"),
    ("voices-partners", "officer", "/voices/partners"),
    ("voices-feedback", "officer", "/voices/feedback"),
    ("moderation", "officer", "/staff/moderation"),
    ("safeguarding", "officer", "/staff/safeguarding/"),
    ("safeguarding-case", "officer", "/staff/safeguarding/{case}"),
    ("outbox", "officer", "/staff/outbox"),
    ("analysis-dashboard", "analyst", "/analysis/"),
    ("analysis-responses", "analyst", "/analysis/responses"),
    ("analysis-response", "analyst", "/analysis/responses/{response}"),
    ("analysis-summary", "analyst", "/analysis/summary"),
    ("analysis-differences", "analyst", "/analysis/differences"),
    ("analysis-representation", "analyst", "/analysis/representation"),
    ("analysis-coverage", "analyst", "/analysis/coverage"),
    ("analysis-filter-errors", "analyst", "/analysis/responses?since=31-12-2026"),
    ("tagging-agreement", "analyst", "/staff/tagging/agreement"),
    ("admin-users", "admin", "/admin/users"),
    ("admin-audit", "admin", "/admin/audit"),
    ("admin-privacy", "admin", "/admin/privacy/"),
    ("admin-retention", "admin", "/admin/privacy/retention"),
    ("admin-plan", "admin", "/admin/plan"),
]

# (name, role, path, submit button) — checked as served, then after an empty submission.
FORMS = [
    ("tell-us", None, "/tell-us", "Send"),
    ("event-register", None, "/events/{event}/register", "Register"),
    ("event-views", None, "/events/{event}/views", "Send"),
    ("summit-submission", None, "/summit/{summit}/submit", "Send submission"),
    ("partner-apply", None, "/voices/apply", None),
    ("sign-in", None, "/account/sign-in", "Sign in"),
    ("register", None, "/account/register", "Create account"),
    ("forgot-password", None, "/account/forgot-password", None),
    ("change-password", "resident", "/account/password", None),
    ("voices-submit", "partner", "/voices/submit", "Send feedback"),
    ("staff-event-new", "officer", "/staff/events/new", "Publish"),
    ("staff-event-views", "officer", "/staff/events/{event}/views", None),
    ("staff-survey-new", "officer", "/staff/surveys/new", None),
    ("summit-new", "officer", "/summit/manage/new", None),
    ("outcome-consultation", "officer", "/staff/outcomes/consultations/{outcome_survey}", "Publish"),
    ("voices-partner-decision", "officer", "/voices/partners/{partner}", "Save decision"),
    ("staff-tagger", "officer", "/staff/tagger", None),
    ("admin-new-user", "admin", "/admin/users/new", None),
    ("ambition-figure-new", "officer", "/staff/ambitions/figures/new", "Save figure"),
    ("admin-plan-upload", "admin", "/admin/plan", "Check and load the plan"),
    ("admin-edit-user", "admin", "/admin/users/{user}", None),
    ("admin-personal-export", "admin", "/admin/privacy/personal-export", "Download"),
]

PATH_IDS = {
    "event": lambda app: first_id(app, "engage.events.models.Event", status="published"),
    "survey": lambda app: first_id(app, "engage.surveys.models.Survey", status="open"),
    "summit": lambda app: first_id(app, "engage.summit.models.Summit"),
    "outcome_survey": lambda app: first_id(app, "engage.surveys.models.Survey", status="closed"),
    "partner": lambda app: first_id(app, "engage.voices.models.PartnerOrganisation"),
    "response": lambda app: first_id(app, "engage.responses.models.Response"),
    "user": lambda app: first_id(app, "engage.accounts.models.User"),
    "case": lambda app: first_id(app, "engage.safeguarding.models.SafeguardingCase"),
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


def test_survey_pages_and_their_errors_have_no_serious_violations(open_page, live_app):
    page = open_page(axe=True)
    page.goto(fill_path(live_app, "/surveys/{survey}"))
    page.get_by_role("button", name="Start now").click()
    for number in range(1, 8):  # each page: as served, then sent empty (bounded)
        heading = page.locator("h1").inner_text()
        assert_accessible(page, f"survey page {number}: {heading}")
        page.locator("main form button[type=submit]").first.click()
        if page.locator(".govuk-error-summary").count():
            assert_accessible(page, f"survey page {number} with errors")
            page.shots(f"errors-{number}")
            _answer_required(page)
            page.locator("main form button[type=submit]").first.click()
        if "/check" in page.url:
            break
    assert_accessible(page, "check your answers")
    page.locator("main form button[type=submit]").last.click()
    assert_accessible(page, "check your answers with an error")
    page.shots("check-errors")


def _answer_required(page) -> None:
    """Answer what the error summary points at: first radio, then distinct ranks."""
    for group in page.locator(".govuk-form-group--error").all():
        radios = group.locator("input[type=radio]")
        names = {r.get_attribute("name") for r in radios.all()}
        for name in names:
            group.locator(f"input[name='{name}']").first.check()
        selects = group.locator("select")
        for n in range(selects.count()):
            selects.nth(n).select_option(index=n + 1)
