"""What every page shares: template globals, security headers and small view helpers."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import Flask, request, url_for

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
       "frame-ancestors 'none'")


CHANNEL_NAMES = {"event": "Meet the Commissioner", "survey": "Consultation survey",
                 "summit": "Rural crime summit", "voices": "Lesser-heard voices",
                 "direct": "Told us in confidence"}
LONDON = ZoneInfo("Europe/London")


def london(value: datetime | None, fmt: str = "%-d %B %Y %H:%M") -> str:
    """Naive UTC from the database, shown in Europe/London time."""
    if value is None:
        return ""
    return value.replace(tzinfo=UTC).astimezone(LONDON).strftime(fmt)


def last_day(value: datetime | None, fmt: str = "%-d %B %Y") -> str:
    """The one rule for closing dates: a deadline stored as 00:00 London (the exclusive end)
    is shown as the day before, the last day on which people can still respond."""
    if value is None:
        return ""
    local = value.replace(tzinfo=UTC).astimezone(LONDON)
    if (local.hour, local.minute, local.second) == (0, 0, 0):
        local -= timedelta(seconds=1)
    return local.strftime(fmt)


def closing(value: datetime | None) -> str:
    """'the end of 31 March 2027' for a whole-day deadline, else the exact London time."""
    if value is None:
        return ""
    local = value.replace(tzinfo=UTC).astimezone(LONDON)
    if (local.hour, local.minute, local.second) == (0, 0, 0):
        return "the end of " + last_day(value)
    return local.strftime("%-d %B %Y at %H:%M")


def staff_links(user) -> list[dict]:
    from engage.accounts.roles import role_allows
    from engage.staff_links import STAFF_LINKS

    return [{"url": url_for(endpoint), "text": text}
            for endpoint, text, roles in STAFF_LINKS
            if role_allows(user.role, roles) and not _partners_only(user, roles)]


def _partners_only(user, roles) -> bool:
    """A partner's own pages (their organisation, their feedback form) are not an admin's."""
    return roles == ("partner",) and user.role != "partner"


def home_for(user) -> str:
    """Where signing in lands: staff on the staff home, everyone else on the public home."""
    if user.role in ("officer", "analyst", "admin", "partner"):
        return url_for("public.staff_home")
    return url_for("public.home")


def register_web(app: Flask) -> None:
    from engage.links import external_url
    from engage.places import DISTRICTS, district_name

    app.jinja_env.globals.update(DISTRICTS=DISTRICTS, district_name=district_name,
                                 staff_links=staff_links, external_url=external_url)
    app.jinja_env.filters.update(
        london=london, last_day=last_day, closing=closing,
        channel_name=lambda c: CHANNEL_NAMES.get(c, c),
        capitalize_first=lambda s: s[:1].upper() + s[1:])

    from engage.plan.active import active_plan, forget_active_plan, label_name, plan_title

    app.jinja_env.globals["label_name"] = label_name
    app.jinja_env.filters["label_name"] = label_name
    app.jinja_env.globals.update(active_plan=active_plan, plan_title=plan_title)
    app.before_request(forget_active_plan)  # read the plan afresh for every request
    from engage.privacy.gate import register_template_helpers

    register_template_helpers(app)

    @app.after_request
    def _security_headers(response):
        h = response.headers
        h.setdefault("Content-Security-Policy", CSP)
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("X-Frame-Options", "DENY")
        h.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        h.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if app.config["SESSION_COOKIE_SECURE"]:
            h.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if request.endpoint and not request.path.startswith("/static/"):
            h.setdefault("Cache-Control", "no-store")
        return response


def form_error(form, field: str, message: str) -> None:
    """Attach a service's error to a form field so the error summary shows it."""
    target = getattr(form, field, None)
    if target is None:
        target = next(iter(form))
    target.errors = list(target.errors) + [message]


def safe_next(target: str | None) -> str | None:
    """Only same-site paths are followed after sign-in."""
    if not target or not target.isprintable():  # CR/LF would split the Location header
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
