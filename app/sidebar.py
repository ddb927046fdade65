"""The sidebar: language and the filters every page shares. Each is kept in the URL (see
``app.url``), so a copied link reopens the same view in either language."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app import data, url
from app.context import Context
from i18n import fmt_month, label, t
from metrics.scope import Scope

LANG_NAMES = {"zh": "中文", "en": "English"}
FILTER_KEYS = ("sector", "community", "asof", "period")


def language() -> str:
    """The language switch (default Chinese), at the top of the sidebar."""
    url.restore("lang", url.one_of(list(LANG_NAMES)))
    choice = st.sidebar.segmented_control(
        "语言 / Language",
        options=list(LANG_NAMES),
        format_func=LANG_NAMES.__getitem__,
        required=True,
        key="lang",
        **url.default_kw("lang", "default", "zh"),
    )
    lang = choice or "zh"
    url.publish("lang", lang, "zh")
    return lang


def _months(start: pd.Timestamp, end: pd.Timestamp) -> list[str]:
    return [d.strftime("%Y-%m") for d in pd.date_range(start.replace(day=1), end, freq="MS")]


def _clear() -> None:
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)


def filters(lang: str, folder: str, version: str, sample: bool) -> Context:
    """Sector, community, as-of date and trend period; returns the page context."""
    opts = data.options(folder, version)
    latest = data.latest_date(folder, version)
    earliest = data.earliest_date(folder, version)
    side = st.sidebar
    side.subheader(t("sidebar.filters", lang))

    url.restore("sector", url.some_of(opts["sector"]))
    sectors = side.multiselect(
        t("sidebar.sector", lang),
        opts["sector"],
        format_func=lambda s: label(s, lang),
        placeholder=t("sidebar.sector.all", lang),
        key="sector",
    )
    url.publish("sector", sectors, [])

    url.restore("community", url.some_of(opts["community"]))
    communities = side.multiselect(
        t("sidebar.community", lang),
        opts["community"],
        placeholder=t("sidebar.community.all", lang),
        key="community",
    )
    url.publish("community", communities, [])

    url.restore("asof", url.a_date(earliest.date(), latest.date()))
    as_of = side.date_input(
        t("sidebar.as_of", lang),
        min_value=earliest.date(),
        max_value=latest.date(),
        help=t("sidebar.as_of.help", lang),
        key="asof",
        format="YYYY-MM-DD",
        **url.default_kw("asof", "value", latest.date()),
    )
    as_of = as_of if isinstance(as_of, dt.date) else latest.date()
    url.publish("asof", as_of, latest.date())

    months = _months(earliest, latest)
    default_start = max(months[0], (latest - pd.DateOffset(years=5)).strftime("%Y-01"))
    url.restore("period", url.one_of(months))
    start = side.select_slider(
        t("sidebar.period", lang),
        options=months,
        format_func=lambda m: fmt_month(pd.Timestamp(m), lang),
        help=t("sidebar.period.help", lang),
        key="period",
        **url.default_kw("period", "value", default_start),
    )
    url.publish("period", start, default_start)

    side.button(t("sidebar.reset", lang), on_click=_clear, type="tertiary")
    as_of_ts = pd.Timestamp(as_of)
    return Context(
        lang=lang,
        folder=folder,
        version=version,
        sample=sample,
        scope=Scope(tuple(sectors), tuple(communities)),
        as_of=as_of_ts,
        start=min(pd.Timestamp(start), as_of_ts),
        latest=latest,
    )
