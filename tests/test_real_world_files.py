"""Cases a clerk's real files bring, found by a review on a clean clone."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from ingest import load_dataset
from tests.command import run_module
from tests.conftest import SALT, VALID, csv_text

ROOT = Path(__file__).resolve().parent.parent
PHONE = "13800138000"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "d"
    folder.mkdir(exist_ok=True)
    (folder / "branches.csv").write_text(csv_text(VALID["branches"]), encoding="utf-8")
    return folder


def _members_workbook(path: Path, above: list[list[object]], sheets_before: int = 0) -> None:
    book = openpyxl.Workbook()
    first = book.active
    for i in range(sheets_before):
        sheet = first if i == 0 else book.create_sheet()
        sheet.title = f"填表说明{i}"
        sheet.append(["请按模板填写。"])
    sheet = book.create_sheet("党员") if sheets_before else first
    for row in above:
        sheet.append(row)
    headers = list(VALID["members"][0])
    sheet.append(headers)
    for row in VALID["members"]:
        sheet.append([row[h] for h in headers])
    book.save(path)


def test_form_line_above_the_header_is_not_taken_for_it(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    form = ["党组织名称：", "翠颐社区第一党支部", "联系电话：", PHONE, "填报日期：", "2018-11-30"]
    _members_workbook(folder / "党员名册.xlsx", [["桂城街道党员名册"], form, []])
    result = load_dataset([folder], salt=SALT)
    assert result.ok, result.report.to_json()
    assert result.tables["members"]["member_id"].tolist() == ["M1", "M2", "M3"]
    assert PHONE not in result.report.to_json()


def test_phone_number_as_a_stray_header_is_not_echoed(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    text = csv_text(VALID["members"]).splitlines()
    text = [text[0] + f",{PHONE}"] + [line + "," for line in text[1:]]
    (folder / "members.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    result = load_dataset([folder], salt=SALT)
    (p,) = [p for p in result.report.problems if p.code == "column.unknown"]
    assert PHONE not in json.dumps(result.report.to_dict(), ensure_ascii=False)
    assert p.column is not None and "redacted" in p.column


def test_workbook_with_an_instructions_sheet_first(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    _members_workbook(folder / "党员.xlsx", [], sheets_before=1)
    result = load_dataset([folder], salt=SALT)
    assert result.ok, result.report.to_json()
    assert len(result.tables["members"]) == 3


def test_notes_file_in_the_folder_is_ignored_with_a_warning(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "members.csv").write_text(csv_text(VALID["members"]), encoding="utf-8")
    (folder / "说明.txt").write_text("本文件夹为2018年11月党员数据。\n", encoding="utf-8")
    result = load_dataset([folder], salt=SALT)
    assert result.ok
    (p,) = [p for p in result.report.problems if p.file == "说明.txt"]
    assert (p.code, p.severity) == ("file.ignored", "warning")


def test_a_file_named_directly_must_be_a_dataset(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    notes = folder / "说明.txt"
    notes.write_text("本文件夹为2018年11月党员数据。\n", encoding="utf-8")
    result = load_dataset([folder / "branches.csv", notes], salt=SALT)
    assert [p.code for p in result.report.problems if p.file == "说明.txt"] == ["file.unrecognised"]


def test_folder_without_tables_names_its_subfolders(tmp_path: Path) -> None:
    (tmp_path / "top" / "sample").mkdir(parents=True)
    result = load_dataset([tmp_path / "top"], salt=SALT)
    (p,) = [p for p in result.report.problems if p.code == "file.no_tables"]
    assert "sample" in p.message_zh and "sample" in p.message_en


def test_year_alone_is_reported_not_read_as_a_serial(tmp_path: Path, valid: dict) -> None:
    valid["members"][0]["出生日期"] = "1928"
    folder = _folder(tmp_path)
    (folder / "members.csv").write_text(csv_text(valid["members"]), encoding="utf-8")
    result = load_dataset([folder], salt=SALT)
    (p,) = [p for p in result.report.problems if p.code == "value.date_year_only"]
    assert (p.row, p.value) == (2, "1928")


def test_year_dot_one_is_read_as_january_with_a_warning(tmp_path: Path, valid: dict) -> None:
    valid["members"][2]["出生日期"] = "1950.1"
    folder = _folder(tmp_path)
    (folder / "members.csv").write_text(csv_text(valid["members"]), encoding="utf-8")
    result = load_dataset([folder], salt=SALT)
    assert result.ok
    assert result.tables["members"]["birth_date"].iat[2] == pd.Timestamp("1950-01-01")
    (p,) = [p for p in result.report.problems if p.code == "value.date_month_ambiguous"]
    assert (p.severity, p.row) == ("warning", 4)
    assert "1950-10" in p.message_zh


def test_spaced_and_hao_dates(tmp_path: Path, valid: dict) -> None:
    valid["members"][0]["出生日期"] = "1980年 1月 1日"
    valid["members"][1]["出生日期"] = "1990年5月5号"
    folder = _folder(tmp_path)
    (folder / "members.csv").write_text(csv_text(valid["members"]), encoding="utf-8")
    result = load_dataset([folder], salt=SALT)
    assert result.ok, result.report.to_json()
    assert result.tables["members"]["birth_date"].iat[1] == pd.Timestamp("1990-05-05")


def test_duplicate_column_names_the_right_excel_letter_and_still_checks_cells(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    headers = list(VALID["members"][0])
    sheet.append([None, *headers, "出生年月"])  # column A empty; 出生日期 is column F
    for i, row in enumerate(VALID["members"]):
        values = [row[h] for h in headers]
        if i == 1:
            values[headers.index("性别")] = "X"
        sheet.append([None, *values, "1980-01-01"])
    book.save(folder / "members.xlsx")
    result = load_dataset([folder], salt=SALT)
    (dup,) = [p for p in result.report.problems if p.code == "column.duplicate"]
    assert "F" in dup.message_en and "F" in dup.message_zh
    assert any(p.code == "value.category" and p.row == 3 for p in result.report.problems)


def test_id_numbers_used_as_member_ids_are_hashed_and_never_quoted(
    tmp_path: Path, valid: dict
) -> None:
    ids = ["440682190001010010", "44068219900505002X", "440682190001010010"]
    for row, id_ in zip(valid["members"], ids, strict=True):
        row["党员编号"] = id_
    folder = _folder(tmp_path)
    (folder / "members.csv").write_text(csv_text(valid["members"]), encoding="utf-8")
    result = load_dataset([folder], salt=SALT)
    text = result.report.to_json()
    assert "440682190001010010" not in text and "44068219900505002X" not in text
    codes = {p.code for p in result.report.problems}
    assert {"value.looks_like_id_number", "id.duplicate"} <= codes


@pytest.mark.parametrize("block", [2**24, 1], ids=["one-block", "a-block-per-line"])
def test_stray_bytes_name_the_line(
    tmp_path: Path, block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ingest.read.UTF8_BLOCK", block)  # checked a block of lines at a time
    folder = _folder(tmp_path)
    data = csv_text(VALID["members"]).encode("utf-8").replace("李四".encode(), b"\xc0\xc0\xff")
    (folder / "members.csv").write_bytes(data)
    result = load_dataset([folder], salt=SALT)
    (p,) = [p for p in result.report.problems if p.code == "file.encoding"]
    assert p.row == 3 and "3" in p.message_zh


def test_allowed_values_are_listed_in_the_readers_language_only(
    tmp_path: Path, valid: dict
) -> None:
    valid["branches"][0]["所属领域"] = "农村"
    folder = tmp_path / "e"
    folder.mkdir()
    for name in ("branches", "members"):
        (folder / f"{name}.csv").write_text(csv_text(valid[name]), encoding="utf-8")
    (p,) = [
        p for p in load_dataset([folder], salt=SALT).report.problems if p.code == "value.category"
    ]
    assert "community, state_enterprise," in p.message_en and "public_institution" in p.message_en
    assert "社区" not in p.message_en and "(community)" not in p.message_zh
    assert "社区、国有企业、非公企业" in p.message_zh and "community" not in p.message_zh


def test_usage_errors_are_bilingual_and_json_stays_json() -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return run_module("ingest", *args)

    done = run("check")
    assert done.returncode == 2 and "用法错误 / usage error" in done.stderr
    done = run("check", "no/such", "--json")
    assert done.returncode == 2 and json.loads(done.stdout)["ok"] is False


@pytest.mark.parametrize(
    "content",
    ["\u3000\u3000\n".encode(), "\u3000\r\n".encode("gbk"), "\u00a0 \n".encode()],
    ids=["full-width-utf8", "full-width-gbk", "no-break-space"],
)
def test_a_file_of_white_space_only_is_called_empty(tmp_path: Path, content: bytes) -> None:
    folder = _folder(tmp_path)
    (folder / "members.csv").write_bytes(content)
    result = load_dataset([folder], salt=SALT)
    assert [p.code for p in result.report.problems if p.file == "members.csv"] == ["file.empty"]


def test_a_byte_order_mark_written_twice_still_reads(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    data = b"\xef\xbb\xbf" * 2 + csv_text(VALID["members"]).encode("utf-8")
    (folder / "members.csv").write_bytes(data)
    result = load_dataset([folder], salt=SALT)
    assert result.ok, [p.code for p in result.report.problems]
    assert len(result.tables["members"]) == len(VALID["members"])


def test_a_stray_byte_in_a_gbk_file_names_its_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    lines = csv_text(VALID["members"]).encode("gbk").split(b"\n")
    lines[2] = lines[2] + b"\x80"  # line 3: 0x80 is no GBK character, nor UTF-8
    (folder / "members.csv").write_bytes(b"\n".join(lines))
    result = load_dataset([folder], salt=SALT)
    (p,) = [p for p in result.report.problems if p.code == "file.encoding"]
    assert p.row == 3


def test_a_cut_short_utf16_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    data = csv_text(VALID["members"], delimiter="\t").encode("utf-16")
    (folder / "members.txt").write_bytes(data[:-1])  # half a character at the end
    result = load_dataset([folder], salt=SALT)
    (p,) = [p for p in result.report.problems if p.code == "file.encoding"]
    assert p.row == len(VALID["members"]) + 1  # the last line
    assert "\\x" not in p.message_en and "\\x" not in p.message_zh
