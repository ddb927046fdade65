"""The words, one gettext catalogue per language (``locale/zh`` and ``locale/en``,
``LC_MESSAGES/messages.po``), read by Babel when the app starts; Chinese first.

A message's id is its key (``kpi.active``), in one of three contexts: none for the
interface's words (``t``), ``problem`` for ingest's problems and refused uploads (their
code), ``label`` for the contract's category labels (the Chinese label itself). A
translator's tools open the ``.po`` files as they are; ``pybabel extract`` with
``i18n/babel.cfg`` lists the keys the code writes (see tests/test_i18n_catalogue.py).
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
CONTEXTS = (None, "problem", "label")


def _read(lang: str) -> dict[tuple[str | None, str], str]:
    """(context, id) → text, in the catalogue's order."""
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f)
    return {(m.context, str(m.id)): str(m.string) for m in catalog if m.id}


_ZH, _EN = _read("zh"), _read("en")


def pairs(context: str | None = None) -> dict[str, tuple[str, str]]:
    """Every message of ``context``: id → (Chinese, English), in the catalogue's order. A
    message without its English is shown in Chinese."""
    return {
        msgid: (zh, _EN.get((ctx, msgid)) or zh)
        for (ctx, msgid), zh in _ZH.items()
        if ctx == context
    }


def meaning(dataset: str, column: str) -> tuple[str, str]:
    """What a column of the data contract holds, (Chinese, English): the catalogue's
    ``meaning`` context, by ``dataset.column``."""
    return _MEANINGS[f"{dataset}.{column}"]


_MEANINGS = pairs("meaning")
