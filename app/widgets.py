"""Reusable page pieces: a chart with the data behind it, KPI cards, the problems table."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from i18n import t
from ingest.problems import Report
from report.download import to_csv_bytes, to_xlsx_bytes

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def chart(
    fig: go.Figure,
    table: pd.DataFrame,
    name: str,
    lang: str,
    key: str,
    on_select: object = "ignore",
) -> object:
    """A chart, and under it the table it was drawn from with CSV and Excel downloads."""
    kwargs: dict[str, object] = {"key": key, "config": PLOTLY_CONFIG}
    if on_select != "ignore":
        kwargs.update(on_select=on_select, selection_mode="points")
    event = st.plotly_chart(fig, **kwargs)
    with st.expander(t("data.show", lang)):
        st.dataframe(table, hide_index=True, width="stretch")
        left, right, _ = st.columns([1, 1, 4])
        left.download_button(
            t("data.csv", lang),
            to_csv_bytes(table),
            file_name=f"{name}.csv",
            mime="text/csv",
            key=f"{key}_csv",
            on_click="ignore",
        )
        right.download_button(
            t("data.xlsx", lang),
            to_xlsx_bytes(table),
            file_name=f"{name}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"{key}_xlsx",
            on_click="ignore",
        )
    return event


def problems_table(report: Report, lang: str, limit: int = 200) -> pd.DataFrame:
    """The ingest report as a table in the UI language (personal values already removed)."""
    rows = [
        {
            "文件 File": p.file,
            "行 Row": p.row,
            "列 Column": p.column,
            "值 Value": p.value,
            ("问题" if lang == "zh" else "Problem"): p.message_zh if lang == "zh" else p.message_en,
        }
        for p in report.sorted_problems()[:limit]
    ]
    return pd.DataFrame(rows)
