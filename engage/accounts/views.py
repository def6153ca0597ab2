from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from flask_wtf import FlaskForm
from werkzeug.exceptions import NotFound as HttpNotFound

from engage.accounts import forms, services, tokens, two_factor, two_factor_views
from engage.accounts.auth import roles_required, signed_in_required
from engage.accounts.history import sent_by
from engage.accounts.models import User
from engage.audit.services import record_audit
from engage.db import utcnow
from engage.errors import DomainError
from engage.extensions import db, limiter
from engage.links import external_url
from engage.mail.services import private_link, send_email
from engage.web import form_error, home_for, safe_next

bp = Blueprint("accounts", __name__, url_prefix="/account")
admin_bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit("10/minute", methods=["POST"])
def sign_in():
    form = forms.SignInForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except DomainError as exc:
            db.session.commit()
            form_error(form, "password", exc.message)
            return render_template("accounts/sign_in.html", form=form), 400
        db.session.commit()
        if user is None:
            form_error(form, "email", "The email address or password is not right")
            return render_template("accounts/sign_in.html", form=form), 400
        if two_factor.asked_of(user):  # the password is only the first step
            return redirect(two_factor_views.start(user, request.args.get("next")))
        login_user(user)
        return redirect(safe_next(request.args.get("next")) or home_for(user))
    return render_template("accounts/sign_in.html", form=form), 400 if form.errors else 200


@bp.post("/sign-out")
def sign_out():
    if current_user.is_authenticated:
        services.end_sessions(current_user)
        db.session.commit()
    logout_user()
    # Everything this browser held goes: a survey in progress, tokens of half-done forms.
    session.clear()
    flash("You have signed out.", "success")
    return redirect(url_for("public.home"))


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("5/minute", methods=["POST"])
def register():
    form = forms.RegisterForm()
    if form.validate_on_submit():
        # The same page whether or not the address has an account; its owner is told by email.
        existing = services.get_user_by_email(form.email.data)
        if existing is None:
            try:
                user = services.create_user(form.email.data, form.password.data, name=form.name.data)
            except DomainError as exc:
                db.session.rollback()
                form_error(form, exc.field if exc.field in form else "email", exc.message)
                return render_template("accounts/register.html", form=form), 400
            services.send_account_notice(user.email, "account_created", user=user)
        else:
            services.hash_for_timing(form.password.data)
            services.send_account_notice(existing.email, "account_exists", user=existing)
        db.session.commit()
        return render_template("accounts/register_sent.html", email=form.email.data)
    return render_template("accounts/register.html", form=form), 400 if form.errors else 200


@bp.get("/")
@signed_in_required
def mine():
    from engage.events.registrations import registrations_of
    from engage.surveys.responding import unfinished_of

    return render_template("accounts/mine.html", responses=sent_by(current_user.id),
                           registrations=registrations_of(current_user.id),
                           unfinished=unfinished_of(current_user.id))


@bp.route("/password", methods=["GET", "POST"])
@signed_in_required
@limiter.limit("10/minute", methods=["POST"])
def change_password():
    form = forms.ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current_password.data, form.password.data)
        except DomainError as exc:
            db.session.commit()  # keep the failure count towards the lock
            form_error(form, exc.field if exc.field in form else "password", exc.message)
        else:
            db.session.commit()
            login_user(current_user._get_current_object())
            flash("Your password has been changed.", "success")
            return redirect(url_for("accounts.mine"))
    return render_template("accounts/change_password.html", form=form), 400 if form.errors else 200


@bp.route("/forgot-password", methods=["GET", "POST"])
@limiter.limit("5/minute", methods=["POST"])
def forgot_password():
    form = forms.ForgotPasswordForm()
    if form.validate_on_submit():
        user = services.get_user_by_email(form.email.data)
        if user is not None and user.is_active:
            link = external_url("accounts.reset_password", token=services.make_reset_token(user))
            send_email(user.email, "Reset your password", "password_reset", user=user, link=private_link(link))
            db.session.commit()
        # The same answer whether or not the account exists.
        return render_template("accounts/reset_sent.html", email=form.email.data)
    return render_template("accounts/forgot_password.html", form=form), 400 if form.errors else 200


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    return _password_from_link(services.user_for_reset_token, token,
                               "Your password has been reset. Sign in with your new password.")


def _password_from_link(find_user, token: str, done: str, invitation: bool = False):
    """A one-time emailed link (reset or invitation) where a person chooses a password."""
    try:
        user = find_user(token)
    except DomainError as exc:
        return render_template("accounts/reset_invalid.html", message=exc.message), 404
    form = forms.ResetPasswordForm()
    if form.validate_on_submit():
        try:
            services.set_new_password(user, form.password.data)
        except DomainError as exc:
            form_error(form, "password", exc.message)
        else:
            db.session.commit()
            flash(done, "success")
            return redirect(url_for("accounts.sign_in"))
    return render_template("accounts/reset_password.html", form=form, invitation=invitation,
                           user=user), 400 if form.errors else 200


@bp.route("/tokens", methods=["GET", "POST"])
@signed_in_required
def my_tokens():
    """A person's own API tokens: list, and revoke any of them."""
    form = FlaskForm()
    if form.validate_on_submit():
        tokens.revoke_token(request.form.get("token_id", type=int) or 0, current_user)
        db.session.commit()
        flash("Token revoked: it no longer works.", "success")
        return redirect(url_for("accounts.my_tokens"))
    return render_template("accounts/tokens.html", tokens=tokens.tokens_of(current_user),
                           owner=current_user, form=form, now=utcnow())


@admin_bp.route("/users/<int:user_id>/tokens", methods=["GET", "POST"])
@roles_required("admin")
def user_tokens(user_id: int):
    user = db.session.get(User, user_id) or _not_found()
    form = FlaskForm()
    if form.validate_on_submit():
        tokens.revoke_token(request.form.get("token_id", type=int) or 0, current_user, owner=user)
        db.session.commit()
        flash(f"Token revoked for {user.email}.", "success")
        return redirect(url_for("admin.user_tokens", user_id=user.id))
    return render_template("accounts/tokens.html", tokens=tokens.tokens_of(user), owner=user,
                           form=form, now=utcnow())


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    return _password_from_link(services.user_for_invitation_token, token,
                               "Your password is set. Sign in with it now.", invitation=True)


# Until a temporary password is changed, a signed-in account can only change it or sign out.
_ALLOWED_WHILE_TEMPORARY = {"accounts.change_password", "accounts.sign_out", "static",
                            "public.favicon"}


@bp.before_app_request
def _require_password_change():
    if (current_user.is_authenticated and getattr(current_user, "must_change_password", False)
            and request.endpoint not in _ALLOWED_WHILE_TEMPORARY
            and not request.path.startswith("/api/")):
        flash("Choose your own password before you go on: the one you were given was temporary.",
              "info")
        return redirect(url_for("accounts.change_password"))
    return None


@admin_bp.get("/users")
@roles_required("admin")
def users():
    people = db.session.scalars(db.select(User).order_by(User.role, User.email)).all()
    return render_template("admin/users.html", users=people)


@admin_bp.route("/users/new", methods=["GET", "POST"])
@roles_required("admin")
def new_user():
    form = forms.StaffAccountForm()
    if form.validate_on_submit():
        try:
            user = _create_staff_account(form)
        except DomainError as exc:
            db.session.rollback()
            form_error(form, exc.field if exc.field in form else "email", exc.message)
        else:
            db.session.commit()
            how = "invitation sent" if form.how.data == "invite" else "temporary password set"
            flash(f"Account created for {user.email} ({user.role}): {how}.", "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/new_user.html", form=form), 400 if form.errors else 200


def _create_staff_account(form) -> User:
    """By invitation (a one-time link by email) or with a temporary password that must be
    changed at first sign-in."""
    if form.how.data == "invite":
        user = services.invite_user(form.email.data, form.role.data, form.name.data)
        # A private link: the readable copy staff can see in the outbox withholds it.
        link = external_url("accounts.accept_invitation", token=services.make_invitation_token(user))
        send_email(user.email, "Your Make Notts Safe Engage account", "staff_invitation",
                   user=user, link=private_link(link))
    else:
        user = services.create_user(form.email.data, form.password.data, form.role.data,
                                    form.name.data)
        user.must_change_password = True
    record_audit(current_user, "account.create",
                 {"user_id": user.id, "role": user.role, "by": form.how.data}, 1)
    return user


@admin_bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@roles_required("admin")
def edit_user(user_id: int):
    user = db.session.get(User, user_id) or _not_found()
    form = forms.EditAccountForm(obj=user, active=user.is_active_account)
    if form.validate_on_submit():
        try:
            services.update_staff_account(user, form.role.data, form.active.data, current_user)
        except DomainError as exc:
            form_error(form, "role", exc.message)
        else:
            db.session.commit()
            flash(f"{user.email} updated.", "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/edit_user.html", form=form, user=user), 400 if form.errors else 200


@admin_bp.route("/users/<int:user_id>/two-factor", methods=["GET", "POST"])
@roles_required("admin")
def reset_user_two_factor(user_id: int):
    """A lost phone: the person sets two-factor sign-in up again at their next sign-in."""
    user = db.session.get(User, user_id) or _not_found()
    form = forms.ResetTwoFactorForm()
    if form.validate_on_submit():
        two_factor.reset(user, current_user, form.reason.data.strip())
        db.session.commit()
        flash(f"Two-factor sign-in reset for {user.email}: they set it up again at their next "
              "sign-in.", "success")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    return render_template("admin/reset_two_factor.html", form=form, user=user), \
        400 if form.errors else 200


def _not_found():
    raise HttpNotFound("No such account.")
