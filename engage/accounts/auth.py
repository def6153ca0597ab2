"""Who is asking: the session user, or a Bearer token for the JSON API; and the
role checks every staff page and API route declares."""

from functools import wraps

from flask import abort, g, request
from flask_login import current_user

from engage.accounts.models import User
from engage.accounts.roles import STAFF_ROLES, role_allows
from engage.accounts.tokens import user_for_api_token
from engage.extensions import db, login_manager

login_manager.login_view = "accounts.sign_in"
login_manager.login_message = "Sign in to see that page."
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(user_id: str):
    uid, _, version = user_id.partition(":")
    if not uid.isdigit():
        return None
    user = db.session.get(User, int(uid))
    if user is None or str(user.session_version) != version:
        return None
    return user


def _bearer_token(req) -> str:
    header = req.headers.get("Authorization", "")
    return header[len("Bearer "):].strip() if header.startswith("Bearer ") else ""


@login_manager.request_loader
def load_user_from_token(req):
    if not req.path.startswith("/api/"):
        return None
    return user_for_api_token(_bearer_token(req))


def has_valid_bearer() -> bool:
    """The request carries a live API token (only then may it skip CSRF: a forged
    browser request cannot attach one, but it can attach a made-up header)."""
    return user_for_api_token(_bearer_token(request)) is not None


def roles_required(*roles: str):
    """Page or API route for these roles (admins always). Not signed in: sign-in
    redirect for pages, 401 for the API; signed in with the wrong role: 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                if request.path.startswith("/api/"):
                    abort(401, "Sign in or send a Bearer token.")
                return login_manager.unauthorized()
            if not role_allows(current_user.role, roles):
                abort(403, "Your account's role does not give access to this page.")
            # Staff pages leave out the public "not the way to report a crime" banner.
            g.staff_page = any(role in STAFF_ROLES for role in roles)
            return view(*args, **kwargs)

        wrapped.allowed_roles = tuple(roles)
        return wrapped

    return decorator


def signed_in_required(view):
    """Any signed-in account (resident pages such as 'my submissions')."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            if request.path.startswith("/api/"):
                abort(401, "Sign in or send a Bearer token.")
            return login_manager.unauthorized()
        return view(*args, **kwargs)

    wrapped.signed_in_only = True
    return wrapped
