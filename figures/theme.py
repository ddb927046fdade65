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


def two_lines(period: str) -> str:
    """A period's label as a tick shows it, the year on a line of its own, so that six fit
    across a phone: 2013年<br>11月, Nov<br>2013; a year alone stays on one line."""
    if "年" in period and not period.endswith("年"):
        year, _, rest = period.partition("年")
        if rest.startswith("（") and rest.endswith("）") and rest.count("（") == 1:
            rest = rest[1:-1]  # 2018年<br>至11月: a bracket alone on its line needs no room
        return f"{year}年<br>{rest}"
    head, _, tail = period.rpartition(" ")
    return f"{head}<br>{tail}" if head else period


def upright_periods(fig: go.Figure, shown: list[str] | None = None) -> None:
    """The x axis' period labels (``shown``, else every one of its first trace) on two
    lines each (``two_lines``), upright."""
    if shown is None:
        shown = list(dict.fromkeys(str(x) for x in fig.data[0].x)) if fig.data else []
    fig.update_xaxes(
        tickmode="array", tickvals=shown, ticktext=[two_lines(x) for x in shown], tickangle=0
    )


def sector_color(sector: str) -> str:
    return SECTOR_COLORS.get(sector, MUTED)


TITLE_WIDTH = 36  # a title's width (a Han character 2, a Latin one 1) that fits a phone
AXIS_TITLE_WIDTH = 22  # an axis title's, that fits beside a phone's short plot


def _width(text: str) -> int:
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def title_lines(title: str, width: int = TITLE_WIDTH) -> str:
    """A chart's title in lines no wider than ``width`` (see ``_width``) where it can: broken
    before a bracket or after a colon or comma that falls past the first third of a line,
    else at the last space that fits; a line with no such place stays whole."""
    if _width(title) <= width or "<br>" in title:
        return title
    marks = (("（", True), (" (", True), ("：", False), (": ", False), ("，", False), (", ", False))
    for mark, before in marks:
        at = title.find(mark)
        if at > 0 and width // 3 <= _width(title[:at]) <= width and at + len(mark) < len(title):
            cut = at if before else at + len(mark)
            return f"{title[:cut].rstrip()}<br>{title_lines(title[cut:].strip(), width)}"
    fits = [i for i, c in enumerate(title) if c == " " and _width(title[:i]) <= width]
    if fits:
        return f"{title[: fits[-1]]}<br>{title_lines(title[fits[-1] + 1 :], width)}"
    if _width(title) > len(title):  # Chinese breaks between any two characters
        cut = max(i for i in range(1, len(title)) if _width(title[:i]) <= width)
        return f"{title[:cut]}<br>{title_lines(title[cut:], width)}"
    return title


def style(
    fig: go.Figure, title: str, x_title: str | None = None, y_title: str | None = None
) -> go.Figure:
    """The house style: a title naming what is shown (on two lines when long:
    ``title_lines``), axis titles with units, readable type."""
    title = title_lines(title)
    fig.update_layout(
        title={
            "text": title,
            "x": 0,
            "xanchor": "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 14},  # at the top, whatever the margin under it holds
            "font": {"size": 17},
        },
        font={"family": FONT_FAMILY, "size": 13, "color": "#262626"},
        template="plotly_white",
        margin={"l": 10, "r": 10, "t": 56, "b": 10},
        hoverlabel={"font": {"family": FONT_FAMILY}},
        # under the plot, so that a long legend never runs into the title of a narrow chart
        legend={
            "orientation": "h",
            "yref": "container",
            "yanchor": "bottom",
            "y": 0,
            "xanchor": "left",
            "x": 0,
            "title": None,
        },
        dragmode=False,  # a finger dragged over a chart scrolls the page
        separators=".,",
    )
    lines = title.count("<br>")
    two = lines > 0
    if two:
        fig.update_layout(margin={"t": 56 + 22 * lines})
    if fig.layout.annotations and any(a.text for a in fig.layout.annotations):
        tall = max((a.text or "").count("<br>") for a in fig.layout.annotations)
        top = 96 + 22 * lines + 16 * tall
        fig.update_layout(margin={"t": top})  # subplot titles under the title
    if x_title is not None:
        fig.update_xaxes(title_text=title_lines(x_title, AXIS_TITLE_WIDTH))
    if y_title is not None:
        fig.update_yaxes(title_text=title_lines(y_title, AXIS_TITLE_WIDTH))
    return fig


PHONE_TICKS = 3  # period ticks a phone's plot (about 300 px) has room for
PHONE_LONG_TICK = 14  # a tick line wider than this (see ``_width``) leaves room for two only
PHONE_CATEGORY_WIDTH = 24  # a bar's category label wider than this is wrapped on a phone


def _spread(values: list, n: int) -> list:
    """``n`` of ``values``, the first and the last among them, evenly spaced."""
    if len(values) <= n:
        return values
    last = len(values) - 1
    return [values[round(i * last / (n - 1))] for i in range(n)]


def for_phone(fig: go.Figure) -> go.Figure:
    """A copy of ``fig`` for a phone's narrow plot: a time axis' ticks thinned to
    PHONE_TICKS (two when a label is long), and a horizontal bar chart's category labels
    wrapped at PHONE_CATEGORY_WIDTH (``title_lines``). Figures stay the same."""
    fig = go.Figure(fig)
    for axis in fig.select_xaxes():
        if axis.tickmode != "array" or axis.tickvals is None or axis.ticktext is None:
            continue
        pairs = list(zip(axis.tickvals, axis.ticktext, strict=True))
        widest = max((_width(line) for _, text in pairs for line in str(text).split("<br>")),
                     default=0)  # fmt: skip
        kept = _spread(pairs, 2 if widest > PHONE_LONG_TICK else PHONE_TICKS)
        axis.update(tickvals=[v for v, _ in kept], ticktext=[text for _, text in kept])
    bars = [d for d in fig.data if d.type == "bar" and d.orientation == "h" and d.y is not None]
    labels = list(dict.fromkeys(str(y) for d in bars for y in d.y))
    if labels and any(_width(label) > PHONE_CATEGORY_WIDTH for label in labels):
        wrapped = [title_lines(label, PHONE_CATEGORY_WIDTH) for label in labels]
        fig.update_yaxes(tickmode="array", tickvals=labels, ticktext=wrapped)
    return fig


PHONE_CHART_PX = 300  # a slide's chart on a phone
PHONE_LINE_PX = 18  # the room one line of a horizontal bar's category label needs


def phone_height(fig: go.Figure) -> int:
    """The height (px) a chart prepared by ``for_phone`` needs on a phone: PHONE_CHART_PX,
    or more for a horizontal bar chart whose categories, each as tall as the longest
    label's lines at PHONE_LINE_PX a line, need more room than that (with 140 px for the
    title, the axis and the legend)."""
    texts = next((axis.ticktext for axis in fig.select_yaxes() if axis.ticktext), None)
    bars = [d for d in fig.data if d.type == "bar" and d.orientation == "h" and d.y is not None]
    if not bars:
        return PHONE_CHART_PX
    labels = texts or list(dict.fromkeys(str(y) for d in bars for y in d.y))
    lines = max(str(label).count("<br>") + 1 for label in labels)
    return max(PHONE_CHART_PX, 140 + PHONE_LINE_PX * lines * len(labels))
