"""领域对比 Sectors: sectors (or communities) side by side on fair measures. Clicking a
sector's bar filters the page to it, through the sidebar's sector filter."""

import streamlit as st

from app import cached, context, params, url
from app.selection import MEMBERS_CHART, MULTIPLES_CHART, select_sector
from app.widgets import chart, data_table, figure
from figures.charts import sector_bar_of, small_multiples
from figures.display_tables import localise, side_by_side
from i18n import t

MEASURES = [
    "members_per_branch",
    "new_per_100",
    "female",
    "college_or_above",
    "age_35_or_under",
    "age_61_or_over",
]
TABLE_COLUMNS = ["党委", "党总支", "党支部", "members", *MEASURES, "probationary", "minority"]

ctx = context.get(__file__)
lang = ctx.lang
st.title(t("page.sectors", lang))

by = url.segmented(params.BY, t("sectors.by", lang), lang)

table = cached.comparison(*ctx.view, ctx.as_of, by)
if table.empty:
    st.info(t("empty.scope", lang))
    st.stop()

if by == "sector":
    st.caption(t("sectors.click_hint", lang))
    chart(
        figure(sector_bar_of, table, "members", lang),
        lambda: localise(table[["members"]], lang, "sector"),
        "members_by_sector",
        lang,
        key=MEMBERS_CHART,
        on_select=select_sector,
    )
chart(
    figure(small_multiples, table, MEASURES, lang, by),
    lambda: localise(table[MEASURES], lang, by),
    f"measures_by_{by}",
    lang,
    key=MULTIPLES_CHART,
    on_select=select_sector if by == "sector" else "ignore",
)
st.header(t("sectors.table", lang))
data_table(side_by_side(table[TABLE_COLUMNS], lang, by), download=t("sectors.table", lang))
