"""The national system's 党员基本信息汇总表 (.xls and .xlsx) and 党组织 list, read unmodified.

The files are written by ``tests/official_forms.py``; its docstring works every figure out
by hand.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from domain.contract import EDUCATION, GENDERS, OCCUPATIONS
from domain.definitions import as_of_date
from ingest import load_dataset
from ingest.dates import parse_cell
from ingest.labels import category_label, normalise_ethnicity
from ingest.read import read_table
from queries.summary import headline
from tests import official_forms as forms
from tests.conftest import SALT

ROOT = Path(__file__).resolve().parent.parent
D = pd.Timestamp("2018-10-08")  # the roster's latest event: 陈七's 入党日期

Writer = Callable[[Path], Path]
FORMATS: dict[str, tuple[Writer, Writer]] = {
    "xls": (forms.write_roster_xls, forms.write_orgs_xls),
    "xlsx": (forms.write_roster_xlsx, forms.write_orgs_xlsx),
}


def _official(tmp_path: Path, fmt: str, rows: tuple = forms.ROSTER) -> Path:
    folder = tmp_path / fmt
    folder.mkdir(exist_ok=True)
    roster, orgs = FORMATS[fmt]
    roster(folder / f"党员基本信息汇总表.{fmt}", rows)  # type: ignore[call-arg]  # both writers take the rows
    orgs(folder / f"党组织.{fmt}")
    return folder


@pytest.fixture(params=list(FORMATS))
def official(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return _official(tmp_path, request.param)


def _loaded(folder: Path):
    result = load_dataset([folder], salt=SALT)
    assert result.ok, result.report.to_json()
    return result


def _with_row(name: str, **changes: object) -> tuple:
    """The roster with one member's cells changed, by form column (a HEADERS entry)."""
    out = []
    for row in forms.ROSTER:
        if row[1] == name:
            row = list(row)
            for header, value in changes.items():
                row[[h.strip() for h in forms.HEADERS].index(header)] = value
            row = tuple(row)
        out.append(row)
    return tuple(out)


# --- the layout -------------------------------------------------------------------------


def test_the_two_row_header_is_found_below_the_title_and_info_rows(official: Path) -> None:
    raw = read_table(next(official.glob("党员基本信息汇总表.*")))
    assert raw.header_row == 3  # 1 title, 2 基层党委/汇总日期, 3–4 the header
    assert raw.headers[12:14] == ["手机号", "固定电话"]  # under the merged 联系电话
    assert raw.headers[1] == "姓名" and raw.headers[9] == "加入党组织日期"
    assert raw.rows.tolist() == [5, 6, 7, 8, 9, 10]  # the footer note is not a row


def test_every_member_of_the_official_roster_is_read(official: Path) -> None:
    members = _loaded(official).tables["members"]
    assert members["name"].tolist() == ["张三明", "李四", "王小红", "赵六", "陈七", "孙八"]


def test_figures_of_the_official_roster_equal_the_hand_count(official: Path) -> None:
    tables = _loaded(official).tables
    assert as_of_date(tables) == D
    h = headline(tables, D)["members"]
    assert (h["active"], h["full"], h["probationary"]) == (6, 4, 2)
    assert h["gender"] == {"男": 3, "女": 3}
    assert h["college_or_above"] == 4
    assert h["minority"] == 2
    assert (h["lost_contact"], h["floating"]) == (1, 1)


def test_members_are_placed_in_their_branch_by_its_full_name(official: Path) -> None:
    members = _loaded(official).tables["members"]
    assert members.groupby("branch_id").size().to_dict() == {"440605001001": 3, "440605001002": 3}


def test_the_organisation_list_gives_each_branch_its_parent_by_full_name(official: Path) -> None:
    result = _loaded(official)
    parents = result.tables["branches"].set_index("branch_id")["parent_id"]
    assert parents.isna().tolist() == [True, False, False]
    assert parents.iloc[1:].tolist() == ["440605001", "440605001"]
    (p,) = [p for p in result.report.problems if p.code == "ref.parent_outside"]
    assert (p.severity, p.value) == ("warning", forms.STREET)


# --- personal data ------------------------------------------------------------------------


def test_without_a_member_id_the_key_is_a_hash_never_the_id_number(official: Path) -> None:
    result = _loaded(official)
    members = result.tables["members"]
    assert members["member_id"].str.fullmatch(r"H[0-9a-f]{16}").all()
    assert members["member_id"].is_unique
    text = members.to_csv() + result.report.to_json()
    for row in forms.ROSTER:
        assert row[3] not in text  # the 公民身份证号
        assert row[3][:17] not in text


def test_phones_and_addresses_are_dropped_as_read(official: Path) -> None:
    result = _loaded(official)
    text = result.tables["members"].to_csv() + result.report.to_json()
    for secret in ("13800138000", "13900139000", "0757-86200000", "翠颐路1号"):
        assert secret not in text
    dropped = {p.column for p in result.report.problems if p.code == "column.dropped"}
    assert dropped == {"手机号", "固定电话", "家庭住址"}


# --- coded values and dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "label"),
    [
        (" 21 大学", "大学本科"),
        ("12 硕士研究生  ", "研究生"),
        ("1A 中央党校研究生", "研究生"),
        ("1B", "研究生"),
        ("2C 中央党校大专", "大学专科"),
        ("22", "大学专科"),
        ("41 中等专科(中专)", "中专"),
        ("6 普通高中", "高中"),
        ("8 小学", "初中及以下"),
        ("大学", "大学本科"),
        ("9 其他", None),
    ],
)
def test_coded_education_reads_as_the_contracts_label(cell: str, label: str | None) -> None:
    assert category_label(cell, EDUCATION) == (True, label)


@pytest.mark.parametrize(
    ("cell", "label"),
    [("502 退休人员", "离退休人员"), ("502", "离退休人员"), ("企业管理人员", "管理人员"),
     ("01 公务员", "党政机关工作人员"), ("工勤技能人员", "工人"), ("学生", "学生")],
)  # fmt: skip
def test_coded_posts_read_as_the_contracts_occupation(cell: str, label: str) -> None:
    assert category_label(cell, OCCUPATIONS) == (True, label)


def test_a_post_the_contract_cannot_place_is_not_guessed() -> None:
    assert category_label("军人", OCCUPATIONS) == (False, None)


@pytest.mark.parametrize(("cell", "label"), [("1 男", "男"), ("2", "女"), ("女", "女")])
def test_coded_gender(cell: str, label: str) -> None:
    assert category_label(cell, GENDERS) == (True, label)


@pytest.mark.parametrize(
    ("cell", "name"), [("01 汉族", "汉族"), ("08", "壮族"), ("03 回族", "回族"), ("壮", "壮族")]
)
def test_coded_ethnicity(cell: str, name: str) -> None:
    assert normalise_ethnicity(cell) == name


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        ("1985.06", "1985-06-01"),
        ("198506", "1985-06-01"),
        ("1985年06月", "1985-06-01"),
        ("2018年 11 月 30 日", "2018-11-30"),
        (198506.0, "1985-06-01"),
        (18264.0, "1950-01-01"),  # an Excel serial day
    ],
)
def test_the_forms_date_spellings(cell: object, day: str) -> None:
    assert parse_cell(cell) == (pd.Timestamp(day), None)


def test_date_cells_with_a_chinese_format_are_dates(official: Path) -> None:
    members = _loaded(official).tables["members"].set_index("name")
    assert members.loc["张三明", "birth_date"] == pd.Timestamp("1985-06-01")
    assert members.loc["赵六", "birth_date"] == pd.Timestamp("1950-01-01")  # a serial
    assert members.loc["王小红", "joined_on"] == pd.Timestamp("1985-06-01")  # 1985年06月


# --- 人员类别, 党籍状态, 失联, 流动 ------------------------------------------------------------


def test_a_full_member_without_a_date_made_full_is_full(official: Path) -> None:
    result = _loaded(official)
    members = result.tables["members"].set_index("name")
    # 王小红: 正式党员, joined 1985-06-01, 转为正式党员日期 blank → full from 1986-06-01
    assert members.loc["王小红", "full_on"] == pd.Timestamp("1986-06-01")
    (p,) = [p for p in result.report.problems if p.code == "logic.full_without_full_on"]
    assert p.severity == "warning" and "1 名" in p.message_zh


def test_a_probationary_member_with_a_date_made_full_stays_probationary(tmp_path: Path) -> None:
    rows = _with_row("李四", 转为正式党员日期="2018-09-01")
    result = _loaded(_official(tmp_path, "xlsx", rows))
    assert headline(result.tables, D)["members"]["probationary"] == 2
    (p,) = [p for p in result.report.problems if p.code == "logic.probationary_with_full_on"]
    assert (p.severity, p.row, p.value) == ("warning", 6, "2018-09-01")


def test_the_membership_status_and_the_two_flags_are_kept(official: Path) -> None:
    members = _loaded(official).tables["members"].set_index("name")
    assert set(members["party_status"]) == {"正常"}
    assert members.loc["王小红", ["lost_contact", "lost_on"]].tolist() == [
        True,
        pd.Timestamp("2017-05-01"),
    ]
    assert members.loc["李四", ["floating", "floating_to"]].tolist() == [True, "广东省广州市"]


def test_contact_lost_after_the_day_does_not_count_on_it(tmp_path: Path) -> None:
    rows = _with_row("赵六", **{"是否为\n失联党员": "是", "失去联系日期": "2018-10-01"})
    tables = _loaded(_official(tmp_path, "xlsx", rows)).tables
    assert headline(tables, pd.Timestamp("2018-09-30"))["members"]["lost_contact"] == 1
    assert headline(tables, pd.Timestamp("2018-10-01"))["members"]["lost_contact"] == 2


def test_the_summary_command_counts_lost_contact_and_floating(official: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "report", "summary", "--data", str(official), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DANGJIAN_ID_SALT": SALT},
    )
    assert done.returncode == 0, done.stderr
    members = json.loads(done.stdout)["members"]
    assert (members["lost_contact"], members["floating"], members["active"]) == (1, 1, 6)


# --- errors a user can act on ---------------------------------------------------------------


def test_a_branch_name_that_matches_no_organisation_is_an_error_at_its_row(
    tmp_path: Path,
) -> None:
    rows = _with_row("赵六", 所在党支部="中共佛山市南海区桂城街道翠颐社区第九支部委员会")
    result = load_dataset([_official(tmp_path, "xls", rows)], salt=SALT)
    assert not result.ok
    (p,) = [p for p in result.report.problems if p.code == "ref.unknown_branch_name"]
    assert (p.row, p.column, p.value) == (
        8,
        "所在党支部",
        "中共佛山市南海区桂城街道翠颐社区第九支部委员会",
    )
    assert p.record == "赵*（中共佛山市南海区桂城街道翠颐社区第九支部委员会）"


def test_a_branch_name_without_the_party_prefix_still_matches(tmp_path: Path) -> None:
    rows = _with_row("赵六", 所在党支部="佛山市南海区桂城街道翠颐社区第二支部委员会")
    members = _loaded(_official(tmp_path, "xlsx", rows)).tables["members"].set_index("name")
    assert members.loc["赵六", "branch_id"] == "440605001002"


def test_a_branch_name_shared_by_two_organisations_is_an_error_naming_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    twin = (
        forms.SECOND,
        "440605001003",
        "党支部",
        forms.D(2010, 1, 1),
        forms.COMMITTEE,
        "城市社区",
    )
    monkeypatch.setattr(forms, "ORGS", (*forms.ORGS, twin))
    result = load_dataset([_official(tmp_path, "xlsx")], salt=SALT)
    found = [p for p in result.report.problems if p.code == "ref.ambiguous_branch_name"]
    assert [p.row for p in found] == [7, 8, 9]  # 王小红, 赵六, 陈七
    assert "440605001002、440605001003" in found[0].message_zh


def test_a_bad_cell_names_the_member_by_masked_name_and_branch_never_the_id(
    tmp_path: Path,
) -> None:
    rows = _with_row("李四", 性别="未知")
    result = load_dataset([_official(tmp_path, "xlsx", rows)], salt=SALT)
    (p,) = [p for p in result.report.problems if p.code == "value.category"]
    assert (p.row, p.column, p.value) == (6, "性别", "未知")
    assert p.record == f"李*（{forms.FIRST}）"
    assert forms.ROSTER[1][3] not in result.report.to_json()


def test_an_organisation_list_without_a_sector_says_what_to_add(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    forms.write_roster_xlsx(folder / "党员基本信息汇总表.xlsx")
    forms.write_orgs_xlsx(folder / "党组织.xlsx", with_sector=False)
    result = load_dataset([folder], salt=SALT)
    (p,) = [p for p in result.report.problems if p.code == "column.missing_sector"]
    assert "请在表中加一列“所属领域”" in p.message_zh and "社区、国有企业" in p.message_zh
    assert "add a column 所属领域" in p.message_en and "community, state_enterprise" in p.message_en


def test_other_datasets_may_name_the_organisation_by_its_full_name(official: Path) -> None:
    (official / "组织生活.csv").write_text(
        f"活动编号,所在党组织,活动日期,活动类型,实到人数\nA1,{forms.FIRST},2018-09-01,主题党日,3\n",
        encoding="utf-8",
    )
    activities = _loaded(official).tables["participation"]
    assert activities["branch_id"].tolist() == ["440605001001"]


def test_one_person_twice_in_a_roster_without_member_ids_is_an_error_naming_both_rows(
    tmp_path: Path,
) -> None:
    twice = (*forms.ROSTER, (7, *forms.ROSTER[0][1:]))  # 张三明 again, on row 11
    result = load_dataset([_official(tmp_path, "xlsx", twice)], salt=SALT)
    (p,) = [p for p in result.report.problems if p.code == "id.duplicate_id_number"]
    assert (p.row, p.column, p.value) == (11, "公民身份证号", None)
    assert "第 5 行" in p.message_zh and p.record == f"张*明（{forms.FIRST}）"
    assert forms.ROSTER[0][3] not in result.report.to_json()


def test_a_roster_that_starts_below_and_right_of_a1_keeps_its_row_numbers(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for r, row in enumerate(forms.roster_rows(), start=3):  # the title on row 3, column B
        for c, value in enumerate(row, start=2):
            if value is not None:
                sheet.cell(r, c, value)
    for r0, r1, c0, c1 in forms._merges(len(forms.ROSTER)):
        sheet.merge_cells(start_row=r0 + 3, end_row=r1 + 3, start_column=c0 + 2, end_column=c1 + 2)
    book.save(tmp_path / "党员.xlsx")
    raw = read_table(tmp_path / "党员.xlsx")
    assert (raw.header_row, raw.rows.tolist()) == (5, [7, 8, 9, 10, 11, 12])
    assert raw.headers[12:14] == ["手机号", "固定电话"] and raw.position(0) == 1


def test_an_assumed_date_made_full_never_becomes_the_as_of_date(tmp_path: Path) -> None:
    # 赵六: 正式党员 with no 转为正式党员日期, joined 2018-06-01: joined + 1 year would be
    # 2019-06-01, after the roster's latest event (2018-10-08)
    rows = _with_row("赵六", 加入党组织日期="2018-06-01", 转为正式党员日期=None)
    result = _loaded(_official(tmp_path, "xlsx", rows))
    assert as_of_date(result.tables) == D
    members = result.tables["members"].set_index("name")
    assert members.loc["赵六", "full_on"] == D  # full on the roster's date, as 人员类别 says
    (p,) = [p for p in result.report.problems if p.code == "logic.full_within_a_year"]
    assert (p.severity, p.row) == ("warning", 8)


def test_an_id_number_in_the_branch_cell_is_not_echoed_in_the_record(tmp_path: Path) -> None:
    number = forms.ROSTER[2][3]
    rows = _with_row("王小红", 所在党支部=number)
    result = load_dataset([_official(tmp_path, "xlsx", rows)], salt=SALT)
    assert not result.ok
    assert number not in result.report.to_json()
    (p,) = [p for p in result.report.problems if p.code == "ref.unknown_branch_name"]
    assert p.record == "王*红（（已隐去 redacted））"
