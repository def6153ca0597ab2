"""Account operations: creating users, signing in with lock-out, tokens, passwords."""

import hmac
import secrets
from datetime import timedelta

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from werkzeug.security import check_password_hash, generate_password_hash

from engage.accounts.models import User
from engage.accounts.roles import Role
from engage.accounts.tokens import issue_api_token, revoke_all_tokens
from engage.audit.services import record_audit
from engage.db import utcnow
from engage.errors import InvalidState, NotFound, ValidationFailed
from engage.extensions import db
from engage.links import external_url
from engage.mail.services import send_email
from engage.security import throttle

__all__ = ["issue_api_token"]  # the CLI and tests issue tokens through this module

MAX_FAILED_SIGN_INS = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 10


def get_user_by_email(email: str) -> User | None:
    return db.session.scalar(db.select(User).filter_by(email=email.strip().lower()))


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(f"Password must be at least {MIN_PASSWORD_LENGTH} characters", "password")
    if len(password) > 200:
        raise ValidationFailed("Password must be 200 characters or fewer", "password")


def create_user(email: str, password: str, role: str = Role.resident, name: str = "") -> User:
    """Create an account; email is unique regardless of case."""
    email = email.strip().lower()
    if role not in Role.__members__:
        raise ValidationFailed(f"Role must be one of: {', '.join(Role)}", "role")
    if get_user_by_email(email):
        raise InvalidState("An account with that email address already exists", "email")
    check_password_strength(password)
    user = User(email=email, role=role, name=(name or "").strip())
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


LOCKED = "Too many failed attempts. Try again in 15 minutes or reset your password."
_DUMMY_HASH: list[str] = []


def _password_matches(user: User | None, password: str) -> bool:
    """Check the password, spending the same time on an unknown account (a dummy hash
    of the same kind) so timing cannot tell which emails are registered."""
    if user is None:
        if not _DUMMY_HASH:
            _DUMMY_HASH.append(generate_password_hash("no account has this password"))
        check_password_hash(_DUMMY_HASH[0], password)
        return False
    return user.check_password(password)


def send_account_notice(email: str, template: str, **context) -> None:
    """'Your account is ready' or 'you already have an account': the page says the same
    either way, the email tells the owner of the address. At most a few an hour to one
    address, so the form cannot flood a stranger's inbox."""
    if throttle.allow_mail_to(email):
        subject = {"account_created": "Your account is ready",
                   "account_exists": "You already have an account"}[template]
        send_email(email, subject, template, sign_in=external_url("accounts.sign_in"),
                   reset=external_url("accounts.forgot_password"), **context)


def hash_for_timing(password: str) -> None:
    """Spend the time creating an account takes, on a path that creates none."""
    generate_password_hash(password)


def _count_failure(email: str) -> None:
    throttle.hit("sign-in", email, MAX_FAILED_SIGN_INS, timedelta(minutes=LOCK_MINUTES))


def authenticate(email: str, password: str) -> User | None:
    """The user if the password is right and the email is not locked; failures count
    towards a temporary lock so passwords cannot be guessed online. Unknown emails are
    counted and locked the same way, so neither answer nor timing shows who exists."""
    user = get_user_by_email(email)
    if throttle.is_blocked("sign-in", email):
        _password_matches(user, password)
        raise InvalidState(LOCKED)
    if not _password_matches(user, password) or not user.is_active:
        _count_failure(email)
        return None
    throttle.clear("sign-in", email)
    user.last_sign_in_at = utcnow()
    return user


def unlock(user: User) -> None:
    throttle.clear("sign-in", user.email)


def end_sessions(user: User) -> None:
    """Invalidate every session cookie and revoke every API token issued to this user."""
    user.session_version += 1
    revoke_all_tokens(user)


def change_password(user: User, current: str, new: str) -> None:
    """Change a signed-in person's password. Wrong current passwords count towards the
    same lock as sign-in, so a left-open session cannot be used to guess it."""
    if throttle.is_blocked("sign-in", user.email):
        raise InvalidState(LOCKED, "current_password")
    if not user.check_password(current):
        _count_failure(user.email)
        raise ValidationFailed("Your current password is not right", "current_password")
    set_new_password(user, new)


def set_new_password(user: User, new: str) -> None:
    """New password: every session and token ends, and a lock from failed sign-ins lifts."""
    check_password_strength(new)
    user.set_password(new)
    user.password_changed_at = utcnow()
    user.must_change_password = False
    end_sessions(user)
    unlock(user)


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def _password_stamp(user: User) -> str:
    """Changes whenever the password does, so a used link dies; a keyed hash, so the
    readable payload reveals nothing of the password hash."""
    return throttle.keyed_digest("password-reset", f"{user.id}:{user.password_hash}")[:32]


def make_reset_token(user: User) -> str:
    return _reset_serializer().dumps({"id": user.id, "s": _password_stamp(user)})


def invite_user(email: str, role: str, name: str) -> User:
    """A staff account with no usable password: they choose one from the invitation link."""
    user = create_user(email, secrets.token_urlsafe(32), role, name)
    return user


def make_invitation_token(user: User) -> str:
    """Like a reset link (dies once used), signed apart and valid for longer."""
    serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="invitation")
    return serializer.dumps({"id": user.id, "s": _password_stamp(user)})


def user_for_invitation_token(token: str) -> User:
    serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="invitation")
    return user_for_reset_token(token, serializer, current_app.config["INVITATION_MAX_AGE"],
                                "invitation")


def user_for_reset_token(token: str, serializer=None, max_age: int | None = None,
                         kind: str = "reset") -> User:
    max_age = max_age or current_app.config["PASSWORD_RESET_MAX_AGE"]
    try:
        data = (serializer or _reset_serializer()).loads(token, max_age=max_age)
    except SignatureExpired:
        raise InvalidState(f"This {kind} link has expired. Ask for a new one.") from None
    except BadSignature:
        raise NotFound(f"This {kind} link is not valid or has already been used.") from None
    user = db.session.get(User, data.get("id", 0)) if isinstance(data, dict) else None
    if user is None or not hmac.compare_digest(_password_stamp(user), str(data.get("s", ""))):
        raise NotFound(f"This {kind} link is not valid or has already been used.")
    return user


def update_staff_account(user: User, role: str, active: bool, actor: User) -> None:
    if user.id == actor.id and (role != user.role or not active):
        raise InvalidState("You cannot change your own role or deactivate yourself.")
    if role not in Role.__members__:
        raise ValidationFailed("Choose a role", "role")
    if role != user.role:
        record_audit(actor, "account.role", {"user_id": user.id, "from": user.role, "to": role}, 1)
    if active != user.is_active_account:
        action = "account.reactivate" if active else "account.deactivate"
        record_audit(actor, action, {"user_id": user.id, "role": role}, 1)
    user.role = role
    user.is_active_account = active
    if not active:
        end_sessions(user)
