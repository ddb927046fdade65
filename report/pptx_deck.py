"""The deck as a PowerPoint file: 16:9, laid out here (not on the 4:3 template's
placeholders), native charts carrying the data and the sector colours, the East Asian font
set on every run of text, and the narrative in the speaker notes."""

from __future__ import annotations

import contextlib
import io
import math
import unicodedata

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Inches, Pt
from xlsxwriter import Workbook

from figures.theme import SLICE_LABEL_MIN
from i18n import t
from i18n.format import phrase
from ingest.problems import printable
from report.slides import INVISIBLE, Deck, NativeChart, Slide

EA_FONT = "Microsoft YaHei"  # present with Office and WPS; Noto Sans CJK SC substitutes
LATIN_FONT = "Arial"
RED = RGBColor(0xB7, 0x1C, 0x1C)
INK = RGBColor(0x26, 0x26, 0x26)
GREY = RGBColor(0x61, 0x61, 0x61)
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 × 7.5 in: 16:9
MARGIN = Inches(0.6)

CHART_TYPES = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "column_stacked": XL_CHART_TYPE.COLUMN_STACKED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
}


def set_east_asian(rpr: object, typeface: str = EA_FONT) -> None:
    """Give a run's (or a chart's default) character properties an <a:ea> typeface:
    ``font.name`` sets only the Latin one, and Chinese would fall back to a default."""
    ea = rpr.find(qn("a:ea"))
    if ea is None:
        ea = OxmlElement("a:ea")
        rpr.insert_element_before(
            ea, "a:cs", "a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst"
        )
    ea.set("typeface", typeface)


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


INSET_X, INSET_Y = Inches(0.1), Inches(0.05)  # a text box's default inner margins
LINE = 1.2  # a line's height, in font sizes


def text_width_pt(text: str, size: float) -> float:
    """The width of one line of ``text`` at ``size`` pt, estimated: a wide (CJK) character
    is one em, any other about 0.55 em (Microsoft YaHei and Arial)."""
    wide = sum(1 for c in text if unicodedata.east_asian_width(c) in "WF")
    return size * (wide + 0.55 * (len(text) - wide))


def lines_needed(text: str, size: float, width: int) -> int:
    """The lines ``text`` wraps to in a text box ``width`` EMU wide at ``size`` pt."""
    room = (width - 2 * INSET_X) / 12700  # EMU per point
    return max(1, math.ceil(text_width_pt(text, size) / room))


def height_needed(lines: list[str], size: float, width: int) -> int:
    """The height (EMU) a text box needs for ``lines`` at ``size`` pt, margins included."""
    count = sum(lines_needed(line, size, width) for line in lines)
    return int(count * size * LINE * 12700 + 2 * INSET_Y)


def _text(slide, left, top, width, height, lines, size, bold=False, color=INK, align=None):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = LATIN_FONT
        run.font.color.rgb = color
        set_east_asian(run._r.get_or_add_rPr())
    return box


class _TextCellsWriter(CategoryWorkbookWriter):
    """The chart's embedded workbook with every text written as text: XlsxWriter would
    otherwise write a name beginning with = as a live formula and one beginning with
    http:// as a link (a community named =HYPERLINK(…) must stay a name)."""

    @contextlib.contextmanager
    def _open_worksheet(self, xlsx_file):  # python-pptx's hook, as in its own writer
        options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        workbook = Workbook(xlsx_file, options)
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class _ChartData(CategoryChartData):
    """``CategoryChartData`` whose workbook holds text as text (``_TextCellsWriter``)."""

    @property
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        return _TextCellsWriter(self)


def _chart(slide, native: NativeChart, left, top, width, height) -> None:
    """``native`` drawn as a native PowerPoint chart: its data in the chart's workbook, its
    colours, legend, labels and axes as on screen."""
    data = _ChartData(number_format=native.number_format)
    data.categories = [printable(c) for c in native.categories]  # chart XML takes no controls
    for series in native.series:
        data.add_series(printable(series.name), list(series.values))
    chart = slide.shapes.add_chart(CHART_TYPES[native.kind], left, top, width, height, data).chart
    chart.has_title = False  # the slide's title names the chart
    chart.font.size = Pt(14)
    chart.font.name = LATIN_FONT
    set_east_asian(chart.font._rPr)
    _colour(chart.plots[0], native)
    chart.has_legend = len(native.series) > 1 or native.kind == "doughnut"
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    if native.kind == "doughnut":
        _ring_labels(chart.plots[0], native)
    else:
        _bar_labels(chart.plots[0], native)
        _axes(chart, native)


def _colour(plot, native: NativeChart) -> None:
    """Each series' colour, and each point's where the chart gives them."""
    for shape_series, series in zip(plot.series, native.series, strict=True):
        if series.color == INVISIBLE:
            shape_series.format.fill.background()
        elif series.color is not None:
            fill = shape_series.format.fill
            fill.solid()
            fill.fore_color.rgb = _rgb(series.color)
    for point, color in zip(plot.series[0].points, native.point_colors or (), strict=False):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = _rgb(color)


def _bar_labels(plot, native: NativeChart) -> None:
    """Value labels on bars and columns (a stacked chart of more than 8 columns has none),
    outside the end of a plain bar; bars set a little apart."""
    if any(s.color == INVISIBLE for s in native.series):
        _series_labels(plot, native)
        _hide_invisible_in_legend(plot, native)
        plot.gap_width = 60
        return
    plot.has_data_labels = native.kind != "column_stacked" or len(native.categories) <= 8
    if plot.has_data_labels:
        labels = plot.data_labels
        labels.number_format = native.number_format
        labels.number_format_is_linked = False
        labels.font.size = Pt(12)
        if native.kind in ("column", "bar"):
            labels.position = XL_LABEL_POSITION.OUTSIDE_END
    if native.kind in ("column", "column_stacked", "bar"):
        plot.gap_width = 60


def _series_labels(plot, native: NativeChart) -> None:
    """Labels on each drawn series of a chart with an invisible one (a waterfall), none on
    its zeros (the format's third section is empty)."""
    for shape_series, series in zip(plot.series, native.series, strict=True):
        if series.color == INVISIBLE:
            continue
        labels = shape_series.data_labels
        labels.show_value = True
        labels.number_format = f"{native.number_format};-{native.number_format};;"
        labels.number_format_is_linked = False
        labels.font.size = Pt(12)
        labels.font.color.rgb = label_color(series.color or "#FFFFFF")
        labels.position = XL_LABEL_POSITION.INSIDE_END


def _hide_invisible_in_legend(plot, native: NativeChart) -> None:
    """No legend entry for an invisible series."""
    legend = plot._element.getparent().getparent().find(qn("c:legend"))
    if legend is None:
        return
    for index, series in enumerate(native.series):
        if series.color == INVISIBLE:
            entry = _element("c:legendEntry")
            entry.append(_element("c:idx", val=str(index)))
            entry.append(_element("c:delete", val="1"))
            legend.find(qn("c:legendPos")).addnext(entry)


def _axes(chart, native: NativeChart) -> None:
    """The value axis from zero in the chart's number format (a share of one series up to
    100%), light gridlines, and a bar chart's first category on top, as on screen."""
    axis = chart.value_axis
    axis_format = "0%" if native.number_format.endswith("%") else native.number_format
    axis.tick_labels.number_format = axis_format
    axis.tick_labels.number_format_is_linked = False
    axis.minimum_scale = 0 if native.minimum is None else native.minimum
    if native.number_format.endswith("%") and native.kind == "bar":
        axis.maximum_scale = 1.0 if len(native.series) == 1 else None
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = RGBColor(0xE0, 0xE0, 0xE0)
    if native.kind == "bar":
        chart.category_axis.reverse_order = True


def _ring_labels(plot, native: NativeChart) -> None:
    """A ring's labels: each slice's share (see ``_slice_labels``)."""
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = "0.0%"
    labels.number_format_is_linked = False
    labels.show_percentage = True
    labels.show_value = False
    labels.font.size = Pt(12)
    _slice_labels(plot.series[0], native)


def label_color(fill: str) -> RGBColor:
    """White on a dark fill, ink on a light one (by the fill's relative luminance)."""
    r, g, b = (int(fill.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return RGBColor(0xFF, 0xFF, 0xFF) if lum < 0.5 else INK


def _slice_labels(series, native: NativeChart) -> None:
    """A ring's labels: a slice under SLICE_LABEL_MIN has none (its share is in the legend,
    see ``report.slides``); the others show their share in white or ink, whichever the
    slice's colour needs."""
    values = native.series[0].values
    total = sum(values) or 1
    for point, value, color in zip(series.points, values, native.point_colors, strict=False):
        label = point.data_label
        d_lbl = label._get_or_add_dLbl()
        if value / total < SLICE_LABEL_MIN:
            for child in list(d_lbl)[1:]:  # all but the point's index
                d_lbl.remove(child)
            d_lbl.append(_element("c:delete", val="1"))
            continue
        label.font.size = Pt(12)
        label.font.bold = True
        label.font.color.rgb = label_color(color)
        d_lbl.find(qn("c:showVal")).set("val", "0")
        d_lbl.find(qn("c:showPercent")).set("val", "1")
        d_lbl.find(qn("c:idx")).addnext(_element("c:numFmt", formatCode="0.0%", sourceLinked="0"))


def _element(tag: str, **attributes: str) -> OxmlElement:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(name, value)
    return element


def _figures(slide, figures: tuple[tuple[str, str], ...], left, top, width) -> None:
    """Key figures stacked: each label as tall as its wrapped lines, its value below it."""
    y = top
    for name, value in figures:
        label_height = height_needed([name], 16, width)
        _text(slide, left, y, width, label_height, [name], 16, color=GREY)
        value_height = height_needed([value], 32, width)
        _text(slide, left, y + label_height, width, value_height, [value], 32, bold=True,
              color=RED)  # fmt: skip
        y += label_height + value_height + Inches(0.3)


def _content(prs: Presentation, s: Slide, number: int, footer: str) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank: we lay out 16:9 ourselves
    inner = WIDTH - 2 * MARGIN
    _text(slide, MARGIN, Inches(0.35), inner, Inches(0.7), [s.title], 30, bold=True, color=RED)
    _text(slide, MARGIN, Inches(1.05), inner, Inches(1.1), [s.headline], 20)
    if s.chart is not None and s.chart.categories:
        chart_width = inner - Inches(3.2) if s.figures else inner
        _chart(slide, s.chart, MARGIN, Inches(2.2), chart_width, Inches(4.7))
        if s.figures:
            _figures(slide, s.figures, WIDTH - MARGIN - Inches(2.9), Inches(2.4), Inches(2.9))
    elif s.bullets:
        _text(slide, MARGIN, Inches(2.3), inner, Inches(4.6), [f"• {b}" for b in s.bullets], 22)
    _text(
        slide, MARGIN, HEIGHT - Inches(0.5), inner, Inches(0.35), [f"{footer} · {number}"], 11,
        color=GREY, align=PP_ALIGN.RIGHT,
    )  # fmt: skip
    notes = slide.notes_slide.notes_text_frame
    notes.text = s.notes or s.headline
    for paragraph in notes.paragraphs:
        for run in paragraph.runs:
            set_east_asian(run._r.get_or_add_rPr())


def deck_pptx(deck: Deck, lang: str) -> bytes:
    """The deck as .pptx bytes: a title slide, then one slide per ``deck.slides``."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(WIDTH), Emu(HEIGHT)
    title = prs.slides.add_slide(prs.slide_layouts[6])
    _text(title, MARGIN, Inches(2.4), WIDTH - 2 * MARGIN, Inches(1.2), [deck.title], 44,
          bold=True, color=RED, align=PP_ALIGN.CENTER)  # fmt: skip
    _text(title, MARGIN, Inches(3.7), WIDTH - 2 * MARGIN, Inches(0.7), [deck.subtitle], 24,
          align=PP_ALIGN.CENTER)  # fmt: skip
    source = t("deck.source", lang, source=deck.source)
    _text(title, MARGIN, Inches(4.5), WIDTH - 2 * MARGIN, Inches(0.6), [source], 16,
          color=GREY, align=PP_ALIGN.CENTER)  # fmt: skip
    title.notes_slide.notes_text_frame.text = f"{deck.subtitle}{phrase('stop', lang)}{source}"
    for run in (r for p in title.notes_slide.notes_text_frame.paragraphs for r in p.runs):
        set_east_asian(run._r.get_or_add_rPr())
    for number, s in enumerate(deck.slides, start=2):
        _content(prs, s, number, deck.subtitle)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
