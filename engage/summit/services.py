"""Setting up each year's summit and taking submissions to it."""

from datetime import datetime, timedelta

import sqlalchemy as sa

from engage.alerts.services import send_receipt
from engage.db import utcnow
from engage.errors import InvalidState, ValidationFailed
from engage.extensions import db
from engage.places import DISTRICTS, normalise_district
from engage.responses.equality import about_you_errors
from engage.responses.models import Channel
from engage.responses.services import create_response, new_reference, validate_text
from engage.summit.models import (
    FREQUENCIES,
    NOT_REPORTED_REASONS,
    RESPONDENT_TYPES,
    RURAL_CRIMES,
    Summit,
    SummitSubmission,
)

MAX_THEMES = 20
THEME_MAX = 200
PROGRESS_MAX = 20_000
SUMMIT_FIELDS = (
    "title",
    "held_on",
    "venue",
    "window_opens_at",
    "window_closes_at",
    "themes",
    "progress_report",
)


def clean_themes(themes) -> list[str]:
    """Themes as a list of short lines, blanks dropped, duplicates kept once."""
    if isinstance(themes, str):
        themes = themes.splitlines()
    out: list[str] = []
    for theme in themes or []:
        theme = " ".join(str(theme).split())
        if theme and theme not in out:
            out.append(theme)
    if len(out) > MAX_THEMES:
        raise ValidationFailed(f"Give no more than {MAX_THEMES} themes", "themes")
    if any(len(t) > THEME_MAX for t in out):
        raise ValidationFailed(f"Each theme must be {THEME_MAX} characters or fewer", "themes")
    return out


def _check_summit(data: dict, summit: Summit | None) -> None:
    opens, closes, held_on = data["window_opens_at"], data["window_closes_at"], data["held_on"]
    if closes <= opens:
        raise ValidationFailed(
            "The submission window must close after it opens", "window_closes_at"
        )
    # A day's slack: the window may close at midnight London time on the summit day.
    if closes.date() > held_on + timedelta(days=1):
        raise ValidationFailed(
            "The submission window must close by the day of the summit", "window_closes_at"
        )
    if len(data.get("progress_report") or "") > PROGRESS_MAX:
        raise ValidationFailed(
            f"The progress report must be {PROGRESS_MAX:,} characters or fewer", "progress_report"
        )
    clash = db.session.scalar(sa.select(Summit).where(Summit.year == held_on.year))
    if clash is not None and clash is not summit:
        raise InvalidState(f"There is already a summit for {held_on.year}", "held_on")


def create_summit(data: dict, actor=None) -> Summit:
    """A new year's summit; the year is the year it is held, one summit a year."""
    summit = Summit()
    _apply_summit(summit, data)
    db.session.add(summit)
    db.session.flush()
    return summit


def update_summit(summit: Summit, data: dict, actor=None) -> Summit:
    _apply_summit(summit, data)
    db.session.flush()
    return summit


def _apply_summit(summit: Summit, data: dict) -> None:
    data = {k: data.get(k) for k in SUMMIT_FIELDS}
    data["themes"] = clean_themes(data["themes"])
    _check_summit(data, summit if summit.id else None)
    year = data["held_on"].year
    summit.year = year
    summit.title = (data["title"] or "").strip() or f"Nottinghamshire Rural Crime Summit {year}"
    summit.held_on = data["held_on"]
    summit.venue = (data["venue"] or "").strip()
    summit.window_opens_at = data["window_opens_at"]
    summit.window_closes_at = data["window_closes_at"]
    summit.themes = data["themes"]
    summit.progress_report = (data["progress_report"] or "").strip()


def _err(errors: dict, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _check_crimes(data: dict, errors: dict) -> list[str]:
    crimes = data.get("crimes") or []
    if not isinstance(crimes, list) or any(c not in RURAL_CRIMES for c in crimes):
        _err(errors, "crimes", "Choose rural crimes from the list")
        return []
    crimes = list(dict.fromkeys(crimes))
    if not crimes:
        return crimes
    if data.get("frequency") and data["frequency"] not in FREQUENCIES:
        _err(errors, "frequency", "Choose how often from the list")
    if data.get("reported") is None:
        _err(errors, "reported", "Tell us whether you reported it to the police")
    elif data["reported"] is False:
        reason = data.get("not_reported_reason")
        if not reason:
            _err(errors, "not_reported_reason", "Tell us why you did not report it")
        elif reason not in NOT_REPORTED_REASONS:
            _err(errors, "not_reported_reason", "Choose a reason from the list")
    return crimes


def _check_speaker(data: dict, respondent, errors: dict) -> tuple[str | None, str | None]:
    if not data.get("wants_to_speak"):
        return None, None
    name = (data.get("contact_name") or getattr(respondent, "name", "") or "").strip()
    email = (data.get("contact_email") or getattr(respondent, "email", "") or "").strip().lower()
    if not name:
        _err(errors, "contact_name", "Give a name so we can invite you to speak")
    elif len(name) > 120:
        _err(errors, "contact_name", "Name must be 120 characters or fewer")
    if not email or "@" not in email or len(email) > 254 or " " in email:
        _err(
            errors,
            "contact_email",
            "Give an email address, like name@example.com, so we can invite you to speak",
        )
    return name, email


def _check_text(text, errors: dict) -> None:
    if isinstance(text, str) and not text.strip():
        _err(errors, "text", "Tell us what you would like the summit to address")
        return
    try:
        validate_text(text)
    except ValidationFailed as exc:
        _err(errors, "text", exc.message)


def validate_submission(data: dict, respondent=None) -> dict:
    """Every answer checked at once, so a person sees all their mistakes together."""
    errors: dict[str, list[str]] = {}
    if data.get("respondent_type") not in RESPONDENT_TYPES:
        _err(errors, "respondent_type", "Tell us who you are")
    district = normalise_district(data.get("district"))
    if district not in DISTRICTS:
        _err(errors, "district", "Choose the district the crimes happened in")
    for field, limit in (("organisation", 200), ("parish", 120)):
        if len((data.get(field) or "").strip()) > limit:
            _err(errors, field, f"{field.capitalize()} must be {limit} characters or fewer")
    crimes = _check_crimes(data, errors)
    name, email = _check_speaker(data, respondent, errors)
    _check_text(data.get("text"), errors)
    errors |= about_you_errors(data.get("about_you"))[1]
    if errors:
        raise ValidationFailed(errors)
    reported = data.get("reported") if crimes else None
    return {
        "respondent_type": data["respondent_type"],
        "district": district,
        "crimes": crimes,
        "organisation": (data.get("organisation") or "").strip() or None,
        "parish": (data.get("parish") or "").strip() or None,
        "frequency": (data.get("frequency") or None) if crimes else None,
        "reported": reported,
        "not_reported_reason": data.get("not_reported_reason") if reported is False else None,
        "wants_to_speak": bool(data.get("wants_to_speak")),
        "contact_name": name,
        "contact_email": email,
    }


def submit_to_summit(summit: Summit, data: dict, respondent=None) -> SummitSubmission:
    """Store a submission and its free text as a `summit` response, only inside the window.
    Flushes; the caller commits."""
    summit.check_accepting()
    submission = record_submission(summit, data, respondent)
    send_receipt(submission.contact_email or getattr(respondent, "email", None),
                 "rural crime summit submission", submission.reference, summit.title)
    return submission


def record_submission(
    summit: Summit, data: dict, respondent=None, submitted_at: datetime | None = None
) -> SummitSubmission:
    """The window-free part of a submission (the demo seeds past ones through it)."""
    clean = validate_submission(data, respondent)
    submission = SummitSubmission(
        summit=summit,
        reference=new_reference("S"),
        submitted_by=respondent,
        submitted_at=submitted_at or utcnow(),
        **clean,
    )
    db.session.add(submission)
    db.session.flush()
    submission.response = create_response(
        Channel.summit,
        data["text"],
        source_id=submission.id,
        district=clean["district"],
        respondent=respondent,
        consent_to_quote=bool(data.get("consent_to_quote")),
        submitted_at=submission.submitted_at,
        about_you=data.get("about_you"),
    )
    db.session.flush()
    return submission
