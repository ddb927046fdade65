"""The view in the URL, in stable codes, so that a link opens the same view in either
language and after a reload.

Parameters (each left out at its default): ``lang=zh|en``; ``sector=<the contract's English
code>`` and ``community=<name>``, repeated for several; ``asof=YYYY-MM-DD``;
``period=YYYY-MM`` (the trend's first month); on their pages ``branch=<组织编号>``,
``freq=M|Q|Y``, ``by=sector|community``, ``dim=<dimension>``, ``cmp=YYYY-MM-DD``.

Widgets hold codes and show labels (``format_func``). They are not bound to the URL: on a
session's first run ``adopt`` keeps the URL's parameters; each widget takes its own with
``restore`` just before it is drawn; every run ends with ``publish``, which writes the
view's parameters (noted by the widgets with ``note``) to ``st.query_params``, so the
address bar is always the link to this view.

A widget whose labels are translated (TRANSLATED) has a key per language (``key``): the
browser keeps a widget's chosen labels, so the same widget would show Chinese labels in the
English view. ``note`` keeps every value, whatever the language, and ``restore`` gives it
to the other language's widget after a switch.

Links made before the codes still open their view: ``restore`` also reads a value by the
label it was shown with, in either language (``sector=非公企业``,
``sector_en=Private enterprises``, ``lang=English``, ``period=2014年1月``,
``branch=名称 · 编号``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from urllib.parse import urlencode, urlsplit

import streamlit as st

LANG_KEY = "lang"
LANGS = ("zh", "en")
TRANSLATED = ("sector", "period", "freq", "by", "dim")  # widgets whose labels are translated
_URL = "_url_given"  # the URL's parameters when the session opened, until each is restored
_NOTED = "_url_noted"  # this run's parameters, in the order the widgets noted them
_VIEW = "_url_view"  # every parameter's value as last drawn, whatever the language


def key(name: str, lang: str) -> str:
    """The widget key of parameter ``name`` in ``lang`` (one per language if TRANSLATED)."""
    return f"{name}.{lang}" if name in TRANSLATED else name


def put(name: str, value: object) -> None:
    """Set a parameter's value from a callback (a reset, a click on a chart): the widget
    shows it on the run that follows, in either language."""
    st.session_state.setdefault(_VIEW, {})[name] = value
    if name in TRANSLATED:
        for lang in LANGS:
            st.session_state.pop(key(name, lang), None)
    else:
        st.session_state[name] = value


def adopt() -> None:
    """On the session's first run: keep the URL's parameters for ``restore``."""
    if _URL not in st.session_state:
        st.session_state[_URL] = {k: st.query_params.get_all(k) for k in st.query_params}


def start_run() -> None:
    """The shell calls this first: the link is rebuilt from this run's widgets only."""
    adopt()
    st.session_state[_NOTED] = {}


def _given(name: str) -> list[str] | None:
    """The URL's values for ``name`` (or its pre-code ``name_en`` form), once."""
    given = st.session_state.get(_URL, {})
    values = given.pop(name, None)
    legacy = given.pop(f"{name}_en", None)
    return values if values is not None else legacy


def decode(
    value: str, options: Sequence[str], shown: Callable[[str, str], str] | None = None
) -> str | None:
    """The option that ``value`` names: the option itself, or the option shown (by
    ``shown(option, lang)``) as ``value`` in either language; None when none is."""
    if value in options:
        return value
    if shown is not None:
        for lang in LANGS:
            for option in options:
                if shown(option, lang) == value:
                    return option
    return None


def restore(
    name: str,
    options: Sequence[str],
    shown: Callable[[str, str], str] | None = None,
    multi: bool = False,
    lang: str = "zh",
) -> list[str]:
    """Before the widget of parameter ``name`` is drawn: on the session's first run, put the
    URL's value into its state; after a language switch, the value the other language's
    widget last had. Returns the URL's values that named no option (to say so)."""
    widget = key(name, lang)
    values = _given(name)
    if values is None:
        last = st.session_state.get(_VIEW, {}).get(name)
        if widget not in st.session_state and last is not None:
            kept = [v for v in last if v in options] if multi else last
            if multi or kept in options:
                st.session_state[widget] = kept
        return []
    found = [decode(v, options, shown) for v in values]
    chosen = [f for f in found if f is not None]
    if multi:
        st.session_state[widget] = list(dict.fromkeys(chosen))
    elif chosen:
        st.session_state[widget] = chosen[0]
    return [v for v, f in zip(values, found, strict=True) if f is None]


def restore_date(name: str, earliest: dt.date, latest: dt.date) -> None:
    """``restore`` for a date widget (its key is ``name``): an ISO date within [earliest,
    latest]."""
    values = _given(name)
    if not values:
        return
    try:
        day = dt.date.fromisoformat(values[0])
    except ValueError:
        return
    if earliest <= day <= latest:
        st.session_state[name] = day


def note(name: str, value: str | Iterable[str] | None, default: object = None) -> None:
    """Record a widget's value, as codes, for the URL (left out when it is the default) and
    for the other language's widget."""
    st.session_state.setdefault(_VIEW, {})[name] = (
        list(value) if value is not None and not isinstance(value, str) else value
    )
    if value is None or value == default:
        values: list[str] = []
    elif isinstance(value, str):
        values = [value]
    else:
        values = [str(v) for v in value]
    st.session_state.setdefault(_NOTED, {})[name] = values


def _pairs() -> list[tuple[str, str]]:
    noted = st.session_state.get(_NOTED, {})
    return [(name, v) for name, values in noted.items() for v in values if v]


def publish() -> None:
    """Write this run's parameters to the address bar (when they changed)."""
    params: dict[str, list[str]] = {}
    for name, value in _pairs():
        params.setdefault(name, []).append(value)
    if {k: st.query_params.get_all(k) for k in st.query_params} != params:
        st.query_params.from_dict({k: v[0] if len(v) == 1 else v for k, v in params.items()})


def current_link(page_name: str) -> str:
    """The address of this view: the page's own path and this run's parameters."""
    parts = urlsplit(st.context.url or "")
    base = f"{parts.scheme}://{parts.netloc}/{page_name}" if parts.netloc else f"/{page_name}"
    pairs = _pairs()
    return base + ("?" + urlencode(pairs) if pairs else "")


def default(key: str, **value: object) -> dict[str, object]:
    """A widget's default argument (``default=``, ``value=``, ``index=``), unless its state
    already holds a value (from the URL, or an earlier run): Streamlit warns when both are
    given."""
    return {} if key in st.session_state else value
