"""Answering a survey: starting, saving a page, 'About you', completing (when every
free-text answer joins the response stream), and the one-shot route the JSON API and
paper key-in use. Services flush; the caller commits."""

import hashlib
import secrets
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from engage.alerts.services import send_receipt
from engage.db import utcnow
from engage.errors import InvalidState, NotFound, ValidationFailed
from engage.extensions import db
from engage.responses.models import Channel
from engage.responses.services import create_response, new_reference
from engage.surveys.answers import (
    AnswerError,
    is_empty,
    is_visible,
    validate_answer,
    visible_questions,
)
from engage.surveys.equality import validate_about_you
from engage.surveys.models import (
    ABOUT_YOU_KEYS,
    QuestionKind,
    SubmissionMode,
    SubmissionState,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveySection,
    SurveyState,
    SurveySubmission,
)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_resume_token() -> str:
    return secrets.token_urlsafe(24)


def start_submission(
    survey: Survey, respondent=None, mode: str = SubmissionMode.online, entered_by=None,
    token: str | None = None,
) -> tuple[SurveySubmission, str]:
    """A new, empty submission and the secret token of its 'resume later' link (`token`
    when the browser was given one at the start page, before anything was stored)."""
    if mode == SubmissionMode.online and not survey.is_open:
        raise InvalidState("This survey is not open for answers.")
    token = token or new_resume_token()
    submission = SurveySubmission(
        survey=survey,
        resume_token_hash=_hash(token),
        mode=mode,
        respondent=respondent,
        entered_by_id=getattr(entered_by, "id", None),
    )
    db.session.add(submission)
    db.session.flush()
    return submission, token


def unfinished_of(user_id: int) -> list[SurveySubmission]:
    """A signed-in resident's surveys started but not sent, while the survey is open."""
    stmt = (db.select(SurveySubmission).where(SurveySubmission.respondent_id == user_id,
                                              SurveySubmission.completed_at.is_(None))
            .order_by(SurveySubmission.updated_at.desc()))
    return [s for s in db.session.scalars(stmt) if s.survey.is_open and not s.is_completed]


def reissue_token(submission: SurveySubmission) -> str:
    """A fresh 'resume later' secret for its signed-in owner (the old link stops working)."""
    token = secrets.token_urlsafe(24)
    submission.resume_token_hash = _hash(token)
    db.session.flush()
    return token


def find_submission(token: str | None) -> SurveySubmission | None:
    """The submission of a 'resume later' token, with its answers (one query)."""
    if not token or len(token) > 100:
        return None
    stmt = (db.select(SurveySubmission).filter_by(resume_token_hash=_hash(token))
            .options(joinedload(SurveySubmission.answers)))
    return db.session.scalars(stmt).unique().one_or_none()


def stored_values(submission: SurveySubmission) -> dict[int, object]:
    return {a.question_id: a.value for a in submission.answers}


def _store(submission: SurveySubmission, question: SurveyQuestion, result) -> None:
    existing = submission.answer_map().get(question.id)
    if result is None:
        if existing is not None:
            submission.answers.remove(existing)
        return
    value, text = result
    if existing is None:
        submission.answers.append(
            SurveyAnswer(question=question, question_id=question.id, value=value, text=text)
        )
    else:
        existing.value, existing.text = value, text


def _visible_before(
    submission: SurveySubmission, section: SurveySection, values: dict[int, object]
) -> set[int]:
    earlier = [
        q for s in submission.survey.sections if s.position < section.position for q in s.questions
    ]
    return {q.id for q in visible_questions(earlier, values)}


def save_section(
    submission: SurveySubmission,
    section: SurveySection,
    raws: dict[int, object],
    require: bool = True,
) -> dict[int, str]:
    """Store this page's valid answers (hidden questions' answers are dropped) and return
    the errors by question id. `require=False` is 'save and come back later'."""
    if not submission.can_change():
        raise InvalidState("These answers have already been sent, or the survey has closed.")
    values = stored_values(submission)
    visible = _visible_before(submission, section, values)
    errors: dict[int, str] = {}
    for q in section.questions:
        if not is_visible(q, values, visible):
            _store(submission, q, None)
            values.pop(q.id, None)
            continue
        visible.add(q.id)
        raw = raws.get(q.id)
        if not require and is_empty(raw):
            _store(submission, q, None)
            continue
        try:
            result = validate_answer(q, raw)
        except AnswerError as exc:
            errors[q.id] = str(exc)
            continue
        _store(submission, q, result)
        values[q.id] = result[0] if result else None
    submission.updated_at = utcnow()
    db.session.flush()
    return errors


def save_about_you(submission: SurveySubmission, data: dict) -> dict[str, str]:
    if not submission.can_change():
        raise InvalidState("These answers have already been sent, or the survey has closed.")
    values, errors = validate_about_you(data)
    for key, value in values.items():
        if key not in errors:
            setattr(submission, key, value)
    submission.updated_at = utcnow()
    db.session.flush()
    return errors


def first_problem(submission: SurveySubmission) -> tuple[SurveyQuestion, str] | None:
    """The first visible question that is required but unanswered (or no longer valid)."""
    answers = submission.answer_map()
    values = stored_values(submission)
    for q in visible_questions(submission.survey.questions, values):
        answer = answers.get(q.id)
        if answer is None and q.is_required:
            return q, "Answer this question"
    return None


def _prune_hidden(submission: SurveySubmission) -> None:
    shown = {
        q.id for q in visible_questions(submission.survey.questions, stored_values(submission))
    }
    for answer in [a for a in submission.answers if a.question_id not in shown]:
        submission.answers.remove(answer)


def _district_of(submission: SurveySubmission) -> str | None:
    if submission.district and submission.district != "prefer_not_to_say":
        return submission.district
    for a in submission.answers:
        if a.question.kind == QuestionKind.district and a.value:
            return a.value
    return None


def _claim(submission: SurveySubmission) -> bool:
    """Mark it completed in the database first, so two 'Send' clicks racing each other
    cannot both turn the answers into responses (the loser updates no row)."""
    claimed = db.session.execute(
        sa.update(SurveySubmission)
        .where(
            SurveySubmission.id == submission.id,
            SurveySubmission.status == SubmissionState.in_progress,
        )
        .values(status=SubmissionState.completed)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        db.session.refresh(submission)
    return bool(claimed)


def complete_submission(
    submission: SurveySubmission,
    consent_to_quote: bool | None,
    completed_at: datetime | None = None,
) -> SurveySubmission:
    """Send the answers: every free text becomes a survey Response (source_id = the
    answer's id). Sending twice is harmless: the first completion stands."""
    if submission.is_completed:
        return submission
    if submission.mode == SubmissionMode.online and not submission.survey.is_open:
        raise InvalidState("This survey has closed, so your answers cannot be sent.")
    if consent_to_quote is None:
        raise ValidationFailed(
            "Say whether we may quote your words anonymously", "consent_to_quote"
        )
    problem = first_problem(submission)
    if problem:
        raise ValidationFailed({f"answers.{problem[0].id}": [f"{problem[1]}: {problem[0].text}"]})
    _prune_hidden(submission)
    db.session.flush()
    if not _claim(submission):
        return submission
    submission.consent_to_quote = bool(consent_to_quote)
    district = _district_of(submission)
    if submission.district is None:
        submission.district = district  # results filter by district either way
    completed_at = completed_at or utcnow()
    for answer in sorted(submission.answers, key=lambda a: a.id):
        if answer.text:
            response = create_response(
                Channel.survey,
                answer.text,
                source_id=answer.id,
                district=district,
                respondent=submission.respondent,
                consent_to_quote=submission.consent_to_quote,
                submitted_at=completed_at,
            )
            answer.response_id = response.id
    submission.reference = new_reference("S")
    submission.status = SubmissionState.completed
    submission.completed_at = submission.updated_at = completed_at
    db.session.flush()
    if submission.mode == SubmissionMode.online and submission.respondent is not None:
        send_receipt(submission.respondent.email, "survey answers", submission.reference,
                     submission.survey.title)
    return submission


def submit_survey_response(
    survey: Survey,
    answers: dict,
    about_you: dict | None = None,
    *,
    consent_to_quote: bool = False,
    respondent=None,
    mode: str = SubmissionMode.online,
    entered_by=None,
    completed_at: datetime | None = None,
) -> SurveySubmission:
    """All answers at once (JSON API, paper key-in): every error reported together, and
    nothing stored unless everything is valid. Answers to hidden questions are ignored."""
    if survey.status == SurveyState.draft or (mode == SubmissionMode.online and not survey.is_open):
        raise InvalidState("This survey is not open for answers.")
    by_id = {str(q.id): q for q in survey.questions}
    errors = {
        f"answers.{k}": ["There is no such question in this survey"]
        for k in answers
        if str(k) not in by_id
    }
    raws = {int(k): v for k, v in answers.items() if str(k) in by_id}
    results, values, visible = {}, {}, set()
    for q in survey.questions:
        if not is_visible(q, values, visible):
            continue
        visible.add(q.id)
        try:
            results[q.id] = validate_answer(q, raws.get(q.id))
        except AnswerError as exc:
            errors[f"answers.{q.id}"] = [str(exc)]
            continue
        values[q.id] = results[q.id][0] if results[q.id] else None
    about, about_errors = validate_about_you(about_you or {})
    errors.update({f"about_you.{k}": [m] for k, m in about_errors.items()})
    if errors:
        raise ValidationFailed(errors)
    submission, _ = start_submission(survey, respondent, mode, entered_by)
    for q in survey.questions:
        if results.get(q.id):
            _store(submission, q, results[q.id])
    for key in ABOUT_YOU_KEYS:
        setattr(submission, key, about.get(key))
    return complete_submission(submission, consent_to_quote, completed_at)


def get_open_survey(survey_id: int) -> Survey:
    """Any survey but a draft, with its sections and questions in one query: every answering
    page walks them, and loading them lazily cost a query per section and per earlier
    answer (a join is also half the CPU of an IN query per level here)."""
    survey = db.session.get(Survey, survey_id, options=[
        joinedload(Survey.sections).joinedload(SurveySection.questions)])
    if survey is None or survey.status == SurveyState.draft:
        raise NotFound("There is no such survey.")
    return survey
