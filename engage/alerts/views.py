from flask import Blueprint, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField

from engage.accounts.auth import roles_required
from engage.alerts.services import active_officers, rota, set_rota
from engage.extensions import db

bp = Blueprint("alerts", __name__, url_prefix="/admin/safeguarding-rota")


class RotaForm(FlaskForm):
    officers = SelectMultipleField("Officers emailed at once about each new safeguarding case",
                                   coerce=int, validate_choice=False)


@bp.route("", methods=["GET", "POST"])
@roles_required("admin")
def edit():
    officers = active_officers()
    form = RotaForm(officers=[u.id for u in rota()])
    form.officers.choices = [(u.id, f"{u.name} ({u.email})" if u.name else u.email) for u in officers]
    if form.validate_on_submit():
        on = set_rota(form.officers.data or [])
        db.session.commit()
        flash(f"The safeguarding rota now has {len(on)} officer{'s' if len(on) != 1 else ''}.", "success")
        return redirect(url_for("alerts.edit"))
    return render_template("alerts/rota.html", form=form, officers=officers)
