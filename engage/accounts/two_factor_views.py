"""The second step of signing in: a code from an authenticator app, or enrolment when the
role requires it and the account has no secret yet; and optional enrolment for staff."""

from flask import Blueprint, abort, flash, redirect, render_template, session, url_for
from flask_login import current_user, login_user
from flask_wtf import FlaskForm
from wtforms import StringField

from engage.accounts import two_factor
from engage.accounts.auth import signed_in_required
from engage.accounts.models import User
from engage.errors import ValidationFailed
from engage.extensions import db, limiter
from engage.web import form_error, home_for, safe_next

bp = Blueprint("two_factor", __name__, url_prefix="/account/two-factor")
PENDING = "two_factor_pending"


class CodeForm(FlaskForm):
    code = StringField("Code from your authenticator app")


def start(user: User, next_url: str | None) -> str:
    """Password accepted: remember who is half signed in and where to go."""
    session[PENDING] = {"id": user.id, "v": user.session_version, "next": next_url}
    return url_for("two_factor.verify")


def _pending_user() -> User:
    pending = session.get(PENDING) or {}
    user = db.session.get(User, pending.get("id") or 0)
    if user is None or user.session_version != pending.get("v") or not user.is_active:
        session.pop(PENDING, None)
        abort(redirect(url_for("accounts.sign_in")))
    return user


@bp.route("/", methods=["GET", "POST"])
@limiter.limit("10/minute", methods=["POST"])
def verify():
    user = _pending_user()
    enrolling = not user.totp_secret
    secret = user.totp_secret or session[PENDING].setdefault("secret", two_factor.new_secret())
    session.modified = True
    form = CodeForm()
    if form.validate_on_submit():
        try:
            if enrolling:
                two_factor.enrol(user, secret, form.code.data)
            else:
                two_factor.check_code(secret, form.code.data)
        except ValidationFailed as exc:
            form_error(form, "code", exc.message)
        else:
            db.session.commit()
            pending = session.pop(PENDING)
            login_user(user)
            return redirect(safe_next(pending.get("next")) or home_for(user))
    return render_template("accounts/two_factor.html", form=form, enrolling=enrolling,
                           secret=secret, uri=two_factor.setup_uri(user, secret),
                           user=user), 400 if form.errors else 200


@bp.route("/set-up", methods=["GET", "POST"])
@signed_in_required
def set_up():
    """A signed-in member of staff turns two-factor sign-in on."""
    if not two_factor.may_enrol(current_user):
        abort(403, "Two-factor sign-in is for staff accounts.")
    if current_user.totp_secret:
        flash("Two-factor sign-in is already on for your account.", "info")
        return redirect(url_for("accounts.mine"))
    secret = session.setdefault("two_factor_new_secret", two_factor.new_secret())
    form = CodeForm()
    if form.validate_on_submit():
        try:
            two_factor.enrol(current_user, secret, form.code.data)
        except ValidationFailed as exc:
            form_error(form, "code", exc.message)
        else:
            db.session.commit()
            session.pop("two_factor_new_secret", None)
            flash("Two-factor sign-in is on: you will be asked for a code when you sign in.",
                  "success")
            return redirect(url_for("accounts.mine"))
    return render_template("accounts/two_factor.html", form=form, enrolling=True, secret=secret,
                           uri=two_factor.setup_uri(current_user, secret), user=current_user,
                           signed_in=True), 400 if form.errors else 200
