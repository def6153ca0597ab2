"""Staff pages to record, correct and remove Key Ambition figures from other sources."""

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from engage.accounts.auth import roles_required
from engage.errors import ValidationFailed
from engage.extensions import db
from engage.plan import figures as service
from engage.plan.active import active_plan
from engage.plan.forms import FigureForm
from engage.plan.models import AmbitionFigure
from engage.plan.quarters import quarter_bounds, quarter_of

bp = Blueprint("figures", __name__, url_prefix="/staff/ambitions/figures")
STAFF = ("officer", "analyst")


def london_today():
    return datetime.now(ZoneInfo("Europe/London")).date()


@bp.get("/")
@roles_required(*STAFF)
def index():
    return render_template("plan/figures.html", figures=service.figures_for(), plan=active_plan(),
                           may_change=lambda f: service.may_change(f, current_user))


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def new():
    form = FigureForm(ambition_id=request.args.get("ambition"))
    return _save(form, lambda data: service.record_figure(data, current_user, london_today()), None)


@bp.route("/<int:figure_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit(figure_id: int):
    figure = _own(figure_id)
    quarter = quarter_of(figure.period_end)
    whole = quarter_bounds(quarter) == (figure.period_start, figure.period_end)
    form = FigureForm(obj=figure, quarter=quarter if whole else "")
    return _save(form, lambda data: service.update_figure(figure, data, current_user, london_today()), figure)


def _save(form: FigureForm, save, figure):
    form.set_choices(london_today())
    if form.is_submitted():
        if form.validate():
            try:
                saved = save(form.service_data())
            except ValidationFailed as exc:
                db.session.rollback()
                _attach(form, exc.errors)
            else:
                db.session.commit()
                flash(f"Figure saved: {saved.value:g} for {saved.period_start:%-d %b %Y} to "
                      f"{saved.period_end:%-d %b %Y} ({saved.source}).", "success")
                return redirect(url_for("figures.index"))
    return render_template("plan/figure_form.html", form=form, figure=figure), 400 if form.errors else 200


def _attach(form: FigureForm, errors: dict) -> None:
    for field, messages in errors.items():
        if field in ("period_start", "period_end") and form.quarter.data:
            field = "quarter"
        target = form[field] if field in form else form.ambition_id
        target.errors = list(target.errors) + list(messages)


@bp.route("/<int:figure_id>/delete", methods=["GET", "POST"])
@roles_required(*STAFF)
def delete(figure_id: int):
    figure, form = _own(figure_id), FlaskForm()
    if form.validate_on_submit():
        service.delete_figure(figure, current_user)
        db.session.commit()
        flash("Figure deleted.", "success")
        return redirect(url_for("figures.index"))
    return render_template("plan/figure_delete.html", figure=figure, form=form, plan=active_plan())


def _own(figure_id: int) -> AmbitionFigure:
    figure = db.session.get(AmbitionFigure, figure_id) or abort(404)
    if not service.may_change(figure, current_user):
        abort(403, "Only the person who recorded a figure (or an admin) can change it.")
    return figure
