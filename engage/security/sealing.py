"""Encryption at rest for the few values a database read must not hand over: the sent copy
of an email's private link, and each member of staff's two-factor secret. One key per
purpose, derived from SECRET_KEY (HKDF), so a leaked dump or backup holds neither a live link
nor the means to make sign-in codes. Rotating SECRET_KEY breaks both: reset two-factor with
`flask users reset-2fa EMAIL` afterwards."""

import base64

import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

from engage.errors import DomainError

# Every Fernet token starts with its version byte 0x80, which base64 writes as "gAAAAA".
TOKEN_PREFIX = "gAAAAA"


class SealBroken(DomainError):
    """The sealed value cannot be opened: SECRET_KEY changed, or the row was altered."""


def _fernet(purpose: bytes, secret_key: str | None = None) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(
        (secret_key or current_app.config["SECRET_KEY"]).encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def seal(text: str, purpose: bytes, secret_key: str | None = None) -> str:
    return _fernet(purpose, secret_key).encrypt(text.encode()).decode()


def unseal(token: str, purpose: bytes, secret_key: str | None = None) -> str:
    try:
        return _fernet(purpose, secret_key).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise SealBroken("The sealed value cannot be opened (was SECRET_KEY changed?).") from exc


class SealedString(sa.TypeDecorator):
    """A string column stored sealed: Python sees the plain value, the database a token."""

    impl = sa.String
    cache_ok = True

    def __init__(self, length: int, purpose: bytes):
        super().__init__(length)
        self.purpose = purpose

    def process_bind_param(self, value, dialect):
        return None if value is None else seal(value, self.purpose)

    def process_result_value(self, value, dialect):
        return None if value is None else unseal(value, self.purpose)
