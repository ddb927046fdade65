"""The deck and its exports: native charts carrying hand-worked figures, the East Asian font
on every run, nothing personal anywhere, an HTML file that needs no network."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from docx import Document
from pptx import Presentation
from pptx.oxml.ns import qn

from report.exports import export_bytes
from report.slides import OUTLINES, build_deck
from tests.small_dataset import NAMES

D = pd.Timestamp("2018-11-30")
# the annual deck's slides on the small dataset: all but 发展党员 and 两个覆盖 (it has
# neither a ledger nor a units register)
ANNUAL = tuple(k for k in OUTLINES["annual"] if k not in ("development", "coverage"))
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def deck(small: dict):
    return build_deck(small, D, "zh", "全街道", "测试数据")


@pytest.fixture(scope="module")
def valid_tables(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from ingest import load_dataset
    from tests.conftest import SALT, VALID, csv_text

    folder = tmp_path_factory.mktemp("valid")
    for name, rows in VALID.items():
        (folder / f"{name}.csv").write_text(csv_text(rows), "utf-8")
    return load_dataset([folder], salt=SALT).tables


@pytest.fixture(scope="module")
def pptx(small: dict) -> bytes:
    return export_bytes(small, D, "zh", "测试数据", "pptx")


def _charts(data: bytes) -> dict[int, object]:
    """Slide number (1 = title) → the native chart on it."""
    prs = Presentation(io.BytesIO(data))
    return {
        i: shape.chart
        for i, slide in enumerate(prs.slides, start=1)
        for shape in slide.shapes
        if shape.has_chart
    }


def _series(chart) -> dict[str, list[float]]:
    return {s.name: list(s.values) for s in chart.plots[0].series}


def test_deck_follows_the_outline_after_a_title_slide(pptx: bytes) -> None:
    prs = Presentation(io.BytesIO(pptx))
    assert len(prs.slides) == 1 + len(ANNUAL)
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 16:9, 13.333 × 7.5 in


def test_every_slide_but_the_last_holds_a_native_chart(pptx: bytes) -> None:
    charts = _charts(pptx)
    assert sorted(charts) == list(range(2, 1 + len(ANNUAL)))  # next steps: text


def test_native_charts_carry_the_hand_worked_figures(pptx: bytes) -> None:
    charts = _charts(pptx)
    # tests/small_dataset.py on D: 社区 3 active (m1 m2 m3), 非公企业 2 (m4 m8)
    overview = charts[2]
    assert list(overview.plots[0].categories) == ["社区", "非公企业"]
    assert _series(overview) == {"在册党员": [3.0, 2.0]}
    trend = _series(charts[3])  # quarterly, stacked: on D 3 full and 2 probationary
    assert trend["正式党员"][-1] == 3.0 and trend["预备党员"][-1] == 2.0
    sectors = charts[6]  # after 年报 (4) and 全国对比 (5)
    assert _series(sectors) == {"在册党员": [3.0, 2.0]}
    # compliance (see test_summary): 支部党员大会 0 of 8, 党课 0 of 8, 主题党日 1 of 33
    orglife = charts[7]
    assert list(orglife.plots[0].categories) == ["支部党员大会", "党课", "主题党日"]
    assert _series(orglife)["达标率"] == pytest.approx([0.0, 0.0, 1 / 33])


def test_sector_colours_stay_with_their_sectors(pptx: bytes) -> None:
    points = _charts(pptx)[6].plots[0].series[0].points
    assert str(points[0].format.fill.fore_color.rgb) == "B71C1C"  # 社区
    assert str(points[1].format.fill.fore_color.rgb) == "1F5FA8"  # 非公企业


def test_every_run_of_text_has_an_east_asian_font(pptx: bytes) -> None:
    prs = Presentation(io.BytesIO(pptx))
    runs = [
        run
        for slide in prs.slides
        for frame in [s.text_frame for s in slide.shapes if s.has_text_frame]
        + [slide.notes_slide.notes_text_frame]
        for paragraph in frame.paragraphs
        for run in paragraph.runs
    ]
    assert runs
    for run in runs:
        ea = run._r.get_or_add_rPr().find(qn("a:ea"))
        assert ea is not None and ea.get("typeface"), run.text
    for chart in _charts(pptx).values():
        assert chart.font._rPr.find(qn("a:ea")) is not None


def test_speaker_notes_carry_each_slides_finding(pptx: bytes) -> None:
    prs = Presentation(io.BytesIO(pptx))
    notes = prs.slides[1].notes_slide.notes_text_frame.text
    assert "在册党员5名" in notes


def _all_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist())


@pytest.mark.parametrize("kind", ["pptx", "html", "docx", "markdown"])
def test_no_member_name_appears_in_any_export(small: dict, kind: str) -> None:
    data = export_bytes(small, D, "zh", "测试数据", kind)
    text = _all_text(data) if kind in ("pptx", "docx") else data.decode("utf-8")
    for name in NAMES:
        assert name not in text
        assert name[0] + "*" not in text  # not even masked


def test_html_needs_no_network(small: dict) -> None:
    page = export_bytes(small, D, "zh", "测试数据", "html").decode("utf-8")
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+stylesheet", page)
    assert page.count("Plotly.newPlot") == len(ANNUAL) - 1  # one per chart
    assert "截至2018年11月30日，全街道共有党组织4个" in page


def test_briefing_states_the_figures_in_paragraphs(deck, small: dict) -> None:
    md = export_bytes(small, D, "zh", "测试数据", "markdown").decode("utf-8")
    assert md.startswith("# 党建工作汇报\n")
    assert "在册党员5名，较上年增长25.0%" in md
    assert md.count("## ") == len(deck.slides)
    doc = Document(io.BytesIO(export_bytes(small, D, "zh", "测试数据", "docx")))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "在册党员5名" in text
    run = next(r for p in doc.paragraphs for r in p.runs if r.text)
    assert run._element.rPr.rFonts.get(qn("w:eastAsia"))


def test_the_briefing_has_a_development_paragraph_with_the_stages_counted_by_hand() -> None:
    from ingest import load_dataset
    from tests.by_hand import SAMPLE, plans_by_hand, read_ledger, stages_by_hand
    from tests.conftest import SALT

    tables = load_dataset([SAMPLE], salt=SALT).tables
    md = export_bytes(tables, D, "zh", "示例数据", "markdown").decode("utf-8")
    ledger = read_ledger()
    stages = stages_by_hand(ledger, D)
    admitted = int(ledger["接收预备党员日期"].between(pd.Timestamp("2018-01-01"), D).sum())
    plans = plans_by_hand(ledger, D)
    share = plans["admitted"].sum() / plans["计划发展党员数"].sum()
    paragraph = md.split("## 发展党员\n\n")[1].split("\n")[0]
    # the plan's share is of the 党委 that have a plan, and says so beside the year's total
    assert paragraph.startswith(
        f"截至2018年11月30日，全街道有入党积极分子{stages['入党积极分子']}名、"
        f"发展对象{stages['发展对象']}名，今年已接收预备党员{admitted}名，"
        f"其中有年度计划的{len(plans)}个党组织接收{plans['admitted'].sum()}名、"
        f"完成计划的{100 * share:.1f}%。"
    )
    assert "程序检查发现" in paragraph
    assert "*" not in paragraph  # no name, masked or not


def test_the_briefing_has_a_coverage_paragraph_with_the_rates_counted_by_hand() -> None:
    from ingest import load_dataset
    from tests.by_hand import SAMPLE, read_units, units_on
    from tests.conftest import SALT

    tables = load_dataset([SAMPLE], salt=SALT).tables
    md = export_bytes(tables, D, "zh", "示例数据", "markdown").decode("utf-8")
    here = units_on(read_units(), D)
    organised = here["覆盖"].isin(["单独组建", "联合组建"]).groupby(here["单位类型"])
    rates, counts = organised.mean(), organised.size()
    paragraph = md.split("## 两个覆盖\n\n")[1].split("\n")[0]
    assert paragraph.startswith(
        f"全街道在营非公企业{counts['非公企业']}家、社会组织{counts['社会组织']}家，"
        f"党组织覆盖率分别为{100 * rates['非公企业']:.1f}%和{100 * rates['社会组织']:.1f}%"
        "（全国2017年：73.1%、61.7%）"
    )


def test_english_briefing_is_in_english(small: dict) -> None:
    md = export_bytes(small, D, "en", "test data", "markdown").decode("utf-8")
    assert "5 active members" in md
    for branch in small["branches"]["name"]:  # organisations' own names are data
        md = md.replace(branch, "")
    assert not re.search(r"[\u4e00-\u9fff]", md)


def test_command_line_builds_the_same_deck(small_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    done = subprocess.run(
        [sys.executable, "-m", "report", "deck", "--data", str(small_dir), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert len(Presentation(str(out)).slides) == 1 + len(ANNUAL)


def test_command_line_writes_the_briefing_as_markdown_by_its_suffix(
    small_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "briefing.md"
    done = subprocess.run(
        [sys.executable, "-m", "report", "briefing", "--data", str(small_dir), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_text("utf-8").startswith("# 党建工作汇报")


@pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("CI"),
    reason="LibreOffice is not installed (.ci/run installs it, so in CI this runs)",
)
def test_libreoffice_opens_the_deck_with_every_page(pptx: bytes, tmp_path: Path) -> None:
    deck_file = tmp_path / "deck.pptx"
    deck_file.write_bytes(pptx)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck_file)],
        capture_output=True,
        timeout=180,
        check=True,
    )
    pdf = (tmp_path / "deck.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1 + len(ANNUAL)


def test_every_chart_becomes_a_png_drawn_by_chromium(small: dict) -> None:
    import os

    from PIL import Image

    from tests.browser.harness import find_chromium

    if find_chromium() is None:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("CI must render the PNG exports, but there is no Chromium")
        pytest.skip("no Chromium: apt-get install -y chromium fonts-noto-cjk")
    data = export_bytes(small, D, "zh", "测试数据", "png")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        assert names[0] == "01_总体情况.png"
        assert len(names) == len(ANNUAL) - 1  # next steps has no chart
        image = Image.open(io.BytesIO(z.read(names[0])))
        assert image.size == (1600, 900)
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
        assert any(rgb == (0xB7, 0x1C, 0x1C) for _, rgb in colours)  # 社区's red is drawn
        band = image.convert("L").crop((0, 0, 1600, 80))  # where the title is
        ink = [x for x in range(1600) if min(band.getpixel((x, y)) for y in range(80)) < 128]
        assert ink and ink[0] >= 40  # the title keeps a margin from the edge


def test_a_slide_built_alone_is_the_decks_slide(small: dict) -> None:
    from report.slides import SLIDES, build_slide

    deck = build_deck(small, D, "zh", "全街道", "示例", SLIDES)
    for slide in deck.slides:
        alone = build_slide(small, D, "zh", "全街道", slide.key)
        assert (alone.title, alone.headline, alone.bullets, alone.figures) == (
            slide.title,
            slide.headline,
            slide.bullets,
            slide.figures,
        )


def test_a_slide_whose_dataset_is_absent_is_not_shown(small: dict) -> None:
    from report.slides import SLIDES, shown_keys

    without = {k: v for k, v in small.items() if k not in ("patents", "participation")}
    assert "innovation" in shown_keys(small, SLIDES)
    assert [k for k in SLIDES if k not in shown_keys(without, SLIDES)] == [
        "development",
        "coverage",
        "orglife",
        "innovation",
    ]
    keys = [s.key for s in build_deck(without, D, "zh", "全街道", "示例", SLIDES).slides]
    assert keys == list(shown_keys(without, SLIDES))


def test_the_trend_slide_counts_every_way_in_and_out(deck) -> None:
    # This year, 1 Jan – 30 Nov 2018: new m2 (m8 joined on 1 Dec 2017); transfer in m3; out
    # m5 (转出) and m7 (死亡): 1 + 1 − 2 = no net change (tests/small_dataset.py)
    (trend,) = [s for s in deck.slides if s.key == "trend"]
    assert "2018年1–11月发展党员1名、转入1名，转出等减少2名，增减相抵。" in trend.headline


def test_the_trend_slide_and_the_overview_card_name_the_same_new_members(deck) -> None:
    (trend,) = [s for s in deck.slides if s.key == "trend"]
    assert trend.figures[0] == ("本年发展党员（2018年1–11月）", "1 名")  # m2, as on the card


def test_the_trend_slide_in_english_says_the_net_change(small: dict) -> None:
    english = build_deck(small, D, "en", "the sub-district", "test data")
    (trend,) = [s for s in english.slides if s.key == "trend"]
    assert trend.headline.endswith(
        "in Jan–Nov 2018, 1 joined, 1 transferred in and 2 left (no net change)."
    )


def test_english_title_notes_have_no_chinese_punctuation(small: dict) -> None:
    data = export_bytes(small, D, "en", "test data", "pptx")
    notes = Presentation(io.BytesIO(data)).slides[0].notes_slide.notes_text_frame.text
    assert notes == "The whole sub-district · as of 30 Nov 2018. Data: test data"


HOSTILE = '=HYPERLINK("http://evil.example","c")'


def test_chart_workbooks_hold_names_from_the_data_as_text_never_as_formulas(small: dict) -> None:
    import openpyxl

    # a filter's scope named like a formula: the national slide's series is named for it
    data = export_bytes(small, D, "zh", "测试数据", "pptx", scope=HOSTILE)
    with zipfile.ZipFile(io.BytesIO(data)) as pptx_zip:
        books = [n for n in pptx_zip.namelist() if n.endswith(".xlsx")]
        cells = []
        for name in books:
            book = openpyxl.load_workbook(io.BytesIO(pptx_zip.read(name)))
            cells += [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert books
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert HOSTILE in [c.value for c in cells]  # kept as the text it is


@pytest.mark.parametrize(
    "name",
    ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "[点我](javascript:alert(1))",
     "# 标题 *强调* `代码`", "- 一项"],
)  # fmt: skip
def test_the_markdown_briefing_shows_names_as_typed_never_as_markup(small: dict, name: str) -> None:
    from markdown_it import MarkdownIt

    tables = dict(small)
    branches = small["branches"].copy()
    branches["name"] = branches["name"].astype(object).where(branches["branch_id"] != "P1", name)
    tables["branches"] = branches.astype({"name": small["branches"]["name"].dtype})
    md = export_bytes(tables, D, "zh", name, "markdown", scope=name).decode("utf-8")
    rendered = MarkdownIt("commonmark").render(md)  # raw HTML on, as GitHub and editors do
    markups = ("<script", "<img", 'href="javascript:', "<em>", "<code>", "<h1>标题", "<li>一项")
    for markup in markups:
        assert markup not in rendered, markup
    # and the name reads as typed once rendered (the leader in patents is P1)
    text = rendered.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    text = text.replace("&amp;", "&")
    assert name in text


def test_a_deck_of_data_without_warnings_exports_with_a_slide_saying_so(
    valid_tables: dict,
) -> None:
    from metrics.scope import Scope, apply_scope

    # tests/conftest.py's VALID, its 党委 B1 alone: no members of its own, no warning on D
    tables = apply_scope(valid_tables, Scope(branch_ids=("B1",)))
    deck = build_deck(tables, D, "zh", "翠颐社区党委", "测试数据", ("alerts", "next_steps"))
    slide = deck.slides[0]
    assert slide.chart is None and slide.bullets == ("当前范围内没有提醒。",)
    for kind in ("pptx", "html", "docx", "markdown"):
        assert export_bytes(tables, D, "zh", "测试数据", kind, keys=("alerts", "next_steps"))
