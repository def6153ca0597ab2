"""Officers build surveys: details, pages, questions, preview, publish, close,
duplicate; print a paper form and key returned ones in."""

from datetime import date, timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from engage.accounts.auth import roles_required
from engage.db import utcnow
from engage.errors import DomainError, ValidationFailed
from engage.extensions import db
from engage.surveys import pages, services
from engage.surveys.answers import raw_from_form
from engage.surveys.equality import about_you_questions
from engage.surveys.forms import QuestionForm, SectionForm, SurveyForm, london_day_to_utc
from engage.surveys.models import KIND_NAMES, SubmissionMode, Survey, SurveyQuestion, SurveySection
from engage.surveys.queries import all_surveys, completed_count
from engage.surveys.responding import submit_survey_response
from engage.web import form_error

bp = Blueprint("builder", __name__, url_prefix="/staff/surveys")


def _survey(survey_id: int) -> Survey:
    return db.get_or_404(Survey, survey_id)


def _section(survey: Survey, section_id: int) -> SurveySection:
    section = db.session.get(SurveySection, section_id)
    if section is None or section.survey_id != survey.id:
        abort(404)
    return section


def _question(survey: Survey, question_id: int) -> SurveyQuestion:
    question = db.session.get(SurveyQuestion, question_id)
    if question is None or question.survey_id != survey.id:
        abort(404)
    return question


def _done(survey: Survey, message: str):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("surveys.builder.show", survey_id=survey.id))


@bp.get("/")
@roles_required("officer", "analyst")
def index():
    surveys = all_surveys()
    return render_template(
        "surveys/staff/index.html",
        surveys=surveys,
        counts={s.id: completed_count(s) for s in surveys},
    )


@bp.route("/new", methods=["GET", "POST"])
@roles_required("officer")
def new():
    form = SurveyForm()
    if form.validate_on_submit():
        try:
            survey = services.create_survey(form.data_for_service(), current_user)
        except ValidationFailed as exc:
            form_error(form, "closes_on" if exc.field == "closes_at" else exc.field, exc.message)
        else:
            return _done(survey, "Survey created as a draft. Add its questions next.")
    return render_template(
        "surveys/staff/survey_form.html", form=form, survey=None
    ), 400 if form.errors else 200


@bp.get("/<int:survey_id>")
@roles_required("officer", "analyst")
def show(survey_id: int):
    survey = _survey(survey_id)
    return render_template(
        "surveys/staff/show.html",
        survey=survey,
        kinds=KIND_NAMES,
        form=FlaskForm(),
        locked=services.has_answers(survey),
        completed=completed_count(survey),
        section_form=SectionForm(formdata=None),
    )


@bp.route("/<int:survey_id>/edit", methods=["GET", "POST"])
@roles_required("officer")
def edit(survey_id: int):
    survey = _survey(survey_id)
    form = SurveyForm()
    if request.method == "GET":
        form.fill_from(survey)
    elif form.validate_on_submit():
        try:
            services.update_survey(survey, form.data_for_service())
        except ValidationFailed as exc:
            form_error(form, "closes_on" if exc.field == "closes_at" else exc.field, exc.message)
        else:
            return _done(survey, "Survey details saved.")
    return render_template(
        "surveys/staff/survey_form.html", form=form, survey=survey
    ), 400 if form.errors else 200


@bp.post("/<int:survey_id>/publish", defaults={"action": "publish"})
@bp.post("/<int:survey_id>/close", defaults={"action": "close"})
@bp.post("/<int:survey_id>/duplicate", defaults={"action": "duplicate"})
@roles_required("officer")
def change_state(survey_id: int, action: str):
    survey = _survey(survey_id)
    if action == "duplicate":
        copy = services.duplicate_survey(survey, current_user)
        return _done(copy, "This is a draft copy. Change what you need, then publish it.")
    try:
        (services.publish_survey if action == "publish" else services.close_survey)(survey)
    except DomainError as exc:
        flash(exc.message, "error")
        return redirect(url_for("surveys.builder.show", survey_id=survey.id))
    return _done(
        survey,
        "The survey is open for answers." if action == "publish" else "The survey is closed.",
    )


@bp.get("/<int:survey_id>/preview/<int:number>")
@roles_required("officer", "analyst")
def preview(survey_id: int, number: int):
    survey = _survey(survey_id)
    section = pages.section_or_404(survey, number)
    return render_template(
        "surveys/page.html",
        **pages.page_context(survey, None, section, number, preview=True),
        data=request.args,
        errors={},
        form=FlaskForm(),
    )


@bp.post("/<int:survey_id>/sections")
@roles_required("officer")
def add_section(survey_id: int):
    survey = _survey(survey_id)
    form = SectionForm()
    if not form.validate_on_submit():
        flash("Enter a title for the new page.", "error")
        return redirect(url_for("surveys.builder.show", survey_id=survey.id))
    try:
        services.add_section(survey, form.title.data, form.description.data or "")
    except DomainError as exc:
        flash(exc.message, "error")
        return redirect(url_for("surveys.builder.show", survey_id=survey.id))
    return _done(survey, "Page added.")


@bp.route("/<int:survey_id>/sections/<int:section_id>/edit", methods=["GET", "POST"])
@roles_required("officer")
def edit_section(survey_id: int, section_id: int):
    survey = _survey(survey_id)
    section = _section(survey, section_id)
    form = SectionForm(obj=section)
    if form.validate_on_submit():
        try:
            services.update_section(section, form.title.data, form.description.data or "")
        except DomainError as exc:
            form_error(form, "title", exc.message)
        else:
            return _done(survey, "Page saved.")
    return render_template(
        "surveys/staff/section_form.html", form=form, survey=survey, section=section
    ), 400 if form.errors else 200


@bp.post("/<int:survey_id>/sections/<int:section_id>/delete")
@roles_required("officer")
def delete_section(survey_id: int, section_id: int):
    survey = _survey(survey_id)
    try:
        services.delete_section(_section(survey, section_id))
    except DomainError as exc:
        flash(exc.message, "error")
        return redirect(url_for("surveys.builder.show", survey_id=survey.id))
    return _done(survey, "Page deleted.")


def _question_form(survey: Survey, section: SurveySection, question=None):
    form = QuestionForm()
    earlier = [q for s in survey.sections if s.position < section.position for q in s.questions]
    form.set_choices(earlier)
    if request.method == "GET" and question is not None:
        form.fill_from(question)
    return form


@bp.route("/<int:survey_id>/sections/<int:section_id>/questions/new", methods=["GET", "POST"])
@roles_required("officer")
def new_question(survey_id: int, section_id: int):
    survey = _survey(survey_id)
    section = _section(survey, section_id)
    form = _question_form(survey, section)
    return _save_question(form, survey, section, None,
                          lambda data: services.add_question(section, data), "Question added.")


@bp.route("/<int:survey_id>/questions/<int:question_id>/edit", methods=["GET", "POST"])
@roles_required("officer")
def edit_question(survey_id: int, question_id: int):
    survey = _survey(survey_id)
    question = _question(survey, question_id)
    form = _question_form(survey, question.section, question)
    return _save_question(form, survey, question.section, question,
                          lambda data: services.update_question(question, data), "Question saved.")


def _save_question(form, survey: Survey, section, question, save, message: str):
    """Add or edit: a service refusal lands on its field; the form comes back with a 400."""
    if form.validate_on_submit():
        try:
            save(form.data_for_service())
        except ValidationFailed as exc:
            form_error(form, exc.field, exc.message)
        except DomainError as exc:
            form_error(form, "text", exc.message)
        else:
            return _done(survey, message)
    return render_template(
        "surveys/staff/question_form.html", form=form, survey=survey, section=section,
        question=question, locked=question is not None and services.has_answers(survey),
    ), 400 if form.errors else 200


@bp.post("/<int:survey_id>/questions/<int:question_id>/delete", defaults={"action": "delete"})
@bp.post("/<int:survey_id>/questions/<int:question_id>/up", defaults={"action": "up"})
@bp.post("/<int:survey_id>/questions/<int:question_id>/down", defaults={"action": "down"})
@roles_required("officer")
def change_question(survey_id: int, question_id: int, action: str):
    survey = _survey(survey_id)
    question = _question(survey, question_id)
    try:
        if action == "delete":
            services.delete_question(question)
        else:
            services.move_question(question, -1 if action == "up" else 1)
    except DomainError as exc:
        flash(exc.message, "error")
        return redirect(url_for("surveys.builder.show", survey_id=survey.id))
    return _done(survey, "Question deleted." if action == "delete" else "Question moved.")


@bp.get("/<int:survey_id>/paper")
@roles_required("officer")
def paper(survey_id: int):
    survey = _survey(survey_id)
    return render_template("surveys/staff/paper.html", survey=survey, about=about_you_questions())


@bp.route("/<int:survey_id>/paper/enter", methods=["GET", "POST"])
@roles_required("officer")
def enter_paper(survey_id: int):
    survey = _survey(survey_id)
    errors: dict[str, str] = {}
    if request.method == "POST" and FlaskForm().validate_on_submit():
        try:
            submission = _submit_paper(survey)
        except ValidationFailed as exc:
            db.session.rollback()
            errors = {k: v[0] for k, v in exc.errors.items()}
        except DomainError as exc:
            db.session.rollback()
            errors = {"_general": exc.message}
        else:
            db.session.commit()
            flash(
                f"Paper response keyed in. Its reference is {submission.reference}: "
                "write it on the form.",
                "success",
            )
            return redirect(url_for("surveys.builder.enter_paper", survey_id=survey.id))
    return render_template(
        "surveys/staff/paper_entry.html",
        survey=survey,
        about=about_you_questions(),
        data=request.form,
        errors=errors,
        form=FlaskForm(),
        anchor_for=pages.anchor_for,
    ), 400 if errors else 200


def _submit_paper(survey: Survey):
    answers = {str(q.id): raw_from_form(q, request.form) for q in survey.questions}
    about = {q["key"]: request.form.get(f"about-{q['key']}") or None for q in about_you_questions()}
    consent = request.form.get("consent_to_quote") == "yes"
    return submit_survey_response(
        survey,
        answers,
        about if survey.has_about_you else {},
        consent_to_quote=consent,
        mode=SubmissionMode.paper,
        entered_by=current_user,
        completed_at=_received_at(request.form.get("received_on")),
    )


def _received_at(value: str | None):
    """The day the form arrived (so it counts in the right quarter); today if left blank."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationFailed(
            {"received_on": ["Enter the date the form arrived, like 2026-11-20"]}
        ) from None
    received = london_day_to_utc(day) + timedelta(hours=12)
    if received.date() > utcnow().date():
        raise ValidationFailed(
            {"received_on": ["The date the form arrived cannot be in the future"]}
        )
    return received
