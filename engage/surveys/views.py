"""Answering a survey, one section per page: works without JavaScript, keeps answers
going back and forth, 'save and come back later', check your answers, confirmation.
The staff pages are nested blueprints (builder and results)."""

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.exc import IntegrityError

from engage.errors import InvalidState, ValidationFailed
from engage.extensions import db, limiter
from engage.links import external_url
from engage.mail.services import private_link, send_email
from engage.security.throttle import allow_mail_to
from engage.surveys import pages
from engage.surveys.builder_views import bp as builder_bp
from engage.surveys.equality import about_you_questions_for
from engage.surveys.forms import ResumeEmailForm
from engage.surveys.models import SurveySubmission
from engage.surveys.queries import published_surveys
from engage.surveys.responding import (
    complete_submission,
    find_submission,
    get_open_survey,
    new_resume_token,
    reissue_token,
    save_about_you,
    save_section,
    start_submission,
)
from engage.surveys.results_views import bp as results_bp

bp = Blueprint("surveys", __name__)
bp.register_blueprint(builder_bp)
bp.register_blueprint(results_bp)


def _tokens() -> dict:
    return session.get("survey_tokens", {})


def _remember(survey_id: int, token: str) -> None:
    session["survey_tokens"] = _tokens() | {str(survey_id): token}


def _pending(survey_id: int) -> str | None:
    """The token given at the start page to a browser that has not answered a page yet:
    starting stores nothing, so pressing 'Start' cannot fill the table."""
    return session.get("survey_pending", {}).get(str(survey_id))


def _current(survey_id: int, pending_ok: bool = False):
    """This browser's submission for the survey (None if it has only pressed Start and
    `pending_ok`); redirect (via abort) if there is none."""
    survey = get_open_survey(survey_id)
    submission = find_submission(_tokens().get(str(survey_id)))
    if submission is None and pending_ok and _pending(survey_id) and survey.is_open:
        return survey, None
    if submission is None or submission.survey_id != survey.id:
        abort(redirect(url_for("surveys.start", survey_id=survey_id)))
    if submission.is_completed:
        abort(redirect(url_for("surveys.done", survey_id=survey_id)))
    if not survey.is_open:
        abort(redirect(url_for("surveys.start", survey_id=survey_id)))
    return survey, submission


@bp.get("/surveys/")
def index():
    return render_template("surveys/index.html", surveys=published_surveys())


@bp.get("/surveys/<int:survey_id>")
def start(survey_id: int):
    survey = get_open_survey(survey_id)
    submission = find_submission(_tokens().get(str(survey_id)))
    return render_template(
        "surveys/start.html",
        survey=survey,
        form=FlaskForm(),
        in_progress=submission is not None and not submission.is_completed,
    )


@bp.post("/surveys/<int:survey_id>/start")
@limiter.limit("30/minute")
def begin(survey_id: int):
    survey = get_open_survey(survey_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    if not survey.is_open:
        raise InvalidState("This survey is not open for answers.")
    session["survey_pending"] = session.get("survey_pending", {}) | {str(survey_id): new_resume_token()}
    return redirect(url_for("surveys.page", survey_id=survey_id, number=1))


@bp.post("/surveys/<int:survey_id>/continue/<int:submission_id>")
def continue_mine(survey_id: int, submission_id: int):
    """From "Your account": a signed-in resident picks up their own unfinished survey."""
    survey = get_open_survey(survey_id)
    submission = db.session.get(SurveySubmission, submission_id)
    if (not current_user.is_authenticated or submission is None
            or submission.survey_id != survey.id or submission.respondent_id != current_user.id
            or submission.is_completed or not FlaskForm().validate_on_submit()):
        abort(404)
    _remember(survey_id, reissue_token(submission))
    db.session.commit()
    return redirect(url_for("surveys.page", survey_id=survey_id, number=1))


@bp.route("/surveys/<int:survey_id>/page/<int:number>", methods=["GET", "POST"])
def page(survey_id: int, number: int):
    survey, submission = _current(survey_id, pending_ok=True)
    section = pages.section_or_404(survey, number)
    errors: dict[int, str] = {}
    if request.method == "POST" and FlaskForm().validate_on_submit():
        saving = request.form.get("action") == "save"
        new = submission is None
        try:
            if new:
                submission, token = start_submission(
                    survey, current_user if current_user.is_authenticated else None,
                    token=_pending(survey_id))
            errors = save_section(
                submission, section, pages.raws_from(section, request.form), require=not saving
            )
            if new and errors:
                db.session.rollback()  # still nothing stored until a page is answered
            else:
                db.session.commit()
                if new:
                    _remember(survey_id, token)
                    session["survey_pending"].pop(str(survey_id), None)
                    session.modified = True
        except IntegrityError:  # the same page sent twice at once: the other copy was saved
            db.session.rollback()
            return redirect(url_for("surveys.page", survey_id=survey_id, number=number))
        if not errors:
            if saving:
                return redirect(url_for("surveys.saved", survey_id=survey_id))
            return redirect(pages.next_url(survey, number))
    data = request.form if errors else pages.stored_formdata(submission) if submission else {}
    return render_template(
        "surveys/page.html",
        **pages.page_context(survey, submission, section, number),
        data=data,
        errors=errors,
        form=FlaskForm(),
    ), 400 if errors else 200


@bp.route("/surveys/<int:survey_id>/about-you", methods=["GET", "POST"])
def about_you(survey_id: int):
    survey, submission = _current(survey_id)
    if not survey.has_about_you:
        abort(404)
    errors: dict[str, str] = {}
    if request.method == "POST" and FlaskForm().validate_on_submit():
        errors = save_about_you(
            submission,
            {q["key"]: request.form.get(q["key"]) or None for q in about_you_questions_for(survey)},
        )
        db.session.commit()
        if not errors:
            if request.form.get("action") == "save":
                return redirect(url_for("surveys.saved", survey_id=survey_id))
            return redirect(url_for("surveys.check", survey_id=survey_id))
    data = (
        request.form
        if errors
        else {q["key"]: getattr(submission, q["key"]) for q in about_you_questions_for(survey)}
    )
    return render_template(
        "surveys/about_you.html",
        survey=survey,
        questions=about_you_questions_for(survey),
        data=data,
        errors=errors,
        form=FlaskForm(),
        back=url_for("surveys.page", survey_id=survey_id, number=len(survey.sections)),
    ), 400 if errors else 200


@bp.route("/surveys/<int:survey_id>/check", methods=["GET", "POST"])
@limiter.limit("20/minute", methods=["POST"])
def check(survey_id: int):
    survey, submission = _current(survey_id)
    error = None
    if request.method == "POST" and FlaskForm().validate_on_submit():
        consent = {"yes": True, "no": False}.get(request.form.get("consent_to_quote", ""))
        # Only a signed-in respondent has an address to hear back at.
        submission.hear_back = submission.respondent is not None and request.form.get("hear_back") == "yes"
        try:
            complete_submission(submission, consent)
        except ValidationFailed as exc:
            db.session.rollback()
            if exc.field == "consent_to_quote":
                error = exc.message
            else:
                flash(exc.message, "error")
                return redirect(pages.url_of_question(survey, exc.field))
        else:
            db.session.commit()
            return redirect(url_for("surveys.done", survey_id=survey_id))
    return render_template(
        "surveys/check.html",
        **pages.check_context(survey, submission),
        error=error,
        form=FlaskForm(),
    ), 400 if error else 200


@bp.route("/surveys/<int:survey_id>/saved", methods=["GET", "POST"])
@limiter.limit("5/minute", methods=["POST"])
def saved(survey_id: int):
    survey, _submission = _current(survey_id)
    link = external_url("surveys.resume", token=_tokens()[str(survey_id)])
    form = ResumeEmailForm()
    if form.validate_on_submit():
        if allow_mail_to(form.email.data):  # per address, on top of the per-IP limit
            send_email(
                form.email.data,
                f"Your link to carry on: {survey.title}",
                "survey_resume",
                survey=survey,
                link=private_link(link),
            )
        db.session.commit()
        flash(f"We have sent the link to {form.email.data}.", "success")
        return redirect(url_for("surveys.saved", survey_id=survey_id))
    return render_template(
        "surveys/saved.html", survey=survey, link=link, form=form
    ), 400 if form.errors else 200


@bp.get("/surveys/resume/<token>")
def resume(token: str):
    submission = find_submission(token)
    if submission is None:
        abort(404, "This link is not valid. Check you copied all of it.")
    _remember(submission.survey_id, token)
    if submission.is_completed:
        return redirect(url_for("surveys.done", survey_id=submission.survey_id))
    return redirect(pages.resume_url(submission))


@bp.get("/surveys/<int:survey_id>/done")
def done(survey_id: int):
    survey = get_open_survey(survey_id)
    submission = find_submission(_tokens().get(str(survey_id)))
    if submission is None or not submission.is_completed:
        return redirect(url_for("surveys.start", survey_id=survey_id))
    return render_template("surveys/done.html", survey=survey, submission=submission)
