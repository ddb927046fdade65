"""Files made to break the check get a message at their row, never a traceback, and cost
what their size says: a cell of 300,000 characters, a line of 30 MB, terminal control
characters, a file whose every row is wrong."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from app.widgets import problems_table
from ingest import load_dataset
from ingest.problems import MAX_DETAILS
from ingest.upload import UploadError, unpack
from tests.conftest import SALT, VALID, csv_text

ROOT = Path(__file__).resolve().parent.parent


def _folder(tmp_path: Path, members: str | bytes, name: str = "members.csv") -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "branches.csv").write_text(csv_text(VALID["branches"]), "utf-8")
    data = members.encode("utf-8") if isinstance(members, str) else members
    (folder / name).write_bytes(data)
    return folder


def _check(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ingest", "check", str(folder)],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip


def test_a_cell_of_300_000_characters_is_an_error_at_its_row(tmp_path: Path, valid: dict) -> None:
    valid["members"][1]["姓名"] = "李" + "四" * 300_000
    result = load_dataset([_folder(tmp_path, csv_text(valid["members"]))], salt=SALT)
    (p,) = [p for p in result.report.problems if p.code == "value.too_long"]
    assert (p.row, p.record, p.column) == (3, "党员编号 M2", "姓名")
    assert "300,001 个字符，最多 1000 个" in p.message_zh
    # quoted cut short, saying by how much: 100 characters shown of 300,001
    assert p.value == "李" + "*" * 99 + "…(+299,901)"  # and masked, as every name


def test_a_line_of_30_mb_before_the_header_is_named_not_a_traceback(tmp_path: Path) -> None:
    text = "x" * 30_000_000 + "\n" + csv_text(VALID["members"])
    done = _check(_folder(tmp_path, text))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert "第 1 行长于 1 MB" in done.stdout


def test_a_line_of_30_mb_among_the_rows_is_named_at_its_row(tmp_path: Path) -> None:
    text = csv_text(VALID["members"]) + "b," * 15_000_000 + "\n"
    result = load_dataset([_folder(tmp_path, text)], salt=SALT)
    (p,) = result.report.problems
    assert (p.code, p.row) == ("file.ragged", 5)
    assert "第 5 行有 15,000,001 列，表头有 13 列" in p.message_zh


def test_terminal_control_characters_are_shown_escaped(tmp_path: Path, valid: dict) -> None:
    valid["members"][0]["性别"] = "\x1b[2J\x1b[31m男"  # clear the screen, turn red
    valid["members"][1]["学历"] = "未知学历\u202e"  # a right-to-left override
    done = _check(_folder(tmp_path, csv_text(valid["members"])))
    assert "\x1b" not in done.stdout and "\u202e" not in done.stdout
    assert "\\x1b[2J\\x1b[31m男" in done.stdout
    assert "未知学历\\u202e" in done.stdout


def test_a_zipped_file_named_with_control_characters_is_named_escaped(tmp_path: Path) -> None:
    with pytest.raises(UploadError) as info:
        unpack([("a\x1b[2J.zip", b"not a zip")], tmp_path / "in")
    assert "\x1b" not in info.value.message_zh and "a\\x1b[2J.zip" in info.value.message_zh


def test_a_file_whose_every_row_is_wrong_is_counted_and_itemised_up_to_the_limit(
    tmp_path: Path,
) -> None:
    header, row = csv_text(VALID["members"][:1]).splitlines()
    rows = 5_000  # one id repeated: 4,999 repeats
    folder = _folder(tmp_path, "\n".join([header] + [row] * rows) + "\n")
    report = load_dataset([folder], salt=SALT).report
    assert report.counts[("members.csv", "id.duplicate", "error")] == rows - 1
    assert sum(p.code == "id.duplicate" for p in report.problems) == MAX_DETAILS
    # the whole list for download: every problem itemised, and a line saying how many more
    table = problems_table(report, "zh", limit=None)
    assert len(table) == len(report.problems) + 1
    assert table["问题"].iat[-1].startswith(f"另有 {rows - 1 - MAX_DETAILS:,} 个同类问题")


def test_the_screen_lists_the_first_problems_and_says_how_many_there_are(
    tmp_path: Path,
) -> None:
    header, row = csv_text(VALID["members"][:1]).splitlines()
    folder = _folder(tmp_path, "\n".join([header] + [row] * 300) + "\n")
    report = load_dataset([folder], salt=SALT).report
    assert len(problems_table(report, "zh")) == 200
    assert len(problems_table(report, "zh", limit=None)) == 299


def test_a_workbook_packed_like_a_bomb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/worksheets/sheet1.xml", b"<row/>" * 20_000_000)  # 120 MB of rows
    assert len(packed.getvalue()) < 1_000_000
    result = load_dataset([_folder(tmp_path, packed.getvalue(), "members.xlsx")], salt=SALT)
    (p,) = [p for p in result.report.problems if p.code == "file.workbook_too_large"]
    assert p.file == "members.xlsx"
    assert "114 MB" in p.message_zh and "30 倍" in p.message_zh


def test_control_characters_in_names_are_taken_out_so_every_export_works(
    valid: dict, write_dataset
) -> None:
    from report.exports import export_bytes

    valid["branches"][0]["组织名称"] = "翠颐社区\x0b党委\u202e"  # Word's line break, an override
    result = load_dataset([write_dataset(valid)], salt=SALT)
    assert result.ok
    assert result.tables["branches"]["name"].iat[0] == "翠颐社区 党委"
    on = pd.Timestamp("2018-11-30")
    for kind in ("docx", "markdown", "pptx", "html"):
        assert export_bytes(result.tables, on, "zh", "测试", kind, scope="翠颐社区\x1b[2J")
    md = export_bytes(result.tables, on, "zh", "测试", "markdown", scope="翠颐社区\x1b[2J")
    assert b"\x1b" not in md and "翠颐社区\\\\x1b\\[2J".encode() in md  # shown escaped


def test_a_number_too_large_for_any_count_is_an_error_at_its_row(
    valid: dict, write_dataset
) -> None:
    valid["participation"][0]["实到人数"] = "99999999999999999999999"
    result = load_dataset([write_dataset(valid)], salt=SALT)
    (p,) = [p for p in result.report.problems if p.code == "value.too_big"]
    assert (p.file, p.row, p.column) == ("participation.csv", 2, "实到人数")


def test_a_header_of_500_000_columns_is_refused_at_once(tmp_path: Path) -> None:
    header = csv_text(VALID["members"]).splitlines()[0] + "," * 500_000
    folder = _folder(tmp_path, header + "\n" + csv_text(VALID["members"]).split("\n", 1)[1])
    (p,) = [p for p in load_dataset([folder], salt=SALT).report.problems
            if p.code == "file.too_many_columns"]  # fmt: skip
    assert p.row == 1 and "500,013 列" in p.message_zh


def test_a_workbook_with_one_far_cell_is_refused_before_the_reader_lays_it_out(
    tmp_path: Path,
) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in [list(VALID["members"][0]), *(list(r.values()) for r in VALID["members"])]:
        sheet.append(row)
    sheet["XFD1048576"] = "x"  # the reader would ask for 16,384 × 1,048,576 cells
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "branches.csv").write_text(csv_text(VALID["branches"]), "utf-8")
    book.save(folder / "members.xlsx")
    (p,) = [p for p in load_dataset([folder], salt=SALT).report.problems
            if p.code == "file.sheet_area"]  # fmt: skip
    assert p.file == "members.xlsx" and "17,179,869,184 个单元格" in p.message_zh


def test_a_workbook_padded_to_pass_the_overall_ratio_is_refused_by_its_sheet_s(
    tmp_path: Path,
) -> None:
    import os

    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/worksheets/sheet1.xml", b"<row/>" * 4_000_000)  # 24 MB, packs ~1000×
        book.writestr("xl/media/padding.bin", os.urandom(3 * 2**20))  # does not pack at all
    result = load_dataset([_folder(tmp_path, packed.getvalue(), "members.xlsx")], salt=SALT)
    assert [p.code for p in result.report.problems if p.file == "members.xlsx"] == [
        "file.workbook_too_large"
    ]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_saved_without_its_mark_is_read(tmp_path: Path, encoding: str) -> None:
    folder = _folder(tmp_path, csv_text(VALID["members"]).encode(encoding))
    result = load_dataset([folder], salt=SALT)
    assert result.ok and len(result.tables["members"]) == 3


def test_a_web_page_saved_with_an_xls_name_is_named_for_what_it_is(tmp_path: Path) -> None:
    page = "<html><body><table><tr><td>党员编号</td></tr></table></body></html>"
    folder = _folder(tmp_path, page, "members.xls")
    (p,) = [p for p in load_dataset([folder], salt=SALT).report.problems if p.file == "members.xls"]
    assert p.code == "file.html_table" and "网页（HTML）格式的表格" in p.message_zh


def test_a_quote_never_closed_is_named_at_its_line(tmp_path: Path) -> None:
    lines = csv_text(VALID["members"]).splitlines()
    lines[2] = '"' + lines[2]  # line 3 opens a quote it never closes
    result = load_dataset([_folder(tmp_path, "\n".join(lines) + "\n")], salt=SALT)
    (p,) = [p for p in result.report.problems if p.file == "members.csv"]
    assert (p.code, p.row) == ("file.open_quote", 3)
    assert "第 3 行的引号" in p.message_zh
