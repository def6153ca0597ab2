"""Bearer tokens for the JSON API: issued, found, listed and revoked. Only a hash is
stored; every token expires; ending a person's sessions revokes all of theirs."""

import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from engage.accounts.models import ApiToken, User, hash_token
from engage.db import utcnow
from engage.errors import NotAllowed, NotFound
from engage.extensions import db


def issue_api_token(user: User, label: str = "", days: int | None = None) -> str:
    """A new token for `user`, shown once; the stored row holds its hash only."""
    token = secrets.token_urlsafe(32)
    days = days or current_app.config["API_TOKEN_DAYS"]
    db.session.add(ApiToken(
        user_id=user.id, token_hash=hash_token(token), hint=token[:6], label=label.strip()[:80],
        expires_at=utcnow() + timedelta(days=days)))
    db.session.flush()
    return token


def user_for_api_token(token: str) -> User | None:
    """The active account whose live token this is, or None."""
    if not token:
        return None
    row = db.session.scalar(sa.select(ApiToken).filter_by(token_hash=hash_token(token)))
    if row is None or not row.is_live(utcnow()) or not row.user.is_active:
        return None
    return row.user


def tokens_of(user: User) -> list[ApiToken]:
    """Every token of the user, newest first, revoked and expired ones included."""
    return list(db.session.scalars(
        sa.select(ApiToken).filter_by(user_id=user.id).order_by(ApiToken.id.desc())))


def revoke_token(token_id: int, actor: User, owner: User | None = None) -> ApiToken:
    """Revoke one token (of `owner`, when given): its owner or an admin may. Flushes."""
    row = db.session.get(ApiToken, token_id) if 0 < token_id < 2**31 else None
    if row is None or (owner is not None and row.user_id != owner.id):
        raise NotFound("No such token.")
    if row.user_id != actor.id and actor.role != "admin":
        raise NotAllowed("You can only revoke your own tokens.")
    if row.revoked_at is None:
        row.revoked_at = utcnow()
    db.session.flush()
    return row


def revoke_all_tokens(user: User) -> int:
    """Revoke every live token of the user (sign-out, password change or reset, deactivation)."""
    result = db.session.execute(
        sa.update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow()))
    return result.rowcount or 0
