"""两个覆盖 Coverage: how far Party organisations and Party work reach the 非公企业 and
社会组织 of the register, by kind, community and building, over time, and which units
should form an organisation of their own."""

from functools import partial

import streamlit as st

from app import cached, context, params, url
from app.widgets import chart, figure, paged_table, section
from figures.coverage import rates_chart, trend_chart
from figures.display_tables import (
    coverage_kind_table,
    coverage_place_table,
    localise,
    should_form_table,
    unit_table,
)
from i18n import N_, fmt_date, fmt_int, fmt_pct, label, t
from i18n.format import fmt_card

ctx = context.get(__file__)
lang = ctx.lang
st.title(t("page.coverage", lang))
everything = cached.coverage(ctx.folder, ctx.version, ctx.scope, None, ctx.as_of)
if everything is None:
    st.info(t("coverage.no_dataset", lang))
    st.stop()
st.caption(t("coverage.caption", lang, as_of=fmt_date(ctx.as_of, lang)))

ALL = params.BUILDING.default
building = url.selectbox(
    params.BUILDING,
    t("coverage.building", lang),
    lang,
    options=[ALL, *everything.buildings],
    shown=lambda b, lang: b or t("coverage.building.all", lang),
)
context.refuse_if_outside(ctx, url.unmatched(params.BUILDING))
cover = (
    everything
    if building == ALL
    else cached.coverage(ctx.folder, ctx.version, ctx.scope, building, ctx.as_of)
)
kinds = cover.by_kind

cards = st.columns(4)
for col, kind in zip(cards, kinds.index, strict=False):
    row = kinds.loc[kind]
    col.metric(
        t("coverage.card.organisation_rate", lang, kind=label(kind, lang)),
        fmt_pct(row["organisation_rate"]),
        t(
            "coverage.card.of",
            lang,
            n=fmt_int(row["units"], lang),
            covered=fmt_int(row["own"] + row["joint"], lang),
        ),
        delta_color="off",
        delta_arrow="off",
        border=True,
    )
cards[2].metric(
    t("coverage.card.should_form", lang),
    fmt_card(int(cover.total["should_form"]), lang, "units"),
    border=True,
)
cards[3].metric(
    t("coverage.card.staff", lang),
    fmt_card(int(cover.total["staff_covered"]), lang, "people"),
    t("coverage.card.staff_of", lang, share=fmt_pct(cover.total["staff_covered_share"])),
    delta_color="off",
    delta_arrow="off",
    border=True,
)

left, right = st.columns(2)
with left:
    chart(
        figure(rates_chart, kinds, cover.national, lang),
        lambda: coverage_kind_table(kinds, lang),
        "coverage_rates",
        lang,
        key="coverage_rates",
    )
with right:
    trend = cached.coverage_over_time(
        ctx.folder, ctx.version, ctx.scope, building or None, ctx.start, ctx.as_of
    )
    chart(
        figure(trend_chart, trend, ctx.as_of, lang),
        lambda: localise(trend.reset_index(level="kind"), lang, "date"),
        "coverage_trend",
        lang,
        key="coverage_trend",
    )

for place, title in (
    ("community", N_("coverage.by_community")),
    ("building", N_("coverage.by_building")),
):
    table = cover.by_community if place == "community" else cover.by_building
    if table.empty:
        continue
    with section(t(title, lang), t("coverage.by_place.caption", lang)):
        paged_table(table, partial(coverage_place_table, place=place), f"coverage_{place}_page",
                    lang, download=t(title, lang))  # fmt: skip

with section(t("coverage.should_form", lang), t("coverage.should_form.caption", lang)):
    paged_table(
        cover.should_form,
        should_form_table,
        "coverage_should_page",
        lang,
        N_("coverage.no_should_form"),
        download=t("coverage.should_form", lang),
    )

with section(t("coverage.unreached", lang), t("coverage.unreached.caption", lang)):
    paged_table(cover.unreached, unit_table, "coverage_unreached_page", lang,
                N_("coverage.no_unreached"), download=t("coverage.unreached", lang))  # fmt: skip
