"""数据管理 Data: what the dashboard is showing, how complete it is, what to check, and the
templates and data dictionary for the next update."""

import pandas as pd
import streamlit as st

from app import context, data
from app.widgets import data_table
from i18n import fmt_pct, t
from ingest.contract import DATASETS
from ingest.templates import data_dictionary, template_xlsx

ctx = context.get(__file__)
lang, key = ctx.lang, (ctx.folder, ctx.version, ctx.scope)
st.title(t("page.data", lang))
q = data.quality(*key, ctx.as_of)

st.header(t("data.current", lang))
st.caption(t("data.current.caption", lang))
rows = q["rows"]
cards = st.columns(len(DATASETS))
for col, name in zip(cards, DATASETS, strict=True):
    shown = f"{int(rows[name]):,}" if name in rows else t("kpi.no_dataset", lang)
    col.metric(t(f"dataset.{name}", lang), shown, border=True)

st.header(t("data.quality", lang))
st.caption(t("data.quality.caption", lang))
found = q["suspicious"]
if found.empty:
    st.success(t("data.quality.none", lang))
else:
    data_table(
        pd.DataFrame(
            {
                t("col.check", lang): [t(f"quality.{c}", lang) for c in found["check"]],
                t("col.branch", lang): found["name"],
                t("col.count", lang): found["count"],
            }
        )
    )
with st.expander(t("data.completeness", lang)):
    full = q["completeness"]
    fields = {(d, f.name): f.zh for d, ds in DATASETS.items() for f in ds.fields}
    data_table(
        pd.DataFrame(
            {
                t("col.dataset", lang): [t(f"dataset.{d}", lang) for d in full["dataset"]],
                t("col.column", lang): [
                    fields.get((d, c), c) if lang == "zh" else c
                    for d, c in zip(full["dataset"], full["column"], strict=True)
                ],
                t("col.filled", lang): [fmt_pct(s) for s in full["share"]],
            }
        ),
        height=360,
    )

history = data.store_history()
if history is not None:
    st.header(t("data.history", lang))
    st.caption(t("data.history.caption", lang))
    data_table(history.rename(columns=lambda c: t(f"col.{c}", lang)))

st.header(t("data.templates", lang))
st.caption(t("data.templates.caption", lang))
row = st.container(horizontal=True)
for name, dataset in DATASETS.items():
    row.download_button(
        f"{dataset.zh}.xlsx" if lang == "zh" else f"{name}.xlsx",
        template_xlsx(dataset),
        file_name=f"{dataset.zh}模板.xlsx" if lang == "zh" else f"{name}_template.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click="ignore",
        key=f"template_{name}",
    )
row.download_button(
    t("data.dictionary", lang),
    data_dictionary(),
    file_name="data_dictionary_数据规范.md",
    mime="text/markdown",
    icon=":material/menu_book:",
    on_click="ignore",
    key="dictionary",
)
