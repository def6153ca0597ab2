import json

from flask import Blueprint, flash, redirect, render_template, url_for
from flask import Response as HttpResponse
from flask_login import current_user

from engage.accounts.auth import roles_required
from engage.errors import DomainError
from engage.extensions import db
from engage.privacy import services
from engage.privacy.forms import EraseForm, PersonalExportForm, PurgeForm, SubjectForm
from engage.privacy.retention import purge
from engage.web import form_error

bp = Blueprint("privacy", __name__, url_prefix="/admin/privacy")


@bp.route("/", methods=["GET", "POST"])
@roles_required("admin")
def index():
    form = SubjectForm()
    subject = None
    if form.validate_on_submit():
        subject = services.search_subject(form.email.data, current_user)
        db.session.commit()
    return render_template(
        "privacy/index.html",
        form=form,
        subject=subject,
        erase_form=EraseForm(formdata=None, email=form.email.data),
    ), 400 if form.errors else 200


@bp.post("/export")
@roles_required("admin")
def export():
    form = SubjectForm()
    if not form.validate_on_submit():
        return render_template(
            "privacy/index.html", form=form, subject=None, erase_form=EraseForm(formdata=None)
        ), 400
    data = services.export_subject(form.email.data, current_user)
    db.session.commit()
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={"Content-Disposition": "attachment; filename=subject-access.json"},
    )


@bp.post("/erase")
@roles_required("admin")
def erase():
    form = EraseForm()
    if form.validate_on_submit():
        try:
            counts = services.erase_subject(form.email.data, current_user)
        except DomainError as exc:
            db.session.rollback()
            form_error(form, "email", exc.message)
        else:
            db.session.commit()
            done = (
                ", ".join(f"{name.replace('_', ' ')}: {n}" for name, n in counts.items())
                or "nothing was held"
            )
            flash(f"Erased. {done}.", "success")
            return redirect(url_for("privacy.index"))
    return render_template(
        "privacy/index.html", form=SubjectForm(formdata=None), subject=None, erase_form=form
    ), 400


@bp.get("/retention")
@roles_required("admin")
def retention():
    return _retention_page(PurgeForm(formdata=None))


@bp.post("/retention")
@roles_required("admin")
def run_purge():
    """The same purge as `flask privacy purge --apply`, after the admin confirms the
    preview; audited (privacy.purge, with the counts) by the service."""
    form = PurgeForm()
    if not form.validate_on_submit():
        return _retention_page(form), 400
    lines = purge(apply=True, actor=current_user)
    db.session.commit()
    changed = [f"{line.name.replace('_', ' ')}: {line.rows}" for line in lines if line.rows]
    flash(f"Purge run. {', '.join(changed) if changed else 'Nothing was due'}.", "success")
    return redirect(url_for("privacy.retention"))


def _retention_page(form):
    """The periods and what the next purge would change now (a dry run, rolled back)."""
    lines = purge(apply=False)
    db.session.rollback()
    return render_template(
        "privacy/retention.html", lines=lines, form=form, due=sum(line.rows for line in lines)
    )


@bp.route("/personal-export", methods=["GET", "POST"])
@roles_required("admin")
def personal_export():
    from engage.analysis.downloads import send_export
    from engage.responses.queries import ResponseFilter

    form = PersonalExportForm()
    if form.validate_on_submit():
        return send_export(ResponseFilter(), form.format.data, reason=form.reason.data.strip())
    return render_template("privacy/personal_export.html", form=form), 400 if form.errors else 200
