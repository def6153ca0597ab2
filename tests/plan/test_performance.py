"""Performance and Insight: every ambition's baseline, latest figure (recorded, or measured
by our surveys) with its source and period, target, status and trend. A survey share is
'met' only when its 95% interval clears the target."""

from datetime import date

from engage.plan.figures import record_figure
from engage.plan.performance import MET, NOT_MET, UNKNOWN, performance

TODAY = date(2026, 12, 5)


def row(ambition_id: str) -> dict:
    return next(r for r in performance() if r["id"] == ambition_id)


def record(db, user, ambition_id, value, start, end, source="Police recorded crime"):
    record_figure({"ambition_id": ambition_id, "value": value, "period_start": start, "period_end": end,
                   "source": source}, user, TODAY)
    db.session.commit()


def test_with_no_figures_every_ambition_is_not_yet_known(db):
    rows = performance()
    assert len(rows) == 12 and {r["status"] for r in rows} == {UNKNOWN}
    assert all(r["latest"] is None and r["trend"] == [] for r in rows)


def test_the_latest_recorded_figure_is_judged_against_the_target(db, dummy_officer):
    record(db, dummy_officer, "violent_knife_crime", "650", date(2025, 4, 1), date(2025, 6, 30))
    assert row("violent_knife_crime")["status"] == MET  # 650 < 686
    record(db, dummy_officer, "violent_knife_crime", "702", date(2025, 7, 1), date(2025, 9, 30))
    knife = row("violent_knife_crime")
    assert knife["status"] == NOT_MET and knife["latest"]["value"] == 702
    assert knife["latest"]["source"] == "Police recorded crime"
    assert [(p["quarter"], p["value"]) for p in knife["trend"]] == [("2025/26 Q1", 650), ("2025/26 Q2", 702)]


def test_reduce_with_no_number_is_judged_against_the_baseline(db, dummy_officer):
    record(db, dummy_officer, "proven_reoffending", "31.9", date(2024, 1, 1), date(2024, 12, 31),
           "Ministry of Justice proven reoffending rate")
    assert row("proven_reoffending")["status"] == MET  # below the 33.6% baseline
    record(db, dummy_officer, "proven_reoffending", "35", date(2025, 1, 1), date(2025, 12, 31))
    assert row("proven_reoffending")["status"] == NOT_MET


def test_a_survey_share_whose_interval_spans_the_target_is_not_met(db, create_survey, answer_survey):
    survey = create_survey()
    for i in range(10):
        answer_survey(survey, {0: "strongly_agree" if i < 6 else "neither", 1: "no"})
    concerns = row("dealing_with_local_concerns")
    # 60% of 10: the interval 31.3% to 83.2% spans the 46.7% target.
    assert concerns["latest"]["value"] == 60.0 and concerns["latest"]["interval"] == (31.3, 83.2)
    assert concerns["status"] == UNKNOWN and concerns["latest"]["source"].startswith("Our surveys")


def test_a_survey_share_whose_interval_clears_the_target_is_met(db, create_survey, answer_survey):
    survey = create_survey()
    for _ in range(20):
        answer_survey(survey, {0: "agree", 1: "no"})
    concerns = row("dealing_with_local_concerns")
    assert concerns["latest"]["interval"][0] > 46.7 and concerns["status"] == MET


def test_the_page_shows_baseline_latest_target_status_and_trend(client, dummy_analyst, dummy_officer, sign_in, db):
    record(db, dummy_officer, "first_time_entrants", "241", date(2025, 4, 1), date(2026, 3, 31),
           "Nottingham and Nottinghamshire Youth Justice Services")
    sign_in(dummy_analyst)
    page = client.get("/analysis/performance").get_data(as_text=True)
    assert "Performance and Insight: Key Ambitions" in page
    summary = page.split('id="summary-first_time_entrants"')[1].split("</tr>")[0]
    assert ">263<" in summary and "<strong>241</strong>" in summary and "1 Apr 2025 to 31 Mar 2026" in summary
    assert "Youth Justice Services" in summary and "&lt; 237" in summary and "Not met" in summary
    assert "Trend by quarter" in page and "2025/26 Q4" in page
    assert page.count("Not yet known") >= 11
    assert 'href="/staff/ambitions/figures/new"' in page


def test_analysts_and_officers_find_it_from_their_navigation(client, dummy_analyst, dummy_officer, sign_in):
    sign_in(dummy_analyst)
    assert 'href="/analysis/performance"' in client.get("/staff/").get_data(as_text=True)
    assert 'href="/analysis/performance"' in client.get("/analysis/").get_data(as_text=True)
    client.post("/account/sign-out")
    sign_in(dummy_officer)
    assert 'href="/analysis/performance"' in client.get("/staff/").get_data(as_text=True)
    assert client.get("/analysis/performance").status_code == 200


def test_a_survey_quarter_not_yet_over_is_marked_as_running(db, create_survey, answer_survey):
    survey = create_survey()
    subs = [answer_survey(survey, {0: "agree", 1: "no"}) for _ in range(10)]
    answered_on = subs[0].completed_at.date()
    running = next(r for r in performance(answered_on) if r["id"] == "dealing_with_local_concerns")
    assert running["latest"]["running"] is True
    later = next(r for r in performance(date(answered_on.year + 1, 12, 31)) if r["id"] == "dealing_with_local_concerns")
    assert later["latest"]["running"] is False
