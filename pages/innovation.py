"""创新引领 Innovation: patents by year, kind, sector and organisation, and organisational
life beside innovation (association, not cause)."""

import streamlit as st

from app import cached, context
from app.widgets import chart, figure, paged_table
from figures.display_tables import innovation_organisation_table, localise
from figures.innovation import innovation_scatter, patents_by_year_chart, sector_per_100
from i18n import t
from i18n.format import fmt_card, fmt_pct, fmt_ratio

ctx = context.get(__file__)
lang = ctx.lang
st.title(t("page.innovation", lang))
inno = cached.innovation(*ctx.view, ctx.as_of)
if inno is None:
    st.info(t("innovation.no_dataset", lang))
    st.stop()

counts = inno.counts
cards = st.columns(5)
cards[0].metric(t("kpi.filed", lang), fmt_card(counts["filed"], lang, "patents"), border=True)
cards[1].metric(t("kpi.granted", lang), fmt_card(counts["granted"], lang, "patents"), border=True)
cards[2].metric(
    t("kpi.granted_invention", lang),
    fmt_card(counts["granted_invention"], lang, "patents"),
    border=True,
)
cards[3].metric(
    t("kpi.per_100", lang),
    fmt_ratio(inno.per_100),
    help=t("kpi.per_100.help", lang),
    border=True,
)
cards[4].metric(
    t("kpi.member_inventor_share", lang),
    fmt_pct(inno.member_inventor_share),
    help=t("kpi.member_inventor_share.help", lang),
    border=True,
)

left, right = st.columns([3, 2])
with left:
    chart(
        figure(patents_by_year_chart, inno.by_year, lang, ctx.as_of),
        lambda: localise(inno.by_year, lang, "year"),
        "patents_by_year",
        lang,
        key="innovation_years",
    )
with right:
    chart(
        figure(sector_per_100, inno.by_sector, lang),
        lambda: localise(inno.by_sector, lang, "sector"),
        "patents_by_sector",
        lang,
        key="innovation_sectors",
    )

st.header(t("innovation.by_org", lang))
paged_table(inno.by_organisation, innovation_organisation_table, "innovation_org_page", lang,
            download=t("innovation.by_org", lang))  # fmt: skip

if inno.with_participation is None:
    st.info(t("innovation.no_participation", lang))
elif inno.with_participation.empty:
    st.info(t("innovation.no_enterprises", lang))
else:
    pairs = inno.with_participation
    chart(
        figure(innovation_scatter, pairs, lang),
        lambda: localise(pairs.drop(columns="branch_id").set_index("name"), lang, "branch"),
        "innovation_and_participation",
        lang,
        key="innovation_scatter",
    )
    st.caption(t("innovation.association", lang))
