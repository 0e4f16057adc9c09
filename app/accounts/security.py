"""Passwords (argon2id) and opaque session tokens (only their SHA-256 is stored)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..config import get_settings


@lru_cache(maxsize=1)
def _hasher() -> tuple[PasswordHasher, str]:
    """argon2id with the configured cost, and a hash to verify against when the user does not
    exist (so the time taken does not tell whether an e-mail is registered)."""
    s = get_settings()
    hasher = PasswordHasher(time_cost=s.password_time_cost, memory_cost=s.password_memory_kib)
    return hasher, hasher.hash("not-a-real-password")


def hash_password(password: str) -> str:
    return _hasher()[0].hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    hasher, dummy = _hasher()
    try:
        return hasher.verify(password_hash or dummy, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
