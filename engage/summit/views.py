from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask import Response as HttpResponse
from flask_login import current_user

from engage.accounts.auth import roles_required
from engage.audit.services import record_audit
from engage.errors import DomainError, ValidationFailed
from engage.extensions import db, limiter
from engage.summit import queries, services
from engage.summit.exports import write_csv
from engage.summit.forms import SubmissionForm, SummitForm
from engage.summit.models import (
    FREQUENCIES,
    NOT_REPORTED_REASONS,
    RESPONDENT_TYPES,
    RURAL_CRIMES,
    Summit,
)
from engage.summit.schemas import submissions_table
from engage.web import form_error

bp = Blueprint("summit", __name__, url_prefix="/summit")
CHOICES = {
    "respondent_types": RESPONDENT_TYPES,
    "crimes": RURAL_CRIMES,
    "frequencies": FREQUENCIES,
    "reasons": NOT_REPORTED_REASONS,
}


def _failed(form, exc: DomainError) -> None:
    """Put a service's errors on the form, and drop anything half-written."""
    db.session.rollback()
    errors = exc.errors if isinstance(exc, ValidationFailed) else {exc.field: [exc.message]}
    for field, messages in errors.items():
        for message in messages:
            form_error(form, field, message)


def _service_errors_too(form, user) -> None:
    """The form's own checks failed: add the service's checks now, so every mistake shows
    in one round rather than a second list after the first is fixed."""
    try:
        services.validate_submission(form.submission_data(), user)
    except ValidationFailed as exc:
        for field, messages in exc.errors.items():
            if field in form and not form[field].errors:  # no second message for one field
                form_error(form, field, messages[0])


@bp.get("/")
def index():
    return render_template("summit/index.html", summit=queries.current_summit())


@bp.route("/<int:summit_id>/submit", methods=["GET", "POST"])
@limiter.limit("10/minute", methods=["POST"])
def submit(summit_id: int):
    summit = db.get_or_404(Summit, summit_id)
    if not summit.can_accept_submissions():
        return render_template(
            "summit/closed.html", summit=summit
        ), 409 if request.method == "POST" else 200
    form = SubmissionForm()
    if form.validate_on_submit():
        user = current_user if current_user.is_authenticated else None
        try:
            submission = services.submit_to_summit(summit, form.submission_data(), user)
        except DomainError as exc:
            _failed(form, exc)
        else:
            db.session.commit()
            session["summit_reference"] = submission.reference
            return redirect(url_for("summit.sent"))
    elif form.is_submitted() and not form.errors.get("csrf_token"):
        _service_errors_too(form, current_user if current_user.is_authenticated else None)
    return render_template(
        "summit/submit.html", form=form, summit=summit, **CHOICES
    ), 400 if form.errors else 200


@bp.get("/sent")
def sent():
    reference = session.get("summit_reference")
    if not reference:
        return redirect(url_for("summit.index"))
    return render_template("summit/sent.html", reference=reference)


@bp.get("/manage")
@roles_required("officer")
def manage():
    return render_template("summit/manage.html", summits=queries.all_summits())


@bp.route("/manage/new", methods=["GET", "POST"])
@roles_required("officer")
def new():
    form = SummitForm()
    if form.validate_on_submit():
        try:
            summit = services.create_summit(form.summit_data(), current_user)
        except DomainError as exc:
            _failed(form, exc)
        else:
            db.session.commit()
            flash(f"{summit.title} set up", "success")
            return redirect(url_for("summit.agenda", summit_id=summit.id))
    return render_template("summit/form.html", form=form, summit=None), 400 if form.errors else 200


@bp.route("/manage/<int:summit_id>/edit", methods=["GET", "POST"])
@roles_required("officer")
def edit(summit_id: int):
    summit = db.get_or_404(Summit, summit_id)
    form = SummitForm()
    if form.validate_on_submit():
        try:
            services.update_summit(summit, form.summit_data(), current_user)
        except DomainError as exc:
            _failed(form, exc)
            summit = db.get_or_404(Summit, summit_id)
        else:
            db.session.commit()
            flash("Summit details saved", "success")
            return redirect(url_for("summit.agenda", summit_id=summit.id))
    elif not form.is_submitted():
        form.fill_from(summit)
    return render_template(
        "summit/form.html", form=form, summit=summit
    ), 400 if form.errors else 200


@bp.get("/manage/<int:summit_id>")
@roles_required("officer")
def agenda(summit_id: int):
    summit = db.get_or_404(Summit, summit_id)
    return render_template(
        "summit/agenda.html", agenda=queries.build_agenda(summit), reasons=NOT_REPORTED_REASONS
    )


@bp.get("/manage/<int:summit_id>/pack")
@roles_required("officer")
def pack(summit_id: int):
    summit = db.get_or_404(Summit, summit_id)
    agenda = queries.build_agenda(summit)
    _audit("summit.pack", summit, agenda.total)
    return render_template("summit/pack.html", agenda=agenda, **CHOICES)


@bp.get("/manage/<int:summit_id>/pack.csv")
@roles_required("officer")
def pack_csv(summit_id: int):
    summit = db.get_or_404(Summit, summit_id)
    agenda = queries.build_agenda(summit)
    headers, rows = queries.agenda_table(agenda)
    _audit("summit.pack_csv", summit, agenda.total)
    return _csv(write_csv(headers, rows), f"summit-{summit.year}-pack.csv")


@bp.get("/manage/<int:summit_id>/submissions")
@roles_required("officer")
def submissions(summit_id: int):
    summit = db.get_or_404(Summit, summit_id)
    subs = queries.submissions_of(summit)
    _audit("summit.submissions", summit, len(subs))
    return render_template("summit/submissions.html", summit=summit, submissions=subs, **CHOICES)


@bp.get("/manage/<int:summit_id>/submissions.csv")
@roles_required("officer")
def submissions_csv(summit_id: int):
    summit = db.get_or_404(Summit, summit_id)
    subs = queries.submissions_of(summit)
    headers, rows = submissions_table(subs)
    _audit("summit.submissions_csv", summit, len(subs))
    return _csv(write_csv(headers, rows), f"summit-{summit.year}-submissions.csv")


def _audit(action: str, summit: Summit, rows: int) -> None:
    """Submissions carry contact details and the public's words: every read is logged."""
    record_audit(current_user, action, {"summit_id": summit.id}, rows)
    db.session.commit()


def _csv(body: str, filename: str) -> HttpResponse:
    return HttpResponse(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename={filename}"},
    )
