"""The sidebar: language and the filters every page shares, each kept in the URL (see
``app.url``) so that a copied link reopens the same view."""

from __future__ import annotations

import datetime as dt
import functools

import pandas as pd
import streamlit as st

from app import cached, params, url
from app.context import Context
from domain.contract import SECTOR_EN
from domain.definitions import trend_start
from i18n import fmt_month, t
from queries.scope import EVERYTHING, Scope, narrowed


def language() -> str:
    """The language switch (default Chinese), at the top of the sidebar."""
    return url.segmented(params.LANG, "语言 / Language", "zh", container=st.sidebar)


def share_link(lang: str, page_name: str) -> None:
    """At the foot of the sidebar: the link that reopens exactly this view."""
    with st.sidebar.expander(t("sidebar.share", lang)):
        st.caption(t("sidebar.share.help", lang))
        st.code(url.current_link(page_name), language=None, wrap_lines=True)


@functools.lru_cache(maxsize=64)
def _months(start: pd.Timestamp, end: pd.Timestamp) -> tuple[str, ...]:
    """Every month from ``start``'s to ``end``'s, as "YYYY-MM"."""
    return tuple(d.strftime("%Y-%m") for d in pd.date_range(start.replace(day=1), end, freq="MS"))


def _clear(latest: dt.date, start: str) -> None:
    url.put(params.SECTOR, [])
    url.put(params.COMMUNITY, [])
    url.put(params.ASOF, latest)
    url.put(params.PERIOD, start)


def _follow_new_data(folder: str, version: str, earliest: dt.date, latest: dt.date) -> None:
    """When the data shown changes in this session (an import, a rollback), the as-of date
    moves to the new data's latest date if it stood at the old one's, and is kept within
    the new data's dates otherwise."""
    seen = st.session_state.get("_data_shown")
    st.session_state["_data_shown"] = (folder, version, latest)
    asof = params.ASOF.name
    if seen is None or seen[:2] == (folder, version) or asof not in st.session_state:
        return
    chosen = st.session_state[asof]
    if not isinstance(chosen, dt.date) or chosen == seen[2]:
        st.session_state[asof] = latest
    else:
        st.session_state[asof] = min(max(chosen, earliest), latest)


_OUTSIDE = "_link_outside_scope"  # a link named something outside the account's scope


def outside_scope(account: Scope) -> bool:
    """Whether this session's link named a sector or community outside the account's scope
    (or none at all: the same answer, so that a link cannot tell what lies outside); kept
    until the person goes back to their own view."""
    if account.is_everything:
        return False
    if url.unmatched(params.SECTOR) or url.unmatched(params.COMMUNITY):
        st.session_state[_OUTSIDE] = True
    return bool(st.session_state.get(_OUTSIDE))


def back_to_scope() -> None:
    """Leave a refused link for the account's own view."""
    st.session_state.pop(_OUTSIDE, None)


def filters(
    lang: str, folder: str, version: str, sample: bool, account: Scope = EVERYTHING
) -> Context:
    """Sector, community, as-of date and trend period, within the account's scope; returns
    the page context."""
    opts = cached.options(folder, version, account)
    latest = cached.latest_date(folder, version)
    earliest = cached.earliest_date(folder, version)
    _follow_new_data(folder, version, earliest.date(), latest.date())
    side = st.sidebar
    side.subheader(t("sidebar.filters", lang))
    chosen = url.multiselect(
        params.SECTOR,
        t("sidebar.sector", lang),
        lang,
        container=side,
        options=[SECTOR_EN[s] for s in opts["sector"]],
        placeholder=t("sidebar.sector.all", lang),
    )
    sectors = [params.SECTOR_OF[code] for code in chosen]
    communities = url.multiselect(
        params.COMMUNITY,
        t("sidebar.community", lang),
        lang,
        container=side,
        options=opts["community"],
        placeholder=t("sidebar.community.all", lang),
    )
    as_of = url.date_input(
        params.ASOF,
        t("sidebar.as_of", lang),
        default=latest.date(),
        earliest=earliest.date(),
        latest=latest.date(),
        container=side,
        help=t("sidebar.as_of.help", lang),
    )
    start_default = trend_start(earliest, latest).strftime("%Y-%m")
    start = url.select_slider(
        params.PERIOD,
        t("sidebar.period", lang),
        lang,
        container=side,
        options=_months(earliest, latest),
        default=start_default,
        help=t("sidebar.period.help", lang),
    )
    as_of_ts = pd.Timestamp(as_of)
    start_ts = pd.Timestamp(start)
    if start_ts >= as_of_ts:
        # a trend needs time before the as-of date: fall back to five years before it
        start_ts = trend_start(earliest, as_of_ts)
        side.caption(t("sidebar.period.adjusted", lang, start=fmt_month(start_ts, lang)))
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
        scope=narrowed(account, tuple(sectors), tuple(communities)),
        account=account,
        as_of=as_of_ts,
        start=start_ts,
        latest=latest,
        earliest=earliest,
    )
