"""Domain errors raised by services, and the handlers that turn any error into
a styled page or a JSON body of the form {"errors": {field: [messages]}}."""

from flask import render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException


class DomainError(Exception):
    status = 400

    def __init__(self, message: str, field: str = "_general"):
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(DomainError):
    status = 404


class NotAllowed(DomainError):
    status = 403


class InvalidState(DomainError):
    status = 409


class ValidationFailed(DomainError):
    status = 422

    def __init__(self, errors: dict[str, list[str]] | str, field: str = "_general"):
        if isinstance(errors, str):
            errors = {field: [errors]}
        self.errors = errors
        first = next(iter(errors.values()))
        super().__init__(first[0] if first else "Invalid input", next(iter(errors)))


def wants_json() -> bool:
    return request.path.startswith("/api/")


def json_error(status: int, errors: dict[str, list[str]]):
    return {"errors": errors}, status


def error_page(status: int, message: str | None = None):
    if status >= 500:
        from engage.plan.active import use_shipped_plan_for_this_request

        use_shipped_plan_for_this_request()
    return render_template(f"errors/{status}.html", message=message), status


def register_errorhandlers(app):
    @app.errorhandler(DomainError)
    def domain_error(exc: DomainError):
        if wants_json():
            errors = getattr(exc, "errors", None) or {exc.field: [exc.message]}
            return json_error(exc.status, errors)
        page = exc.status if exc.status in (403, 404) else 400
        return error_page(page, exc.message)

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        message = "Your form expired or was sent from another site. Go back, reload the page and try again."
        if wants_json():
            return json_error(400, {"csrf": [exc.description]})
        return error_page(400, message)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        if wants_json():
            return json_error(status, {"_general": [exc.description or exc.name]})
        body, _ = error_page(_page_for(status), exc.description)
        return body, status

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        from engage.extensions import db

        db.session.rollback()
        app.logger.exception("Unhandled error")
        if _is_db_outage(exc):
            if wants_json():
                return json_error(
                    503, {"_general": ["The service is briefly unavailable. Please try again in a minute."]}
                )
            return error_page(503)
        if wants_json():
            return json_error(500, {"_general": ["Something went wrong on our side."]})
        return error_page(500)


PAGES = (400, 403, 404, 413, 429, 500, 503)


def _page_for(status: int) -> int:
    if status in PAGES:
        return status
    return {401: 403, 405: 404, 410: 404}.get(status, 500 if status >= 500 else 400)


def _is_db_outage(exc: Exception) -> bool:
    """The database cannot be reached (refused, restarting, dropped): worth a retry."""
    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

    if isinstance(exc, OperationalError | InterfaceError):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)
