"""The bytes behind every "download the data" button: CSV for Excel, and XLSX.

Cells that a spreadsheet would run as a formula (starting with =, +, -, @, or a tab or
carriage return) are prefixed with an apostrophe, so a hostile name cannot execute.
Numbers are left as numbers.
"""

from __future__ import annotations

import io

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A text cell that would start a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out.columns = [neutralise(str(c)) for c in out.columns]
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(neutralise, na_action="ignore")
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a BOM (Excel opens the Chinese correctly), CRLF line ends, no index."""
    text = _safe(frame).to_csv(index=False, lineterminator="\r\n")
    return "\ufeff".encode() + text.encode("utf-8")


def to_xlsx_bytes(frame: pd.DataFrame, sheet: str = "数据") -> bytes:
    """One sheet, a bold header row, columns wide enough for their content."""
    buffer = io.BytesIO()
    safe = _safe(frame)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, index=False, sheet_name=sheet[:31])
        sheet_obj = writer.sheets[sheet[:31]]
        for i, column in enumerate(safe.columns, start=1):
            width = max([len(str(column))] + [len(str(v)) for v in safe[column].head(200)]) + 2
            sheet_obj.column_dimensions[sheet_obj.cell(1, i).column_letter].width = min(
                60, width * 1.3
            )
    return buffer.getvalue()
