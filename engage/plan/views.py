"""The admin's plan page (upload a new plan file) and the staff's quarterly
Performance and Insight view."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from engage.accounts.auth import roles_required
from engage.extensions import db
from engage.plan.active import active_plan, forget_active_plan
from engage.plan.forms import PlanUploadForm
from engage.plan.performance import performance as performance_rows
from engage.plan.schema import PlanFileError
from engage.plan.services import load_plan, plan_versions

bp = Blueprint("plan", __name__)


@bp.route("/admin/plan", methods=["GET", "POST"])
@roles_required("admin")
def admin():
    form, problems = PlanUploadForm(), []
    if form.validate_on_submit():
        upload = form.plan_file.data
        try:
            version = load_plan(upload.read(), upload.filename, current_user)
        except PlanFileError as exc:
            db.session.rollback()
            forget_active_plan()
            problems = exc.problems
            form.plan_file.errors = [_not_loaded(upload.filename, len(problems))]
        else:
            db.session.commit()
            flash(f"{version.title} ({version.period}) is now the active plan (version {version.id}).", "success")
            return redirect(url_for("plan.admin"))
    return render_template("plan/admin.html", form=form, problems=problems, plan=active_plan(),
                           versions=plan_versions()), 400 if form.errors else 200


def _not_loaded(filename: str | None, n: int) -> str:
    return (f"{filename or 'The file'} was not loaded: it has {n} problem{'s' if n != 1 else ''}"
            " (listed below). The active plan is unchanged.")


@bp.get("/analysis/performance")
@roles_required("officer", "analyst")
def performance():
    return render_template("plan/performance.html", plan=active_plan(), rows=performance_rows())
