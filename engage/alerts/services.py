"""The alerts each domain's services call, in the caller's transaction."""

from datetime import datetime

import sqlalchemy as sa
from flask import current_app

from engage.accounts.models import User
from engage.accounts.roles import Role
from engage.alerts.models import RotaMember
from engage.extensions import db
from engage.mail.services import send_email

URGENT_CATEGORIES = {"self_harm"}


def public_url(path: str) -> str:
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + path


def active_officers() -> list[User]:
    return list(db.session.scalars(
        sa.select(User).where(User.role == Role.officer, User.is_active_account.is_(True)).order_by(User.email)))


def rota() -> list[User]:
    return list(db.session.scalars(
        sa.select(User).join(RotaMember, RotaMember.user_id == User.id)
        .where(User.is_active_account.is_(True)).order_by(User.email)))


def safeguarding_recipients() -> list[User]:
    """The rota's active members, or every active officer when it has none."""
    return rota() or active_officers()


def set_rota(user_ids: list[int]) -> list[User]:
    """Replace the rota with these officers (admin)."""
    officers = {u.id: u for u in active_officers()}
    db.session.execute(sa.delete(RotaMember))
    for user_id in user_ids:
        if user_id in officers:
            db.session.add(RotaMember(user_id=user_id))
    db.session.flush()
    return rota()


def alert_new_case(case) -> int:
    """Email the rota at once: the case's number, channel, time and a link; never the text."""
    urgent = bool(URGENT_CATEGORIES & set(case.categories or ()))
    subject = f"{'URGENT: ' if urgent else ''}New safeguarding case #{case.id}"
    on_rota = rota()
    people = on_rota or active_officers()
    for officer in people:
        send_email(officer.email, subject, "safeguarding_case", case=case, urgent=urgent,
                   on_rota=bool(on_rota), case_url=public_url(f"/staff/safeguarding/{case.id}"))
    return len(people)


def send_safeguarding_digest(now: datetime) -> int:
    """The morning list of open cases (numbers, ages and links), if there are any."""
    from engage.safeguarding.models import CaseState, SafeguardingCase

    cases = list(db.session.scalars(
        sa.select(SafeguardingCase).where(SafeguardingCase.state == CaseState.open)
        .order_by(SafeguardingCase.created_at)))
    if not cases:
        return 0
    people = safeguarding_recipients()
    for officer in people:
        send_email(officer.email, f"Safeguarding: {len(cases)} open case{'s' if len(cases) != 1 else ''}",
                   "safeguarding_digest", cases=cases, now=now,
                   urgent_ids={c.id for c in cases if URGENT_CATEGORIES & set(c.categories or ())},
                   queue_url=public_url("/staff/safeguarding/"), base=public_url(""))
    return len(people)


def alert_partner_application(org) -> None:
    for officer in active_officers():
        send_email(officer.email, f"Partner application: {org.name}", "partner_application",
                   org=org, review_url=public_url(f"/voices/partners/{org.id}"))


def tell_partner_decision(org) -> None:
    """Verified, rejected or suspended: the partner hears, with the officer's reason."""
    send_email(org.user.email, f"Your partner application: {org.status_name}", "partner_decision",
               org=org, voices_url=public_url("/voices/"))


def send_receipt(email: str | None, what: str, reference: str, title: str) -> None:
    """A resident's receipt for a survey or summit submission, when they gave an email."""
    if email:
        send_email(email, f"We have your {what}: reference {reference}", "submission_receipt",
                   what=what, reference=reference, title=title)
