from pathlib import Path

from flask import Blueprint, Response, current_app, redirect, render_template, session, url_for
from flask_login import current_user

from engage.accounts.auth import roles_required
from engage.extensions import db, limiter
from engage.public import queries
from engage.public.cache import cached_page
from engage.public.forms import ConfidentialForm
from engage.responses.models import Channel
from engage.responses.services import create_response

bp = Blueprint("public", __name__)


@bp.get("/")
def home():
    return cached_page("home", lambda: render_template(
        "public/home.html", events=queries.upcoming_events(), surveys=queries.open_surveys(),
        summit=queries.current_summit()))


@bp.route("/tell-us", methods=["GET", "POST"])
@limiter.limit("10/minute", methods=["POST"])
def tell_us():
    form = ConfidentialForm()
    if form.validate_on_submit():
        response = create_response(
            Channel.direct, form.text.data, district=form.district.data or None,
            respondent=current_user if current_user.is_authenticated else None,
            consent_to_quote=form.consent_to_quote.data, about_you=form.about_you_data())
        db.session.commit()
        session["last_reference"] = response.reference
        return redirect(url_for("public.tell_us_sent"))
    return render_template("public/tell_us.html", form=form), 400 if form.errors else 200


@bp.get("/tell-us/sent")
def tell_us_sent():
    reference = session.get("last_reference")
    if not reference:
        return redirect(url_for("public.tell_us"))
    return render_template("public/tell_us_sent.html", reference=reference)


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico whatever the page says; answer it rather than 404."""
    path = Path(current_app.static_folder, "icons", "favicon.ico")
    return Response(path.read_bytes(), mimetype="image/x-icon",
                    headers={"Cache-Control": "public, max-age=86400"})


@bp.get("/privacy")
def privacy():
    return render_template("public/privacy.html")


@bp.get("/accessibility")
def accessibility():
    return render_template("public/accessibility.html")


@bp.get("/staff/")
@roles_required("officer", "analyst", "partner")
def staff_home():
    from engage.public.staff_needs import staff_needs
    from engage.worker.queries import worker_summary

    worker = worker_summary() if current_user.role in ("officer", "admin") else None
    return render_template("staff/home.html", needs=staff_needs(current_user), worker=worker)
