"""What the answering pages need to render: which questions a page shows, where
Continue and Back go, and check-your-answers rows. No writes here."""

from flask import abort, url_for
from werkzeug.datastructures import MultiDict

from engage.surveys.answers import (
    display_answer,
    is_visible,
    raw_from_form,
    to_formdata,
    visible_questions,
)
from engage.surveys.equality import about_you_questions_for
from engage.surveys.models import (
    QuestionKind,
    Survey,
    SurveyQuestion,
    SurveySection,
    SurveySubmission,
)
from engage.surveys.responding import first_problem, stored_values


def section_or_404(survey: Survey, number: int) -> SurveySection:
    if not 1 <= number <= len(survey.sections):
        abort(404)
    return survey.sections[number - 1]


def raws_from(section: SurveySection, form) -> dict[int, object]:
    return {q.id: raw_from_form(q, form) for q in section.questions}


def next_url(survey: Survey, number: int) -> str:
    if number < len(survey.sections):
        return url_for("surveys.page", survey_id=survey.id, number=number + 1)
    if survey.has_about_you:
        return url_for("surveys.about_you", survey_id=survey.id)
    return url_for("surveys.check", survey_id=survey.id)


def stored_formdata(submission: SurveySubmission) -> MultiDict:
    data = MultiDict()
    for answer in submission.answers:
        for key, value in to_formdata(answer.question, answer.value, answer.text).items(multi=True):
            data.add(key, value)
    return data


def shown_on_page(survey: Survey, section: SurveySection, values: dict) -> list[SurveyQuestion]:
    """This page's questions that the answers so far make visible (conditions are on
    earlier pages)."""
    earlier = [q for s in survey.sections if s.position < section.position for q in s.questions]
    visible = {q.id for q in visible_questions(earlier, values)}
    return [q for q in section.questions if is_visible(q, values, visible)]


def anchor_for(question: SurveyQuestion) -> str:
    """The id of the first input of a question, for the error summary's links."""
    name = f"q{question.id}"
    if question.kind == QuestionKind.date:
        return f"{name}-day"
    if question.kind == QuestionKind.grid and question.statements:
        return f"{name}-{question.statements[0][0]}"
    if question.kind == QuestionKind.ranking and question.options:
        return f"{name}-{question.options[0][0]}"
    return name


def page_context(
    survey: Survey,
    submission: SurveySubmission | None,
    section: SurveySection,
    number: int,
    preview: bool = False,
) -> dict:
    values = stored_values(submission) if submission else {}
    questions = section.questions if preview else shown_on_page(survey, section, values)
    if preview:
        back = (
            url_for("surveys.builder.preview", survey_id=survey.id, number=number - 1)
            if number > 1
            else None
        )
    elif number > 1:
        back = url_for("surveys.page", survey_id=survey.id, number=number - 1)
    else:
        back = url_for("surveys.start", survey_id=survey.id)
    return {
        "survey": survey,
        "section": section,
        "number": number,
        "total": len(survey.sections),
        "questions": questions,
        "back": back,
        "anchor_for": anchor_for,
        "preview": preview,
    }


def url_of_question(survey: Survey, field: str) -> str:
    """The page holding the question named in an error field like 'answers.12'."""
    qid = field.rpartition(".")[2]
    for number, section in enumerate(survey.sections, 1):
        if any(str(q.id) == qid for q in section.questions):
            return url_for("surveys.page", survey_id=survey.id, number=number)
    return url_for("surveys.check", survey_id=survey.id)


def check_context(survey: Survey, submission: SurveySubmission) -> dict:
    values = stored_values(submission)
    answers = submission.answer_map()
    shown = {q.id for q in visible_questions(survey.questions, values)}
    sections = []
    for number, section in enumerate(survey.sections, 1):
        rows = [
            (
                q,
                display_answer(q, answers[q.id].value, answers[q.id].text)
                if q.id in answers
                else "",
            )
            for q in section.questions
            if q.id in shown
        ]
        sections.append({"section": section, "number": number, "rows": rows})
    about = (
        [
            (q["text"], dict(q["options"]).get(getattr(submission, q["key"]) or "", "Not answered"))
            for q in about_you_questions_for(survey)
        ]
        if survey.has_about_you
        else []
    )
    return {
        "survey": survey,
        "submission": submission,
        "sections": sections,
        "about": about,
        "problem": first_problem(submission),
    }


def resume_url(submission: SurveySubmission) -> str:
    survey = submission.survey
    problem = first_problem(submission)
    if problem:
        return url_of_question(survey, f"answers.{problem[0].id}")
    if not submission.answers:
        return url_for("surveys.page", survey_id=survey.id, number=1)
    return url_for("surveys.check", survey_id=survey.id)
