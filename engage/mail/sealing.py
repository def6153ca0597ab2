"""Sealing the sent copy of an email, so a database read (a backup, an officer's SQL
console, a leaked dump) holds no live reset, resume or cancellation link."""

from engage.security import sealing
from engage.security.sealing import SealBroken

PURPOSE = b"engage outbox seal v1"

__all__ = ["SealBroken", "seal", "unseal"]


def seal(text: str) -> str:
    return sealing.seal(text, PURPOSE)


def unseal(token: str) -> str:
    return sealing.unseal(token, PURPOSE)
