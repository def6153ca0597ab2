"""The JSON API under /api/v1: one blueprint, a module per domain."""

from flask import Blueprint, current_app, request
from flask_login import current_user

from engage.accounts.auth import has_valid_bearer
from engage.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


@bp.before_request
def _csrf_for_cookie_sessions():
    """Calls with a valid Bearer token and anonymous JSON calls need no CSRF token (JSON
    bodies force a CORS preflight); a browser session making a change must send one,
    even with a made-up Authorization header."""
    if request.method in ("GET", "HEAD", "OPTIONS") or has_valid_bearer():
        return
    # Same switch as the pages' CSRFProtect (tests turn it off; production never does).
    if current_user.is_authenticated and current_app.config.get("WTF_CSRF_ENABLED", True):
        csrf.protect()


from engage.api import analysis, events, openapi, outcomes, responses, summit, surveys, voices  # noqa: E402,F401  (routes)
