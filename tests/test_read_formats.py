"""Every reading variant loads the same small dataset to the same typed values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from ingest import load_dataset
from tests.conftest import SALT, VALID, csv_text, write_xlsx


def _with_members(tmp_path: Path, name: str, data: bytes) -> Path:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "branches.csv").write_text(csv_text(VALID["branches"]), encoding="utf-8")
    (folder / name).write_bytes(data)
    return folder


def _members(folder: Path) -> pd.DataFrame:
    result = load_dataset([folder], salt=SALT)
    assert result.ok, result.report.to_json()
    return result.tables["members"]


def _assert_members_as_written(members: pd.DataFrame) -> None:
    assert members["member_id"].tolist() == ["M1", "M2", "M3"]
    assert members["joined_on"].tolist() == [
        pd.Timestamp("2005-07-01"),
        pd.Timestamp("2018-01-10"),
        pd.Timestamp("1975-01-01"),
    ]
    assert members["gender"].tolist() == ["男", "女", "男"]


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"], ids=["utf8", "utf8-bom", "gbk", "gb18030"]
)
def test_csv_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    folder = _with_members(tmp_path, "members.csv", csv_text(VALID["members"]).encode(encoding))
    _assert_members_as_written(_members(folder))


def test_utf8_checked_a_line_at_a_time_reads_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ingest.read.UTF8_BLOCK", 1)
    folder = _with_members(tmp_path, "members.csv", csv_text(VALID["members"]).encode("utf-8"))
    _assert_members_as_written(_members(folder))


def test_utf16_tab_text_from_excel_is_read(tmp_path: Path) -> None:
    text = csv_text(VALID["members"], delimiter="\t", newline="\r\n")
    folder = _with_members(tmp_path, "members.txt", text.encode("utf-16"))
    _assert_members_as_written(_members(folder))


@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_csv_delimiters_and_line_endings(tmp_path: Path, delimiter: str, newline: str) -> None:
    text = csv_text(VALID["members"], delimiter=delimiter, newline=newline)
    folder = _with_members(tmp_path, "members.csv", text.encode("utf-8"))
    _assert_members_as_written(_members(folder))


def test_xlsx_with_title_and_blank_row_above_header(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "branches.csv").write_text(csv_text(VALID["branches"]), encoding="utf-8")
    write_xlsx(folder / "党员.xlsx", VALID["members"], title_rows=2)
    _assert_members_as_written(_members(folder))


def test_csv_with_title_row_above_header(tmp_path: Path) -> None:
    text = "桂城街道党员名册,,\n" + csv_text(VALID["members"])
    folder = _with_members(tmp_path, "members.csv", text.encode("utf-8"))
    _assert_members_as_written(_members(folder))


def test_xlsx_date_cells_and_serial_numbers(tmp_path: Path) -> None:
    rows = [dict(r) for r in VALID["members"]]
    rows[0]["入党日期"] = dt.datetime(2005, 7, 1)  # a date cell
    rows[1]["入党日期"] = 43110  # Excel serial for 2018-01-10
    rows[2]["入党日期"] = dt.date(1975, 1, 1)
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "branches.csv").write_text(csv_text(VALID["branches"]), encoding="utf-8")
    write_xlsx(folder / "members.xlsx", rows)
    _assert_members_as_written(_members(folder))


def test_xlsx_numeric_ids_read_as_text(tmp_path: Path) -> None:
    branches = [
        dict(r, 组织编号=str(i + 1), 上级组织编号="") for i, r in enumerate(VALID["branches"])
    ]
    members = [dict(r, 组织编号="2") for r in VALID["members"]]
    for row in branches:
        row["组织编号"] = int(row["组织编号"])
    folder = tmp_path / "d"
    folder.mkdir()
    write_xlsx(folder / "branches.xlsx", branches)
    (folder / "members.csv").write_text(csv_text(members), encoding="utf-8")
    result = load_dataset([folder], salt=SALT)
    assert result.ok, result.report.to_json()
    assert result.tables["branches"]["branch_id"].tolist() == ["1", "2", "3"]


def test_xlsx_errors_report_the_excel_row(tmp_path: Path) -> None:
    rows = [dict(r) for r in VALID["members"]]
    rows[1]["入党日期"] = "2018-13-45"
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "branches.csv").write_text(csv_text(VALID["branches"]), encoding="utf-8")
    write_xlsx(folder / "members.xlsx", rows, title_rows=2)
    result = load_dataset([folder], salt=SALT)
    # title (row 1), blank (row 2), header (row 3), M1 (row 4), M2 (row 5)
    (p,) = [p for p in result.report.problems if p.code == "value.date_impossible"]
    assert (p.file, p.row, p.column, p.value) == ("members.xlsx", 5, "入党日期", "2018-13-45")


@pytest.mark.parametrize(
    "written",
    ["2018-01-10", "2018/1/10", "2018年1月10日", "2018.01.10", "20180110", "2018-01-10 00:00:00"],
)
def test_date_spellings_in_csv(tmp_path: Path, valid: dict, written: str) -> None:
    valid["members"][1]["入党日期"] = written
    folder = _with_members(tmp_path, "members.csv", csv_text(valid["members"]).encode())
    assert _members(folder)["joined_on"].iat[1] == pd.Timestamp("2018-01-10")


@pytest.mark.parametrize("written", ["2018-01", "2018年1月", "2018/01"])
def test_month_alone_means_its_first_day(tmp_path: Path, valid: dict, written: str) -> None:
    valid["members"][1]["入党日期"] = written
    folder = _with_members(tmp_path, "members.csv", csv_text(valid["members"]).encode())
    assert _members(folder)["joined_on"].iat[1] == pd.Timestamp("2018-01-01")


def test_blank_rows_are_skipped_and_rows_keep_their_numbers(tmp_path: Path, valid: dict) -> None:
    valid["members"][2]["性别"] = "X"
    lines = csv_text(valid["members"]).splitlines()
    text = "\n".join([lines[0], lines[1], "", ",,,", lines[2], lines[3]]) + "\n"
    folder = _with_members(tmp_path, "members.csv", text.encode())
    result = load_dataset([folder], salt=SALT)
    assert result.report.row_counts["members"] == 3
    (p,) = [p for p in result.report.problems if p.code == "value.category"]
    assert p.row == 6  # header 1, M1 2, blank 3, commas 4, M2 5, M3 6


def test_english_headers_and_alias_headers(tmp_path: Path) -> None:
    renames = {
        "党员编号": "member_id",
        "出生日期": "出生年月",
        "学历": "文化程度",
        "姓名": "* 姓名",
        "组织编号": "所在党组织编号",
        "性别": "gender",
    }
    rows = [{renames.get(k, k): v for k, v in r.items()} for r in VALID["members"]]
    folder = _with_members(tmp_path, "members.csv", csv_text(rows).encode())
    members = _members(folder)
    _assert_members_as_written(members)
    assert members["education"].tolist() == ["大学本科", "大学专科", "高中"]
    assert members["branch_id"].tolist() == ["B2", "B2", "B3"]


def test_full_width_header_variant(tmp_path: Path, valid: dict, write_dataset) -> None:
    valid["participation"] = [
        {("时长(小时)" if k == "时长（小时）" else k): v for k, v in r.items()}
        for r in valid["participation"]
    ]
    result = load_dataset([write_dataset(valid)], salt=SALT)
    assert result.ok, result.report.to_json()
    assert result.tables["participation"]["hours"].tolist() == [2.5]


def test_label_variants_map_to_contract_labels(tmp_path: Path, valid: dict, write_dataset) -> None:
    valid["members"][0].update(
        {"性别": "M", "学历": "本科", "职业": "企事业单位、社会组织管理人员"}
    )
    valid["members"][1].update({"性别": "女性", "学历": "大专", "职业": "工人（工勤技能人员）"})
    valid["members"][2].update(
        {"性别": "male", "学历": "初中", "职业": "退休人员", "减少原因": "组织关系转出"}
    )
    valid["branches"][2]["所属领域"] = "private_enterprise"
    valid["branches"][1]["组织类型"] = "联合党支部"
    valid["patents"][0]["专利类型"] = "发明专利"
    valid["members"][1]["民族"] = "壮"
    result = load_dataset([write_dataset(valid)], salt=SALT)
    assert result.ok, result.report.to_json()
    m, b = result.tables["members"], result.tables["branches"]
    assert m["gender"].tolist() == ["男", "女", "男"]
    assert m["education"].tolist() == ["大学本科", "大学专科", "初中及以下"]
    assert m["occupation"].tolist() == ["管理人员", "工人", "离退休人员"]
    assert m["left_reason"].tolist()[2] == "转出"
    assert m["ethnicity"].tolist()[1] == "壮族"
    assert b["sector"].tolist()[2] == "非公企业"
    assert b["org_type"].tolist()[1] == "党支部"
    assert result.tables["patents"]["kind"].tolist() == ["发明"]


def test_typed_columns_have_contract_dtypes(valid: dict, write_dataset) -> None:
    result = load_dataset([write_dataset(valid)], salt=SALT)
    m = result.tables["members"]
    assert str(m["birth_date"].dtype) == "datetime64[us]"
    assert isinstance(m["gender"].dtype, pd.CategoricalDtype)
    assert list(m["education"].cat.categories) == [
        "研究生",
        "大学本科",
        "大学专科",
        "中专",
        "高中",
        "初中及以下",
    ]
    assert str(result.tables["participation"]["attendees"].dtype) == "Int64"
    # optional columns absent from the file exist, empty, with their dtype
    assert result.tables["branches"]["term_ends_on"].isna().all()
    assert str(result.tables["branches"]["service_center"].dtype) == "boolean"


def test_optional_datasets_may_be_absent(valid: dict, write_dataset) -> None:
    del valid["patents"], valid["participation"]
    result = load_dataset([write_dataset(valid)], salt=SALT)
    assert result.ok
    assert set(result.tables) == {"branches", "members"}


def test_a_list_of_files_is_a_dataset(valid: dict, write_dataset) -> None:
    folder = write_dataset(valid)
    result = load_dataset([folder / "branches.csv", folder / "members.csv"], salt=SALT)
    assert result.ok
    assert set(result.tables) == {"branches", "members"}


def test_mac_line_ends_with_a_blank_line_above_the_header(tmp_path: Path) -> None:
    # Excel for Mac's "CSV (Macintosh)": lines ended by CR alone
    text = "党员名册\r\r" + csv_text(VALID["members"], newline="\r")
    folder = _with_members(tmp_path, "members.csv", text.encode("utf-8"))
    _assert_members_as_written(_members(folder))


def test_mac_line_ends_keep_row_numbers(tmp_path: Path) -> None:
    rows = [dict(r) for r in VALID["members"]]
    rows[1]["入党日期"] = "2018-13-45"  # file line 5: title, blank, header, M1, M2
    text = "党员名册\r\r" + csv_text(rows, newline="\r")
    folder = _with_members(tmp_path, "members.csv", text.encode("utf-8"))
    result = load_dataset([folder], salt=SALT)
    (p,) = [p for p in result.report.problems if p.code == "value.date_impossible"]
    assert p.row == 5
