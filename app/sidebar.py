"""The sidebar: language and the filters every page shares, each kept in the URL (see
``app.url``) so that a copied link reopens the same view."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app import data, url
from app.context import Context
from i18n import fmt_month, label, t
from metrics.scope import Scope

LANG_NAMES = {"zh": "中文", "en": "English"}


def language() -> str:
    """The language switch (default Chinese), at the top of the sidebar."""
    choice = st.sidebar.segmented_control(
        "语言 / Language",
        options=list(LANG_NAMES),
        format_func=LANG_NAMES.__getitem__,
        default="zh",
        required=True,
        key=url.LANG_KEY,
        bind="query-params",
        on_change=url.carry_over,
    )
    lang = choice or "zh"
    url.note(url.LANG_KEY, LANG_NAMES[lang] if lang != "zh" else None)
    return lang


def share_link(lang: str, page_name: str) -> None:
    """At the foot of the sidebar: the link that reopens exactly this view."""
    with st.sidebar.expander(t("sidebar.share", lang)):
        st.caption(t("sidebar.share.help", lang))
        st.code(url.current_link(page_name), language=None, wrap_lines=True)


def _months(start: pd.Timestamp, end: pd.Timestamp) -> list[str]:
    return [d.strftime("%Y-%m") for d in pd.date_range(start.replace(day=1), end, freq="MS")]


def default_start(latest: pd.Timestamp, months: list[str]) -> str:
    """Trends start in January five years before the latest date (or at the data's start)."""
    return max(months[0], (latest - pd.DateOffset(years=5)).strftime("%Y-01"))


def _clear(lang: str, latest: dt.date, start: str) -> None:
    st.session_state[url.key("sector", lang)] = []
    st.session_state["community"] = []
    st.session_state["asof"] = latest
    st.session_state[url.key("period", lang)] = start


def _follow_new_data(folder: str, version: str, earliest: dt.date, latest: dt.date) -> None:
    """When the data shown changes in this session (an import, a rollback), the as-of date
    moves to the new data's latest date if it stood at the old one's, and is kept within
    the new data's dates otherwise."""
    seen = st.session_state.get("_data_shown")
    st.session_state["_data_shown"] = (folder, version, latest)
    if seen is None or seen[:2] == (folder, version) or "asof" not in st.session_state:
        return
    chosen = st.session_state["asof"]
    if not isinstance(chosen, dt.date) or chosen == seen[2]:
        st.session_state["asof"] = latest
    else:
        st.session_state["asof"] = min(max(chosen, earliest), latest)


def filters(lang: str, folder: str, version: str, sample: bool) -> Context:
    """Sector, community, as-of date and trend period; returns the page context."""
    opts = data.options(folder, version)
    latest = data.latest_date(folder, version)
    earliest = data.earliest_date(folder, version)
    _follow_new_data(folder, version, earliest.date(), latest.date())
    side = st.sidebar
    side.subheader(t("sidebar.filters", lang))
    sectors = side.multiselect(
        t("sidebar.sector", lang),
        opts["sector"],
        format_func=lambda s: label(s, lang),
        placeholder=t("sidebar.sector.all", lang),
        key=url.key("sector", lang),
        bind="query-params",
    )
    communities = side.multiselect(
        t("sidebar.community", lang),
        opts["community"],
        placeholder=t("sidebar.community.all", lang),
        key="community",
        bind="query-params",
    )
    as_of = side.date_input(
        t("sidebar.as_of", lang),
        value=latest.date(),
        min_value=earliest.date(),
        max_value=latest.date(),
        help=t("sidebar.as_of.help", lang),
        key="asof",
        bind="query-params",
        format="YYYY-MM-DD",
    )
    as_of = as_of if isinstance(as_of, dt.date) else latest.date()
    url.note(url.key("sector", lang), [label(s, lang) for s in sectors])
    url.note("community", list(communities))
    url.note("asof", as_of.isoformat() if as_of != latest.date() else None)
    months = _months(earliest, latest)
    start_default = default_start(latest, months)
    period_key = url.key("period", lang)
    start = side.select_slider(
        t("sidebar.period", lang),
        options=months,
        # no default once the language switch has carried a value over (Streamlit warns)
        **({} if period_key in st.session_state else {"value": start_default}),
        format_func=lambda m: fmt_month(pd.Timestamp(m), lang),
        help=t("sidebar.period.help", lang),
        key=period_key,
        bind="query-params",
    )
    as_of_ts = pd.Timestamp(as_of)
    start_ts = pd.Timestamp(start)
    if start_ts >= as_of_ts:
        # a trend needs time before the as-of date: fall back to five years before it
        start_ts = max(earliest, (as_of_ts - pd.DateOffset(years=5)).replace(month=1, day=1))
        side.caption(t("sidebar.period.adjusted", lang, start=fmt_month(start_ts, lang)))
    url.note(
        url.key("period", lang),
        fmt_month(pd.Timestamp(start), lang) if start != start_default else None,
    )
    side.button(
        t("sidebar.reset", lang),
        on_click=_clear,
        args=(lang, latest.date(), start_default),
        type="tertiary",
    )
    return Context(
        lang=lang,
        folder=folder,
        version=version,
        sample=sample,
        scope=Scope(tuple(sectors), tuple(communities)),
        as_of=as_of_ts,
        start=start_ts,
        latest=latest,
        earliest=earliest,
    )
