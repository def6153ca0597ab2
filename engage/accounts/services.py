"""Account operations: creating users, signing in with lock-out, tokens, passwords."""

import secrets
from datetime import timedelta

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from engage.accounts.models import User, hash_token
from engage.accounts.roles import Role
from engage.audit.services import record_audit
from engage.db import utcnow
from engage.errors import InvalidState, NotFound, ValidationFailed
from engage.extensions import db

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
    user = User(email=email, role=role, name=name.strip())
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The user if the password is right and the account is not locked; failures count
    towards a temporary lock so passwords cannot be guessed online."""
    user = get_user_by_email(email)
    now = utcnow()
    if user is None:
        return None
    if user.locked_until and user.locked_until > now:
        raise InvalidState("Too many failed attempts. Try again in 15 minutes or reset your password.")
    if not user.check_password(password) or not user.is_active:
        user.failed_sign_ins += 1
        if user.failed_sign_ins >= MAX_FAILED_SIGN_INS:
            user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            user.failed_sign_ins = 0
        return None
    user.failed_sign_ins = 0
    user.locked_until = None
    user.last_sign_in_at = now
    return user


def end_sessions(user: User) -> None:
    """Invalidate every session cookie issued to this user."""
    user.session_version += 1


def change_password(user: User, current: str, new: str) -> None:
    if not user.check_password(current):
        raise ValidationFailed("Your current password is not right", "current_password")
    set_new_password(user, new)


def set_new_password(user: User, new: str) -> None:
    check_password_strength(new)
    user.set_password(new)
    user.password_changed_at = utcnow()
    user.must_change_password = False
    end_sessions(user)


def issue_api_token(user: User) -> str:
    """A new Bearer token for the JSON API; only its hash is stored, the old one stops working."""
    token = secrets.token_urlsafe(32)
    user.api_token_hash = hash_token(token)
    return token


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def make_reset_token(user: User) -> str:
    # The password hash is part of the signed data, so a token dies once used.
    return _reset_serializer().dumps({"id": user.id, "h": user.password_hash[-16:]})


def invite_user(email: str, role: str, name: str) -> User:
    """A staff account with no usable password: they choose one from the invitation link."""
    user = create_user(email, secrets.token_urlsafe(32), role, name)
    return user


def make_invitation_token(user: User) -> str:
    """Like a reset link (dies once used), signed apart and valid for longer."""
    serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="invitation")
    return serializer.dumps({"id": user.id, "h": user.password_hash[-16:]})


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
    user = db.session.get(User, data.get("id", 0))
    if user is None or user.password_hash[-16:] != data.get("h"):
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
