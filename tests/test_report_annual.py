"""The 党内统计年报 outside the page: ``python -m report annual``, its JSON and workbook,
and the deck's 年报 slide. Figures from the sample are counted with plain pandas
(tests/by_hand.py); those of the hand-built roster are worked out in tests/test_annual.py.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from queries.annual import annual
from report.annual_workbook import annual_workbook
from report.slides import INVISIBLE, build_slide
from tests.by_hand import active_by_hand, read_sample
from tests.command import run_module
from tests.test_annual import LATEST, TABLES

ENV = {k: v for k, v in os.environ.items() if k not in ("DANGJIAN_DATA_DIR", "DANGJIAN_STORE")}


def _report(*args: str):
    return run_module("report", "annual", *args, env=ENV, timeout=120)


@pytest.fixture(scope="module")
def sample_json() -> dict:
    done = _report("--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_json_defaults_to_the_last_complete_year_and_agrees_by_hand(sample_json: dict) -> None:
    m = read_sample()["members"]
    assert (sample_json["year"], sample_json["as_of"], sample_json["scope"]) == (
        2017, "2017-12-31", None,
    )  # fmt: skip
    t1 = sample_json["table1"]
    assert t1["1"] == len(active_by_hand(m, pd.Timestamp("2016-12-31")))
    assert t1["14"] == len(active_by_hand(m, pd.Timestamp("2017-12-31")))
    assert sample_json["members_by_occupation"]["合计"]["total"] == t1["14"]
    assert all(c["ok"] for c in sample_json["checks"])
    assert sample_json["difference_records"] == []


def test_the_json_of_one_partys_committee_names_it(sample_json: dict) -> None:
    branches = read_sample()["branches"]
    root = branches.loc[branches["组织类型"] == "党委", "组织编号"].iloc[0]
    done = _report("--json", "--scope", root)
    assert done.returncode == 0, done.stderr
    mine = json.loads(done.stdout)
    assert mine["scope"] == root
    assert 0 < mine["table1"]["14"] < sample_json["table1"]["14"]


def test_a_year_the_data_has_not_reached_is_a_usage_error() -> None:
    done = _report("--year", "2030")
    assert done.returncode == 2
    assert "2018-11-30" in done.stderr


def test_an_organisation_not_in_the_data_is_a_usage_error() -> None:
    done = _report("--scope", "NO-SUCH-ORG")
    assert done.returncode == 2
    assert "NO-SUCH-ORG" in done.stderr


def test_the_text_output_gives_table1_and_the_checks_in_both_languages() -> None:
    done = _report("--year", "2017")
    assert done.returncode == 0, done.stderr
    assert "上年底总数 At the end of last year" in done.stdout
    assert "13 = 1 + 2 - 7" in done.stdout and "通过 Passed" in done.stdout


def test_the_workbook_is_written_with_the_sample(tmp_path: Path) -> None:
    out = tmp_path / "年报.xlsx"
    done = _report("--year", "2017", "--out", str(out))
    assert done.returncode == 0, done.stderr
    book = load_workbook(out)
    assert book.sheetnames[0] == "表一 党员数比较" and "审核" in book.sheetnames


@pytest.fixture(scope="module")
def roster_book():
    data = annual_workbook(annual(TABLES, 2018, LATEST), "甲社区党委")
    return load_workbook(io.BytesIO(data))


def test_table1s_sheet_is_the_form_across_the_page(roster_book) -> None:
    ws = roster_book["表一 党员数比较"]
    assert ws["A1"].value == "第一表　两年党员数综合比较"
    assert ws["A2"].value == "填报单位：甲社区党委"
    assert ws["A3"].value == "年度：2018年"
    assert [ws.cell(6, j).value for j in range(2, 17)] == list(range(1, 16))
    values = [ws.cell(7, j).value for j in range(2, 17)]
    assert values == [13, 7, 3, 1, 3, 1, 6, 2, 1, 1, 2, 1, 14, 12, -2]
    assert all(type(v) is int for v in values)


def test_every_sheet_prints_on_a4_landscape_one_page_wide(roster_book) -> None:
    for ws in roster_book.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert int(ws.page_setup.paperSize) == 9  # A4 in the OOXML paper sizes
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1


def test_table2s_sheet_has_its_column_numbers_and_numbers_as_numbers(roster_book) -> None:
    ws = roster_book["表二 基本情况"]
    assert ws["A1"].value == "第二表　党员基本情况"
    assert [ws.cell(6, j).value for j in range(1, 10)] == ["甲", *range(1, 9)]
    assert [ws.cell(7, j).value for j in range(1, 10)] == ["合计", 12, 5, 2, 5, 2, 1, 1, 3]


def test_the_checks_sheet_lists_the_failures_with_their_records(roster_book) -> None:
    ws = roster_book["审核"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=6)]
    failed = {r[1]: r[5] for r in rows if r[4] == "未通过"}
    assert failed == {"14 = 13": "i、r", "表二 各职业之和 = 合计": "k", "学历 各栏之和 = 合计": "p"}


def test_the_difference_sheet_has_ids_organisations_dates_and_reasons_never_names(
    roster_book,
) -> None:
    ws = roster_book["差额记录"]
    header = [c.value for c in ws[5]]
    assert header == ["党员编号", "组织编号", "组织名称", "减少日期", "减少原因"]
    assert [c.value for c in ws[6]] == ["i", "S1", "甲社区第一支部", "2018年7月1日", "其他"]
    assert [c.value for c in ws[7]][4] == "（未填）"


def test_the_slide_draws_table1_as_a_waterfall_by_hand() -> None:
    """Running totals: 13 → +3 +1 +3 → 20 → −2 −1 −1 −2 → 14 → −2 (栏 15) → 12."""
    slide = build_slide(TABLES, LATEST, "zh", "全街道", "yearend")
    base, totals, up, down = slide.chart.series
    assert base.color == INVISIBLE
    assert base.values == (0, 13, 16, 17, 18, 17, 16, 14, 12, 0)
    assert totals.values == (13, 0, 0, 0, 0, 0, 0, 0, 0, 12)
    assert up.values == (0, 3, 1, 3, 0, 0, 0, 0, 0, 0)
    assert down.values == (0, 0, 0, 0, 2, 1, 1, 2, 2, 0)
    assert slide.chart.categories[-2] == "实有数与应有数之差（14−13）"
    assert "党员由上年底13名变为年底12名" in slide.headline and "相差2名" in slide.headline


def test_a_year_not_complete_says_where_it_stops_in_every_sheets_title() -> None:
    book = load_workbook(io.BytesIO(annual_workbook(annual(TABLES, 2019, LATEST), "甲")))
    for name in ("表一 党员数比较", "表二 基本情况", "表十四 发展党员", "基层党组织"):
        assert book[name]["A1"].value.endswith("（统计至2019年2月1日）"), name
    assert book["表一 党员数比较"]["A3"].value == "年度：2019年（截至2019年2月1日，本年尚未结束）"
