"""The words, one gettext catalogue per language (``locale/zh`` and ``locale/en``,
``LC_MESSAGES/messages.po``), read by Babel when the app starts; Chinese first.

A message's id is its key (``kpi.active``), in a context: none for the interface's words
(``t``), ``problem`` for ingest's problems and refused uploads (their code), ``label`` for
the contract's category labels (the Chinese label itself), ``meaning`` for what each column
of the contract holds (``dataset.column``), ``count`` for the word after a count (a plural
message: 名; member, members), ``plotly`` for the chart toolbar's tooltips (by their
English), ``streamlit`` for Streamlit's own words that a style sheet replaces in Chinese. A
translator's tools open the ``.po`` files as they are; ``pybabel extract`` with
``i18n/babel.cfg`` lists the keys the code writes (see tests/test_i18n_catalogue.py).
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def _read(lang: str) -> tuple[dict[tuple[str | None, str], str], dict[str, tuple[str, ...]]]:
    """(context, id) → text, in the catalogue's order; and the plural messages: id → their
    forms (CLDR's order: one, other)."""
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f)
    texts: dict[tuple[str | None, str], str] = {}
    forms: dict[str, tuple[str, ...]] = {}
    for m in catalog:
        if not m.id:
            continue
        if isinstance(m.string, tuple | list):  # a plural message
            forms[str(m.id[0])] = tuple(str(s) for s in m.string)
        else:
            texts[(m.context, str(m.id))] = str(m.string)
    return texts, forms


(_ZH, _ZH_FORMS), (_EN, _EN_FORMS) = _read("zh"), _read("en")


def pairs(context: str | None = None) -> dict[str, tuple[str, str]]:
    """Every message of ``context``: id → (Chinese, English), in the catalogue's order. A
    message without its English is shown in Chinese."""
    return {
        msgid: (zh, _EN.get((ctx, msgid)) or zh)
        for (ctx, msgid), zh in _ZH.items()
        if ctx == context
    }


def counted(key: str) -> tuple[str, str, str]:
    """The word after a count (``count`` context): (Chinese measure word, English one,
    English other)."""
    one, other = _EN_FORMS[key]
    return _ZH_FORMS[key][0], one, other


def meaning(dataset: str, column: str) -> tuple[str, str]:
    """What a column of the data contract holds, (Chinese, English): the catalogue's
    ``meaning`` context, by ``dataset.column``."""
    return _MEANINGS[f"{dataset}.{column}"]


_MEANINGS = pairs("meaning")
