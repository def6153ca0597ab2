"""Residents on the public pages that need no domain beyond the response stream:
telling us in confidence, finding a session, creating an account — with and without
JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import response_by_reference

REFERENCE = re.compile(r"\b(R[A-Z2-9]{8})\b")


def tell_us(page, text: str, district: str) -> str:
    page.goto("/")
    page.get_by_role("link", name="Tell us in confidence").first.click()
    expect(page.locator("h1")).to_have_text("Tell us in confidence")
    page.get_by_label("What would you like to tell us?").fill(text)
    page.get_by_label("Which area is this about? (optional)").select_option(label=district)
    page.get_by_label("You may quote my words", exact=False).check()
    page.shots("form")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("h1")).to_have_text("Thank you for telling us")
    page.shots("confirmation")
    return REFERENCE.search(page.locator(".govuk-panel__body").inner_text()).group(1)


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_resident_tells_us_in_confidence(request, live_app, js):
    page = request.getfixturevalue("page" if js else "nojs_page")
    text = "Cars race down Southwell Road every night and someone will be killed."
    reference = tell_us(page, text, "Newark and Sherwood")
    stored = response_by_reference(live_app, reference)
    assert stored is not None, "the acknowledged reference is in the database"
    assert stored["text"] == text and stored["district"] == "newark_and_sherwood"
    assert stored["channel"] == "direct" and stored["consent_to_quote"]


def test_tell_us_with_nothing_typed_explains_and_keeps_the_choice(nojs_page):
    page = nojs_page
    page.goto("/tell-us")
    page.get_by_label("Which area is this about? (optional)").select_option(label="Gedling")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Tell us what is on your mind")
    assert page.title().startswith("Error: ")
    page.get_by_role("link", name="Tell us what is on your mind").click()
    assert page.url.endswith("#text")
    expect(page.get_by_label("Which area is this about? (optional)")).to_have_value("gedling")
    page.shots()


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_resident_finds_a_session_in_their_area(request, js):
    page = request.getfixturevalue("page" if js else "nojs_page")
    page.goto("/events/")
    page.get_by_label("Area").select_option(label="Rushcliffe")
    page.get_by_role("button", name="Filter").click()
    cards = page.locator(".engage-card")
    expect(cards.first).to_contain_text("Rushcliffe")
    assert all("Rushcliffe" in t for t in cards.all_inner_texts())
    page.shots("filtered")
    cards.first.get_by_role("link").click()
    expect(page.locator("h1")).to_have_text("Meet the Commissioner: Rushcliffe")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Bingham Arena")
    page.shots("session")


def test_resident_creates_an_account_and_signs_out_and_in(page):
    page.goto("/account/register")
    page.get_by_label("Your name (optional)").fill("Priya Shah")
    page.get_by_label("Email address").fill("priya.shah@example.org")
    page.get_by_label("Create a password").fill("kestrel orchard lantern")
    page.get_by_label("Confirm your password").fill("kestrel orchard lantern")
    page.get_by_role("button", name="Create account").click()
    # The same page whether or not the address has an account (issue 14): sign in next.
    expect(page.locator("h1")).to_have_text("Check your email")
    page.shots("registered")
    page.goto("/account/sign-in")
    page.get_by_label("Email address").fill("priya.shah@example.org")
    page.get_by_label("Password", exact=True).fill("kestrel orchard lantern")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    page.goto("/account/sign-in")
    page.get_by_label("Email address").fill("priya.shah@example.org")
    page.get_by_label("Password", exact=True).fill("wrong password here")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("not right")
    page.shots("wrong-password")


def test_staff_see_only_their_pages(open_page):
    page = open_page("officer")
    page.goto("/admin/users")
    expect(page.locator("h1")).not_to_contain_text("users", ignore_case=True)
    page = open_page("admin")
    page.goto("/admin/users")
    expect(page.locator("main")).to_contain_text("officer@browser.example.org")
    page.shots("admin-users")
