"""Building, answering and counting surveys through the services."""

import pytest

from engage.errors import InvalidState, ValidationFailed
from engage.responses.models import Response
from engage.surveys import services
from engage.surveys.ambitions import quarter_of, tracker
from engage.surveys.models import SubmissionState, SurveyAnswer, SurveyState, SurveySubmission
from engage.surveys.queries import ResultsFilter, equality_profile_for, survey_results
from engage.surveys.responding import complete_submission, save_section, start_submission


def test_free_text_becomes_a_tagged_survey_response_linked_to_its_answer(
    db, create_survey, answer_survey
):
    survey = create_survey()
    sub = answer_survey(
        survey,
        {
            0: "agree",
            1: "yes",
            2: "mansfield",
            3: "Someone stole the quad bike from our farm and nobody came out",
            4: {"choices": ["asb", "other"], "other": "Hare coursing in the fields"},
        },
        consent_to_quote=True,
    )
    assert sub.status == SubmissionState.completed and sub.reference.startswith("S")
    responses = db.session.scalars(db.select(Response).order_by(Response.id)).all()
    assert [r.text for r in responses] == [
        "Someone stole the quad bike from our farm and nobody came out",
        "Hare coursing in the fields",
    ]
    for r in responses:
        answer = db.session.get(SurveyAnswer, r.source_id)
        assert (
            r.channel == "survey" and answer.submission_id == sub.id and answer.response_id == r.id
        )
        assert r.district == "mansfield" and r.consent_to_quote is True and r.labels
    assert all(r.tagged_model_version for r in responses)


def test_answers_to_a_hidden_conditional_question_are_ignored(db, create_survey, answer_survey):
    survey = create_survey()
    sub = answer_survey(survey, {0: "agree", 1: "no", 3: "This should not be kept"})
    assert survey.questions[3].id not in sub.answer_map()
    assert db.session.scalar(db.select(db.func.count(Response.id))) == 0


@pytest.mark.parametrize(
    "index, value, message",
    [
        (0, None, "Select an answer"),
        (1, "maybe", "Select one of the options"),
        (4, ["asb", "cats"], "only the options shown"),
        (4, {"choices": ["other"], "other": "  "}, "say what it is"),
        (5, 51, "between 0 and 50"),
        (5, "lots", "Enter a number"),
        (6, ["prevent", "prevent", "support"], "Put all 3 options in order"),
        (7, "x" * 51, "50 characters or fewer"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_stored(
    db, create_survey, answer_survey, index, value, message
):
    survey = create_survey()
    answers = {0: "agree", 1: "no"} | {index: value}
    with pytest.raises(ValidationFailed) as exc:
        answer_survey(survey, answers)
    assert message in exc.value.errors[f"answers.{survey.questions[index].id}"][0]
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(SurveySubmission.id))) == 0


def test_closed_and_draft_surveys_refuse_answers(db, create_survey, answer_survey):
    for status in ("closed", "draft"):
        survey = create_survey(status)
        with pytest.raises(InvalidState):
            answer_survey(survey, {0: "agree", 1: "no"})


def test_page_by_page_keeps_valid_answers_and_reports_the_rest(db, create_survey):
    survey = create_survey()
    sub, token = start_submission(survey)
    errors = save_section(
        sub,
        survey.sections[0],
        {survey.questions[0].id: "agree", survey.questions[1].id: "perhaps"},
    )
    assert list(errors) == [survey.questions[1].id]
    assert sub.answer_map()[survey.questions[0].id].value == "agree"
    with pytest.raises(ValidationFailed):  # required answer missing
        complete_submission(sub, consent_to_quote=False)
    assert sub.status == SubmissionState.in_progress and sub.reference is None


def test_completing_twice_keeps_the_first_completion(db, create_survey, answer_survey):
    survey = create_survey()
    sub = answer_survey(
        survey, {0: "agree", 1: "yes", 3: "My car was broken into outside my house"}
    )
    reference = sub.reference
    assert complete_submission(sub, consent_to_quote=True).reference == reference
    assert db.session.scalar(db.select(db.func.count(Response.id))) == 1
    with pytest.raises(InvalidState):
        save_section(sub, survey.sections[0], {})


def test_questions_lock_once_answered_but_wording_can_be_fixed(db, create_survey, answer_survey):
    survey = create_survey()
    q = survey.questions[1]
    answer_survey(survey, {0: "agree", 1: "no"})
    base = {
        "kind": q.kind,
        "text": "Have you been a victim of a crime in the past 12 months?",
        "is_required": True,
        "options": [["yes", "Yes, I have"], ["no", "No"]],
    }
    services.update_question(q, base)
    assert (
        q.text.startswith("Have you been a victim of a crime") and q.options[0][1] == "Yes, I have"
    )
    with pytest.raises(InvalidState, match="wording"):
        services.update_question(
            q, base | {"options": [["yes", "Yes"], ["no", "No"], ["unsure", "Not sure"]]}
        )
    with pytest.raises(InvalidState, match="locked"):
        services.add_question(survey.sections[0], {"kind": "short_text", "text": "New"})


def test_publish_close_and_duplicate(db, create_survey):
    survey = create_survey("draft")
    empty = services.create_survey({"title": "Empty"}, None)
    with pytest.raises(InvalidState, match="at least one question"):
        services.publish_survey(empty)
    services.publish_survey(survey)
    assert survey.is_open
    with pytest.raises(InvalidState):
        services.publish_survey(survey)
    services.close_survey(survey)
    assert survey.status == SurveyState.closed and not survey.is_open
    copy = services.duplicate_survey(survey, None)
    assert copy.status == SurveyState.draft and len(copy.questions) == len(survey.questions)
    conditional = copy.questions[3]
    assert conditional.show_if_question_id == copy.questions[1].id != survey.questions[1].id


def test_condition_must_point_at_an_earlier_page(db, create_survey):
    survey = create_survey("draft")
    same_page = survey.questions[4]
    with pytest.raises(ValidationFailed, match="earlier page"):
        services.add_question(
            survey.sections[1],
            {
                "kind": "short_text",
                "text": "Why?",
                "show_if_question_id": same_page.id,
                "show_if_values": ["asb"],
            },
        )
    with pytest.raises(ValidationFailed, match="Choose answers from"):
        services.add_question(
            survey.sections[1],
            {
                "kind": "short_text",
                "text": "Why?",
                "show_if_question_id": survey.questions[1].id,
                "show_if_values": ["sometimes"],
            },
        )


def test_results_are_suppressed_below_ten_people_and_filterable(db, create_survey, answer_survey):
    survey = create_survey()
    for i in range(12):
        answer_survey(
            survey,
            {0: "agree" if i < 9 else "disagree", 1: "no", 2: "gedling" if i < 11 else "ashfield"},
            {"age_band": "25_34" if i < 10 else "75_plus"},
        )
    results = survey_results(survey)
    assert results["total"] == 12 and not results["suppressed"]
    rows = {r["value"]: r for r in results["questions"][0]["rows"]}
    assert rows["agree"]["count"] == 9 and rows["agree"]["percent"] == 75.0
    assert survey_results(survey, ResultsFilter(district="ashfield")) == {
        "total": 1,
        "suppressed": True,
        "questions": [],
    }
    assert survey_results(survey, ResultsFilter(about_you={"age_band": "25_34"}))["total"] == 10
    assert survey_results(survey, ResultsFilter(about_you={"age_band": "75_plus"}))["suppressed"]


def test_tracker_reports_the_share_against_baseline_and_ambition(db, create_survey, answer_survey):
    survey = create_survey()
    subs = [
        answer_survey(survey, {0: "strongly_agree" if i < 6 else "neither", 1: "no"})
        for i in range(10)
    ]
    row = next(r for r in tracker() if r["id"] == "dealing_with_local_concerns")
    assert row["baseline"] == 41.7 and row["target"] == 46.7
    assert row["quarters"] == [
        {"quarter": quarter_of(subs[0].completed_at), "answered": 10, "value": 60.0,
         "interval": (31.3, 83.2)}
    ]
    # 60% of 10 answers: the 95% interval spans the 46.7% ambition, so it is not "met".
    assert row["current"] == 60.0 and row["met"] is None
    knife = next(r for r in tracker() if r["id"] == "violent_knife_crime")
    assert knife["measured"] is False and knife["current"] is None


def test_quarters_follow_the_financial_year():
    from datetime import datetime

    assert quarter_of(datetime(2026, 4, 1)) == "2026/27 Q1"
    assert quarter_of(datetime(2027, 3, 31)) == "2026/27 Q4"
    assert quarter_of(datetime(2026, 11, 22)) == "2026/27 Q3"


def test_equality_profile_joins_stream_responses_to_about_you(db, create_survey, answer_survey):
    survey = create_survey()
    answer_survey(
        survey,
        {0: "agree", 1: "yes", 3: "Drug dealing on the estate every night"},
        {"ethnicity": "white_irish", "rural_urban": "rural", "sex": "prefer_not_to_say"},
    )
    response = db.session.scalar(db.select(Response))
    profile = equality_profile_for([response.id])[response.id]
    assert profile["ethnicity"] == "white_irish" and profile["rural_urban"] == "rural"
    assert profile["sex"] == "prefer_not_to_say" and profile["age_band"] is None
    assert profile["survey_id"] == survey.id and profile["mode"] == "online"


def test_unknown_about_you_answers_are_refused(db, create_survey, answer_survey):
    survey = create_survey()
    with pytest.raises(ValidationFailed) as exc:
        answer_survey(survey, {0: "agree", 1: "no"}, {"ethnicity": "martian", "shoe_size": "9"})
    assert set(exc.value.errors) == {"about_you.ethnicity", "about_you.shoe_size"}


def test_a_send_that_lost_a_race_creates_no_responses(db, create_survey):
    survey = create_survey()
    sub, _ = start_submission(survey)
    save_section(
        sub, survey.sections[0], {survey.questions[0].id: "agree", survey.questions[1].id: "yes"}
    )
    save_section(
        sub, survey.sections[1], {survey.questions[3].id: "Drug dealing outside the shops"}
    )
    db.session.commit()
    with db.engine.begin() as conn:  # the other request completed it first
        conn.execute(
            db.update(SurveySubmission)
            .where(SurveySubmission.id == sub.id)
            .values(status="completed")
        )
    complete_submission(sub, consent_to_quote=True)
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count(Response.id))) == 0


def test_ambition_is_met_only_when_the_interval_clears_it():
    from engage.surveys.ambitions import interval, met

    above = {"target": 46.7, "direction": "above"}
    assert interval(60, 100) == (50.2, 69.1)
    assert met(above, interval(60, 100)) is True  # the whole interval is above 46.7
    assert met(above, interval(6, 10)) is None  # 31.3 to 83.2: too close to call
    assert met(above, interval(30, 100)) is False  # 21.9 to 39.6: wholly below
    below = {"target": 20.0, "direction": "below"}
    assert met(below, interval(5, 100)) is True and met(below, None) is None
