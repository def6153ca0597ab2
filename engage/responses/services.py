"""Creating responses: the one function every channel calls."""

import secrets
from datetime import datetime

from flask import current_app

from engage.db import utcnow
from engage.errors import ValidationFailed
from engage.extensions import db
from engage.places import normalise_district, postcode_district
from engage.responses.equality import about_you_errors, record_equality_answers
from engage.responses.models import Channel, Response
from engage.responses.text import clean_text

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference(prefix: str = "R") -> str:
    """A short reference people can read out over the phone (no 0/O, 1/I)."""
    return prefix + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def create_response(channel: str, text: str, *, source_id: int | None = None,
                    district: str | None = None, postcode: str | None = None,
                    respondent=None, consent_to_quote: bool = False,
                    consent_to_contact: bool = False, community_group: str | None = None,
                    submitted_at: datetime | None = None,
                    privacy_notice_version: str | None = None, tag: bool | None = None,
                    about_you: dict | None = None) -> Response:
    """Validate and store one response from any channel, tag it and flag it for
    safeguarding if needed. `about_you`: the writer's optional equality answers (sessions,
    summit, 'tell us in confidence'), checked with the text and stored with it. Flushes;
    the caller commits."""
    if channel not in Channel.__members__:
        raise ValidationFailed(f"Channel must be one of: {', '.join(Channel)}", "channel")
    about, errors = about_you_errors(about_you, channel)
    try:
        text = validate_text(text)
    except ValidationFailed as exc:
        errors = exc.errors | errors
    if errors:
        raise ValidationFailed(errors)
    district_id = normalise_district(district)
    if district_id is None:
        raise ValidationFailed("Choose one of the eight districts, or leave it blank", "district")
    response = Response(
        reference=new_reference(), channel=channel, source_id=source_id, text=text,
        district=district_id, postcode_district=postcode_district(postcode),
        submitted_at=submitted_at or utcnow(), respondent=respondent,
        consent_to_quote=bool(consent_to_quote), consent_to_contact=bool(consent_to_contact),
        community_group=community_group,
        privacy_notice_version=privacy_notice_version or current_app.config["PRIVACY_NOTICE_VERSION"])
    db.session.add(response)
    if current_app.config["TAG_ON_CREATE"] if tag is None else tag:
        from engage.responses.tagging import tag_response

        tag_response(response)
    for hook in current_app.extensions.get("engage.response_hooks", []):
        hook(response)
    db.session.flush()
    record_equality_answers(response, about)
    return response


def validate_text(text) -> str:
    if not isinstance(text, str):
        raise ValidationFailed("Enter your views as text", "text")
    text = clean_text(text)
    if not text:
        raise ValidationFailed("Enter your views", "text")
    limit = current_app.config["RESPONSE_TEXT_MAX"]
    if len(text) > limit:
        raise ValidationFailed(f"Your views must be {limit:,} characters or fewer", "text")
    return text


def register_response_hook(app, hook) -> None:
    """Run `hook(response)` for every new response (the safeguarding detector plugs in here)."""
    app.extensions.setdefault("engage.response_hooks", []).append(hook)
