"""Figure builders: a metrics result in, a ``go.Figure`` out. No streamlit here.

Each builder takes the frame or series a ``metrics`` function returns, and the language.
Charts receive aggregates only (one point per period or category, never one per member).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from domain.contract import SECTORS
from domain.definitions import SHARE_MEASURES
from figures.theme import (
    MUTED,
    OUTFLOW,
    PRIMARY,
    SECONDARY,
    SEQUENCE,
    SLICE_LABEL_MIN,
    plain,
    sector_color,
    style,
    title_lines,
    upright_periods,
)
from i18n import fmt_big, fmt_period, label, t
from i18n.format import phrase, unit_after_big


def _periods(index: pd.DatetimeIndex, freq: str, lang: str) -> list[str]:
    return [fmt_period(d, freq, lang) for d in index]


PERIODS_A_YEAR = {"M": 12, "Q": 4, "Y": 1}


def tick_step(n: int, freq: str, max_ticks: int = 6) -> int:
    """Periods between time-axis labels: at most ``max_ticks`` labels for ``n`` periods and,
    once labels are a year or more apart, a whole number of years, so that every label
    falls on the same month (the latest period's) rather than wandering through the year."""
    step = max(1, -(-n // max_ticks))
    year = PERIODS_A_YEAR[freq]
    return -(-step // year) * year if step > year // 2 else step


def _time_axis(fig: go.Figure, freq: str, max_ticks: int = 5) -> None:
    """Period labels on a category axis, at most ``max_ticks`` of them (counted back from
    the latest period), each on two lines (``two_lines``), upright, so that they never
    crowd or overlap, on a phone as on a projector."""
    n = len(fig.data[0].x) if fig.data else 0
    step = tick_step(n, freq, max_ticks)
    labels = list(fig.data[0].x) if fig.data else []
    fig.update_xaxes(type="category")
    upright_periods(fig, [str(x) for x in labels[::-1][::step][::-1]])


def trend_floor(totals: pd.Series) -> float:
    """Where a membership trend's axis starts so that its change shows: a round number a
    little under the lowest total (half the range below it), or 0 when that would be under
    half the highest total anyway (a bar from 0 already shows the change)."""
    low, high = float(totals.min() or 0), float(totals.max() or 0)
    bottom = low - max(high - low, high * 0.02) / 2
    if bottom <= high * 0.5:
        return 0.0
    step = 10 ** max(int(np.floor(np.log10(max(high - bottom, 1)))) - 1, 0)
    return float(np.floor(bottom / step) * step)


def membership_trend(
    series: pd.DataFrame,
    freq: str,
    lang: str,
    title: str | None = None,
    max_ticks: int = 5,
    from_zero: bool = False,
) -> go.Figure:
    """Active members at each period end (``metrics.membership.membership_series``): full
    and probationary members as stacked areas, so the top is the total; the axis starts at
    ``trend_floor`` so that the change shows, or at 0 with ``from_zero``."""
    x = _periods(series.index, freq, lang)
    fig = go.Figure()
    for column, key, color in (
        ("full", "col.full", PRIMARY),
        ("probationary", "col.probationary_n", SECONDARY),
    ):
        fig.add_scatter(
            x=x,
            y=series[column],
            name=t(key, lang),
            mode="lines",
            stackgroup="members",
            line={"color": color, "width": 1.5},
            fillcolor=color,
            customdata=series["active"],
            hovertemplate="%{x}<br>%{fullData.name}: %{y:,}<br>"
            + t("col.active", lang)
            + ": %{customdata:,}<extra></extra>",
        )
    top = float(series["active"].max() or 0)
    bottom = 0.0 if from_zero else trend_floor(series["active"])
    fig.update_yaxes(tickformat=",d", range=[bottom, max(top, 1) * 1.03])
    _time_axis(fig, freq, max_ticks)
    return style(fig, title or t(f"chart.trend.{freq}", lang), None, t("axis.members", lang))


def flows_chart(flows: pd.DataFrame, freq: str, lang: str) -> go.Figure:
    """Inflow above the axis, outflow below it by reason, and net change as a line
    (``metrics.membership.flows``)."""
    x = _periods(flows.index, freq, lang)
    fig = go.Figure()
    for column, color in (("new", PRIMARY), ("transfer_in", SECONDARY)):
        fig.add_bar(x=x, y=flows[column], name=t(f"col.{column}", lang), marker_color=color)
    for column, color in zip(
        ("转出", "死亡", "出党", "其他"), (OUTFLOW, "#AEB6BF", "#8E44AD", MUTED), strict=True
    ):
        if flows[column].sum() > 0:
            fig.add_bar(
                x=x,
                y=-flows[column],
                name=label(column, lang),
                marker_color=color,
                customdata=flows[column],
                hovertemplate="%{x}<br>%{fullData.name}: %{customdata:,}<extra></extra>",
            )
    fig.add_scatter(
        x=x,
        y=flows["net"],
        name=t("col.net", lang),
        mode="lines+markers",
        line={"color": "#111111", "width": 2},
    )
    fig.update_layout(barmode="relative", bargap=0.15, hovermode="x unified")
    fig.update_yaxes(tickformat=",d")
    _time_axis(fig, freq)
    return style(fig, t(f"chart.flows.{freq}", lang), None, t("axis.members_change", lang))


def structure_bar(counts: pd.Series, dimension: str, lang: str) -> go.Figure:
    """Active members by category in one dimension (``metrics.structure.structure``),
    with each bar's share of the total."""
    total = counts.sum()
    shares = counts / total if total else counts * 0.0
    labels = [label(c, lang) for c in counts.index]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=counts.to_numpy(),
            orientation="h",
            marker_color=PRIMARY,
            text=[f"{s:.1%}" for s in shares],
            textposition="outside",
            cliponaxis=False,
            customdata=shares.to_numpy(),
            hovertemplate=phrase("count_hover", lang) + "<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(range=[0, max(1, counts.max()) * 1.55], tickformat=",d", nticks=4)
    return style(fig, t(f"dim.{dimension}", lang), t("axis.members", lang), None)


def structure_compare(
    a: pd.Series, b: pd.Series, name_a: str, name_b: str, dimension: str, lang: str
) -> go.Figure:
    """Two structures (e.g. two dates, or a branch against its sector) as shares side by
    side, as horizontal bars: the categories read upright on any screen."""
    fig = go.Figure()
    for counts, name, color in ((a, name_a, MUTED), (b, name_b, PRIMARY)):
        total = counts.sum()
        share = counts / total if total else counts * 0.0
        fig.add_bar(
            y=[label(c, lang) for c in counts.index],
            x=share.to_numpy(),
            orientation="h",
            name=name,
            marker_color=color,
            customdata=counts.to_numpy(),
            hovertemplate="%{y}<br>%{fullData.name}: %{x:.1%} (%{customdata:,})<extra></extra>",
        )
    fig.update_layout(barmode="group", bargap=0.2, height=120 + 44 * max(len(a), len(b)))
    fig.update_xaxes(tickformat=".0%")
    fig.update_yaxes(autorange="reversed", automargin=True)
    return style(
        fig,
        t(f"dim.{dimension}", lang) + t("chart.compare_suffix", lang),
        t("axis.share", lang),
        None,
    )


def shares_compare(rows: pd.DataFrame, lang: str) -> go.Figure:
    """Key shares for a few groups side by side: rows are groups (e.g. this branch, its
    sector, the sub-district), columns are share names (``metrics.structure.shares``)."""
    fig = go.Figure()
    colors = (PRIMARY, SECONDARY, MUTED, *SEQUENCE[3:])
    for (name, row), color in zip(rows.iterrows(), colors, strict=False):
        fig.add_bar(
            y=[t(f"col.{c}", lang) for c in rows.columns],  # horizontal: long labels fit
            x=row.to_numpy(dtype=float),
            orientation="h",
            name=plain(name),
            marker_color=color,
            hovertemplate="%{y}<br>%{fullData.name}: %{x:.1%}<extra></extra>",
        )
    fig.update_layout(barmode="group", bargap=0.25, legend_traceorder="normal")
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(tickformat=".0%", rangemode="tozero")
    return style(fig, t("chart.shares_compare", lang), None, None)


def comparison_names(sector: str, lang: str) -> dict[str, str]:
    """Display names of an organisation's comparison rows: this, its sector (named), all."""
    its = t("branch.sector_all", lang)
    named = its + phrase("paren", lang, text=label(sector, lang))
    return {"this": t("branch.this", lang), "sector": named, "all": t("branch.all", lang)}


def growth_compare(growth: pd.DataFrame, sector: str, lang: str, max_ticks: int = 4) -> go.Figure:
    """Monthly active members as an index (100 = the base month) for the organisation, its
    sector and the sub-district (``metrics.profile.growth_index``): growth on one scale."""
    x = _periods(growth.index, "M", lang)
    names = comparison_names(sector, lang)
    fig = go.Figure()
    for column, color, width in (("this", PRIMARY, 3), ("sector", SECONDARY, 2), ("all", MUTED, 2)):
        fig.add_scatter(
            x=x,
            y=growth[column].to_numpy(dtype=float),
            name=plain(names[column]),
            mode="lines",
            line={"color": color, "width": width},
            hovertemplate="%{x}<br>%{fullData.name}: %{y:.1f}<extra></extra>",
        )
    fig.add_hline(y=100, line={"color": "#BDBDBD", "width": 1, "dash": "dot"})
    fig.update_layout(height=340, hovermode="x unified")
    _time_axis(fig, "M", max_ticks)
    return style(fig, t("chart.growth_compare", lang), None, t("axis.index", lang))


def sector_bar(values: pd.Series, measure: str, lang: str) -> go.Figure:
    """One horizontal bar per sector, in the sector's colour (names upright on any
    screen); clicking a bar selects the sector.

    ``values`` is indexed by canonical sector label; ``customdata`` carries that label so
    the page can filter by it whatever the display language.
    """
    sectors = list(values.index)
    numbers = values.to_numpy(dtype=float)
    fig = go.Figure(
        go.Bar(
            y=[label(s, lang) for s in sectors],
            x=numbers,
            orientation="h",
            marker_color=[sector_color(s) for s in sectors],
            customdata=sectors,
            hovertemplate="%{y}: %{x:,.4~g}<extra></extra>",
            text=[_short(v, measure) for v in values],
            textposition="outside",
            cliponaxis=False,
        )
    )
    top = float(np.nanmax(numbers, initial=0.0))
    fig.update_xaxes(
        range=[0, (top or 1) * 1.3],  # room for the labels outside the longest bar
        tickformat=",d" if measure == "members" else None,
    )
    if measure not in SHARE_MEASURES and top <= 5:  # a few people
        fig.update_xaxes(dtick=1, tickformat=",d")
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_layout(height=90 + 40 * len(sectors), showlegend=False)
    if measure in SHARE_MEASURES:
        fig.update_xaxes(tickformat=".0%")
    return style(fig, t(f"measure.{measure}", lang), t(f"unit.{measure}", lang), None)


def sector_bar_of(table: pd.DataFrame, measure: str, lang: str) -> go.Figure:
    """``sector_bar`` of the column ``measure`` of a table by sector."""
    return sector_bar(table[measure], measure, lang)


def per_100_bars(
    values: pd.Series,
    lang: str,
    customdata: object = None,
    hovertemplate: str = "%{y}: %{x:.1f}<extra></extra>",
) -> go.Figure:
    """One horizontal bar per sector (``values`` indexed by canonical sector label, a figure
    per 100 members), in the sector's colour, each labelled with one decimal; unstyled, so
    the caller gives the title and axis. ``customdata`` defaults to the sector labels."""
    sectors = list(values.index)
    numbers = values.to_numpy(dtype=float)
    fig = go.Figure(
        go.Bar(
            y=[label(s, lang) for s in sectors],
            x=numbers,
            orientation="h",
            marker_color=[sector_color(s) for s in sectors],
            customdata=sectors if customdata is None else customdata,
            text=[f"{v:.1f}" for v in numbers],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=hovertemplate,
        )
    )
    fig.update_xaxes(range=[0, max(float(numbers.max()) if len(numbers) else 0, 1) * 1.18])
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_layout(height=380, showlegend=False)
    return fig


def _short(value: float, measure: str) -> str:
    if pd.isna(value):
        return ""
    if measure in SHARE_MEASURES:
        return f"{value:.1%}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:.1f}"


PANEL_TITLE_WIDTH = 14  # a panel's title width (see figures.theme.title_lines)


def small_multiples(
    table: pd.DataFrame, measures: list[str], lang: str, by: str = "sector"
) -> go.Figure:
    """One small bar chart per measure, sectors (or communities) in the same order and colours.

    ``table`` is ``metrics.compare.compare``'s output, indexed by group. Sectors: two
    panels a row of horizontal bars, the sectors named once a row (upright, on any screen);
    communities, being many, two panels a row of upright bars. Panel titles wrap.
    """
    across = by == "sector"  # horizontal bars, the groups down the side
    cols = 2
    rows = -(-len(measures) // cols)
    fig = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=[title_lines(t(f"measure.{m}", lang), PANEL_TITLE_WIDTH) for m in measures],
        vertical_spacing=(0.34 if across else 0.24) / rows if rows > 1 else 0.1,
        horizontal_spacing=0.06,
        shared_yaxes=across,
    )
    groups = list(table.index)
    names = [plain(label(g, lang)) for g in groups]
    colors = [sector_color(g) if g in SECTOR_SET else PRIMARY for g in groups]
    for i, measure in enumerate(measures):
        values = table[measure].to_numpy(dtype=float)
        where = {"row": i // cols + 1, "col": i % cols + 1}
        fig.add_bar(
            x=values if across else names,
            y=names if across else values,
            orientation="h" if across else "v",
            marker_color=colors,
            customdata=groups,
            name=t(f"measure.{measure}", lang),
            showlegend=False,
            hovertemplate=("%{y}: %{x:,.4~g}" if across else "%{x}: %{y:,.4~g}")
            + "<extra>%{fullData.name}</extra>",
            **where,
        )
        top = float(np.nanmax(values, initial=0.0))
        value_axis = fig.update_xaxes if across else fig.update_yaxes
        value_axis(
            # headroom beyond the longest bar; all zero: an axis from 0, not -1 to 1
            range=[0, top * 1.12] if top > 0 else [0, 1],
            tickformat=".0%" if measure in SHARE_MEASURES else None,
            nticks=4,
            **where,
        )
        if top == 0 and groups:  # zero bars draw nothing: say so, or the panel looks broken
            axis = "" if i == 0 else str(i + 1)
            fig.add_annotation(
                text=t("chart.all_zero", lang),
                x=0.5,
                y=0.5,
                xref=f"x{axis} domain",
                yref=f"y{axis} domain",
                showarrow=False,
                font={"color": "#616161"},
            )
    if across:
        fig.update_yaxes(autorange="reversed", automargin=True, tickfont={"size": 12})
        fig.update_layout(height=(70 + 30 * len(groups)) * rows + 110)
    else:
        fig.update_xaxes(tickangle=-90, tickfont={"size": 10}, tickmode="linear")
        fig.update_layout(height=420 * rows + 80)
    fig.update_annotations(font_size=12, yshift=6)
    return style(fig, t(f"chart.small_multiples.{by}", lang), None, None)


SECTOR_SET = frozenset(SECTORS)


def sector_donut(members_by_sector: pd.Series, lang: str) -> go.Figure:
    """Active members by sector as a ring, each sector in its colour."""
    values = members_by_sector[members_by_sector > 0]
    fig = go.Figure(
        go.Pie(
            labels=[label(s, lang) for s in values.index],
            values=values.to_numpy(),
            customdata=list(values.index),
            marker={"colors": [sector_color(s) for s in values.index]},
            hole=0.62,
            sort=False,
            direction="clockwise",
            text=[
                f"{v / values.sum():.1%}" if v / values.sum() >= SLICE_LABEL_MIN else ""
                for v in values
            ],
            textinfo="text",
            textposition="inside",
            hovertemplate=phrase("share_hover", lang) + "<extra></extra>",
        )
    )
    fig = style(fig, t("chart.members_by_sector", lang))
    total = fmt_big(values.sum(), lang) + unit_after_big(lang)
    fig.add_annotation(  # the total in the ring's hole, the compact way: 1.06万名 / 10.6k
        # the words under the figure smaller, one word a line: a narrow column's ring is small
        text=f"<b>{total}</b>",  # what it counts is in the title
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        xanchor="center",
        showarrow=False,
        font={"size": 15},
    )
    fig.update_layout(
        legend={
            "orientation": "v",
            "x": 1.02,
            "xanchor": "left",
            "y": 0.5,
            "yanchor": "middle",
            "yref": "paper",
        }
    )
    return fig
