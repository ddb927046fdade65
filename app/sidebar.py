"""The sidebar: language and the filters every page shares, each kept in the URL (see
``app.url``) so that a copied link reopens the same view."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app import data, url
from app.context import Context
from domain.contract import SECTOR_EN
from domain.definitions import trend_start
from i18n import fmt_month, label, t
from metrics.scope import Scope

LANG_NAMES = {"zh": "中文", "en": "English"}
SECTOR_OF = {code: sector for sector, code in SECTOR_EN.items()}  # code → canonical label


def _sector_shown(code: str, lang: str) -> str:
    return label(SECTOR_OF[code], lang)


def _lang_name(code: str, _lang: str) -> str:
    return LANG_NAMES[code]


def language() -> str:
    """The language switch (default Chinese), at the top of the sidebar."""
    url.restore(url.LANG_KEY, list(LANG_NAMES), _lang_name)
    choice = st.sidebar.segmented_control(
        "语言 / Language",
        options=list(LANG_NAMES),
        format_func=LANG_NAMES.__getitem__,
        **url.default(url.LANG_KEY, default="zh"),
        required=True,
        key=url.LANG_KEY,
    )
    lang = choice or "zh"
    url.note(url.LANG_KEY, lang, default="zh")
    return lang


def share_link(lang: str, page_name: str) -> None:
    """At the foot of the sidebar: the link that reopens exactly this view."""
    with st.sidebar.expander(t("sidebar.share", lang)):
        st.caption(t("sidebar.share.help", lang))
        st.code(url.current_link(page_name), language=None, wrap_lines=True)


def _months(start: pd.Timestamp, end: pd.Timestamp) -> list[str]:
    return [d.strftime("%Y-%m") for d in pd.date_range(start.replace(day=1), end, freq="MS")]


def _clear(latest: dt.date, start: str) -> None:
    url.put("sector", [])
    url.put("community", [])
    url.put("asof", latest)
    url.put("period", start)


def _month_shown(month: str, lang: str) -> str:
    return fmt_month(pd.Timestamp(month), lang)


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
    codes = [SECTOR_EN[s] for s in opts["sector"]]
    url.restore("sector", codes, _sector_shown, multi=True, lang=lang)
    chosen = side.multiselect(
        t("sidebar.sector", lang),
        codes,
        format_func=lambda code: label(SECTOR_OF[code], lang),
        placeholder=t("sidebar.sector.all", lang),
        key=url.key("sector", lang),
    )
    sectors = [SECTOR_OF[code] for code in chosen]
    url.restore("community", opts["community"], multi=True)
    communities = side.multiselect(
        t("sidebar.community", lang),
        opts["community"],
        placeholder=t("sidebar.community.all", lang),
        key="community",
    )
    url.restore_date("asof", earliest.date(), latest.date())
    as_of = side.date_input(
        t("sidebar.as_of", lang),
        **url.default("asof", value=latest.date()),
        min_value=earliest.date(),
        max_value=latest.date(),
        help=t("sidebar.as_of.help", lang),
        key="asof",
        format="YYYY-MM-DD",
    )
    as_of = as_of if isinstance(as_of, dt.date) else latest.date()
    url.note("sector", chosen)
    url.note("community", communities)
    url.note("asof", as_of.isoformat(), default=latest.date().isoformat())
    months = _months(earliest, latest)
    start_default = trend_start(earliest, latest).strftime("%Y-%m")
    period_key = url.key("period", lang)
    url.restore("period", months, _month_shown, lang=lang)
    start = side.select_slider(
        t("sidebar.period", lang),
        options=months,
        **url.default(period_key, value=start_default),
        format_func=lambda m: fmt_month(pd.Timestamp(m), lang),
        help=t("sidebar.period.help", lang),
        key=period_key,
    )
    as_of_ts = pd.Timestamp(as_of)
    start_ts = pd.Timestamp(start)
    if start_ts >= as_of_ts:
        # a trend needs time before the as-of date: fall back to five years before it
        start_ts = trend_start(earliest, as_of_ts)
        side.caption(t("sidebar.period.adjusted", lang, start=fmt_month(start_ts, lang)))
    url.note("period", start, default=start_default)
    side.button(
        t("sidebar.reset", lang),
        on_click=_clear,
        args=(latest.date(), start_default),
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
