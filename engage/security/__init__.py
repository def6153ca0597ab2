"""Rate limits on every public submission endpoint, including other domains' new ones:
found from the URL map when the app is built, so nobody has to remember to add them."""

from flask import Flask, abort, current_app, request

from engage.extensions import limiter

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Public endpoints that change nothing a stranger could abuse.
NOT_LIMITED = frozenset({"accounts.sign_out", "static"})
# One wrapper per view function: Flask-Limiter keys limits by the function's name, so
# wrapping again for every app built in the same process would count each request twice.
_WRAPPED: dict = {}


def public_submission_limit() -> str:
    return current_app.config["RATELIMIT_PUBLIC_SUBMISSIONS"]


def is_limited(view) -> bool:
    """Whether a view already carries a Flask-Limiter limit (it marks them with a weak proxy)."""
    return getattr(view, "__wrapper-limiter-instance", None) is not None


def public_write_endpoints(app: Flask) -> list[str]:
    """Endpoints anyone may send data to: write methods and no role check."""
    out = set()
    for rule in app.url_map.iter_rules():
        view = app.view_functions.get(rule.endpoint)
        if view is None or rule.endpoint in NOT_LIMITED or not (rule.methods & WRITE_METHODS):
            continue
        if getattr(view, "allowed_roles", None) is None and not getattr(
            view, "signed_in_only", False
        ):
            out.add(rule.endpoint)
    return sorted(out)


def limit_public_submissions(app: Flask) -> None:
    """Give every public write endpoint without its own limit the configured one."""
    for endpoint in public_write_endpoints(app):
        view = app.view_functions[endpoint]
        if is_limited(view):
            continue
        wrapped = _WRAPPED.get(view)
        if wrapped is None:
            wrapped = _WRAPPED[view] = limiter.limit(
                public_submission_limit, methods=sorted(WRITE_METHODS)
            )(view)
        app.view_functions[endpoint] = wrapped


def reject_oversized_bodies(app: Flask) -> None:
    """413 for any request declaring a body over MAX_CONTENT_LENGTH, before routing, role
    checks or redirects; Werkzeug alone only refuses once a view reads the body."""

    @app.before_request
    def _too_large():
        limit = app.config.get("MAX_CONTENT_LENGTH")
        if limit and request.content_length and request.content_length > limit:
            abort(413, f"The request is larger than {limit // (1024 * 1024)} MB.")


# Integer primary keys are 32-bit on PostgreSQL; a larger id in a URL names nothing.
MAX_ID = 2**31 - 1


def reject_out_of_range_ids(app: Flask) -> None:
    """404 for an integer in a URL beyond any id the database can hold, instead of the
    driver's overflow error (a 500) when a view looks it up."""

    @app.before_request
    def _id_in_range():
        for value in (request.view_args or {}).values():
            if isinstance(value, int) and not -MAX_ID <= value <= MAX_ID:
                abort(404)
