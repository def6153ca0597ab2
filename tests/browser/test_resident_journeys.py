"""Residents and farmers taking part, in a real browser, with JavaScript on and off:
registering for a session and giving a view, answering a survey with a conditional
question and the equality section, sending a rural crime summit submission. Each
acknowledgement is checked against the database."""

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from tests.browser.support import panel_reference, query, response_by_reference, row

JS = pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])


def _page(request, js: bool):
    return request.getfixturevalue("page" if js else "nojs_page")


@JS
def test_resident_registers_for_a_session_and_gives_a_view(request, live_app, js):
    from engage.events.models import Registration

    page = _page(request, js)
    page.goto("/")
    menu = page.get_by_role("navigation", name="Menu")
    menu.get_by_role("link", name="Meet the Commissioner").click()
    page.get_by_role("link", name="Meet the Commissioner: Mansfield").click()
    page.get_by_role("link", name="Register for this session").click()
    page.get_by_label("Your name").fill("Dawn Hickling")
    email = f"dawn.{'js' if js else 'nojs'}@example.org"
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Postcode (optional)").fill("NG19 7BH")
    page.get_by_label("Access needs (optional)").fill("I use a wheelchair.")
    page.shots("register")
    page.get_by_role("button", name="Register").click()
    expect(page.locator("h1")).to_have_text("You are registered")
    page.shots("registered")
    expect(page.get_by_text("We have emailed your confirmation to " + email)).to_be_visible()
    registration = row(live_app, Registration, reference=panel_reference(page))
    assert registration is not None and registration["email"] == email
    assert registration["access_needs"] == "I use a wheelchair."

    page.get_by_role("link", name="Back to the session").click()
    page.get_by_role("link", name="Give your views").click()
    view = "Off-road bikes on the Maun Valley trail every evening; someone will get hurt."
    page.get_by_label("Your views").fill(view)
    page.get_by_label("Which area is this about? (optional)").select_option(label="Mansfield")
    page.get_by_label("You may quote my words").check()
    page.get_by_role("button", name="Send").click()
    expect(page.locator("h1")).to_have_text("Thank you for your views")
    page.shots("view-sent")
    stored = response_by_reference(live_app, panel_reference(page))
    assert stored["channel"] == "event" and stored["text"] == view
    assert stored["source_id"] == registration["event_id"] and stored["consent_to_quote"]


def answer_survey_pages(page, victim: str) -> None:
    page.goto("/surveys/")
    page.get_by_role("link", name="Police and Crime Plan: have your say").click()
    page.get_by_role("button", name="Start now").click()
    expect(page.locator("h1")).to_have_text("Where you live")
    page.get_by_label("Gedling").check()
    page.get_by_label("A bit unsafe").check()
    page.locator("#q3-group").get_by_label(victim, exact=True).check()
    page.shots("page-1")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("The plan's objectives")
    for statement in ("preventing", "responding", "supporting"):
        page.locator(f"#q4-{statement}-2").check()  # Agree
    ranking = page.locator("#q5-group select")
    for n in range(ranking.count()):
        ranking.nth(n).select_option(str(n + 1))
    page.get_by_label("An Anti-social Behaviour Taskforce").check()
    page.shots("page-2")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Your experience and your views")


@JS
def test_resident_completes_a_survey_with_a_conditional_question_and_about_you(
        request, live_app, js):
    from engage.surveys.models import SurveySubmission

    page = _page(request, js)
    answer_survey_pages(page, "Yes")
    conditional = "How satisfied were you with the support you received as a victim?"
    expect(page.locator("main")).to_contain_text(conditional)
    page.get_by_label("Fairly dissatisfied").check()
    text = "The plan should say more about speeding through Burton Joyce."
    page.get_by_label("Is there anything missing from the plan").fill(text)
    page.shots("page-3")
    page.get_by_role("button", name="Continue").click()

    expect(page.locator("h1")).to_have_text("About you (optional)")
    page.get_by_role("group", name="What is your age?").get_by_label("45 to 54").check()
    page.get_by_role("group", name="What is your sex?").get_by_label("Prefer not to say").check()
    page.shots("about-you")
    page.get_by_role("button", name="Continue").click()

    expect(page.locator("h1")).to_have_text("Check your answers before sending them")
    expect(page.locator("main")).to_contain_text("Fairly dissatisfied")
    expect(page.locator("main")).to_contain_text("45 to 54")
    page.get_by_label("Yes, you may quote me").check()
    page.shots("check")
    page.get_by_role("button", name="Send your answers").click()
    expect(page.locator("h1")).to_contain_text("your answers have been sent")
    page.shots("done")
    submission = row(live_app, SurveySubmission, reference=panel_reference(page))
    assert submission is not None, "the acknowledged submission is stored"
    stored_texts = [t for (t,) in query(live_app, _response_texts("survey"))]
    assert text in stored_texts, "the free-text answer joined the response stream"


def _response_texts(channel: str):
    from engage.responses.models import Response

    return sa.select(Response.text).where(Response.channel == channel)


def test_survey_skips_the_conditional_question_when_it_does_not_apply(page):
    answer_survey_pages(page, "No")
    expect(page.locator("main")).not_to_contain_text("support you received as a victim")
    page.shots()


@JS
def test_farmer_sends_a_rural_crime_summit_submission(request, live_app, js):
    from engage.summit.models import SummitSubmission

    page = _page(request, js)
    page.goto("/")
    menu = page.get_by_role("navigation", name="Menu")
    menu.get_by_role("link", name="Rural crime summit").click()
    page.get_by_role("button", name="Send a submission").click()
    expect(page.locator("h1")).to_have_text("Send a submission")
    page.get_by_label("Farmer or landowner").check()
    page.get_by_label("Parish (optional)").fill("Laxton and Moorhouse")
    page.get_by_label("District").select_option(label="Newark and Sherwood")
    page.get_by_label("Farm machinery theft").check()
    page.get_by_label("Hare coursing").check()
    page.get_by_label("Every week or more").check()
    page.get_by_role("group", name="Did you report it to the police?").get_by_label("No").check()
    page.get_by_label("It was hard to report").check()
    text = ("Hare coursers come across our fields every weekend from September. They cut the "
            "gates and threaten us when we challenge them. 101 takes forty minutes to answer.")
    page.get_by_label("What would you like the summit to address?").fill(text)
    page.get_by_label("You may quote my words").check()
    page.shots("form")
    page.get_by_role("button", name="Send submission").click()
    expect(page.locator("h1")).to_have_text("Submission sent")
    page.shots("sent")
    submission = row(live_app, SummitSubmission, reference=panel_reference(page))
    assert submission is not None and submission["district"] == "newark_and_sherwood"
    assert text in [t for (t,) in query(live_app, _response_texts("summit"))]


@JS
def test_resident_tells_us_in_confidence_with_some_about_you_answers(request, live_app, js):
    from engage.responses.models import EqualityAnswers

    page = _page(request, js)
    page.goto("/tell-us")
    text = f"Cars parked on the pavement outside the school every morning ({'js' if js else 'no-js'})."
    page.get_by_label("What would you like to tell us?").fill(text)
    page.get_by_text("Answer the equality monitoring questions").click()  # the section is folded
    page.get_by_role("group", name="What is your age?").get_by_label("Prefer not to say").check()
    page.get_by_role("group", name="What is your sex?").get_by_label("Female").check()
    page.get_by_role("group", name="Do you live in a rural or an urban area?").get_by_label("Rural").check()
    page.shots("tell-us-about-you")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("h1")).to_have_text("Thank you for telling us")
    stored = response_by_reference(live_app, panel_reference(page))
    assert stored["channel"] == "direct" and stored["text"] == text
    answers = row(live_app, EqualityAnswers, response_id=stored["id"])
    assert (answers["age_band"], answers["sex"], answers["rural_urban"], answers["religion"]) == (
        "prefer_not_to_say", "female", "rural", None)
