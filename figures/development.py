"""发展党员 figures: the funnel on D, the flows per period, the pipeline per 100 members by
sector. Results of ``queries.development`` in, ``go.Figure`` out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from domain.definitions import STAGES
from figures.charts import _periods, _time_axis, per_100_bars
from figures.theme import MUTED, PRIMARY, SECONDARY, SEQUENCE, style
from i18n import fmt_int, t

FLOW_COLORS = {
    "applied": SEQUENCE[2],
    "activist": SECONDARY,
    "candidate": SEQUENCE[4],
    "admitted": PRIMARY,
    "withdrawn": MUTED,
}


STAGE_COLORS: dict[str, str] = {  # one colour per stage, on the page and the slide
    "applicant": SEQUENCE[2],
    "activist": SECONDARY,
    "candidate": SEQUENCE[4],
    "probationary": PRIMARY,
}


def stages_chart(stages: pd.Series, lang: str, on_text: str) -> go.Figure:
    """People in each stage on D, from 入党申请人 to 预备党员 (``stage_counts``). Bars, not a
    funnel: the stages are where people stand on D, not a cohort narrowing."""
    names = [t(f"stage.{s}", lang) for s in STAGES]
    values = [int(stages[s]) for s in STAGES]
    fig = go.Figure(
        go.Bar(
            y=names,
            x=values,
            orientation="h",
            text=[fmt_int(v, lang, "people") for v in values],
            textposition="outside",
            cliponaxis=False,
            marker_color=[STAGE_COLORS[s] for s in STAGES],
            hovertemplate="%{y}: %{x:,}<extra></extra>",
        )
    )
    fig.update_xaxes(range=[0, max([*values, 1]) * 1.6], tickformat=",d")
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_layout(height=340, showlegend=False)
    return style(fig, t("chart.development.funnel", lang, as_of=on_text), t("axis.people", lang))


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
    """入党积极分子 and 发展对象 together per 100 active members, by sector
    (``stages_by_sector``): the reserve each sector keeps for its size."""
    hover = (
        "%{y}: %{x:.1f}<br>"
        + t("stage.activist", lang)
        + " %{customdata[0]:,} · "
        + t("stage.candidate", lang)
        + " %{customdata[1]:,}<extra></extra>"
    )
    fig = per_100_bars(
        by_sector["reserve_per_100"],
        lang,
        customdata=by_sector[["activist", "candidate"]].to_numpy(),
        hovertemplate=hover,
    )
    return style(fig, t("chart.development.per_100", lang), t("axis.per_100_people", lang), None)
