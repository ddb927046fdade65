"""Salted password hashes with hashlib.scrypt (RFC 7914), never plain text.

A hash is one string: ``scrypt$N$r$p$<salt, base64>$<key, base64>`` with a 16-byte random
salt and a 32-byte key. N = 2**14, r = 8, p = 1 use 16 MiB and about 50 ms per check.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

N, R, P = 2**14, 8, 1
KEY_BYTES = 32
SALT_BYTES = 16
_MAXMEM = 64 * 2**20


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=KEY_BYTES, maxmem=_MAXMEM
    )


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """The stored form of ``password`` (a new random salt unless one is given)."""
    if not password:
        raise ValueError("a password cannot be empty")
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    key = _derive(password, salt, N, R, P)
    b64 = base64.b64encode
    return f"scrypt${N}${R}${P}${b64(salt).decode()}${b64(key).decode()}"


def is_password_hash(stored: object) -> bool:
    """``stored`` has the form ``hash_password`` writes (so a plain-text password is not
    mistaken for a hash)."""
    if not isinstance(stored, str):
        return False
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return False
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        key = base64.b64decode(parts[5], validate=True)
    except ValueError:
        return False
    power_of_two = n > 1 and n & (n - 1) == 0
    return power_of_two and r > 0 and p > 0 and len(salt) >= 8 and len(key) == KEY_BYTES


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches ``stored``, compared in constant time. A malformed
    stored hash matches nothing."""
    if not is_password_hash(stored):
        return False
    _, n, r, p, salt, key = stored.split("$")
    try:
        derived = _derive(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(derived, base64.b64decode(key))


# Checked against when the user name is unknown, so that a wrong name takes as long as a
# wrong password and does not reveal which names exist.
DUMMY_HASH = hash_password("not a password", salt=b"\0" * SALT_BYTES)
