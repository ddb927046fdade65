"""Innovation charts: patents by year and kind, per 100 members by sector, and the
association between organisational life and innovation."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from figures.charts import per_100_bars
from figures.theme import PRIMARY, SECONDARY, plain, sector_color, style, upright_periods
from i18n import label, t
from i18n.format import fmt_year_upto

KIND_COLORS = {"发明": PRIMARY, "实用新型": SECONDARY, "外观设计": "#8D6E63"}


GRANTED_COLOR = "#111111"  # patents granted, beside the kinds' colours


def patents_by_year_chart(table: pd.DataFrame, lang: str, on: pd.Timestamp) -> go.Figure:
    """Applications filed per year stacked by kind, and patents granted per year as a line
    (``metrics.innovation.patents_by_year``); the as-of year says where it stops."""
    x = [fmt_year_upto(int(y), on, lang) for y in table.index]
    fig = go.Figure()
    for kind, color in KIND_COLORS.items():
        fig.add_bar(
            x=x,
            y=table[kind].to_numpy(),
            name=t("innovation.filed_kind", lang, kind=label(kind, lang)),
            marker_color=color,
            hovertemplate="%{x}<br>%{fullData.name}: %{y:,}<extra></extra>",
        )
    fig.add_scatter(
        x=x,
        y=table["granted"].to_numpy(),
        name=t("col.granted", lang),
        mode="lines+markers",
        line={"color": GRANTED_COLOR, "width": 2},
        hovertemplate="%{x}<br>%{fullData.name}: %{y:,}<extra></extra>",
    )
    fig.update_layout(
        barmode="stack", bargap=0.3, hovermode="x unified", legend_traceorder="normal"
    )
    top = max(
        float(table[list(KIND_COLORS)].sum(axis=1).max() or 0), float(table["granted"].max() or 0)
    )
    fig.update_yaxes(tickformat=",d", **({"dtick": 1} if top <= 5 else {}))  # whole patents
    upright_periods(fig)
    return style(fig, t("chart.patents_by_year", lang), None, t("axis.patents", lang))


MAX_POINTS = 500  # organisations drawn on the scatter: at 100× the sample there are 10,000


def innovation_scatter(table: pd.DataFrame, lang: str) -> go.Figure:
    """Enterprise organisations: attendance rate (x) against applications per 100 members
    (y), one marker per organisation, sized by members and coloured by sector
    (``metrics.innovation.innovation_and_participation``). Past MAX_POINTS organisations,
    the MAX_POINTS with the most members are drawn, and the subtitle says so (the table
    under the chart lists them all)."""
    fig = go.Figure()
    shown = table
    if len(table) > MAX_POINTS:
        shown = table.sort_values(["members", "name"], ascending=[False, True]).head(MAX_POINTS)
    for sector, rows in shown.groupby("sector", sort=False, observed=True):
        fig.add_scatter(
            x=rows["attendance_rate"].to_numpy(dtype=float),
            y=rows["per_100"].to_numpy(dtype=float),
            mode="markers",
            name=label(sector, lang),
            marker={
                "color": sector_color(sector),
                "size": (rows["members"].clip(lower=1) ** 0.5 * 2.2 + 4).to_numpy(),
                "opacity": 0.75,
                "line": {"color": "white", "width": 1},
            },
            text=[plain(n) for n in rows["name"]],
            customdata=rows["members"].to_numpy(),
            hovertemplate="%{text}<br>"
            + t("col.attendance_rate", lang)
            + ": %{x:.1%}<br>"
            + t("col.per_100", lang)
            + ": %{y:.1f}<br>"
            + t("col.members", lang)
            + ": %{customdata:,}<extra></extra>",
        )
    fig.update_xaxes(tickformat=".0%")
    fig.update_layout(height=420)
    style(
        fig,
        t("chart.innovation_scatter", lang),
        t("col.attendance_rate", lang),
        t("col.per_100", lang),
    )
    if len(shown) < len(table):
        fig.update_layout(
            title_subtitle_text=t(
                "chart.largest_shown", lang, n=f"{len(shown):,}", total=f"{len(table):,}"
            ),
            title_subtitle_font={"size": 12, "color": "#616161"},
            margin={"t": 84},
        )
    return fig


def sector_per_100(table: pd.DataFrame, lang: str) -> go.Figure:
    """Applications in the 12 months to D per 100 active members, by sector
    (``metrics.innovation.innovation_by_sector``)."""
    fig = per_100_bars(table["per_100"], lang)
    return style(fig, t("chart.patents_per_100", lang), t("axis.per_100", lang), None)
