"""Personal data: 身份证号 hashed on read, phones dropped, names masked for display.

The salt makes hashes useless outside this installation while keeping them stable between
imports (so one person's records can be matched across versions). It comes from the
``DANGJIAN_ID_SALT`` environment variable, else from a git-ignored ``.dangjian_salt`` file
created at the project root on first use.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from pathlib import Path

import pandas as pd

from domain.definitions import is_id_number, normalise_id_number

SALT_ENV = "DANGJIAN_ID_SALT"
SALT_FILE = Path(__file__).resolve().parent.parent / ".dangjian_salt"


def get_salt() -> str:
    """The installation's salt (see module docstring)."""
    if env := os.environ.get(SALT_ENV):
        return env
    if SALT_FILE.exists():
        return SALT_FILE.read_text(encoding="utf-8").strip()
    salt = secrets.token_hex(16)
    SALT_FILE.write_text(salt, encoding="utf-8")
    return salt


def hash_id_numbers(values: pd.Series, salt: str) -> pd.Series:
    """SHA-256 of salt + normalised ID, hex, 32 characters; blank cells stay NA."""

    def one(value: object) -> str | None:
        if not isinstance(value, str | int) or not str(value).strip():
            return None
        text = normalise_id_number(str(value))
        return hashlib.sha256(f"{salt}:{text}".encode()).hexdigest()[:32]

    return values.map(one).astype("str")


def malformed_id_numbers(values: pd.Series) -> pd.Series:
    """True where a non-blank cell is not a 公民身份号码 (``domain.definitions.is_id_number``)."""

    def bad(value: object) -> bool:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return False
        text = normalise_id_number(str(value))
        return bool(text) and not is_id_number(text)

    return values.map(bad).astype(bool)


def mask_name(name: object) -> str:
    """张三明 -> 张*明; 张三 -> 张*; 欧阳小明 -> 欧**明; blank -> ''.

    The first and last characters are kept and every one between is starred; a two-character
    name keeps only the first. Latin names keep their first letter of each word.
    """
    if name is None or (isinstance(name, float) and pd.isna(name)):
        return ""
    text = str(name).strip()
    if not text:
        return ""
    if text.isascii():
        return " ".join(w[0] + "*" * (len(w) - 1) for w in text.split())
    if len(text) == 1:
        return "*"
    if len(text) == 2:
        return text[0] + "*"
    return text[0] + "*" * (len(text) - 2) + text[-1]


REDACTED = "（已隐去 redacted）"


_DATE_SHAPE = re.compile(r"^\d{4}[-/.年]\d{1,2}|^(19|20)\d{6}$")


def looks_personal(text: str) -> bool:
    """An ID-number shape, or a phone number (7 or more digits, allowing spaces, dashes, a
    leading +, that is not a date): never echoed in a report."""
    text = text.strip()
    if _DATE_SHAPE.match(text):
        return False
    digits = re.sub(r"[\s\-+()]", "", text)
    return is_id_number(digits) or (digits.isdigit() and len(digits) >= 7)


def redact(text: str) -> str:
    return REDACTED if looks_personal(text) else text


def looks_like_id_number(text: str) -> bool:
    """The shape of a 公民身份号码 (``domain.definitions.is_id_number``)."""
    return is_id_number(text)
