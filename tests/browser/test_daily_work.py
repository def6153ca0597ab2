"""What got in the way of each role's daily work in a real browser (issue 19): the staff
home after sign-in, the header at 1280 px and on a 375 px phone, link-like buttons on
white pages, the favicon, and the safeguarding case's owner and progress."""

import pytest
from playwright.sync_api import expect

from tests.browser.support import assert_accessible, sign_in

BANNER = "This is not the way to report a crime"


def test_officer_signs_in_to_a_staff_home_that_counts_what_needs_them(open_page):
    page = open_page(axe=True)
    sign_in(page, "officer")
    assert page.url.endswith("/staff/"), page.url
    expect(page.locator("h1")).to_have_text("Staff home")
    cases = page.locator("#need-safeguarding")
    expect(cases).to_contain_text("Open safeguarding cases")
    assert int(cases.locator(".engage-need__count").inner_text()) >= 1
    for key in ("partners", "emails", "sessions", "surveys"):
        expect(page.locator(f"#need-{key} .engage-need__count")).to_have_text(
            __import__("re").compile(r"^\d+$"))
    expect(page.get_by_text(BANNER)).to_have_count(0)
    page.shots("staff-home")
    assert_accessible(page, "staff home")


def test_admin_home_offers_no_partner_pages(open_page):
    page = open_page("admin")
    page.goto("/staff/")
    expect(page.get_by_role("link", name="Accounts and roles")).to_be_visible()
    expect(page.get_by_role("link", name="Your partner organisation")).to_have_count(0)
    expect(page.get_by_role("link", name="Submit community feedback")).to_have_count(0)


def test_header_fits_one_row_and_its_stripe_runs_unbroken_at_1280(open_page):
    page = open_page("officer")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/events/")
    tops = {round(link.bounding_box()["y"])
            for link in page.locator("#navigation > ul:first-child a").all()}
    assert len(tops) == 1, f"the menu wraps onto {len(tops)} rows"
    account = [item.bounding_box()["y"] for item in page.locator(".engage-nav__account li").all()]
    assert max(account) - min(account) < 8, f"the account links wrap: {account}"
    stripe = page.evaluate("""() => {
        const h = getComputedStyle(document.querySelector('.govuk-header'));
        const c = getComputedStyle(document.querySelector('.govuk-header__container'));
        return [h.borderBottomColor, h.borderBottomWidth, c.borderBottomColor];
    }""")
    assert stripe[0] == "rgb(106, 44, 145)" and stripe[1] == "10px", stripe
    assert stripe[2] == "rgba(0, 0, 0, 0)", "the inner border no longer breaks the stripe"
    page.shots("header-1280")


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_phone_menu_collapses_behind_a_button(open_page, js):
    page = open_page(js=js)
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/")
    link = page.get_by_role("link", name="Tell us in confidence").first
    if not js:  # without JavaScript the menu simply shows
        expect(link).to_be_visible()
        return
    button = page.get_by_role("button", name="Menu")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#navigation")).to_be_hidden()
    page.shots("phone-closed")
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#navigation").get_by_role("link", name="Tell us in confidence")).to_be_visible()
    page.shots("phone-open")


def test_favicon_is_there(open_page):
    page = open_page()
    page.goto("/")
    icon = page.evaluate("() => document.querySelector('link[rel=icon]').href")
    response = page.request.get(icon)
    assert icon.endswith("/favicon.ico") and response.status == 200
    assert response.headers["content-type"] == "image/x-icon"


def test_survey_builder_buttons_are_visible_on_white(open_page, live_app):
    from tests.browser.test_accessibility import fill_path

    page = open_page("officer")
    page.goto(fill_path(live_app, "/staff/surveys/{survey}"))
    page.get_by_role("button", name="Duplicate").click()  # a draft copy can be rearranged
    for name in ("Move down", "Delete page"):
        button = page.get_by_role("button", name=name).first
        expect(button).to_be_visible()
        colour = button.evaluate("b => getComputedStyle(b).color")
        assert colour == "rgb(29, 112, 184)", f"{name} is {colour}, not link blue"
    page.shots("builder")


def test_officer_takes_a_safeguarding_case_and_marks_it_in_progress(open_page):
    page = open_page("officer", axe=True)
    page.goto("/staff/safeguarding/")
    rows = page.locator("main table tbody tr")
    received = [r.locator("td").nth(1).inner_text() for r in rows.all()]
    assert received, "the demo data has open cases"
    rows.last.locator("a").click()
    page.get_by_label("Assigned to").select_option(label="Browser Officer")
    page.get_by_role("button", name="Assign").click()
    expect(page.locator("#case-assignee")).to_have_text("Browser Officer")
    page.get_by_role("button", name="Mark in progress").click()
    expect(page.locator("#case-status")).to_contain_text("In progress")
    page.shots("case-in-progress")
    assert_accessible(page, "safeguarding case")


def _session_today(app) -> tuple[int, str]:
    """A published session starting now with one registration: (event id, person's name)."""
    from datetime import timedelta

    from engage.db import utcnow
    from engage.events import services
    from engage.events.registrations import register_attendee
    from engage.extensions import db
    from tests.fixtures.events import event_data

    with app.app_context():
        start = utcnow() + timedelta(minutes=2)  # today, whatever the hour (but 23:58)
        event = services.create_event(event_data(
            title="Meet the Commissioner: Worksop today", starts_at=start,
            ends_at=start + timedelta(hours=2)), publish=True)
        register_attendee(event.id, {"name": "Dana Doorstep", "email": "dana@example.org"})
        db.session.commit()
        event_id = event.id
        db.session.remove()
    return event_id, "Dana Doorstep"


def test_officer_checks_people_in_from_the_list_and_adds_a_walk_in(open_page, live_app):
    event_id, name = _session_today(live_app)
    page = open_page("officer", axe=True)
    page.goto(f"/staff/events/{event_id}")
    page.get_by_role("link", name="Check people in from the list").click()
    page.get_by_role("button", name=f"Check in {name}").click()
    expect(page.locator("main table")).to_contain_text("Checked in")
    page.get_by_label("Name").fill("Eddie Walkin")
    page.get_by_label("Email or phone (optional)").fill("eddie@example.org")
    page.get_by_role("button", name="Add walk-in").click()
    expect(page.locator("#attendance")).to_contain_text("Attendance so far: 2")
    page.shots("check-in")
    assert_accessible(page, "check-in list")


def test_check_in_refused_weeks_before_the_session(open_page, live_app):
    from tests.browser.test_accessibility import fill_path

    page = open_page("officer")
    page.goto(fill_path(live_app, "/staff/events/{event}"))  # the demo session weeks away
    page.get_by_role("link", name="Check people in from the list").click()
    expect(page.locator("#check-in-closed")).to_contain_text("only on the day of the session")
    expect(page.get_by_role("button", name="Add walk-in")).to_have_count(0)


def test_signed_in_resident_registers_sees_it_in_their_account_and_cancels_after_confirming(
        open_page, live_app):
    from tests.browser.test_accessibility import fill_path

    page = open_page("resident", axe=True)
    page.goto(fill_path(live_app, "/events/{event}/register"))
    expect(page.get_by_label("Email address")).to_have_value("resident@browser.example.org")
    expect(page.get_by_label("Your name")).to_have_value("Browser Resident")
    page.get_by_role("button", name="Register").click()
    reference = page.locator(".govuk-panel__body strong").inner_text().strip()
    page.goto(fill_path(live_app, "/events/{event}/register"))
    page.get_by_role("button", name="Register").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("You are already registered")
    page.goto("/account/")
    registrations = page.locator("#your-registrations")
    expect(registrations).to_contain_text(reference)
    page.shots("account")
    assert_accessible(page, "your account")
    registrations.get_by_role("link").first.click()
    page.get_by_role("link", name="Cancel my registration").click()
    expect(page.locator("h1")).to_contain_text("Are you sure you want to cancel")
    assert_accessible(page, "cancel confirmation")
    page.shots("confirm-cancel")
    page.get_by_role("button", name="Yes, cancel my registration").click()
    page.goto("/account/")
    expect(page.locator("main")).not_to_contain_text(reference)


def test_admin_sets_up_two_factor_at_first_sign_in(open_page, live_app):
    import pyotp

    from tests.browser.support import new_account

    credentials = new_account(live_app, "admin")
    live_app.config["TWO_FACTOR_REQUIRED_ROLES"] = ("admin",)
    try:
        page = open_page(axe=True)
        sign_in(page, "admin", credentials)
        expect(page.locator("h1")).to_have_text("Set up two-factor sign-in")
        assert_accessible(page, "two-factor set-up")
        page.shots("two-factor")
        secret = page.locator("#totp-key").inner_text().strip()
        page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret).now())
        page.get_by_role("button", name="Continue").click()
        expect(page.locator("h1")).to_have_text("Staff home")
    finally:
        live_app.config["TWO_FACTOR_REQUIRED_ROLES"] = ()
