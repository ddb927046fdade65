"""The view in the URL, in stable codes, so that a link opens the same view in either
language and after a reload. The parameters are declared once, in ``app.params``.

A page binds a parameter to its widget with one call per widget kind (``segmented``,
``selectbox``, ``multiselect``, ``select_slider``, ``date_input``). Widgets hold codes and
show labels (``format_func``). On a session's first run ``adopt`` keeps the URL's
parameters; each binding call restores its own just before the widget is drawn and notes
the value after; every run ends with ``publish``, which writes the noted parameters (each
left out at its default) to ``st.query_params``, so the address bar is always the link to
this view.

A parameter whose labels are translated has a widget key per language (``Param.key``): the
browser keeps a widget's chosen labels, so the same widget would show Chinese labels in the
English view. The value noted is kept whatever the language, and restored into the other
language's widget after a switch.

Links made before the codes still open their view: a value is also read by the label it was
shown with, in either language (``sector=非公企业``, ``sector_en=Private enterprises``,
``lang=English``, ``period=2014年1月``, ``branch=名称 · 编号``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import streamlit as st

from i18n import t

LANGS = ("zh", "en")
Shown = Callable[[str, str], str]  # (code, lang) → the label shown
_URL = "_url_given"  # the URL's parameters when the session opened, until each is restored
_NOTED = "_url_noted"  # this run's parameters, in the order the widgets noted them
_VIEW = "_url_view"  # every parameter's value as last drawn, whatever the language
_UNMATCHED = "_url_unmatched"  # this run's URL values that named no option, by parameter
_SHOWN = "_url_shown"  # this run's bound widgets: widget key → (parameter, options or dates)


@dataclass(frozen=True)
class Param:
    """One parameter of the URL and the widget bound to it.

    ``name`` is the URL's name and the widget's key; ``options`` the codes when they are
    fixed (else the data gives them where the widget is bound); ``default`` the value left
    out of the link (None: the first option, or none chosen); ``shown(code, lang)`` the
    label of a code, or ``words``: the catalogue's ``words.<code>`` is; ``translated``
    whether that label depends on the language."""

    name: str
    options: tuple[str, ...] = ()
    default: str | None = None
    shown: Shown | None = None
    translated: bool = False
    words: str | None = None

    def key(self, lang: str) -> str:
        """The widget's key in ``lang``: one per language when the labels are translated."""
        return f"{self.name}.{lang}" if self.translated else self.name

    def label(self, code: str, lang: str) -> str:
        """How ``code`` is shown in ``lang``."""
        if self.words is not None:
            return t(f"{self.words}.{code}", lang)
        return self.shown(code, lang) if self.shown is not None else str(code)


def put(param: Param, value: object) -> None:
    """Set a parameter's value from a callback (a reset, a click on a chart): the widget
    shows it on the run that follows, in either language."""
    st.session_state.setdefault(_VIEW, {})[param.name] = value
    if param.translated:
        for lang in LANGS:
            st.session_state.pop(param.key(lang), None)
    else:
        st.session_state[param.name] = value


def adopt() -> None:
    """On the session's first run: keep the URL's parameters for the widgets."""
    if _URL not in st.session_state:
        st.session_state[_URL] = {k: st.query_params.get_all(k) for k in st.query_params}


def start_run() -> None:
    """The shell calls this first: the link is rebuilt from this run's widgets only."""
    adopt()
    st.session_state[_NOTED] = {}
    st.session_state[_UNMATCHED] = {}
    st.session_state[_SHOWN] = {}


def _record_shown(widget: str, param: Param, options: Sequence[object]) -> None:
    """Record that ``widget`` shows ``param`` this run, with its options (what
    tests/test_links.py walks)."""
    st.session_state.setdefault(_SHOWN, {})[widget] = (param.name, tuple(options))


def _given(name: str) -> list[str] | None:
    """The URL's values for ``name`` (or its pre-code ``name_en`` form), once."""
    given = st.session_state.get(_URL, {})
    values = given.pop(name, None)
    legacy = given.pop(f"{name}_en", None)
    return values if values is not None else legacy


def pending(param: Param, lang: str) -> list[str]:
    """The values ``param``'s widget may take this run, before it is drawn: the URL's (the
    session has just opened), the widget's own state, and its last value in either
    language. For a widget that lists only some of its options: these must be among them."""
    given = st.session_state.get(_URL, {})
    found = list(given.get(param.name) or given.get(f"{param.name}_en") or [])
    for value in (
        st.session_state.get(param.key(lang)),
        st.session_state.get(_VIEW, {}).get(param.name),
    ):
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list):
            found.extend(v for v in value if isinstance(v, str))
    return found


def decode(value: str, options: Sequence[str], shown: Shown | None = None) -> str | None:
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


def _restore(
    param: Param,
    options: Sequence[str],
    shown: Shown | None,
    multi: bool,
    lang: str,
) -> None:
    """Before the widget is drawn: a value its state holds that is no longer an option is
    dropped; on the session's first run, the URL's value goes into its state; after a
    language switch, the value the other language's widget last had. The URL's values
    that named no option are kept for ``unmatched``."""
    widget = param.key(lang)
    held = st.session_state.get(widget)
    if multi and isinstance(held, list) and any(v not in options for v in held):
        st.session_state[widget] = [v for v in held if v in options]
    elif not multi and widget in st.session_state and held not in options:
        del st.session_state[widget]
    values = _given(param.name)
    if values is None:
        last = st.session_state.get(_VIEW, {}).get(param.name)
        if widget not in st.session_state and last is not None:
            kept = [v for v in last if v in options] if multi else last
            if multi or kept in options:
                st.session_state[widget] = kept
        return
    found = [decode(v, options, shown) for v in values]
    chosen = [f for f in found if f is not None]
    if multi:
        st.session_state[widget] = list(dict.fromkeys(chosen))
    elif chosen:
        st.session_state[widget] = chosen[0]
    unmatched = [v for v, f in zip(values, found, strict=True) if f is None]
    st.session_state.setdefault(_UNMATCHED, {})[param.name] = unmatched


def unmatched(param: Param) -> list[str]:
    """This run's values of the link for ``param`` that named no option (to say so)."""
    return st.session_state.get(_UNMATCHED, {}).get(param.name, [])


def _restore_date(param: Param, earliest: dt.date, latest: dt.date) -> None:
    """The URL's ISO date, if within [earliest, latest], into the widget's state."""
    values = _given(param.name)
    if not values:
        return
    try:
        day = dt.date.fromisoformat(values[0])
    except ValueError:
        return
    if earliest <= day <= latest:
        st.session_state[param.name] = day


def note(param: Param, value: str | Iterable[str] | None, default: object = None) -> None:
    """Record a widget's value, as codes, for the URL (left out when it is the default) and
    for the other language's widget."""
    st.session_state.setdefault(_VIEW, {})[param.name] = (
        list(value) if value is not None and not isinstance(value, str) else value
    )
    if value is None or value == default:
        values: list[str] = []
    elif isinstance(value, str):
        values = [value]
    else:
        values = [str(v) for v in value]
    st.session_state.setdefault(_NOTED, {})[param.name] = values


def _initial(widget: str, **value: object) -> dict[str, object]:
    """A widget's initial value argument (``default=``, ``value=``, ``index=``), unless its
    state already holds one (from the URL, or an earlier run): Streamlit warns when both
    are given."""
    return {} if widget in st.session_state else value


class _Binding:
    """What every binding call shares: the options, default and labels of one parameter
    in one run."""

    def __init__(
        self,
        param: Param,
        lang: str,
        options: Sequence[str] | None,
        default: str | None,
        shown: Shown | None,
        multi: bool = False,
    ) -> None:
        self.param = param
        self.lang = lang
        self.options = list(param.options if options is None else options)
        self.default = param.default if default is None else default
        self.shown = shown or (param.label if param.words or param.shown else None)
        self.key = param.key(lang)
        _restore(param, self.options, self.shown, multi, lang)
        _record_shown(self.key, param, self.options)

    def format(self, code: str) -> str:
        return self.shown(code, self.lang) if self.shown is not None else str(code)

    def draw(self, widget: Any, label: str, initial: dict[str, object], **kwargs: Any) -> Any:
        """``widget`` drawn with this parameter's options, labels and key, starting from
        ``initial`` unless its state already holds a value."""
        start = _initial(self.key, **initial)
        return widget(label, self.options, format_func=self.format, key=self.key, **start, **kwargs)

    def done(self, value: Any) -> Any:
        """The value chosen (its default when none is), noted for the link."""
        value = self.default if value is None else value
        note(self.param, value, self.default)
        return value


def _binding_of(param: Param, lang: str, kw: dict[str, Any], multi: bool = False) -> _Binding:
    """The binding of ``param`` from a binding call's keywords: ``options`` (else the
    parameter's), ``default`` (else its), ``shown`` (else its labels); ``container`` and
    the rest stay in ``kw`` for the widget."""
    options, default, shown = (
        kw.pop("options", None),
        kw.pop("default", None),
        kw.pop("shown", None),
    )
    return _Binding(param, lang, options, default, shown, multi)


def segmented(param: Param, label: str, lang: str, **kw: Any) -> str:
    """A segmented control (one choice, always made) bound to ``param``; keywords as
    ``_binding_of`` takes them, and the widget's own."""
    binding = _binding_of(param, lang, kw)
    widget = kw.pop("container", st).segmented_control
    return binding.done(
        binding.draw(widget, label, {"default": binding.default}, required=True, **kw)
    )


def selectbox(param: Param, label: str, lang: str, **kw: Any) -> str:
    """A select box bound to ``param`` (its default, else the first option)."""
    binding = _binding_of(param, lang, kw)
    index = binding.options.index(binding.default) if binding.default in binding.options else 0
    return binding.done(
        binding.draw(kw.pop("container", st).selectbox, label, {"index": index}, **kw)
    )


def multiselect(param: Param, label: str, lang: str, **kw: Any) -> list[str]:
    """A multiselect bound to ``param``, repeated in the URL (none chosen by default)."""
    binding = _binding_of(param, lang, kw, multi=True)
    chosen = list(binding.draw(kw.pop("container", st).multiselect, label, {}, **kw))
    note(param, chosen)
    return chosen


def select_slider(param: Param, label: str, lang: str, **kw: Any) -> str:
    """A select slider bound to ``param``."""
    binding = _binding_of(param, lang, kw)
    widget = kw.pop("container", st).select_slider
    return binding.done(binding.draw(widget, label, {"value": binding.default}, **kw))


def date_input(
    param: Param,
    label: str,
    *,
    default: dt.date,
    earliest: dt.date,
    latest: dt.date,
    container: Any = st,
    **kwargs: Any,
) -> dt.date:
    """A date input bound to ``param``, in ISO form in the URL, within [earliest, latest]."""
    _restore_date(param, earliest, latest)
    widget = param.name  # a date's widget is the same in either language
    _record_shown(widget, param, (earliest, latest))
    day = container.date_input(
        label,
        min_value=earliest,
        max_value=latest,
        key=widget,
        format="YYYY-MM-DD",
        **_initial(widget, value=default),
        **kwargs,
    )
    day = day if isinstance(day, dt.date) else default
    note(param, day.isoformat(), default.isoformat())
    return day


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
