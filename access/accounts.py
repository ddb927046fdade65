"""Accounts: those of ``secrets.toml`` (read-only) and those kept in the store
(``access.ledger``), and what an admin or the person does to them.

A new or reset account gets a one-time password, shown once, which must be changed at the
next sign-in. A settings account wins over a stored one of the same name.
"""

from __future__ import annotations

import secrets
from dataclasses import replace

from access.config import AccessConfig, UserEntry
from access.ledger import Ledger
from access.passwords import hash_password

MIN_PASSWORD = 8
_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/l/I


def find(config: AccessConfig, ledger: Ledger | None, name: str) -> UserEntry | None:
    """The account called ``name`` (settings first), or None."""
    name = name.strip()
    if name in config.users:
        return config.users[name]
    return ledger.account(name) if ledger is not None and name else None


def listing(config: AccessConfig, ledger: Ledger | None) -> list[UserEntry]:
    """Every account: the settings' ones, then the store's (not shadowed by them)."""
    stored = ledger.accounts() if ledger is not None else []
    return [*config.users.values(), *(e for e in stored if e.name not in config.users)]


def one_time_password() -> str:
    """12 random characters that cannot be misread (no 0/O, 1/l/I)."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(12))


def new_account(
    name: str, display: str, role: str, scope: tuple[str, ...]
) -> tuple[UserEntry, str]:
    """A store account with a one-time password; returns it and the password (shown once)."""
    password = one_time_password()
    entry = UserEntry(
        name=name,
        password_hash=hash_password(password),
        role=role,
        display=display or name,
        scope=scope,
        must_change=True,
        source="store",
    )
    return entry, password


def reset(entry: UserEntry) -> tuple[UserEntry, str]:
    """``entry`` with a new one-time password; returns it and the password."""
    password = one_time_password()
    return replace(entry, password_hash=hash_password(password), must_change=True), password


def with_password(entry: UserEntry, password: str) -> UserEntry:
    """``entry`` with the password its owner chose. ValueError when it is too short."""
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password has at least {MIN_PASSWORD} characters")
    return replace(entry, password_hash=hash_password(password), must_change=False)
