"""总览 Overview: KPI cards, the membership trend, the sector breakdown."""

import pandas as pd
import streamlit as st

from app import context, data
from app.widgets import chart, keep_units, md_plain
from figures.charts import membership_trend, sector_donut
from figures.national import national_shares, national_table
from figures.tables import localise
from i18n import t
from i18n.format import fmt_card, fmt_card_change, fmt_pct
from metrics.alerts import ALERT_ORDER, alert_counts
from metrics.membership import year_earlier
from report.narrative import overview_headline, scope_name

ctx = context.get(__file__)
lang, key = ctx.lang, (ctx.folder, ctx.version, ctx.scope)
st.title(t("page.overview", lang))

now = data.summary(*key, ctx.as_of)
before = int(data.active_on(*key, (year_earlier(ctx.as_of),))["active"].iat[0])
if now["branches"]["total"] == 0:
    st.info(t("empty.scope", lang))
    st.stop()

headline = overview_headline(now, before, md_plain(scope_name(ctx.scope, lang)), lang)
st.markdown(f"#### {keep_units(headline)}")

kpis = data.overview_kpis(*key, ctx.as_of)
cols = [*st.columns(3), *st.columns(3)]  # two rows: each card stays readable at 1366 px
for col, item in zip(cols, kpis, strict=True):
    value, delta, unit, kind = item["value"], item["delta"], item["unit"], item["kind"]
    if value is None:
        col.metric(t(f"kpi.{item['name']}", lang), t("kpi.no_dataset", lang), border=True)
        continue
    shown = fmt_pct(value) if kind == "rate" else fmt_card(value, lang, unit)
    if delta is None:
        change = None
    elif kind == "rate":
        change = fmt_pct(delta, signed=True).replace("%", t("kpi.points", lang))
    else:
        change = fmt_card_change(delta, lang, unit)
    col.metric(
        t(f"kpi.{item['name']}", lang),
        shown,
        change,
        help=t(f"kpi.{item['name']}.help", lang),
        border=True,
        delta_description=t("kpi.vs_year", lang),
        delta_arrow="off" if not delta else "auto",
        delta_color="off" if not delta else "normal",
    )

left, right = st.columns([3, 2])
with left:
    trend = data.series(*key, ctx.start, ctx.as_of, "M")
    table = localise(
        trend.assign(active=trend["active"]).rename(columns={"probationary": "probationary_n"}),
        lang,
        "date",
    )
    chart(
        membership_trend(trend, "M", lang, max_ticks=4),
        table,
        "membership_trend",
        lang,
        key="overview_trend",
    )
with right:
    by_sector = pd.Series(now["members"]["by_sector"])
    chart(
        sector_donut(by_sector, lang),
        localise(by_sector.rename("members"), lang, "sector"),
        "members_by_sector",
        lang,
        key="overview_sectors",
    )

left, right = st.columns([3, 2])
with left:
    vs = data.national(*key, ctx.as_of)
    chart(
        national_shares(vs["shares"], scope_name(ctx.scope, lang), lang),
        national_table(vs["shares"], lang),
        "national_shares",
        lang,
        key="overview_national",
    )
with right, st.container(border=True):
    counts = alert_counts(data.health(*key, ctx.as_of))
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
    st.page_link("pages/alerts.py", label=t("alerts.open", lang), icon=":material/arrow_forward:")
