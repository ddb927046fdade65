"""总览 Overview: KPI cards, the membership trend, the sector breakdown."""

import pandas as pd
import streamlit as st

from app import cached, context
from app.navigation import page_file
from app.widgets import card_columns, chart, figure, keep_units, md_plain
from domain.rules import ALERT_ORDER
from figures.charts import membership_trend, sector_donut
from figures.display_tables import localise
from figures.national import national_shares, national_table
from i18n import fmt_period, t
from i18n.format import fmt_card, fmt_card_change, fmt_pct
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
cols = card_columns(len(cards), 3 if len(cards) <= 6 else 4)  # two rows
for col, card in zip(cols, cards, strict=False):
    value, delta, unit, kind = card.value, card.delta, card.unit, card.kind
    if value is None:
        col.metric(t(f"kpi.{card.name}", lang), t("kpi.no_dataset", lang), border=True)
        continue
    shown = fmt_pct(value) if kind == "rate" else fmt_card(value, lang, unit)
    if delta is None:
        change = None
    elif kind == "rate":
        change = fmt_pct(delta, signed=True).replace("%", t("kpi.points", lang))
    else:
        change = fmt_card_change(delta, lang, unit)
    name = t(f"kpi.{card.name}", lang)
    if card.name == "new":  # 本年: its period named
        name = t("kpi.new.period", lang, period=fmt_period(ctx.as_of, "Y", lang))
    col.metric(
        name,
        shown,
        change,
        help=t(f"kpi.{card.name}.help", lang),
        border=True,
        delta_description=t("kpi.vs_year", lang),
        delta_arrow="off" if not delta else "auto",
        delta_color="off" if not delta else "normal",
    )

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
