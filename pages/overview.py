"""总览 Overview: KPI cards, the membership trend, the sector breakdown."""

import pandas as pd
import streamlit as st

from app import cached, context
from app.navigation import page_file
from app.widgets import chart, figure, keep_units, kpi_cards, md_plain
from domain.rules import ALERT_ORDER
from figures.charts import membership_trend, sector_donut
from figures.display_tables import localise
from figures.national import national_shares, national_table
from i18n import t
from i18n.format import fmt_card
from report.narrative import overview_headline, scope_name

ctx = context.get(__file__)
lang = ctx.lang
st.title(t("page.overview", lang))

now = cached.opening(*ctx.view, ctx.as_of)
if now["branches"]["total"] == 0:
    st.info(t("empty.scope", lang))
    st.stop()

headline = overview_headline(now, md_plain(scope_name(ctx.scope, lang)), lang)
st.markdown(f"#### {keep_units(headline)}")

cards = cached.cards(*ctx.view, ctx.as_of)
kpi_cards(cards, lang, ctx.as_of, 3 if len(cards) <= 6 else 4)  # two rows

left, right = st.columns([3, 2])
with left:
    trend = cached.trend(*ctx.view, ctx.start, ctx.as_of, "M")
    table = localise(
        trend.assign(active=trend["active"]).rename(columns={"probationary": "probationary_n"}),
        lang,
        "date",
    )
    zero = st.toggle(t("trend.from_zero", lang), key="overview_trend_zero",
                     help=t("trend.from_zero.help", lang))  # fmt: skip
    chart(
        figure(membership_trend, trend, "M", lang, max_ticks=4, from_zero=zero),
        table,
        "membership_trend",
        lang,
        key="overview_trend",
    )
with right:
    by_sector = pd.Series(now["members"]["by_sector"])
    chart(
        figure(sector_donut, by_sector, lang),
        lambda: localise(by_sector.rename("members"), lang, "sector"),
        "members_by_sector",
        lang,
        key="overview_sectors",
    )

left, right = st.columns([3, 2])
with left:
    vs = cached.national(*ctx.view, ctx.as_of)
    chart(
        figure(national_shares, vs["shares"], scope_name(ctx.scope, lang), lang),
        lambda: national_table(vs["shares"], lang),
        "national_shares",
        lang,
        key="overview_national",
    )
with right, st.container(border=True):
    counts = cached.health_counts(*ctx.view, ctx.as_of)
    st.metric(
        t("alerts.summary", lang),
        fmt_card(counts["total"], lang, "warnings"),
        t("alerts.orgs", lang, n=f"{counts['organisations']:,}"),
        delta_color="off",
        delta_arrow="off",
    )
    st.caption(
        " · ".join(f"{t(f'alert.{r}', lang)} {counts[r]:,}" for r in ALERT_ORDER if counts[r])
    )
    st.page_link(page_file("alerts"), label=t("alerts.open", lang), icon=":material/arrow_forward:")
