"""The bytes behind the download buttons: Excel-friendly CSV and XLSX, formulas neutralised."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd

from report.download import to_csv_bytes, to_xlsx_bytes

FRAME = pd.DataFrame(
    {"党组织": ["翠颐社区党委", '=HYPERLINK("x")', "@SUM(A1)"], "人数": [44, -3, 8]}
)


def test_csv_is_utf8_with_bom_and_reads_back() -> None:
    data = to_csv_bytes(FRAME)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(back.columns) == ["党组织", "人数"]
    assert back["党组织"].iat[0] == "翠颐社区党委"
    assert back["人数"].tolist() == [44, -3, 8]


def test_csv_neutralises_formulas_but_not_negative_numbers() -> None:
    back = pd.read_csv(io.BytesIO(to_csv_bytes(FRAME)), encoding="utf-8-sig")
    assert back["党组织"].iat[1] == '\'=HYPERLINK("x")'
    assert back["党组织"].iat[2] == "'@SUM(A1)"
    assert back["人数"].iat[1] == -3


def test_xlsx_holds_the_same_cells() -> None:
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(FRAME)))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == ("党组织", "人数")
    assert rows[1] == ("翠颐社区党委", 44)
    assert rows[2][0].startswith("'=")
    assert rows[2][1] == -3
