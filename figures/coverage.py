"""两个覆盖 figures: the three rates by kind against the national figure, and the
organisation rate over time. Results of ``queries.coverage`` in, ``go.Figure`` out; each
kind in its sector's colour (非公企业, 社会组织)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from figures.national import source_note
from figures.theme import MUTED, sector_color, style, upright_periods
from i18n import fmt_date, label, t
from i18n.format import fmt_year_upto

RATES = ("organisation_rate", "own_rate", "work_rate")


def rates_chart(by_kind: pd.DataFrame, national: pd.DataFrame, lang: str) -> go.Figure:
    """组织覆盖率, 单独组建率 and 工作覆盖率 per kind (``coverage_by_kind``) as horizontal
    bars, each labelled with its share (the units counted are in the legend, so that a
    label fits beside its bar on a phone); the 公报's organisation rate as a grey mark on
    the first, its year and source under the title."""
    names = [t(f"col.{r}", lang) for r in RATES]
    fig = go.Figure()
    for kind, row in by_kind.iterrows():
        values = [float(row[r]) for r in RATES]
        fig.add_bar(
            y=names,
            x=values,
            name=t("coverage.legend", lang, kind=label(kind, lang), n=f"{int(row['units']):,}"),
            orientation="h",
            marker_color=sector_color(str(kind)),
            text=["" if pd.isna(v) else f"{v:.1%}" for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.1%}<extra>%{fullData.name}</extra>",
        )
    kinds = [k for k in by_kind.index if k in national.index]
    fig.add_scatter(
        y=[names[0]] * len(kinds),
        x=[float(national.at[k, "rate"]) for k in kinds],
        mode="markers",
        name=t("national.name", lang),
        marker={"symbol": "line-ns", "size": 26, "line": {"width": 3, "color": MUTED}},
        customdata=[label(k, lang) for k in kinds],
        hovertemplate=t("national.name", lang) + " %{customdata}: %{x:.1%}<extra></extra>",
    )
    fig.update_layout(barmode="group", bargap=0.25, height=400)
    fig.update_yaxes(autorange="reversed", automargin=True)
    # room on the right for the labels, ticks only up to 100%
    fig.update_xaxes(tickformat=".0%", range=[0, 1.22], tickvals=[0, 0.2, 0.4, 0.6, 0.8, 1.0])
    style(fig, t("chart.coverage_rates", lang), None, None)
    note = source_note(list(national["year"]), list(national["reliability"]), lang)
    fig.update_layout(
        title_subtitle_text=note,
        title_subtitle_font={"size": 12, "color": "#616161"},
        margin={"t": 84},
    )
    return fig


def trend_chart(trend: pd.DataFrame, on: pd.Timestamp, lang: str) -> go.Figure:
    """组织覆盖率 per kind at each year's end (the last point D), from
    ``coverage_over_time``: a line per kind, with the operating units in the hover."""
    fig = go.Figure()
    for kind in trend.index.get_level_values("kind").unique():
        rows = trend.xs(kind, level="kind")
        x = [fmt_year_upto(d.year, on, lang) for d in rows.index]
        fig.add_scatter(
            x=x,
            y=rows["organisation_rate"],
            name=label(kind, lang),
            mode="lines+markers",
            line={"color": sector_color(str(kind)), "width": 2},
            customdata=rows["units"].to_numpy(),
            hovertemplate=t("coverage.trend_hover", lang) + "<extra>%{fullData.name}</extra>",
        )
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    fig.update_xaxes(type="category")
    upright_periods(fig)
    return style(
        fig,
        t("chart.coverage_trend", lang, as_of=fmt_date(on, lang)),
        None,
        t("col.organisation_rate", lang),
    )
