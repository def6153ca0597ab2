"""User accounts, one table for residents, partners and staff."""

import hashlib
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from engage.accounts.roles import STAFF_ROLES, Role
from engage.db import TimestampMixin
from engage.extensions import db
from engage.security.sealing import SealedString

TOTP_PURPOSE = b"engage totp v1"


class User(UserMixin, TimestampMixin, db.Model):
    """A person who signs in. Residents never need one to respond."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120), default="")
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    role: Mapped[str] = mapped_column(sa.String(20), default=Role.resident)
    is_active_account: Mapped[bool] = mapped_column(default=True)
    last_sign_in_at: Mapped[datetime | None]
    password_changed_at: Mapped[datetime | None]
    # Bumped on sign-out and password change so old session cookies stop working.
    session_version: Mapped[int] = mapped_column(default=1)
    # Set when an admin typed a temporary password: it must be changed at first sign-in.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Base32 secret of two-factor sign-in codes (TOTP), sealed at rest; None when not set up.
    # Deferred: loaded only where codes are checked, so a seal broken by a new SECRET_KEY
    # fails there with a clear message and `flask users reset-2fa` can still clear it.
    totp_secret: Mapped[str | None] = mapped_column(SealedString(255, TOTP_PURPOSE),
                                                    deferred=True)

    @property
    def is_active(self) -> bool:
        return self.is_active_account

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class ApiToken(TimestampMixin, db.Model):
    """A Bearer token for the JSON API. Only a hash is stored, so reading the table gives
    no usable token; it expires, and its owner or an admin can revoke it."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # The first characters, so a person can tell their tokens apart in the list.
    hint: Mapped[str] = mapped_column(sa.String(8))
    label: Mapped[str] = mapped_column(sa.String(80), default="")
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(lazy="joined")

    def is_live(self, now: datetime) -> bool:
        return self.revoked_at is None and self.expires_at > now


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
