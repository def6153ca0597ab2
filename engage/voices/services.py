"""Partners applying and being verified, and the community feedback they submit."""

from datetime import date, timedelta

import sqlalchemy as sa

from engage.accounts import services as accounts
from engage.accounts.roles import STAFF_ROLES, Role
from engage.alerts.services import alert_partner_application, tell_partner_decision
from engage.audit.services import record_audit
from engage.db import utcnow
from engage.errors import InvalidState, NotAllowed, ValidationFailed
from engage.extensions import db
from engage.places import normalise_district
from engage.responses.models import Channel
from engage.responses.services import create_response, new_reference, validate_text
from engage.voices.communities import COMMUNITY_GROUPS, community_group_name
from engage.voices.models import GATHERING_METHODS, PartnerOrganisation, VoicesSubmission

MAX_PEOPLE = 10_000
MAX_VIEWS = 50
MAX_AGE_DAYS = 2 * 366
DECISIONS = ("verify", "reject", "suspend")


def organisation_of(user) -> PartnerOrganisation | None:
    if user is None or not getattr(user, "id", None):
        return None
    return db.session.scalar(
        sa.select(PartnerOrganisation).where(PartnerOrganisation.user_id == user.id)
    )


def _err(errors: dict, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _check_organisation(data: dict, errors: dict) -> dict:
    name = " ".join((data.get("name") or "").split())
    description = (data.get("description") or "").strip()
    communities = list(dict.fromkeys(data.get("communities") or []))
    website = (data.get("website") or "").strip() or None
    if not name:
        _err(errors, "name", "Enter the name of your organisation")
    elif len(name) > 200:
        _err(errors, "name", "The name must be 200 characters or fewer")
    if not description:
        _err(errors, "description", "Tell us what your organisation does and who it works with")
    elif len(description) > 5000:
        _err(errors, "description", "The description must be 5,000 characters or fewer")
    if not communities:
        _err(errors, "communities", "Choose at least one community you work with")
    elif any(c not in COMMUNITY_GROUPS for c in communities):
        _err(errors, "communities", "Choose communities from the list")
    if website and (not website.startswith(("https://", "http://")) or len(website) > 300):
        _err(errors, "website", "Enter a website address starting with https://")
    return {
        "name": name,
        "description": description,
        "communities": communities,
        "website": website,
    }


def _check_new_account(data: dict, errors: dict) -> None:
    email = (data.get("email") or "").strip()
    if not (data.get("contact_name") or "").strip():
        _err(errors, "contact_name", "Enter your name")
    if "@" not in email or len(email) > 254:
        _err(errors, "email", "Enter an email address in the correct format, like name@example.com")
    try:
        accounts.check_password_strength(data.get("password") or "")
    except ValidationFailed as exc:
        _err(errors, "password", exc.message)


class AccountExists(InvalidState):
    """An application without an account, from an address that has one. The view answers
    as it does for a new one and tells the owner by email, so nobody learns who is registered."""

    def __init__(self, user):
        super().__init__("An account with that email address already exists.", "email")
        self.user = user


def apply_for_partnership(data: dict, user=None) -> PartnerOrganisation:
    """An organisation's application. Without an account, one is made with the partner role;
    a resident's account becomes a partner account. Waits for an officer to verify it."""
    errors: dict[str, list[str]] = {}
    clean = _check_organisation(data, errors)
    if user is not None and user.role in STAFF_ROLES:
        raise InvalidState("Staff accounts cannot apply to be a partner. Sign out first.")
    if organisation_of(user) is not None:
        raise InvalidState("Your organisation has already applied. You can follow it here.")
    if user is None:
        _check_new_account(data, errors)
        if errors:
            raise ValidationFailed(errors)
        existing = accounts.get_user_by_email(data.get("email") or "")
        if existing is not None:
            raise AccountExists(existing)
        user = accounts.create_user(
            data.get("email") or "",
            data.get("password") or "",
            Role.partner,
            name=data.get("contact_name") or "",
        )
    elif errors:
        raise ValidationFailed(errors)
    user.role = Role.partner
    org = PartnerOrganisation(user_id=user.id, user=user, **clean)
    db.session.add(org)
    db.session.flush()
    alert_partner_application(org)
    return org


def decide_partner(org: PartnerOrganisation, decision: str, officer, note: str = "") -> None:
    """Verify, reject or suspend a partner; saying no needs a reason the partner will see."""
    note = (note or "").strip()
    if decision not in DECISIONS:
        raise ValidationFailed("Choose verify, reject or suspend", "decision")
    if decision != "verify" and not note:
        raise ValidationFailed("Give the reason, which the partner will see", "note")
    if len(note) > 2000:
        raise ValidationFailed("The reason must be 2,000 characters or fewer", "note")
    getattr(org, decision)(officer, note)
    record_audit(officer, f"partner.{decision}", {"partner_id": org.id}, 1, detail=note or None)
    db.session.flush()
    tell_partner_decision(org)


def _check_people(value, errors: dict) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        _err(
            errors, "people_count", "Enter how many people the feedback reflects, as a whole number"
        )
    elif not 1 <= value <= MAX_PEOPLE:
        _err(errors, "people_count", f"Enter a number of people between 1 and {MAX_PEOPLE:,}")


def _check_gathered_on(value, errors: dict) -> None:
    today = utcnow().date()
    if not isinstance(value, date):
        _err(errors, "gathered_on", "Enter the date the feedback was gathered, like 2026-10-14")
    elif value > today:
        _err(
            errors, "gathered_on", "The date the feedback was gathered must be today or in the past"
        )
    elif value < today - timedelta(days=MAX_AGE_DAYS):
        _err(errors, "gathered_on", "The feedback must have been gathered in the last two years")


def _check_views(views, errors: dict) -> list[str]:
    """Blank entries are skipped; errors name the entry's place in what was sent (views.0)."""
    if not isinstance(views, list):
        _err(errors, "views", "Give the views as a list of texts")
        return []
    given = [(i, v) for i, v in enumerate(views) if not (isinstance(v, str) and not v.strip())]
    if not given:
        _err(errors, "views", "Enter at least one view")
    elif len(given) > MAX_VIEWS:
        _err(errors, "views", f"Send no more than {MAX_VIEWS} views at a time")
    for i, text in given:
        try:
            validate_text(text)
        except ValidationFailed as exc:
            _err(errors, f"views.{i}", f"View {i + 1}: {exc.message}")
    return [v for _, v in given]


def validate_voices(data: dict) -> dict:
    errors: dict[str, list[str]] = {}
    if data.get("community_group") not in COMMUNITY_GROUPS:
        _err(errors, "community_group", "Choose the community the feedback comes from")
    _check_people(data.get("people_count"), errors)
    if data.get("method") not in GATHERING_METHODS:
        _err(errors, "method", "Choose how the feedback was gathered")
    _check_gathered_on(data.get("gathered_on"), errors)
    district = normalise_district(data.get("district"))
    if district is None:
        _err(errors, "district", "Choose one of the eight districts, or leave it blank")
    views = _check_views(data.get("views"), errors)
    if errors:
        raise ValidationFailed(errors)
    return {
        "community_group": data["community_group"],
        "people_count": data["people_count"],
        "method": data["method"],
        "gathered_on": data["gathered_on"],
        "district": district,
        "views": views,
    }


def submit_voices(user, data: dict) -> VoicesSubmission:
    """A verified partner's feedback from one community: every view becomes a `voices`
    response carrying the community group. All or nothing; flushes, the caller commits."""
    org = organisation_of(user)
    if org is None or not org.can_submit():
        raise NotAllowed(
            "Only verified partner organisations can submit community feedback. "
            "An officer has to verify your organisation first.",
            "organisation",
        )
    clean = validate_voices(data)
    if clean["community_group"] not in (org.communities or []):
        verified = "; ".join(community_group_name(c) for c in org.communities or []) or "no communities"
        raise ValidationFailed({"community_group": [
            f"Your organisation is verified to speak for {verified}, not "
            f"{community_group_name(clean['community_group'])}. Ask an officer to add it to your "
            "organisation first."]})
    views = clean.pop("views")
    submission = VoicesSubmission(
        reference=new_reference("V"), organisation=org, submitted_by=user, **clean
    )
    db.session.add(submission)
    db.session.flush()
    for text in views:
        create_response(
            Channel.voices,
            text,
            source_id=submission.id,
            district=clean["district"],
            community_group=clean["community_group"],
            consent_to_quote=bool(data.get("consent_to_quote")),
        )
    return submission
