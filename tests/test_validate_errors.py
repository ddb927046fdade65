"""Each class of bad input is rejected with file, row, column, value and a bilingual message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest import load_dataset
from ingest.problems import Problem
from tests.conftest import SALT, VALID, csv_text, write_xlsx

HAN = re.compile(r"[\u4e00-\u9fff]")


def _problems(folder: Path, code: str) -> list[Problem]:
    result = load_dataset([folder], salt=SALT)
    assert not result.ok
    assert result.tables == {}, "a dataset with errors must not be loaded"
    return [p for p in result.report.problems if p.code == code]


def _one(folder: Path, code: str) -> Problem:
    found = _problems(folder, code)
    assert len(found) == 1, found
    p = found[0]
    assert p.severity == "error"
    assert HAN.search(p.message_zh)
    assert re.match(r"['A-Z]", p.message_en) and re.search(r"[a-z]{4,} [a-z]{2,}", p.message_en)
    return p


def test_missing_required_column(valid: dict, write_dataset) -> None:
    for row in valid["members"]:
        del row["入党日期"]
    p = _one(write_dataset(valid), "column.missing")
    assert (p.file, p.row, p.column) == ("members.csv", 1, "入党日期")


def test_same_column_twice(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "branches.csv").write_text(csv_text(VALID["branches"]), encoding="utf-8")
    text = csv_text(VALID["members"]).splitlines()
    text = [text[0] + ",出生年月"] + [line + ",1980-01-01" for line in text[1:]]
    (folder / "members.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    p = _one(folder, "column.duplicate")
    assert p.column == "出生年月"


def test_impossible_date(valid: dict, write_dataset) -> None:
    valid["members"][1]["入党日期"] = "2018-13-45"
    p = _one(write_dataset(valid), "value.date_impossible")
    assert (p.file, p.row, p.column, p.value) == ("members.csv", 3, "入党日期", "2018-13-45")
    assert "2018-13-45" in p.message_zh and "2018-13-45" in p.message_en


def test_unparseable_date(valid: dict, write_dataset) -> None:
    valid["branches"][2]["成立日期"] = "去年五月"
    p = _one(write_dataset(valid), "value.date_unparseable")
    assert (p.file, p.row, p.column, p.value) == ("branches.csv", 4, "成立日期", "去年五月")


def test_unknown_category_lists_the_allowed_values(valid: dict, write_dataset) -> None:
    valid["branches"][1]["所属领域"] = "农村"
    p = _one(write_dataset(valid), "value.category")
    assert (p.row, p.column, p.value) == (3, "所属领域", "农村")
    for label in ("社区", "国有企业", "非公企业", "楼宇", "行业商协会", "社会组织", "机关事业单位"):
        assert label in p.message_zh
    for code in ("community", "private_enterprise", "public_institution"):
        assert code in p.message_en


def test_required_cell_blank(valid: dict, write_dataset) -> None:
    valid["members"][0]["性别"] = " "
    p = _one(write_dataset(valid), "value.required")
    assert (p.row, p.column) == (2, "性别")


def test_duplicate_id_names_the_first_row(valid: dict, write_dataset) -> None:
    valid["members"][2]["党员编号"] = "M1"
    p = _one(write_dataset(valid), "id.duplicate")
    assert (p.row, p.column, p.value) == (4, "党员编号", "M1")
    assert "2" in p.message_zh and "row 2" in p.message_en


@pytest.mark.parametrize(
    ("dataset", "column", "row"),
    [
        ("members", "组织编号", 0),
        ("patents", "组织编号", 0),
        ("participation", "组织编号", 0),
        ("branches", "上级组织编号", 1),
    ],
)
def test_reference_to_unknown_branch(
    valid: dict, write_dataset, dataset: str, column: str, row: int
) -> None:
    valid[dataset][row][column] = "B99"
    p = _one(write_dataset(valid), "ref.unknown_branch")
    assert (p.file, p.row, p.column, p.value) == (f"{dataset}.csv", row + 2, column, "B99")


def test_organisation_cannot_be_its_own_parent(valid: dict, write_dataset) -> None:
    valid["branches"][1]["上级组织编号"] = "B2"
    p = _one(write_dataset(valid), "ref.self_parent")
    assert p.row == 3


def test_joined_before_turning_18(valid: dict, write_dataset) -> None:
    valid["members"][1].update({"出生日期": "2000-01-11", "入党日期": "2018-01-10"})
    p = _one(write_dataset(valid), "logic.joined_under_18")
    assert (p.row, p.column, p.value) == (3, "入党日期", "2018-01-10")


def test_joining_on_the_18th_birthday_is_allowed(valid: dict, write_dataset) -> None:
    valid["members"][1].update({"出生日期": "2000-01-10", "入党日期": "2018-01-10"})
    assert load_dataset([write_dataset(valid)], salt=SALT).ok


def test_joined_before_birth(valid: dict, write_dataset) -> None:
    valid["members"][0]["入党日期"] = "1979-01-01"
    p = _one(write_dataset(valid), "logic.joined_before_birth")
    assert p.row == 2


def test_left_before_registered(valid: dict, write_dataset) -> None:
    valid["members"][2]["减少日期"] = "2012-05-31"
    p = _one(write_dataset(valid), "logic.left_before_registered")
    assert (p.row, p.column, p.value) == (4, "减少日期", "2012-05-31")
    assert "2012-06-01" in p.message_zh


def test_registered_before_joined(valid: dict, write_dataset) -> None:
    valid["members"][2]["转入日期"] = "1974-12-31"
    p = _one(write_dataset(valid), "logic.registered_before_joined")
    assert p.row == 4


def test_full_before_joined(valid: dict, write_dataset) -> None:
    valid["members"][0]["转正日期"] = "2004-07-01"
    p = _one(write_dataset(valid), "logic.full_before_joined")
    assert (p.row, p.column) == (2, "转正日期")


def test_reason_without_date_left(valid: dict, write_dataset) -> None:
    valid["members"][0]["减少原因"] = "死亡"
    p = _one(write_dataset(valid), "logic.reason_without_left")
    assert (p.row, p.column, p.value) == (2, "减少原因", "死亡")


def test_granted_before_filed(valid: dict, write_dataset) -> None:
    valid["patents"][0]["授权日期"] = "2014-12-31"
    p = _one(write_dataset(valid), "logic.granted_before_filed")
    assert (p.row, p.column, p.value) == (2, "授权日期", "2014-12-31")


def test_member_inventors_exceed_inventors(valid: dict, write_dataset) -> None:
    valid["patents"][0]["党员发明人数"] = "4"
    p = _one(write_dataset(valid), "logic.member_inventors_exceed")
    assert (p.row, p.value) == (2, "4")


def test_dissolved_before_founded(valid: dict, write_dataset) -> None:
    valid["branches"][2]["撤销日期"] = "2011-01-01"
    p = _one(write_dataset(valid), "logic.dissolved_before_founded")
    assert p.row == 4


def test_negative_count(valid: dict, write_dataset) -> None:
    valid["participation"][0]["实到人数"] = "-3"
    p = _one(write_dataset(valid), "value.negative")
    assert (p.row, p.column, p.value) == (2, "实到人数", "-3")


@pytest.mark.parametrize("written", ["两人", "2.5"])
def test_count_that_is_not_a_whole_number(valid: dict, write_dataset, written: str) -> None:
    valid["participation"][0]["应到人数"] = written
    p = _one(write_dataset(valid), "value.integer")
    assert p.value == written


def test_yes_no_not_recognised(valid: dict, write_dataset) -> None:
    valid["branches"][0]["党群服务中心"] = "也许"
    p = _one(write_dataset(valid), "value.bool")
    assert p.value == "也许"


def test_every_problem_is_reported_not_just_the_first(valid: dict, write_dataset) -> None:
    valid["members"][0]["性别"] = "X"
    valid["members"][1]["入党日期"] = "2018-13-45"
    valid["members"][2]["组织编号"] = "B99"
    valid["patents"][0]["党员发明人数"] = "9"
    result = load_dataset([write_dataset(valid)], salt=SALT)
    codes = sorted(p.code for p in result.report.problems)
    assert codes == [
        "logic.member_inventors_exceed",
        "ref.unknown_branch",
        "value.category",
        "value.date_impossible",
    ]


def test_thousands_of_bad_rows_are_counted_and_the_first_listed(tmp_path: Path) -> None:
    rows = [dict(VALID["members"][0], 党员编号=f"M{i}", 入党日期="2018-13-45") for i in range(5000)]
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "branches.csv").write_text(csv_text(VALID["branches"]), encoding="utf-8")
    (folder / "members.csv").write_text(csv_text(rows), encoding="utf-8")
    result = load_dataset([folder], salt=SALT, max_details=100)
    assert result.report.n_errors == 5000
    listed = [p for p in result.report.problems if p.code == "value.date_impossible"]
    assert [p.row for p in listed] == list(range(2, 102))


# --------------------------------------------------------------------------- files


def _folder_with(tmp_path: Path, name: str, data: bytes) -> Path:
    folder = tmp_path / "d"
    folder.mkdir(exist_ok=True)
    (folder / "branches.csv").write_text(csv_text(VALID["branches"]), encoding="utf-8")
    (folder / name).write_bytes(data)
    return folder


@pytest.mark.parametrize(
    "data", [b"", b"\xef\xbb\xbf", b"\r\n\r\n"], ids=["zero", "bom", "newlines"]
)
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    p = _one(_folder_with(tmp_path, "members.csv", data), "file.empty")
    assert p.file == "members.csv"


def test_binary_file(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    p = _one(_folder_with(tmp_path, "members.csv", png), "file.binary")
    assert p.file == "members.csv"
    assert "CSV" in p.message_zh


def test_a_broken_xls_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    xls = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 512
    p = _one(_folder_with(tmp_path, "members.xls", xls), "file.bad_xlsx")
    assert p.file == "members.xls" and "Excel" in p.message_zh


def test_a_csv_saved_with_an_excel_name_is_read_as_the_text_it_is(tmp_path: Path) -> None:
    folder = _folder_with(tmp_path, "members.xlsx", csv_text(VALID["members"]).encode())
    result = load_dataset([folder], salt=SALT)
    assert result.ok and len(result.tables["members"]) == 3


def test_an_excel_name_on_bytes_that_are_neither_workbook_nor_text(tmp_path: Path) -> None:
    data = bytes(range(256)) * 8
    p = _one(_folder_with(tmp_path, "members.xlsx", data), "file.bad_xlsx")
    assert p.file == "members.xlsx" and "不是 Excel 文件" in p.message_zh


def test_corrupt_zip_named_xlsx(tmp_path: Path) -> None:
    p = _one(
        _folder_with(tmp_path, "members.xlsx", b"PK\x03\x04" + b"garbage" * 50), "file.bad_xlsx"
    )
    assert p.file == "members.xlsx"


def test_non_tabular_text(tmp_path: Path) -> None:
    text = "这是一份会议纪要。\n没有表格。\n".encode()
    p = _one(_folder_with(tmp_path, "members.csv", text), "file.no_header")
    assert "10" in p.message_zh


def test_header_without_rows(tmp_path: Path) -> None:
    text = csv_text(VALID["members"]).splitlines()[0] + "\n"
    p = _one(_folder_with(tmp_path, "members.csv", text.encode()), "file.no_rows")
    assert p.file == "members.csv"


def test_row_with_too_many_fields(tmp_path: Path) -> None:
    lines = csv_text(VALID["members"]).splitlines()
    lines[2] += ",extra,extra"
    p = _one(_folder_with(tmp_path, "members.csv", "\n".join(lines).encode()), "file.ragged")
    assert p.row == 3 and "line 3 has 15 cells where the header has 13" in p.message_en
    assert "第 3 行有 15 列" in p.message_zh


def test_unrecognised_file_name(tmp_path: Path, valid: dict, write_dataset) -> None:
    folder = write_dataset(valid)
    (folder / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    result = load_dataset(
        [folder / "branches.csv", folder / "members.csv", folder / "notes.csv"], salt=SALT
    )
    (p,) = [p for p in result.report.problems if p.code == "file.unrecognised"]
    assert p.file == "notes.csv"
    assert "members.csv" in p.message_en and "党员.xlsx" in p.message_zh


def test_file_recognised_by_headers_when_name_says_nothing(tmp_path: Path, valid: dict) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "export_2018_11.csv").write_text(csv_text(valid["members"]), encoding="utf-8")
    (folder / "sheet2.csv").write_text(csv_text(valid["branches"]), encoding="utf-8")
    result = load_dataset([folder], salt=SALT)
    assert result.ok, result.report.to_json()
    assert result.report.files == {"members": "export_2018_11.csv", "branches": "sheet2.csv"}


@pytest.mark.parametrize(
    ("name", "dataset"),
    [
        ("党员名册2018.xlsx", "members"),
        ("党组织.xlsx", "branches"),
        ("党员活动.xlsx", "participation"),
        ("三会一课记录.xlsx", "participation"),
        ("专利清单.xlsx", "patents"),
        ("党支部.xlsx", "branches"),
    ],
)
def test_chinese_file_names(tmp_path: Path, name: str, dataset: str) -> None:
    from ingest.load import recognise_by_name

    found = recognise_by_name(tmp_path / name)
    assert found is not None and found.name == dataset


def test_two_files_for_one_dataset(tmp_path: Path, valid: dict, write_dataset) -> None:
    folder = write_dataset(valid)
    write_xlsx(folder / "党员.xlsx", valid["members"])
    p = _one(folder, "file.duplicate_dataset")
    assert {p.file, "党员.xlsx", "members.csv"} == {"党员.xlsx", "members.csv"}


def test_required_dataset_missing(valid: dict, write_dataset) -> None:
    del valid["members"]
    p = _one(write_dataset(valid), "dataset.missing")
    assert "members" in p.message_en and "党员" in p.message_zh


def test_unknown_columns_are_dropped_with_a_warning(valid: dict, write_dataset) -> None:
    for row in valid["members"]:
        row["兴趣爱好"] = "书法"
    result = load_dataset([write_dataset(valid)], salt=SALT)
    assert result.ok
    (p,) = [p for p in result.report.problems if p.code == "column.unknown"]
    assert (p.severity, p.column) == ("warning", "兴趣爱好")
    assert "书法" not in result.tables["members"].to_string()


@pytest.mark.parametrize("header", ["家庭住址", "现居住地"])
def test_an_address_column_is_dropped_as_personal_data(
    header: str, valid: dict, write_dataset
) -> None:
    for row in valid["members"]:
        row[header] = "某路1号"
    result = load_dataset([write_dataset(valid)], salt=SALT)
    assert result.ok
    (p,) = [p for p in result.report.problems if p.code == "column.dropped"]
    assert (p.severity, p.column) == ("warning", header)
    assert "某路1号" not in result.tables["members"].to_string()
    assert "某路1号" not in result.report.to_json()


def test_activity_dated_after_today_is_an_error(valid: dict, write_dataset) -> None:
    valid["participation"][0]["活动日期"] = "2081-11-30"  # 2018 mistyped
    p = _one(write_dataset(valid), "logic.future_date")
    assert (p.file, p.row, p.column, p.value) == ("participation.csv", 2, "活动日期", "2081-11-30")
    assert "2081-11-30" in p.message_en


def test_term_ending_after_today_is_a_plan_not_an_error(valid: dict, write_dataset) -> None:
    valid["branches"][0]["届满日期"] = "2099-06-30"
    assert load_dataset([write_dataset(valid)], salt=SALT).ok
