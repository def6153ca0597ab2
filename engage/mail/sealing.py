"""Sealing the sent copy of an email, so a database read (a backup, an officer's SQL
console, a leaked dump) holds no live reset, resume or cancellation link."""

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

from engage.errors import DomainError


class SealBroken(DomainError):
    """The sealed copy cannot be opened: SECRET_KEY changed, or the row was altered."""


def _fernet() -> Fernet:
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"engage outbox seal v1"
    ).derive(current_app.config["SECRET_KEY"].encode())
    return Fernet(base64.urlsafe_b64encode(key))


def seal(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode()


def unseal(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise SealBroken("The sealed copy cannot be opened (was SECRET_KEY changed?).") from exc
