"""Colours, fonts and layout shared by every chart (pages, slides and exports alike)."""

from __future__ import annotations

import html

import plotly.graph_objects as go

from domain.contract import SECTORS

# One colour per sector, everywhere. Distinct in hue and lightness; Party red is 社区's.
SECTOR_COLORS: dict[str, str] = {
    "社区": "#B71C1C",
    "国有企业": "#E07B00",
    "非公企业": "#1F5FA8",
    "楼宇": "#7B3FA0",
    "行业商协会": "#2E7D32",
    "社会组织": "#00838F",
    "机关事业单位": "#795548",
}
assert set(SECTOR_COLORS) == set(SECTORS)

PRIMARY = "#B71C1C"  # Party red, for single-series charts
SLICE_LABEL_MIN = 0.04  # a ring's slice this small (a share) has no label of its own
SECONDARY = "#C9A227"  # gold, for a second series
MUTED = "#9E9E9E"  # grey, for comparison baselines
OUTFLOW = "#5D6D7E"
SEQUENCE = ("#B71C1C", "#C9A227", "#1F5FA8", "#2E7D32", "#7B3FA0", "#00838F", "#E07B00", "#795548")

FONT_FAMILY = (
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', "
    "'WenQuanYi Micro Hei', sans-serif"
)


def plain(text: object) -> str:
    """A label from the data (a community's or an organisation's name) as plotly text:
    ``<``, ``>`` and ``&`` escaped, so plotly's label markup (<b>, <br>, <a href>) in a name
    is shown as typed rather than drawn."""
    return html.escape(str(text), quote=False)


def sector_color(sector: str) -> str:
    return SECTOR_COLORS.get(sector, MUTED)


def style(
    fig: go.Figure, title: str, x_title: str | None = None, y_title: str | None = None
) -> go.Figure:
    """The house style: a title naming what is shown, axis titles with units, readable type."""
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 17}},
        font={"family": FONT_FAMILY, "size": 13, "color": "#262626"},
        template="plotly_white",
        margin={"l": 10, "r": 10, "t": 56, "b": 10},
        hoverlabel={"font": {"family": FONT_FAMILY}},
        # under the plot, so that a long legend never runs into the title of a narrow chart
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": -0.1,
            "xanchor": "left",
            "x": 0,
            "title": None,
        },
        separators=".,",
    )
    if fig.layout.annotations and any(a.text for a in fig.layout.annotations):
        fig.update_layout(margin={"t": 96})  # subplot titles sit under the chart title
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig
