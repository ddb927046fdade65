"""Widget state in the URL, so a copied link reopens the same view.

Widgets are bound with Streamlit's ``bind="query-params"``: the URL is updated as soon as
the user changes a widget. A bound widget writes its *displayed* label to the URL, and the
same value reads back only in the same language. So a widget whose labels are translated
has one key per language: ``sector`` in Chinese (``?sector=非公企业``) and ``sector_en`` in
English (``?lang=English&sector_en=Private+enterprises``). The language is in the URL too,
so a link always reopens in the language its labels are in; ``carry_over`` moves the values
to the other language's keys when the user switches.

(Writing ``st.query_params`` from the script instead reaches the browser's address bar one
interaction late in Streamlit 1.67, so a copied link would show the previous view.)
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st

LANG_KEY = "lang"
# Widgets whose displayed labels depend on the language.
TRANSLATED = ("sector", "period", "freq", "by", "dim")


def key(name: str, lang: str) -> str:
    """The widget key, and so the URL parameter, for ``name`` in ``lang``."""
    return name if lang == "zh" or name not in TRANSLATED else f"{name}_en"


def carry_over() -> None:
    """on_change of the language switch: move translated widgets' values to the new keys."""
    new = st.session_state.get(LANG_KEY) or "zh"
    old = "en" if new == "zh" else "zh"
    for name in TRANSLATED:
        before, after = key(name, old), key(name, new)
        if before in st.session_state:
            st.session_state[after] = st.session_state[before]
            del st.session_state[before]


_NOTED = "_url_noted"


def start_run() -> None:
    """dashboard.py calls this first: the link is rebuilt from this run's widgets only."""
    st.session_state[_NOTED] = {}


def note(widget_key: str, shown: str | list[str] | None) -> None:
    """Record a bound widget's value as its URL parameter shows it (its displayed label)."""
    st.session_state.setdefault(_NOTED, {})[widget_key] = shown


def current_link(page_name: str) -> str:
    """The address of this view, from the widgets drawn in this run.

    It is exact after every change. The browser's address bar is too after a direct change
    of a widget, but after a language switch or a click on a chart it can keep a parameter
    of the previous view (Streamlit 1.67 does not sync programmatic changes to the URL).
    """
    parts = urlsplit(st.context.url or "")
    path = "" if page_name == "overview" else page_name  # the default page lives at /
    base = f"{parts.scheme}://{parts.netloc}/{path}" if parts.netloc else f"/{path}"
    pairs: list[tuple[str, str]] = []
    for name, shown in st.session_state.get(_NOTED, {}).items():
        values = shown if isinstance(shown, list) else [shown]
        pairs += [(name, v) for v in values if v]
    return base + ("?" + urlencode(pairs) if pairs else "")
