"""身份证号 in a typed table: hashed where a column naming a person holds them, the member's
key made from the hash when a roster has no 党员编号, and redacted in free text; never
kept, shown or printed."""

from __future__ import annotations

import pandas as pd

from domain.contract import (
    Kind,
    person_key_fields,
)
from domain.definitions import ID_NUMBER
from ingest.privacy import (
    REDACTED,
    hash_id_numbers,
)
from ingest.problems import Problem, problem
from ingest.typed import ID_HASH, Found, Typed


def hashed_key(hashes: pd.Series) -> pd.Series:
    """A record's key made from the salted hash of an ID number: "H" and 16 hex digits."""
    return "H" + hashes.str[:16]


def member_id_from_id_number(t: Typed) -> None:
    """A roster without 党员编号 (the official 党员基本信息汇总表): each member's key is the
    salted hash of 公民身份证号, "H" and its first 16 hex digits, as for ids that are ID
    numbers (``hash_id_like_ids``). The number itself is never kept."""
    f = t.dataset.id_field
    if f is None or f.fallback != "id_number" or ID_HASH not in t.frame:
        return
    ids = t.frame[f.name]
    t.frame[f.name] = ids.where(ids.notna(), hashed_key(t.frame[ID_HASH])).astype("str")


# A 公民身份号码 inside other text: 17 digits and a check digit, or the 15 digits of a first-
# generation card, not part of a longer number.
_ID_IN_TEXT = r"(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9])"


def redact_id_numbers(t: Typed) -> list[Found]:
    """Free text (names, titles, places: TEXT columns that are neither ids nor references)
    holding a 身份证号: the number is replaced by REDACTED as it is read, so it is never
    stored or shown; one warning per column says how many cells held one."""
    out: list[Found] = []
    for f in t.dataset.fields:
        if f.kind is not Kind.TEXT or f.unique or f.ref or f.resolves or f.name not in t.frame:
            continue
        text = t.frame[f.name]
        holds = text.str.contains(_ID_IN_TEXT, regex=True).fillna(False).to_numpy(dtype=bool)
        if not holds.any():
            continue
        t.frame[f.name] = text.str.replace(_ID_IN_TEXT, REDACTED, regex=True)
        out.append(column_warning(t, "value.id_number_in_text", f.name, int(holds.sum())))
    return out


def column_warning(t: Typed, code: str, name: str, n: int) -> Problem:
    """One warning about a whole column (how many of its cells), placed at its header."""
    return problem(code, t.file, row=int(t.rows[0]) - 1 if len(t.rows) else None,
                   column=t.header(name), severity="warning", n=n)  # fmt: skip


def hash_id_like_ids(t: Typed, salt: str) -> list[Found]:
    """Columns naming a person (``domain.contract.person_key_fields``: 党员编号, 人员编号, the
    ledger's 党员编号) that hold 身份证号, of either generation (``is_id_number``): those
    values are hashed like id_number (prefixed "H"), so that they are never stored and one
    person keeps one key in every table; one warning per column says how many."""
    out: list[Found] = []
    for f in person_key_fields(t.dataset):
        if f.name not in t.frame:
            continue
        ids = t.frame[f.name]
        text = ids.astype("str").str.replace(r"\s+", "", regex=True).str.upper()
        like = text.str.fullmatch(ID_NUMBER.pattern).fillna(False).to_numpy(dtype=bool)
        if not like.any():
            continue
        hashed = hashed_key(hash_id_numbers(ids.where(like), salt))
        t.frame[f.name] = ids.where(~like, hashed).astype(ids.dtype)
        out.append(column_warning(t, "value.looks_like_id_number", f.name, int(like.sum())))
    return out
