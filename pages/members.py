"""党员队伍 Members: the trend, inflow against outflow, the structure, two dates compared."""

from functools import partial

import pandas as pd
import streamlit as st

from app import cached, context, params, url
from app.widgets import chart, figure, kpi_cards, section
from domain.definitions import DIMENSIONS
from figures.charts import (
    flows_chart,
    membership_trend,
    sector_bar_of,
    structure_bar,
    structure_compare,
)
from figures.display_tables import localise
from figures.national import national_mix, national_shares, national_table
from i18n import fmt_date, fmt_int, t
from report.narrative import scope_name

HEADLINE = ("active", "new", "probationary")  # 总览's cards this page opens with

ctx = context.get(__file__)
lang = ctx.lang
st.title(t("page.members", lang))
if cached.opening(*ctx.view, ctx.as_of)["branches"]["total"] == 0:
    st.info(t("empty.scope", lang))
    st.stop()

# the headline figures, as on 总览
kpi_cards([c for c in cached.cards(*ctx.view, ctx.as_of) if c.name in HEADLINE], lang, ctx.as_of, 3)

controls = st.columns([3, 2], vertical_alignment="bottom")
freq = url.segmented(params.FREQ, t("members.freq", lang), lang, container=controls[0])
zero = controls[1].toggle(t("trend.from_zero", lang), key="members_trend_zero",
                          help=t("trend.from_zero.help", lang))  # fmt: skip

trend = cached.trend(*ctx.view, ctx.start, ctx.as_of, freq)
chart(
    figure(membership_trend, trend, freq, lang, from_zero=zero),
    lambda: localise(trend.rename(columns={"probationary": "probationary_n"}), lang, "date"),
    "membership_trend",
    lang,
    key="members_trend",
)
moves = cached.movement(*ctx.view, ctx.start, ctx.as_of, freq)
chart(
    figure(flows_chart, moves, freq, lang),
    lambda: localise(moves, lang, "date"),
    "inflow_outflow",
    lang,
    key="members_flows",
)

as_of_words = fmt_date(ctx.as_of, lang)
box = section(t("members.structure", lang), t("members.structure.caption", lang, as_of=as_of_words))
dims = list(DIMENSIONS)
for row in range(0, len(dims), 3):
    for col, dim in zip(box.columns(3), dims[row : row + 3], strict=False):
        with col:
            counts = cached.structure(*ctx.view, ctx.as_of, dim)
            chart(
                figure(structure_bar, counts, dim, lang),
                partial(localise, counts.rename("count"), lang, "category"),
                f"structure_{dim}",
                lang,
                key=f"structure_{dim}",
            )

reach = cached.contact(*ctx.view, ctx.as_of)
in_total = cached.contact_totals(*ctx.view, ctx.as_of)
totals = {name: fmt_int(n, lang, "members") for name, n in in_total.items()}
caption = t(
    "members.contact.caption",
    lang,
    as_of=fmt_date(ctx.as_of, lang),
    lost=totals["lost_contact"],
    floating=totals["floating"],
)
box = section(t("members.contact", lang), caption)
for col, measure in zip(box.columns(2), ("lost_contact", "floating"), strict=True):
    with col:
        chart(
            figure(sector_bar_of, reach, measure, lang),
            lambda: localise(reach, lang, "sector"),
            f"members_{measure}",
            lang,
            key=f"members_{measure}",
        )

box = section(t("members.compare", lang))
left, right = box.columns(2)
default_cmp = max(ctx.earliest, ctx.as_of - pd.DateOffset(years=5)).date()
other = url.date_input(
    params.CMP,
    t("members.compare.date", lang),
    default=default_cmp,
    earliest=ctx.earliest.date(),
    latest=ctx.as_of.date(),
    container=left,
)
dim = url.selectbox(params.DIM, t("members.compare.dimension", lang), lang, container=right)
other_ts = pd.Timestamp(other)
a = cached.structure(*ctx.view, other_ts, dim)
b = cached.structure(*ctx.view, ctx.as_of, dim)
name_a, name_b = fmt_date(other_ts, lang), fmt_date(ctx.as_of, lang)
with box:
    chart(  # a and b share their categories (every one of the dimension, zeros too)
        figure(structure_compare, a, b, name_a, name_b, dim, lang),
        lambda: localise(pd.DataFrame({name_a: a, name_b: b}), lang, "category"),
        f"structure_{dim}_two_dates",
        lang,
        key="members_compare",
    )

vs = cached.national(*ctx.view, ctx.as_of)
local_name = scope_name(ctx.scope, lang)
with section(t("national.section", lang), t("national.caption", lang)):
    left, right = st.columns(2)
    with left:
        chart(
            figure(national_shares, vs["shares"], local_name, lang),
            lambda: national_table(vs["shares"], lang),
            "national_shares",
            lang,
            key="national_shares",
        )
    with right:
        chart(
            figure(national_mix, vs["age_band"], "age_band", local_name, lang),
            lambda: national_table(vs["age_band"], lang, "age_band"),
            "national_age",
            lang,
            key="national_age",
        )
    chart(
        figure(national_mix, vs["occupation"], "occupation", local_name, lang),
        lambda: national_table(vs["occupation"], lang, "occupation"),
        "national_occupation",
        lang,
        key="national_occupation",
    )
