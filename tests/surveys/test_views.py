"""Answering a survey in the browser (no JavaScript) and the officers' pages."""

import io
import re
from datetime import timedelta

from openpyxl import load_workbook

from engage.audit.models import AuditEvent
from engage.db import utcnow
from engage.responses.models import Response
from engage.surveys.models import SubmissionMode, SurveyAnswer, SurveySubmission
from engage.surveys.services import publish_survey


def _ids(survey):
    return [f"q{q.id}" for q in survey.questions]


def _start(client, survey):
    resp = client.post(f"/surveys/{survey.id}/start")
    assert resp.status_code == 302 and resp.headers["Location"].endswith(
        f"/surveys/{survey.id}/page/1"
    )


def test_a_resident_answers_every_page_and_gets_a_reference(client, db, create_survey):
    survey = create_survey()
    q = _ids(survey)
    assert "Start now" in client.get(f"/surveys/{survey.id}").get_data(as_text=True)
    _start(client, survey)
    resp = client.post(
        f"/surveys/{survey.id}/page/1", data={q[0]: "agree", q[1]: "yes", q[2]: "bassetlaw"}
    )
    assert resp.headers["Location"].endswith("/page/2")
    page2 = client.get(f"/surveys/{survey.id}/page/2").get_data(as_text=True)
    assert "What happened, and how were you supported?" in page2  # shown because the answer was yes
    resp = client.post(
        f"/surveys/{survey.id}/page/2",
        data={
            q[3]: "Our shed was broken into twice and the police never came back to us",
            q[4]: ["asb", "other"],
            f"{q[4]}-other": "Off-road bikes on the playing field",
            f"{q[6]}-prevent": "2",
            f"{q[6]}-respond": "1",
            f"{q[6]}-support": "3",
        },
    )
    assert resp.headers["Location"].endswith("/about-you")
    about = client.get(f"/surveys/{survey.id}/about-you").get_data(as_text=True)
    assert "Which area do you live in?" not in about, "page 1 already asked where they live"
    resp = client.post(
        f"/surveys/{survey.id}/about-you", data={"age_band": "45_54", "rural_urban": "rural"}
    )
    assert resp.headers["Location"].endswith("/check")
    check = client.get(f"/surveys/{survey.id}/check").get_data(as_text=True)
    assert "Which area do you live in?" not in check and "Where do you live?" in check
    assert (
        "Off-road bikes on the playing field" in check
        and "1. Responding" in check
        and "45 to 54" in check
    )
    resp = client.post(f"/surveys/{survey.id}/check", data={"consent_to_quote": "yes"})
    assert resp.headers["Location"].endswith("/done")
    done = client.get(f"/surveys/{survey.id}/done").get_data(as_text=True)
    sub = db.session.scalar(db.select(SurveySubmission))
    assert sub.reference in done and sub.age_band == "45_54" and sub.consent_to_quote is True
    texts = {r.text for r in db.session.scalars(db.select(Response))}
    assert texts == {
        "Our shed was broken into twice and the police never came back to us",
        "Off-road bikes on the playing field",
    }


def test_missing_and_bad_answers_show_an_error_summary_and_keep_what_was_typed(
    client, db, create_survey
):
    survey = create_survey()
    q = _ids(survey)
    _start(client, survey)
    resp = client.post(f"/surveys/{survey.id}/page/1", data={q[1]: "yes"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400 and "<title>Error:" in html and "There is a problem" in html
    assert f'href="#{q[0]}"' in html and f'id="{q[0]}-error"' in html
    assert re.search(rf'name="{q[1]}" type="radio" value="yes" checked', html)
    client.post(f"/surveys/{survey.id}/page/1", data={q[0]: "agree", q[1]: "no"})
    resp = client.post(f"/surveys/{survey.id}/page/2", data={q[5]: "500", q[7]: "Too long " * 10})
    html = resp.get_data(as_text=True)
    assert (
        resp.status_code == 400
        and "Enter a number between 0 and 50" in html
        and "50 characters or fewer" in html
    )
    assert 'value="500"' in html


def test_going_back_keeps_answers_and_hidden_questions_stay_hidden(client, db, create_survey):
    survey = create_survey()
    q = _ids(survey)
    _start(client, survey)
    client.post(f"/surveys/{survey.id}/page/1", data={q[0]: "disagree", q[1]: "no"})
    page2 = client.get(f"/surveys/{survey.id}/page/2").get_data(as_text=True)
    assert "What happened" not in page2
    back = client.get(f"/surveys/{survey.id}/page/1").get_data(as_text=True)
    assert re.search(rf'name="{q[0]}" type="radio" value="disagree" checked', back)
    # A hidden question's answer sent anyway is ignored, not stored.
    client.post(f"/surveys/{survey.id}/page/2", data={q[3]: "sneaky"})
    assert all(
        a.question_id != survey.questions[3].id
        for a in db.session.scalar(db.select(SurveySubmission)).answers
    )


def test_save_and_resume_later_with_a_link(app, client, db, create_survey):
    survey = create_survey()
    q = _ids(survey)
    _start(client, survey)
    resp = client.post(f"/surveys/{survey.id}/page/1", data={q[0]: "agree", "action": "save"})
    assert resp.headers["Location"].endswith("/saved")
    html = client.get(resp.headers["Location"]).get_data(as_text=True)
    link = re.search(r'href="(http://localhost/surveys/resume/[^"]+)"', html).group(1)
    other = app.test_client()
    resp = other.get(link.replace("http://localhost", ""))
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/page/1")
    page = other.get(resp.headers["Location"]).get_data(as_text=True)
    assert re.search(rf'name="{q[0]}" type="radio" value="agree" checked', page)
    assert other.get("/surveys/resume/not-a-real-token").status_code == 404


def test_consent_is_asked_explicitly_and_sending_twice_is_harmless(client, db, create_survey):
    survey = create_survey(about_you=False)
    q = _ids(survey)
    _start(client, survey)
    client.post(f"/surveys/{survey.id}/page/1", data={q[0]: "agree", q[1]: "yes"})
    client.post(
        f"/surveys/{survey.id}/page/2", data={q[3]: "Speeding through the village is constant"}
    )
    resp = client.post(f"/surveys/{survey.id}/check", data={})
    assert resp.status_code == 400 and "Say whether we may quote" in resp.get_data(as_text=True)
    assert (
        client.post(f"/surveys/{survey.id}/check", data={"consent_to_quote": "no"}).status_code
        == 302
    )
    again = client.post(f"/surveys/{survey.id}/check", data={"consent_to_quote": "no"})
    assert again.status_code == 302 and again.headers["Location"].endswith("/done")
    assert db.session.scalar(db.select(db.func.count(Response.id))) == 1
    assert db.session.scalar(db.select(Response)).consent_to_quote is False


def test_a_required_answer_skipped_sends_you_back_to_its_page(client, db, create_survey):
    survey = create_survey()
    q = _ids(survey)
    _start(client, survey)
    client.post(f"/surveys/{survey.id}/page/1", data={q[0]: "agree", q[1]: "yes", "action": "save"})
    resp = client.post(f"/surveys/{survey.id}/check", data={"consent_to_quote": "yes"})
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/page/2")
    assert db.session.scalar(db.select(SurveySubmission)).reference is None


def test_closed_and_draft_surveys(client, db, create_survey):
    closed = create_survey("closed")
    assert "This survey is closed" in client.get(f"/surveys/{closed.id}").get_data(as_text=True)
    assert client.post(f"/surveys/{closed.id}/start").status_code in (400, 409)
    assert client.post(f"/surveys/{closed.id}/page/1", data={}).status_code == 302
    draft = create_survey("draft")
    assert client.get(f"/surveys/{draft.id}").status_code == 404
    assert client.get("/surveys/999999/page/1").status_code == 404


def test_pages_have_no_inline_scripts_or_styles(client, db, create_survey):
    survey = create_survey()
    _start(client, survey)
    for url in (
        f"/surveys/{survey.id}",
        f"/surveys/{survey.id}/page/1",
        f"/surveys/{survey.id}/page/2",
        f"/surveys/{survey.id}/about-you",
        f"/surveys/{survey.id}/check",
        "/surveys/",
    ):
        html = client.get(url).get_data(as_text=True)
        assert " style=" not in html and not re.search(r"<script(?![^>]*\bsrc=)", html), url


def test_an_officer_builds_and_publishes_a_survey(client, db, dummy_officer, sign_in):
    sign_in(dummy_officer)
    resp = client.post(
        "/staff/surveys/new",
        data={
            "title": "Precept consultation 2027/28",
            "introduction": "How much should you pay?",
            "closes_on": "2099-01-31",
            "has_about_you": "y",
        },
    )
    assert resp.status_code == 302
    survey_url = resp.headers["Location"]
    show = client.get(survey_url).get_data(as_text=True)
    new_question = re.search(r'href="(/staff/surveys/\d+/sections/\d+/questions/new)"', show).group(
        1
    )
    bad = client.post(
        new_question,
        data={"kind": "single_choice", "text": "Would you pay more?", "options": "Yes"},
    )
    assert bad.status_code == 400 and "at least two options" in bad.get_data(as_text=True)
    ok = client.post(
        new_question,
        data={
            "kind": "single_choice",
            "text": "Would you pay more?",
            "options": "yes | Yes\nno | No",
            "is_required": "y",
        },
    )
    assert ok.status_code == 302
    assert client.get(survey_url.rstrip("/") + "/preview/1").status_code == 200
    client.post(survey_url + "/publish")
    assert "open" in client.get(survey_url).get_data(as_text=True)
    assert "Precept consultation" in client.get("/surveys/").get_data(as_text=True)
    dup = client.post(survey_url + "/duplicate")
    assert dup.status_code == 302 and dup.headers["Location"] != survey_url


def test_results_exports_and_ambitions_for_staff(
    client, db, create_survey, answer_survey, dummy_analyst, sign_in
):
    survey = create_survey()
    for i in range(10):
        answer_survey(
            survey,
            {
                0: "agree" if i % 2 else "strongly_agree",
                1: "no",
                2: "rushcliffe",
                7: '=HYPERLINK("x")' if i == 0 else "fine",
            },
            {"sex": "female"},
        )
    sign_in(dummy_analyst)
    html = client.get(f"/staff/surveys/{survey.id}/results").get_data(as_text=True)
    assert "<strong>10</strong> completed responses" in html and "<svg" in html and "50.0%" in html
    small = client.get(f"/staff/surveys/{survey.id}/results?district=gedling").get_data(
        as_text=True
    )
    assert "Fewer than 10 people match" in small and "<svg" not in small
    csv_text = client.get(f"/staff/surveys/{survey.id}/export.csv").get_data(as_text=True)
    lines = csv_text.strip().splitlines()
    assert len(lines) == 11 and "Reference" in lines[0] and "About you: sex" in lines[0]
    assert "'=HYPERLINK" in csv_text
    audit = db.session.scalar(db.select(AuditEvent).filter_by(action="surveys.export"))
    assert audit.rows == 10 and audit.actor_id == dummy_analyst.id
    wb = load_workbook(io.BytesIO(client.get(f"/staff/surveys/{survey.id}/export.xlsx").data))
    assert wb.active.max_row == 11
    definition = client.get(f"/staff/surveys/{survey.id}/definition.json").get_json()
    assert definition["sections"][0]["questions"][0]["indicator"] == "dealing_with_local_concerns"
    ambitions = client.get("/staff/surveys/ambitions").get_data(as_text=True)
    assert "100.0%" in ambitions and "41.7" in ambitions and "Ambition met" in ambitions


def test_paper_forms_print_and_key_in(client, db, create_survey, dummy_officer, sign_in):
    survey = create_survey()
    q = _ids(survey)
    sign_in(dummy_officer)
    paper = client.get(f"/staff/surveys/{survey.id}/paper").get_data(as_text=True)
    assert (
        "☐ Strongly agree" in paper
        and "Only answer this if" in paper
        and "Prefer not to say" in paper
    )
    bad = client.post(f"/staff/surveys/{survey.id}/paper/enter", data={q[1]: "no"})
    assert bad.status_code == 400 and "There is a problem" in bad.get_data(as_text=True)
    ok = client.post(
        f"/staff/surveys/{survey.id}/paper/enter",
        data={
            q[0]: "neither",
            q[1]: "yes",
            q[3]: "Nobody answers 101 in the evenings",
            "consent_to_quote": "yes",
            "about-age_band": "75_plus",
            "about-rural_urban": "rural",
        },
    )
    assert ok.status_code == 302
    sub = db.session.scalar(db.select(SurveySubmission))
    assert (
        sub.mode == SubmissionMode.paper
        and sub.entered_by_id == dummy_officer.id
        and sub.age_band == "75_plus"
    )
    assert db.session.scalar(db.select(Response)).text == "Nobody answers 101 in the evenings"


def test_a_paper_form_counts_on_the_day_it_arrived(
    client, db, create_survey, dummy_officer, sign_in
):
    survey = create_survey()
    q = _ids(survey)
    sign_in(dummy_officer)
    url = f"/staff/surveys/{survey.id}/paper/enter"
    future = client.post(url, data={q[0]: "agree", q[1]: "no", "received_on": "2999-01-01"})
    assert future.status_code == 400 and "cannot be in the future" in future.get_data(as_text=True)
    assert (
        client.post(url, data={q[0]: "agree", q[1]: "no", "received_on": "2026-07-01"}).status_code
        == 302
    )
    sub = db.session.scalar(db.select(SurveySubmission))
    assert sub.completed_at.date().isoformat() == "2026-07-01"


def test_changing_an_earlier_answer_drops_the_answer_it_hid(client, db, create_survey):
    survey = create_survey(about_you=False)
    q = _ids(survey)
    _start(client, survey)
    client.post(f"/surveys/{survey.id}/page/1", data={q[0]: "agree", q[1]: "yes"})
    client.post(f"/surveys/{survey.id}/page/2", data={q[3]: "My bike was stolen from the station"})
    client.post(f"/surveys/{survey.id}/page/1", data={q[0]: "agree", q[1]: "no"})
    check = client.get(f"/surveys/{survey.id}/check").get_data(as_text=True)
    assert "My bike was stolen" not in check
    client.post(f"/surveys/{survey.id}/check", data={"consent_to_quote": "yes"})
    sub = db.session.scalar(db.select(SurveySubmission))
    assert sub.reference and survey.questions[3].id not in sub.answer_map()
    assert db.session.scalar(db.select(db.func.count(Response.id))) == 0


def test_answer_pages_need_the_form_token(csrf_app, db, create_survey):
    survey = create_survey()
    client = csrf_app.test_client()
    start_page = client.get(f"/surveys/{survey.id}").get_data(as_text=True)
    assert client.post(f"/surveys/{survey.id}/start").status_code == 400
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', start_page).group(1)
    assert client.post(f"/surveys/{survey.id}/start", data={"csrf_token": token}).status_code == 302


def test_the_resume_link_can_be_emailed(client, db, create_survey, smtp):
    survey = create_survey()
    q = _ids(survey)
    _start(client, survey)
    client.post(f"/surveys/{survey.id}/page/1", data={q[0]: "agree", "action": "save"})
    bad = client.post(f"/surveys/{survey.id}/saved", data={"email": "not an address"})
    assert bad.status_code == 400 and "correct format" in bad.get_data(as_text=True)
    assert (
        client.post(f"/surveys/{survey.id}/saved", data={"email": "me@example.org"}).status_code
        == 302
    )
    (mail,) = smtp.to("me@example.org")
    link = re.search(r"http://localhost/surveys/resume/\S+", mail["body"]).group(0)
    assert survey.title in mail["subject"]
    other = client.application.test_client()
    assert other.get(link.replace("http://localhost", "")).headers["Location"].endswith("/page/1")


def test_preview_shows_every_question_and_its_condition(
    client, db, create_survey, dummy_officer, sign_in
):
    survey = create_survey("draft")
    sign_in(dummy_officer)
    html = client.get(f"/staff/surveys/{survey.id}/preview/2").get_data(as_text=True)
    assert "What happened, and how were you supported?" in html
    assert (
        "Shown only if the answer to “Have you been a victim of crime in the last year?” is “Yes”"
        in html
    )
    assert "Preview: answers are not saved" in html and 'name="action"' not in html
    assert client.get(f"/staff/surveys/{survey.id}/preview/9").status_code == 404


def test_a_published_survey_not_yet_open_says_when_it_opens(client, db, create_survey):
    survey = create_survey("draft")
    survey.opens_at = utcnow() + timedelta(days=3)
    db.session.commit()
    publish_survey(survey)
    db.session.commit()
    assert "This survey opens on" in client.get(f"/surveys/{survey.id}").get_data(as_text=True)
    assert client.post(f"/surveys/{survey.id}/start").status_code == 400


def test_once_answered_an_officer_can_fix_wording_but_not_meaning(
    client, db, create_survey, answer_survey, dummy_officer, sign_in
):
    survey = create_survey()
    answer_survey(survey, {0: "agree", 1: "no"})
    q = survey.questions[1]
    sign_in(dummy_officer)
    url = f"/staff/surveys/{survey.id}/questions/{q.id}/edit"
    assert "you can change the wording" in client.get(url).get_data(as_text=True)
    form = {
        "kind": "single_choice",
        "text": "Have you been a victim of any crime in the last year?",
        "options": "yes | Yes\nno | No",
        "is_required": "y",
        "other_label": "Other, please specify",
    }
    assert client.post(url, data=form).status_code == 302
    assert db.session.get(type(q), q.id).text.startswith("Have you been a victim of any crime")
    changed = client.post(url, data=form | {"options": "yes | Yes\nno | No\nunsure | Not sure"})
    assert changed.status_code == 400 and "only the wording" in changed.get_data(as_text=True)


def test_the_same_page_sent_twice_at_once_is_not_an_error(client, db, create_survey, monkeypatch):
    from engage.surveys import responding

    survey = create_survey()
    q = _ids(survey)
    _start(client, survey)
    client.post(f"/surveys/{survey.id}/page/1", data={"action": "save"})  # stores the row
    sub_id = db.session.scalar(db.select(SurveySubmission.id))
    real = responding.stored_values

    def racing(submission):  # the other copy of the request stores its answer meanwhile
        values = real(submission)
        with db.engine.begin() as conn:
            conn.execute(
                db.insert(SurveyAnswer).values(
                    submission_id=sub_id, question_id=survey.questions[0].id, value="agree"
                )
            )
        return values

    monkeypatch.setattr(responding, "stored_values", racing)
    resp = client.post(f"/surveys/{survey.id}/page/1", data={q[0]: "agree", q[1]: "no"})
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/page/1")
