"""Parsing the date cells people really write.

Accepted: 2018-08-01, 2018/8/1, 2018年8月1日, 2018年 8 月 1 日, 2018.08.01, 20180801, an
optional time part (2018-08-01 00:00:00, as Excel writes to CSV), a month alone
(2018-08, 2018年8月, 1985.06, 198506, meaning its first day), Excel date cells, and Excel
serial day numbers (43313 = 2018-08-01).
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

DATE_DTYPE = "datetime64[us]"

# Excel's day zero (serial 1 = 1900-01-01, with its 1900 leap-year bug folded in).
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
# Serial numbers accepted as dates: 1900-01-01 to 2099-12-31.
_SERIAL_MIN, _SERIAL_MAX = 1, 73415

_SEPARATORS = re.compile(r"[年月/.]")
_TIME_PART = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_COMPACT_MONTH = re.compile(r"^((?:19|20)\d{2})(0[1-9]|1[0-2])$")  # 198506: June 1985
_SERIAL = re.compile(r"^\d{1,5}(\.0+)?$")

_YEAR_ONLY = re.compile(r"^(19|20)\d{2}$")
_AMBIGUOUS_MONTH = re.compile(r"^\s*(\d{4})\.1\s*$")  # 1927.1: January, or 1927.10 shortened?

UNPARSEABLE = "unparseable"
IMPOSSIBLE = "impossible"
YEAR_ONLY = "year_only"


def _canonical_text(text: str) -> str:
    """2018年8月1日 / 2018/8/1 / 2018.8.1 -> 2018-8-1; time parts dropped."""
    text = re.sub(r"\s*([年月日号])\s*", r"\1", text.strip()).replace("日", "").replace("号", "")
    text = _TIME_PART.sub("", text).strip()
    return _SEPARATORS.sub("-", text).strip("-")


def _from_text(text: str) -> tuple[pd.Timestamp | None, str | None]:
    if _YEAR_ONLY.match(text.strip()):
        return None, YEAR_ONLY
    canon = _canonical_text(text)
    match = _DAY.match(canon) or _COMPACT.match(canon)
    if match:
        year, month, day = (int(g) for g in match.groups())
    elif match := _MONTH.match(canon) or _COMPACT_MONTH.match(canon):
        year, month, day = int(match.group(1)), int(match.group(2)), 1
    elif _SERIAL.match(canon):
        return _from_serial(float(canon))
    else:
        return None, UNPARSEABLE
    try:
        return pd.Timestamp(dt.date(year, month, day)), None
    except ValueError:
        return None, IMPOSSIBLE


def _from_serial(number: float) -> tuple[pd.Timestamp | None, str | None]:
    if not float(number).is_integer() or not _SERIAL_MIN <= number <= _SERIAL_MAX:
        return None, UNPARSEABLE
    return _EXCEL_EPOCH + pd.Timedelta(days=int(number)), None


def parse_cell(value: object) -> tuple[pd.Timestamp | None, str | None]:
    """One cell to (date, None), or (None, reason) with reason UNPARSEABLE or IMPOSSIBLE.

    Blank cells give (None, None).
    """
    if value is None or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return None, None
    if isinstance(value, dt.datetime | pd.Timestamp):
        return pd.Timestamp(value.date()), None
    if isinstance(value, dt.date):
        return pd.Timestamp(value), None
    if isinstance(value, int | float | np.integer | np.floating):
        if float(value).is_integer() and 1900 <= value <= 2099:
            return None, YEAR_ONLY
        if _COMPACT_MONTH.match(f"{value:.0f}") and float(value).is_integer():
            return _from_text(f"{value:.0f}")
        return _from_serial(float(value))
    text = str(value).strip()
    if not text:
        return None, None
    return _from_text(text)


def ambiguous_months(cells: pd.Series) -> pd.Series:
    """Text cells like "1927.1": read as January, but Excel shows 1927.10 that way too."""
    text = cells.map(lambda v: v if isinstance(v, str) else "")
    return text.str.match(_AMBIGUOUS_MONTH.pattern).astype(bool)


def parse_dates(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse a column of cells.

    Returns (dates, reasons): dates has dtype datetime64[us] with NaT where a cell is blank or
    bad; reasons holds UNPARSEABLE, IMPOSSIBLE or YEAR_ONLY where a non-blank cell is bad.
    A bare four-digit number (1928) is a year alone, never an Excel serial.
    The common ISO form is parsed vectorised; only the other spellings go cell by cell.
    """
    dates = pd.Series(pd.NaT, index=cells.index, dtype=DATE_DTYPE)
    reasons = pd.Series(None, index=cells.index, dtype="str")
    is_text = cells.map(lambda v: isinstance(v, str))
    text = cells[is_text].str.strip()
    iso = text.str.fullmatch(r"\d{4}-\d{2}-\d{2}")
    fast = pd.to_datetime(text[iso], format="%Y-%m-%d", errors="coerce")
    dates.loc[fast.index] = fast.astype(DATE_DTYPE)
    done = fast.notna().reindex(cells.index, fill_value=False)
    blank = cells.isna() | (text == "").reindex(cells.index, fill_value=False)
    for index, value in cells[~done & ~blank].items():
        date, reason = parse_cell(value)
        if date is not None:
            dates.at[index] = date
        elif reason is not None:
            reasons.at[index] = reason
    return dates, reasons
