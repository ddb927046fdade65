"""两个覆盖: the units register's rates at the edges of the definitions, by place and over
time, its validation and the summary keys, on a hand-built register whose answers are
worked out by hand. D = 2018-11-30.

The register (REGISTER):
  U1 非公企业 单独组建 (P1), 5 full members, staff 100, community A, building X
  U2 非公企业 联合组建 (C1a), exactly 3 full members, staff 20, community A, building X
  U3 非公企业 未建 with a 党建指导员, 2 full members, staff 10, community B
  U4 非公企业 未建, no instructor, 3 full members, staff 30, community B
  U5 非公企业 closed on D: not operating
  U6 非公企业 registered the day after D: not operating
  U7 社会组织 单独组建 from the day after D (未建 on D), 4 full members, staff 12, community A
  U8 社会组织 联合组建 (C1a) from D, 0 full members, staff 8, community B
On D: 非公企业 U1–U4 operate: own 1, joint 1, none 2 (U3 with an instructor); 应建未建 U2
(joint, 3) and U4. 社会组织 U7 and U8 operate: joint 1 (U8), none 1 (U7, 应建未建).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from domain.definitions import as_of_date
from ingest import load_dataset
from metrics.coverage import (
    coverage_by_kind,
    coverage_by_place,
    coverage_trend,
    covered_by,
    should_form_list,
    unreached_list,
)

D = pd.Timestamp("2018-11-30")
COLUMNS = [
    "unit_id", "name", "kind", "community", "building", "staff", "full_members",
    "probationary_members", "coverage", "branch_id", "instructor", "registered_on",
    "closed_on", "covered_on",
]  # fmt: skip
# columns as COLUMNS; "-" for a blank cell
REGISTER_TEXT = """
U1 甲科技 非公企业 A X  100 5 0 单独组建 P1  -      2010-01-01 -          -
U2 乙贸易 非公企业 A X  20  3 0 联合组建 C1a -      2012-01-01 -          -
U3 丙餐饮 非公企业 B -  10  2 0 未建     -   王老师 2015-01-01 -          -
U4 丁物流 非公企业 B -  30  3 1 未建     -   -      2016-01-01 -          -
U5 戊设计 非公企业 A -  5   1 0 未建     -   -      2014-01-01 2018-11-30 -
U6 己咨询 非公企业 A -  6   0 0 未建     -   -      2018-12-01 -          -
U7 庚协会 社会组织 A -  12  4 0 单独组建 P1  -      2011-01-01 -          2018-12-01
U8 辛社工 社会组织 B -  8   0 0 联合组建 C1a -      2013-01-01 -          2018-11-30
"""
REGISTER = [
    tuple(None if cell == "-" else cell for cell in line.split())
    for line in REGISTER_TEXT.strip().splitlines()
]


def register(rows: list[tuple] = REGISTER) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for column in ("registered_on", "closed_on", "covered_on"):
        frame[column] = pd.to_datetime(frame[column])
    for column in ("staff", "full_members", "probationary_members"):
        frame[column] = pd.to_numeric(frame[column]).astype("Int64")
    return frame


BRANCHES = pd.DataFrame(
    {"branch_id": ["P1", "C1a"], "name": ["乙科技有限公司党支部", "甲社区第一党支部"]}
)


def test_each_kind_counts_only_the_units_operating_on_d() -> None:
    out = coverage_by_kind(register(), D)
    assert out.loc["非公企业", "units"] == 4  # closed on D, registered the day after: out
    assert out.loc["社会组织", "units"] == 2


def test_the_organisation_rate_counts_own_and_joint_organisations() -> None:
    out = coverage_by_kind(register(), D)
    assert out.loc["非公企业", ["own", "joint", "none"]].tolist() == [1, 1, 2]
    assert out.loc["非公企业", "organisation_rate"] == pytest.approx(2 / 4)
    assert out.loc["非公企业", "own_rate"] == pytest.approx(1 / 4)


def test_coverage_that_begins_the_day_after_d_is_none_on_d_and_on_d_counts() -> None:
    out = coverage_by_kind(register(), D)
    # U7 单独组建 from 2018-12-01: 未建 on D; U8 联合组建 from D itself: joint
    assert out.loc["社会组织", ["own", "joint", "none"]].tolist() == [0, 1, 1]
    assert coverage_by_kind(register(), pd.Timestamp("2018-12-01")).loc["社会组织", "own"] == 1


def test_work_coverage_adds_the_units_with_an_instructor_only() -> None:
    out = coverage_by_kind(register(), D)
    assert out.loc["非公企业", "instructor_only"] == 1  # U3; U4 has nobody
    assert out.loc["非公企业", "work_rate"] == pytest.approx(3 / 4)
    assert out.loc["社会组织", "work_rate"] == pytest.approx(1 / 2)


def test_staff_reached_are_those_of_organisation_covered_units() -> None:
    out = coverage_by_kind(register(), D)
    assert out.loc["非公企业", ["staff", "staff_covered"]].tolist() == [160.0, 120.0]
    assert out.loc["非公企业", "staff_covered_share"] == pytest.approx(0.75)


def test_should_form_is_three_full_members_or_more_without_an_own_organisation() -> None:
    found = should_form_list(register(), BRANCHES, D)
    # U7 (4, 未建 on D), U2 (exactly 3, joint), U4 (3, none); U1 has its own; U3 has 2
    assert found["unit_id"].tolist() == ["U7", "U2", "U4"]
    assert found.set_index("unit_id").at["U2", "branch"] == "甲社区第一党支部"
    assert coverage_by_kind(register(), D)["should_form"].tolist() == [2, 1]


def test_units_reached_by_neither_organisation_nor_instructor_are_listed_largest_first() -> None:
    assert unreached_list(register(), D)["unit_id"].tolist() == ["U4", "U7"]


def test_a_kind_without_units_has_no_rate() -> None:
    only_enterprises = register([r for r in REGISTER if r[2] == "非公企业"])
    out = coverage_by_kind(only_enterprises, D)
    assert out.loc["社会组织", "units"] == 0
    assert np.isnan(out.loc["社会组织", "organisation_rate"])


def test_rates_by_community_and_by_building() -> None:
    by_community = coverage_by_place(register(), D, "community")
    # community A: 非公企业 U1 U2 (both covered); B: U3 U4 (neither organised)
    assert by_community.loc[("A", "非公企业"), "organisation_rate"] == pytest.approx(1.0)
    assert by_community.loc[("B", "非公企业"), "organisation_rate"] == pytest.approx(0.0)
    assert by_community.loc[("B", "社会组织"), "units"] == 1  # U8
    by_building = coverage_by_place(register(), D, "building")
    assert list(by_building.index) == [("X", "非公企业")]  # units with no building left out
    assert by_building.loc[("X", "非公企业"), "own_rate"] == pytest.approx(0.5)


def test_the_trend_follows_registrations_closures_and_coverage_dates() -> None:
    days = [pd.Timestamp("2015-06-30"), D, pd.Timestamp("2018-12-31")]
    trend = coverage_trend(register(), days)
    # 2015-06-30: 非公企业 U1 U2 U3 U5 operate (U4 not yet), U1 U2 organised: 2 of 4
    assert trend.loc[(days[0], "非公企业"), "units"] == 4
    assert trend.loc[(days[0], "非公企业"), "organisation_rate"] == pytest.approx(2 / 4)
    # 2018-12-31: U6 registered (未建) and U5 closed: U1 U2 U3 U4 U6 operate
    assert trend.loc[(days[2], "非公企业"), "units"] == 5
    assert trend.loc[(days[2], "非公企业"), "organisation_rate"] == pytest.approx(2 / 5)
    assert trend.loc[(days[2], "社会组织"), "own_rate"] == pytest.approx(0.5)


def test_a_joint_branch_covers_its_units() -> None:
    assert covered_by(register(), {"C1a"}, D)["unit_id"].tolist() == ["U2", "U8"]  # 乙, 辛
    assert covered_by(register(), {"P1"}, D)["unit_id"].tolist() == ["U1"]  # U7 not yet
    assert len(covered_by(register(), {"P1", "C1a"}, D)) == 3


HEADER = (
    "单位编号,单位名称,单位类型,所在社区,所在楼宇,从业人员数,正式党员数,预备党员数,"
    "党组织覆盖方式,所属党组织编号,党建指导员,成立日期,注销日期,覆盖日期\n"
)


def _csv(rows: list[tuple]) -> str:
    def cell(v: object) -> str:
        if v is None:
            return ""
        return str(v)

    return HEADER + "".join(",".join(cell(v) for v in r) + "\n" for r in rows)


def _folder(tmp_path: Path, small_dir: Path, name: str, text: str) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for f in small_dir.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_register_loads_and_the_summary_gives_the_coverage_keys(
    tmp_path: Path, small_dir: Path
) -> None:
    from queries.summary import full_summary

    folder = _folder(tmp_path, small_dir, "两新组织.csv", _csv(REGISTER))
    result = load_dataset([folder], salt="s")
    assert result.ok, [p.message_zh for p in result.report.problems]
    out = full_summary(result.tables, as_of_date(result.tables))["coverage"]
    assert out["units"] == {"非公企业": 4, "社会组织": 2}
    assert out["organisation_rate"] == {"非公企业": 0.5, "社会组织": 0.5}
    assert out["own_rate"] == {"非公企业": 0.25, "社会组织": 0.0}
    assert out["work_rate"] == {"非公企业": 0.75, "社会组织": 0.5}
    assert out["should_form"] == 3


def test_an_organised_unit_without_its_organisation_is_an_error(
    tmp_path: Path, small_dir: Path
) -> None:
    rows = [
        ("U1", "甲科技", "非公企业", "A", None, 10, 3, 0, "单独组建", None, None, None, None, None)
    ]
    result = load_dataset([_folder(tmp_path, small_dir, "units.csv", _csv(rows))], salt="s")
    (found,) = [p for p in result.report.problems if p.code == "logic.unit_without_branch"]
    assert (found.row, found.column, found.value, found.record) == (
        2,
        "党组织覆盖方式",
        "单独组建",
        "单位编号 U1",
    )


def test_a_unit_closed_before_it_was_registered_is_an_error(
    tmp_path: Path, small_dir: Path
) -> None:
    closed_first = ("2015-01-01", "2014-01-01", None)  # 成立, 注销, 覆盖
    rows = [("U1", "甲科技", "非公企业", "A", None, 10, 0, 0, "未建", None, None, *closed_first)]
    result = load_dataset([_folder(tmp_path, small_dir, "units.csv", _csv(rows))], salt="s")
    (found,) = [p for p in result.report.problems if p.code == "logic.unit_date_order"]
    assert (found.column, found.value, found.severity) == ("注销日期", "2014-01-01", "error")


def test_more_members_than_staff_is_a_warning(tmp_path: Path, small_dir: Path) -> None:
    rows = [
        ("U1", "甲科技", "非公企业", "A", None, 2, 3, 0, "联合组建", "C1a", None, None, None, None)
    ]
    result = load_dataset([_folder(tmp_path, small_dir, "units.csv", _csv(rows))], salt="s")
    assert result.ok
    (found,) = [p for p in result.report.problems if p.code == "logic.members_over_staff"]
    assert (found.row, found.severity) == (2, "warning")


def test_a_unit_covered_by_an_unknown_organisation_is_an_error(
    tmp_path: Path, small_dir: Path
) -> None:
    rows = [
        (
            "U1",
            "甲科技",
            "非公企业",
            "A",
            None,
            10,
            3,
            0,
            "联合组建",
            "NOPE",
            None,
            None,
            None,
            None,
        )
    ]
    result = load_dataset([_folder(tmp_path, small_dir, "units.csv", _csv(rows))], salt="s")
    assert not result.ok
    (found,) = [p for p in result.report.problems if p.value == "NOPE"]
    assert found.column == "所属党组织编号"


def test_coverage_labels_as_offices_write_them_are_read(tmp_path: Path, small_dir: Path) -> None:
    rows = [
        ("U1", "甲科技", "民营企业", "A", None, 10, 3, 0, "单建", "P1", None, None, None, None),
        ("U2", "乙协会", "社会团体", "A", None, 10, 0, 0, "未建立", None, None, None, None, None),
    ]
    result = load_dataset([_folder(tmp_path, small_dir, "units.csv", _csv(rows))], salt="s")
    assert result.ok, [p.message_zh for p in result.report.problems]
    units = result.tables["units"]
    assert units["kind"].astype(str).tolist() == ["非公企业", "社会组织"]
    assert units["coverage"].astype(str).tolist() == ["单独组建", "未建"]


def test_a_party_organisation_list_named_for_a_sector_is_still_the_branches(
    tmp_path: Path, small_dir: Path
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for f in small_dir.iterdir():
        target = "非公企业党组织.csv" if f.name == "branches.csv" else f.name
        (folder / target).write_bytes(f.read_bytes())
    result = load_dataset([folder], salt="s")
    assert result.ok, [p.message_zh for p in result.report.problems]
    assert "units" not in result.tables and len(result.tables["branches"]) == 5


def test_the_bundled_national_coverage_is_the_2017_communiques() -> None:
    from ingest.reference import read_reference

    national = read_reference().coverage.set_index(["year", "kind"])
    assert national.loc[(2017, "非公企业"), "organisation_rate_pct"] == 73.1
    assert national.loc[(2017, "社会组织"), "organisation_rate_pct"] == 61.7
    assert national.loc[(2017, "社会组织"), "source"].startswith("cnxxpl.com")  # "same" filled


def test_a_scope_chooses_units_by_community_only(tmp_path: Path, small_dir: Path) -> None:
    from metrics.scope import Scope, apply_scope, grouped, restrict

    folder = _folder(tmp_path, small_dir, "units.csv", _csv(REGISTER))
    tables = load_dataset([folder], salt="s").tables
    by_sector = Scope(sectors=("社区",))
    assert len(apply_scope(tables, by_sector)["units"]) == 8  # a sector does not choose units
    in_b = Scope(communities=("B",))
    assert sorted(apply_scope(tables, in_b)["units"]["unit_id"]) == ["U3", "U4", "U8"]
    for scope in (by_sector, in_b, Scope(branch_ids=("P1",))):
        fast = restrict(grouped(tables), scope)["units"]
        assert sorted(fast["unit_id"]) == sorted(apply_scope(tables, scope)["units"]["unit_id"])


def test_a_register_as_an_excel_sheet_with_a_title_row_loads(
    tmp_path: Path, small_dir: Path
) -> None:
    from openpyxl import Workbook

    folder = _folder(tmp_path, small_dir, "notes.txt", "")
    (folder / "notes.txt").unlink()
    book = Workbook()
    sheet = book.active
    sheet.append(["桂城街道两新组织党建工作情况统计表（2018年11月）"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=14)
    sheet.append(HEADER.strip().split(","))
    for row in REGISTER[:4]:
        sheet.append([None if v is None else v for v in row])
    book.save(folder / "两新组织名录.xlsx")
    result = load_dataset([folder], salt="s")
    assert result.ok, [p.message_zh for p in result.report.problems]
    assert result.tables["units"]["unit_id"].tolist() == ["U1", "U2", "U3", "U4"]
    assert coverage_by_kind(result.tables["units"], D).loc["非公企业", "units"] == 4


def test_an_own_organisation_with_exactly_three_full_members_need_not_form_another() -> None:
    rows = [("U1", "甲", "非公企业", "A", None, "10", "3", "0", "单独组建", "P1", None,
             "2010-01-01", None, None)]  # fmt: skip
    assert should_form_list(register(rows), BRANCHES, D).empty


def test_a_unit_without_a_registration_date_is_operating() -> None:
    rows = [("U1", "甲", "非公企业", "A", None, "10", "0", "0", "未建", None, None, None, None,
             None)]  # fmt: skip
    assert coverage_by_kind(register(rows), D).loc["非公企业", "units"] == 1


def test_an_instructor_cell_saying_none_names_nobody() -> None:
    rows = [
        ("U1", "甲", "非公企业", "A", None, "10", "0", "0", "未建", None, "无", None, None, None),
        ("U2", "乙", "非公企业", "A", None, "10", "0", "0", "未建", None, "/", None, None, None),
        (
            "U3",
            "丙",
            "非公企业",
            "A",
            None,
            "10",
            "0",
            "0",
            "未建",
            None,
            "王老师",
            None,
            None,
            None,
        ),
    ]
    out = coverage_by_kind(register(rows), D)
    assert out.loc["非公企业", "instructor_only"] == 1
    assert out.loc["非公企业", "work_rate"] == pytest.approx(1 / 3)


def test_the_building_picker_offers_the_buildings_of_operating_units(
    tmp_path: Path, small_dir: Path
) -> None:
    from queries.coverage import coverage

    closed = ("U9", "壬", "非公企业", "A", "Y", 5, 0, 0, "未建", None, None, "2010-01-01")
    rows = [*REGISTER, (*closed, "2015-01-01", None)]  # Y's only unit closed in 2015
    folder = _folder(tmp_path, small_dir, "units.csv", _csv(rows))
    tables = load_dataset([folder], salt="s").tables
    assert coverage(tables, D).buildings == ("X",)
