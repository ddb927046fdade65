"""Widget state in the URL, with canonical values whatever the display language.

Streamlit's own ``bind="query-params"`` writes a widget's *displayed* label to the URL, so a
link copied from the English view would not reopen in Chinese. Here the URL holds the
canonical value (``?lang=en&sector=社区&asof=2018-11-30``): ``restore`` seeds a widget's state
from the URL the first time the widget appears in a session, and ``publish`` writes the
widget's value back after it is drawn (removing it when it is the default).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st


def restore(key: str, parse: Callable[[list[str]], Any | None]) -> None:
    """Before drawing the widget: take its value from the URL, once per session."""
    seeded = f"_url_seeded_{key}"
    if key in st.session_state or st.session_state.get(seeded):
        return
    st.session_state[seeded] = True
    values = st.query_params.get_all(key)
    if values:
        parsed = parse(values)
        if parsed is not None:
            st.session_state[key] = parsed


def publish(key: str, value: Any, default: Any) -> None:
    """After drawing the widget: write its value to the URL (or drop it when default)."""
    if value == default or value in (None, [], ()):
        if key in st.query_params:
            del st.query_params[key]
        return
    if isinstance(value, list | tuple):
        st.query_params[key] = [str(v) for v in value]
    elif isinstance(value, dt.date):
        st.query_params[key] = value.isoformat()
    else:
        st.query_params[key] = str(value)


def one_of(options: Sequence[str]) -> Callable[[list[str]], str | None]:
    allowed = set(options)
    return lambda values: values[-1] if values[-1] in allowed else None


def some_of(options: Sequence[str]) -> Callable[[list[str]], list[str] | None]:
    allowed = list(options)
    return lambda values: [v for v in allowed if v in set(values)] or None


def a_date(lo: dt.date, hi: dt.date) -> Callable[[list[str]], dt.date | None]:
    def parse(values: list[str]) -> dt.date | None:
        try:
            day = dt.date.fromisoformat(values[-1])
        except ValueError:
            return None
        return day if lo <= day <= hi else None

    return parse


def default_kw(key: str, name: str, value: Any) -> dict[str, Any]:
    """``{name: value}`` unless the widget's state is already set (avoids Streamlit's warning
    about a default and a session-state value at once)."""
    return {} if key in st.session_state else {name: value}
