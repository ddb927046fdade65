"""发展党员 figures: the funnel on D, the flows per period, the pipeline per 100 members by
sector. Results of ``queries.development`` in, ``go.Figure`` out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from domain.definitions import STAGES
from figures.charts import _periods, _time_axis
from figures.theme import MUTED, PRIMARY, SECONDARY, SEQUENCE, sector_color, style
from i18n import fmt_int, label, t

FLOW_COLORS = {
    "applied": SEQUENCE[2],
    "activist": SECONDARY,
    "candidate": SEQUENCE[4],
    "admitted": PRIMARY,
    "withdrawn": MUTED,
}


def funnel(stages: pd.Series, lang: str, on_text: str) -> go.Figure:
    """People in each stage on D, from 入党申请人 to 预备党员 (``stage_counts``)."""
    names = [t(f"stage.{s}", lang) for s in STAGES]
    values = [int(stages[s]) for s in STAGES]
    fig = go.Figure(
        go.Funnel(
            y=names,
            x=values,
            text=[fmt_int(v, lang, "people") for v in values],
            textinfo="text",
            marker={"color": [SEQUENCE[2], SECONDARY, SEQUENCE[4], PRIMARY]},
            connector={"line": {"color": "#DDDDDD"}},
            hovertemplate="%{y}: %{x:,}<extra></extra>",
        )
    )
    fig.update_layout(height=340)
    return style(fig, t("chart.development.funnel", lang, as_of=on_text))


def flows_chart(flows: pd.DataFrame, freq: str, lang: str) -> go.Figure:
    """People entering each step per period (``metrics.development.flows``)."""
    x = _periods(flows.index, freq, lang)
    fig = go.Figure()
    for column, color in FLOW_COLORS.items():
        fig.add_scatter(
            x=x,
            y=flows[column],
            name=t(f"col.flow_{column}", lang),
            mode="lines+markers",
            line={"color": color, "width": 2},
        )
    fig.update_layout(hovermode="x unified")
    fig.update_yaxes(tickformat=",d", rangemode="tozero")
    _time_axis(fig, freq)
    return style(fig, t(f"chart.development.flows.{freq}", lang), None, t("axis.people", lang))


def per_100_by_sector(by_sector: pd.DataFrame, lang: str) -> go.Figure:
    """入党积极分子 and 发展对象 per 100 active members, by sector (``stages_by_sector``):
    the reserve each sector keeps for its size."""
    sectors = list(by_sector.index)
    fig = go.Figure()
    for stage, opacity in (("activist", 1.0), ("candidate", 0.55)):
        values = by_sector[f"{stage}_per_100"].to_numpy(dtype=float)
        fig.add_bar(
            y=[label(s, lang) for s in sectors],
            x=values,
            orientation="h",
            name=t(f"stage.{stage}", lang),
            marker={"color": [sector_color(s) for s in sectors], "opacity": opacity},
            text=[f"{v:.1f}" for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y} · %{fullData.name}: %{x:.1f}<extra></extra>",
        )
    fig.update_layout(barmode="group", height=420)
    fig.update_yaxes(autorange="reversed", automargin=True)
    return style(fig, t("chart.development.per_100", lang), t("axis.per_100", lang), None)
