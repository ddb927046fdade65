"""Interface strings (``i18n/locale``, no context): key → (Chinese, English). Placeholders
use str.format names."""

from __future__ import annotations

import re

from i18n.catalogue import pairs

STRINGS: dict[str, tuple[str, str]] = pairs()  # key → (Chinese, English): the catalogue


# English nouns that follow a count in the strings above, and their singular.
_SINGULAR = {
    "members": "member", "organisations": "organisation", "branches": "branch",
    "people": "person", "warnings": "warning", "units": "unit", "activities": "activity",
    "patents": "patent", "applications": "application", "days": "day", "months": "month",
    "years": "year", "hours": "hour", "rows": "row", "problems": "problem", "files": "file",
    "versions": "version", "records": "record", "committees": "committee",
    "candidates": "candidate", "activists": "activist", "applicants": "applicant",
    "values": "value", "cells": "cell", "errors": "error", "times": "time",
    "characters": "character", "columns": "column", "lines": "line",
}  # fmt: skip
_ONE_OF = re.compile(r"(?<![\d.,])\b1 (" + "|".join(_SINGULAR) + r")\b")


def singular_after_one(text: str) -> str:
    """English with a count of one made singular: "1 warnings about 1 organisations" →
    "1 warning about 1 organisation" (10, 1.5 and 2,001 are left as they are)."""
    return _ONE_OF.sub(lambda m: f"1 {_SINGULAR[m.group(1)]}", text)


def N_(key: str) -> str:  # noqa: N802  # gettext's name for the marker
    """Marks a key for extraction (``pybabel extract -k N_``) where it is chosen, not
    translated: ``t(N_("change.up") if up else N_("change.down"), lang)``."""
    return key


def t(key: str, lang: str = "zh", **kw: object) -> str:
    """The string for ``key`` in ``lang`` ("zh" or "en"), formatted with ``kw``; in English
    a count of one takes the singular (``singular_after_one``)."""
    zh, en = STRINGS[key]
    if lang != "en":
        return zh.format(**kw) if kw else zh
    return singular_after_one(en.format(**kw)) if kw else en
