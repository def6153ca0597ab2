"""Partners, officers and analysts at work in a real browser, with JavaScript on and off:
a partner applies, is verified and submits a community's views; an officer schedules and
publishes a session and types in the views gathered on the day; an analyst filters,
corrects a tag and downloads the themed summary PDF and a CSV."""

from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from tests.browser.support import new_account, panel_reference, query, row, sign_in

JS = pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])


def _responses(app, channel: str, source_id: int | None = None) -> list[str]:
    from engage.responses.models import Response

    stmt = sa.select(Response.text).where(Response.channel == channel)
    if source_id is not None:
        stmt = stmt.where(Response.source_id == source_id)
    return [text for (text,) in query(app, stmt)]


@JS
def test_partner_is_verified_then_submits_a_communitys_views(open_page, live_app, js):
    from engage.voices.models import VoicesSubmission

    partner_login = new_account(live_app, "partner")
    partner = open_page(js=js)
    sign_in(partner, "partner", partner_login)
    partner.goto("/voices/")
    partner.get_by_role("button", name="Apply to be a partner").first.click()
    organisation = f"Bulwell Youth Forum ({'js' if js else 'no-js'})"
    partner.get_by_label("Name of your organisation").fill(organisation)
    partner.get_by_label("What does your organisation do").fill(
        "Youth club and detached youth work with young people in Bulwell and Rise Park.")
    partner.get_by_label("Young people").check()
    partner.get_by_role("button", name="Apply").click()
    expect(partner.locator("main")).to_contain_text("Waiting for verification")
    partner.shots("applied")

    officer = open_page("officer", js=js)
    officer.goto("/voices/partners")
    officer.get_by_role("link", name=organisation).click()
    officer.get_by_label("Verify", exact=True).check()
    officer.get_by_role("button", name="Save decision").click()
    expect(officer.locator("main")).to_contain_text("Verified")
    officer.shots("verified")

    partner.goto("/voices/submit")
    partner.get_by_label("Which community does this feedback come from?").select_option(
        label="Young people")
    partner.get_by_label("How many people does it reflect?").fill("14")
    partner.get_by_label("Focus group").check()
    partner.get_by_label("When was it gathered?").fill("2026-11-12")
    views = ["Older lads sell vapes and weed outside the chip shop on Highbury Road.",
             "We never see police on foot, only driving past; we would talk to them if we did."]
    for n, view in enumerate(views, start=1):
        partner.get_by_label(f"View {n}", exact=True).fill(view)
    partner.get_by_label("agreed they may be quoted anonymously").check()
    partner.shots("feedback")
    partner.get_by_role("button", name="Send feedback").click()
    expect(partner.locator("h1")).to_have_text("Feedback sent")
    partner.shots("sent")
    submission = row(live_app, VoicesSubmission, reference=panel_reference(partner))
    assert submission is not None, "the acknowledged submission is stored"
    stored = _responses(live_app, "voices")
    assert all(view in stored for view in views), "each view became a response"


@JS
def test_officer_schedules_and_publishes_a_session_then_types_in_views(open_page, live_app, js):
    from engage.db import utcnow
    from engage.events.models import Event

    page = open_page("officer", js=js)
    title = f"Meet the Commissioner: Hucknall ({'js' if js else 'no-js'})"
    page.goto("/staff/")
    page.get_by_role("link", name="Meet the Commissioner sessions").click()
    page.get_by_role("link", name="Schedule a session").click()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Description").fill(
        "Talk to the Commissioner about anti-social behaviour and speeding in Hucknall.")
    page.get_by_label("Area").select_option(label="Ashfield")
    page.get_by_label("In person", exact=True).check()
    page.get_by_label("Venue").fill("Hucknall Library")
    page.get_by_label("Address").fill("Annesley Road, Hucknall NG15 7DB")
    page.get_by_label("Accessibility information").fill("Step-free access and a hearing loop.")
    page.get_by_label("Date", exact=True).fill((utcnow() + timedelta(days=30)).strftime("%Y-%m-%d"))
    page.get_by_label("Start time").fill("18:00")
    page.get_by_label("End time").fill("19:30")
    page.get_by_label("Capacity (places)").fill("50")
    page.get_by_label("Run a waiting list").check()
    page.shots("new-session")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("h1")).to_have_text(title)
    page.shots("published")
    event = row(live_app, Event, title=title)
    assert event is not None and event["status"] == "published" and event["capacity"] == 50

    page.goto("/events/")
    expect(page.get_by_role("link", name=title)).to_be_visible()
    page.goto(f"/staff/events/{event['id']}")
    page.get_by_role("link", name="Type in views from paper cards").click()
    cards = ["Speeding on Annesley Road outside the school at home time.",
             "Bikes with no lights riding on the pavement by the market place."]
    page.get_by_label("Views from the cards").fill("\n\n".join(cards))
    page.shots("views")
    page.get_by_role("button", name="Store the views").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("2 views stored")
    page.shots("views-stored")
    assert sorted(_responses(live_app, "event", event["id"])) == sorted(cards)


@JS
def test_analyst_filters_corrects_a_tag_and_downloads_the_summary_pdf_and_a_csv(
        open_page, live_app, js):
    import csv
    import io

    from engage.responses.models import ResponseTag

    page = open_page("analyst", js=js)
    page.goto("/staff/")
    page.get_by_role("link", name="Analysis dashboard").click()
    page.get_by_role("navigation", name="Analysis").get_by_role("link", name="Responses").click()
    if not page.locator("details.engage-filters, form.engage-filters details[open]").count():
        page.get_by_text("Filter the responses").click()
    page.get_by_label("District").select_option(label="Mansfield")
    page.get_by_label("Channel").select_option(label="Meet the Commissioner")
    page.get_by_role("button", name="Apply filters").click()
    assert "district=mansfield" in page.url and "channel=event" in page.url
    page.shots("filtered")

    page.locator("main h2 a").first.click()
    reference = page.locator("h1").inner_text().strip()
    names = {"hate_crime": "Hate crime", "fraud_cyber": "Fraud and cyber crime",
             "reoffending": "Reducing reoffending", "drugs": "Drugs"}
    label = next(lb for lb, name in names.items()
                 if not page.get_by_label(name, exact=True).is_checked())
    page.get_by_label(names[label], exact=True).check()
    page.get_by_role("button", name="Save or confirm priority areas").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"added {names[label]}")
    page.shots("corrected")
    response_id = int(page.url.rstrip("/").split("/")[-1].split("?")[0])
    tags = query(live_app, sa.select(ResponseTag.label, ResponseTag.source)
                 .where(ResponseTag.response_id == response_id))
    assert (label, "human") in [tuple(t) for t in tags], reference

    page.goto("/analysis/summary?district=mansfield")
    expect(page.locator("h1")).to_have_text("Themed consultation summary")
    page.shots("summary")
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="the same as a PDF").click()
    pdf = pdf_download.value
    pdf.save_as(page.shots.path("summary.pdf"))
    assert Path(pdf.path()).read_bytes()[:5] == b"%PDF-"

    with page.expect_download() as csv_download:
        page.get_by_role("link", name="CSV", exact=True).click()
    body = Path(csv_download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows and {r["district"] for r in rows} == {"mansfield"}
