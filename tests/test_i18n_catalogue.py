"""The words live in one gettext catalogue per language (i18n/locale), and extraction by
Babel (what ``pybabel extract -F i18n/babel.cfg`` does) finds the keys the code uses: none
missing from the catalogue, none in it that nothing uses.

Keys the code builds from a value (``t(f"alert.{rule}", …)``) are not extractable; their
families and values are listed in tests/test_i18n_keys.py from the code's own constants.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from domain.contract import DATASETS
from i18n.catalogue import LOCALE_DIR, pairs
from tests.test_i18n_keys import BUILT

ROOT = Path(__file__).resolve().parent.parent
CODE = ("app", "pages", "report", "figures", "queries", "metrics", "ingest", "domain", "access")
WORDS = {"t": None, "N_": None}  # the interface's keys
PROBLEMS = {"problem": None, "message": None, "UploadError": None, "problems": None}


def _extracted(keywords: dict[str, None]) -> set[str]:
    """The keys passed as a literal to one of ``keywords`` anywhere in the code."""
    found: set[str] = set()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Babel's note on every f-string it passes over
        for folder in CODE:
            for _, _, message, _, _ in extract_from_dir(
                ROOT / folder, method_map=[("**.py", "python")], keywords=keywords
            ):
                found.add(message if isinstance(message, str) else message[0])
    return found


def _catalogue(lang: str) -> list[tuple[str | None, str, str]]:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return [(m.context, str(m.id), str(m.string)) for m in read_po(f) if m.id]


def test_every_key_the_code_writes_is_in_the_catalogue() -> None:
    assert sorted(_extracted(WORDS) - set(pairs())) == []


def test_every_problem_code_the_code_writes_is_in_the_catalogue() -> None:
    written = _extracted(PROBLEMS)
    assert "logic.stage_missing" in written  # the extraction sees method calls too
    assert sorted(written - set(pairs("problem"))) == []


def test_no_key_in_the_catalogue_is_unused() -> None:
    built = {prefix + value for prefix, values in BUILT.items() for value in values}
    written = _extracted(WORDS)
    families = tuple(BUILT)
    unused = [
        key
        for key in pairs()
        if key not in written and key not in built and not key.startswith(families)
    ]
    assert unused == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_language_has_every_message(lang: str) -> None:
    ids = {(context, msgid) for context, msgid, _ in _catalogue("zh")}
    here = {(context, msgid): text for context, msgid, text in _catalogue(lang)}
    assert set(here) == ids
    assert [key for key, text in here.items() if not text.strip()] == []


def test_the_catalogue_is_chinese_first() -> None:
    """Each interface key's Chinese is the zh catalogue's, its English the en one's."""
    zh = {msgid: text for context, msgid, text in _catalogue("zh") if context is None}
    en = {msgid: text for context, msgid, text in _catalogue("en") if context is None}
    assert (
        pairs()["kpi.active"]
        == (zh["kpi.active"], en["kpi.active"])
        == ("在册党员", "Active members")
    )


def test_every_column_of_the_contract_has_its_meaning_and_no_other() -> None:
    columns = {f"{d.name}.{f.name}" for d in DATASETS.values() for f in d.fields}
    meanings = pairs("meaning")
    assert set(meanings) == columns
    joined = ("入党日期（成为预备党员）", "Date admitted as a probationary member")
    assert meanings["members.joined_on"] == joined
