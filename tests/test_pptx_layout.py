"""The PowerPoint deck has no visible faults, checked from its own geometry and XML: no
text box too small for its wrapped text or overlapping another shape, no label on a slice
too small for it, labels that contrast with their slice, and every series the web chart
has. The sample deck, in both languages."""

from __future__ import annotations

import io
import math
import unicodedata

import pandas as pd
import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from ingest import load_dataset
from report.exports import export_bytes
from tests.by_hand import SAMPLE
from tests.conftest import SALT

D = pd.Timestamp("2018-11-30")
EMU_PER_PT = 12700


@pytest.fixture(scope="module", params=["zh", "en"])
def deck(request: pytest.FixtureRequest) -> Presentation:
    result = load_dataset([SAMPLE], salt=SALT)
    data = export_bytes(result.tables, D, request.param, "示例数据", "pptx")
    return Presentation(io.BytesIO(data))


def _width_pt(text: str, size: float) -> float:
    """A generous estimate: a wide (CJK) character one em, any other 0.6 em."""
    wide = sum(1 for c in text if unicodedata.east_asian_width(c) in "WF")
    return size * (wide + 0.6 * (len(text) - wide))


def _needed_height(shape) -> float:
    """EMU for the box's paragraphs wrapped in its width (0.1 in side margins, 1.2 lines)."""
    room_pt = (shape.width - 2 * 91440) / EMU_PER_PT
    total = 0.0
    for paragraph in shape.text_frame.paragraphs:
        size = max((r.font.size.pt for r in paragraph.runs if r.font.size), default=18)
        lines = max(1, math.ceil(_width_pt(paragraph.text, size) / room_pt))
        total += lines * size * 1.2 * EMU_PER_PT
    return total + 2 * 45720


def _slide(deck, *titles: str):
    """The slide whose title is one of ``titles`` (its Chinese and English)."""
    (found,) = [
        slide
        for slide in deck.slides
        if any(shape.has_text_frame and shape.text_frame.text in titles for shape in slide.shapes)
    ]
    return found


def _overlap(a, b) -> bool:
    return (
        a.left < b.left + b.width
        and b.left < a.left + a.width
        and a.top < b.top + b.height
        and b.top < a.top + a.height
    )


def test_every_text_box_is_tall_enough_for_its_wrapped_text(deck) -> None:
    short = [
        (number, shape.text_frame.text[:20])
        for number, slide in enumerate(deck.slides, start=1)
        for shape in slide.shapes
        if shape.has_text_frame and shape.text_frame.text
        and _needed_height(shape) > shape.height * 1.05
    ]  # fmt: skip
    assert short == []


def test_no_two_shapes_on_a_slide_overlap(deck) -> None:
    clashes = []
    for number, slide in enumerate(deck.slides, start=1):
        shapes = list(slide.shapes)
        for i, a in enumerate(shapes):
            clashes += [(number, a.name, b.name) for b in shapes[i + 1 :] if _overlap(a, b)]
    assert clashes == []


def _ring(deck):
    (chart,) = [s.chart for s in deck.slides[1].shapes if s.has_chart]
    return chart


def test_a_slice_under_4_percent_has_no_label_and_its_share_is_in_the_legend(deck) -> None:
    chart = _ring(deck)
    series = chart.plots[0].series[0]
    values = list(series.values)
    total = sum(values)
    labels = series._element.findall(f"{qn('c:dLbls')}/{qn('c:dLbl')}")
    deleted = {
        int(d.find(qn("c:idx")).get("val")) for d in labels if d.find(qn("c:delete")) is not None
    }
    small = {i for i, v in enumerate(values) if v / total < 0.04}
    assert small and deleted == small  # the sample: 楼宇, 行业商协会, 社会组织
    names = list(chart.plots[0].categories)
    for i in small:
        assert names[i].endswith(f"{values[i] / total:.1%}")


def test_slice_labels_are_white_on_dark_slices(deck) -> None:
    series = _ring(deck).plots[0].series[0]
    labels = series._element.findall(f"{qn('c:dLbls')}/{qn('c:dLbl')}")
    for d in labels:
        if d.find(qn("c:delete")) is not None:
            continue
        idx = int(d.find(qn("c:idx")).get("val"))
        fill = series.points[idx].format.fill.fore_color.rgb
        r, g, b = (int(str(fill)[i : i + 2], 16) / 255 for i in (0, 2, 4))
        dark = 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5
        text = d.find(f".//{qn('a:srgbClr')}").get("val")
        assert text == ("FFFFFF" if dark else "262626"), (idx, str(fill), text)


def test_the_innovation_chart_has_the_grants_beside_the_applications(deck) -> None:
    slide = _slide(deck, "党建引领创新", "Party-led innovation")
    (chart,) = [s.chart for s in slide.shapes if s.has_chart]
    names = [s.name for s in chart.plots[0].series]
    assert len(names) == 4 and names[-1] in ("授权", "Granted")
    assert list(chart.plots[0].categories)[-1] in ("2018年（至11月）", "2018 (to Nov)")


def test_volunteer_hours_carry_their_unit_compactly(deck) -> None:
    slide = _slide(deck, "组织生活", "Organisational life")
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    assert "5.84万 小时" in texts or "58.4k" in texts


def test_the_development_slide_draws_the_four_stages_in_their_colours(deck) -> None:
    slide = _slide(deck, "发展党员", "Bringing in new members")
    (chart,) = [s.chart for s in slide.shapes if s.has_chart]
    assert len(list(chart.plots[0].categories)) == 4
    from tests.by_hand import active_by_hand, read_ledger, read_sample, stages_by_hand

    active = active_by_hand(read_sample()["members"], D)
    probationary = int((active["转正日期"].isna() | (active["转正日期"] > D)).sum())
    by_hand = [*stages_by_hand(read_ledger(), D).values(), probationary]
    assert list(chart.plots[0].series[0].values) == [float(n) for n in by_hand]
    fills = {str(p.format.fill.fore_color.rgb) for p in chart.plots[0].series[0].points}
    assert len(fills) == 4


def test_the_coverage_slide_draws_each_kinds_organisation_coverage_counted_by_hand(
    deck,
) -> None:
    from tests.by_hand import read_units, units_on

    slide = _slide(deck, "两个覆盖", "Reaching enterprises and social organisations")
    (chart,) = [s.chart for s in slide.shapes if s.has_chart]
    here = units_on(read_units(), D)
    organised = here["覆盖"].isin(["单独组建", "联合组建"])
    by_hand = organised.groupby(here["单位类型"]).mean()
    first = [series.values[0] for series in chart.plots[0].series]  # 党组织覆盖率, per kind
    assert first == pytest.approx([by_hand["非公企业"], by_hand["社会组织"]])
