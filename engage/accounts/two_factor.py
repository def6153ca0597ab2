"""Two-factor sign-in with time-based one-time codes (TOTP, RFC 6238, via pyotp): optional
for staff, required for the roles in TWO_FACTOR_REQUIRED_ROLES (admins by default). An
admin without a secret enrols at the next sign-in. When a phone is lost another admin resets it
at /admin/users/<id>/two-factor (with a reason), or an operator runs `flask users reset-2fa EMAIL`;
the secret is sealed at rest (engage.security.sealing)."""

import pyotp
from flask import current_app

from engage.accounts.models import User
from engage.accounts.roles import STAFF_ROLES
from engage.audit.services import record_audit
from engage.errors import NotAllowed, ValidationFailed
from engage.security.sealing import SealBroken

ISSUER = "Make Notts Safe Engage"


def required_for(user: User) -> bool:
    return user.role in current_app.config["TWO_FACTOR_REQUIRED_ROLES"]


def asked_of(user: User) -> bool:
    """Whether signing in needs a code (or enrolment) after the password. A secret that cannot
    be unsealed still asks: the code page then says why and no code is accepted."""
    try:
        return bool(user.totp_secret) or required_for(user)
    except SealBroken:
        return True


def may_enrol(user: User) -> bool:
    return user.role in STAFF_ROLES


def new_secret() -> str:
    return pyotp.random_base32()


def setup_uri(user: User, secret: str) -> str:
    """otpauth:// link an authenticator app reads (also typed in as the key)."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def check_code(secret: str, code: str) -> None:
    """A six-digit code valid now (one step of clock drift either way)."""
    code = (code or "").replace(" ", "").strip()
    if not (code.isdigit() and len(code) == 6):
        raise ValidationFailed("Enter the 6-digit code from your authenticator app", "code")
    if not pyotp.TOTP(secret).verify(code, valid_window=1):
        raise ValidationFailed("That code is not right. Enter the code your app shows now", "code")


def enrol(user: User, secret: str, code: str) -> None:
    check_code(secret, code)
    user.totp_secret = secret
    record_audit(user, "account.2fa.enrol", {"user_id": user.id}, 1)


def reset(user: User, actor=None, reason: str = "") -> None:
    """Recovery: remove the secret; a required role enrols again at the next sign-in. From
    the web an admin resets someone else's, never their own (a stolen session must not be
    able to turn its own second factor off); the CLI can reset anyone's."""
    if actor is not None and actor.id == user.id:
        raise NotAllowed("You cannot reset your own two-factor sign-in: ask another admin.")
    user.totp_secret = None
    record_audit(actor, "account.2fa.reset", {"user_id": user.id, "reason": reason}, 1)
