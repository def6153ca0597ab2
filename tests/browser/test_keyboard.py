"""Keyboard only: registering for a session and answering a survey with nothing but Tab,
Space, arrow keys, typing and Enter — no clicks, no filling fields from the script."""

from playwright.sync_api import expect

from tests.browser.support import focused_matches, panel_reference, row, tab_to


def press(page, *keys: str) -> None:
    for key in keys:
        page.keyboard.press(key)


def enter(page) -> None:
    """Press Enter on a link or button and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_first_tab_reaches_the_skip_link_and_it_moves_focus_to_the_content(page):
    page.goto("/events/")
    press(page, "Tab")
    assert focused_matches(page, "a.govuk-skip-link")
    expect(page.locator("a.govuk-skip-link")).to_be_visible()
    page.shots("skip-link")
    enter(page)
    assert page.url.endswith("#main-content")


def test_resident_registers_for_a_session_with_the_keyboard_only(page, live_app):
    from engage.events.models import Registration

    page.goto("/events/")
    tab_to(page, "main a[href^='/events/']:not([href$='.ics'])")
    title = page.evaluate("() => document.activeElement.textContent.trim()")
    enter(page)
    expect(page.locator("h1")).to_have_text(title)
    tab_to(page, "a[href$='/register']")
    enter(page)
    expect(page.locator("h1")).to_have_text("Register")
    tab_to(page, "#name")
    page.keyboard.type("Sam Okafor")
    press(page, "Tab")
    assert focused_matches(page, "#email"), "Tab goes from name to email"
    page.keyboard.type("sam.okafor@example.org")
    tab_to(page, "#access_needs")
    page.keyboard.type("A seat near the front, please: I lip-read.")
    tab_to(page, "main button[type=submit]")
    page.shots("form")
    enter(page)
    expect(page.locator("h1")).to_have_text("You are registered")
    page.shots("registered")
    stored = row(live_app, Registration, reference=panel_reference(page))
    assert stored["name"] == "Sam Okafor" and stored["email"] == "sam.okafor@example.org"


def test_resident_answers_a_survey_with_the_keyboard_only(page, live_app):
    from engage.surveys.models import SurveySubmission

    page.goto("/surveys/")
    tab_to(page, "main a[href^='/surveys/']")
    enter(page)
    tab_to(page, "main form button[type=submit]")
    enter(page)
    expect(page.locator("h1")).to_have_text("Where you live")
    tab_to(page, "#q1")
    press(page, "ArrowDown")  # arrows move through a radio group and choose
    expect(page.locator("#q1-2")).to_be_checked()
    for group in ("#q2", "#q3"):
        tab_to(page, group)
        press(page, "Space")
    tab_to(page, "button[value=continue]")
    enter(page)

    expect(page.locator("h1")).to_have_text("The plan's objectives")
    for statement in ("preventing", "responding", "supporting"):
        tab_to(page, f"#q4-{statement}")
        press(page, "Space")
    selects = page.locator("#q5-group select")
    for n in range(selects.count()):
        tab_to(page, f"#{selects.nth(n).get_attribute('id')}")
        page.keyboard.type(str(n + 1))  # type-ahead picks the option
    expect(selects.last).to_have_value(str(selects.count()))
    tab_to(page, "#q6-2")
    press(page, "Space")
    page.shots("page-2")
    tab_to(page, "button[value=continue]")
    enter(page)

    expect(page.locator("h1")).to_have_text("Your experience and your views")
    tab_to(page, "textarea")
    page.keyboard.type("Keep the Meet the Commissioner sessions in the evenings.")
    tab_to(page, "button[value=continue]")
    enter(page)
    expect(page.locator("h1")).to_have_text("About you (optional)")
    tab_to(page, "button[value=continue]")
    enter(page)

    expect(page.locator("h1")).to_have_text("Check your answers before sending them")
    tab_to(page, "#consent_to_quote")
    press(page, "Space")
    tab_to(page, "main form button[type=submit]")
    page.shots("check")
    enter(page)
    expect(page.locator("h1")).to_contain_text("your answers have been sent")
    assert row(live_app, SurveySubmission, reference=panel_reference(page)) is not None
