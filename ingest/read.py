"""Reading raw files into grids of cells, whatever their encoding, delimiter or title rows.

Nothing outside ``ingest`` reads raw files. A file becomes a ``RawTable``: its header row as
written, its cells (text for CSV; Excel's own values for XLSX) and, for each data row, the row
number the user sees in Excel or a text editor. Every failure becomes a ``Problem``.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import python_calamine

from domain.accounts import HEADERS as ACCOUNT_HEADERS
from domain.contract import DATASETS
from ingest.labels import normalise_header
from ingest.problems import Problem, problem

EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})
TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".txt"}) | EXCEL_SUFFIXES
# What a person may upload: every table file read, and zips of them (ingest.upload).
UPLOAD_TYPES: list[str] = [*sorted(s.lstrip(".") for s in TABLE_SUFFIXES), "zip"]
HEADER_SEARCH_ROWS = 10
_DELIMITERS = (",", "\t", ";")
_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

KNOWN_HEADERS: frozenset[str] = frozenset(
    normalise_header(h) for d in DATASETS.values() for f in d.fields for h in f.headers
) | frozenset(normalise_header(h) for hs in ACCOUNT_HEADERS.values() for h in hs)


@dataclass
class RawTable:
    """A file's table as written: headers, cells (positional columns: text for CSV, Excel's
    own values for XLSX), rows."""

    file: str
    header_row: int  # 1-based, as seen by the user
    headers: list[str]
    cells: pd.DataFrame  # columns 0..n-1, one per header
    rows: np.ndarray  # 1-based row number of each cells row
    positions: list[int] | None = None  # each column's 0-based position in the file
    sheet: str | None = None  # the worksheet read, for workbooks

    def position(self, column: int) -> int:
        return column if self.positions is None else self.positions[column]

    @property
    def normalised_headers(self) -> list[str]:
        return [normalise_header(h) for h in self.headers]


class ReadError(Exception):
    """A file that cannot be read as a table at all."""

    def __init__(self, item: Problem) -> None:
        super().__init__(item.message_en)
        self.problem = item


# Stripped from a cell's ends when asking whether it is blank: white space and the control
# characters (ESC, the vertical tab from Word) that ``ingest.cells`` takes out of text.
BLANK_CHARS = " \t\n\r\x0b\x0c" + "".join(map(chr, [*range(0x20), *range(0x7F, 0xA0)]))


def is_blank(value: object) -> bool:
    """A cell with nothing in it: None, NA, NaN, or only white space and control
    characters."""
    return (
        value is None
        or value is pd.NA
        or (isinstance(value, float) and np.isnan(value))
        or (isinstance(value, str) and not value.strip(BLANK_CHARS).strip())
    )


def _header_score(row: Sequence[object]) -> int:
    return sum(1 for v in row if not is_blank(v) and normalise_header(v) in KNOWN_HEADERS)


def find_header(grid: Sequence[Sequence[object]]) -> int | None:
    """Index of the row, among the first HEADER_SEARCH_ROWS, naming the most contract
    columns (two at least; the earliest wins a tie). Title rows, blank rows and form lines
    such as "党组织名称：… 联系电话：…" above the header are skipped."""
    best: tuple[int, int] | None = None  # (score, -index)
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        score = _header_score(row)
        if score >= 2 and (best is None or score > best[0]):
            best = (score, -index)
    return None if best is None else -best[1]


UTF8_BLOCK = 2**24  # bytes checked at a time: the text is never held whole


def _utf8_error(data: bytes) -> int | None:
    """The offset of the first byte that is not UTF-8, None when every byte is. Checked in
    blocks of whole lines (a newline never falls inside a UTF-8 character), so a 1 GB file
    is never held as a 2–4 GB Python string."""
    view = memoryview(data)
    start = 0
    while start < len(data):
        end = data.find(b"\n", start + UTF8_BLOCK)
        end = len(data) if end < 0 else end + 1
        try:
            str(view[start:end], "utf-8")
        except UnicodeDecodeError as exc:
            return start + exc.start
        start = end
    return None


def _utf8(data: bytes, name: str) -> bytes:
    """The file as UTF-8 bytes: UTF-8 as it is (one byte-order mark left for both CSV
    parsers, which skip it), else UTF-16 (by its mark) or GB18030 re-encoded. Raises
    ReadError naming the first undecodable line."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].decode("utf-16", errors="ignore").count("\n") + 1
            raise ReadError(problem("file.encoding", name, row=line, line=line)) from None
    error = _utf8_error(data)
    if error is None:
        while data.startswith(_BOMS[0] * 2):  # a mark written twice: the parsers skip one
            data = data[3:]
        return data
    try:
        return data.decode("gb18030").encode("utf-8")
    except UnicodeDecodeError as exc:
        # the encoding the file is in reads further before failing: its failure is the
        # stray byte (UTF-8 fails at a GB18030 file's first Chinese character)
        at = max(error, exc.start)
        line = data[:at].count(b"\n") + 1
        raise ReadError(problem("file.encoding", name, row=line, line=line)) from None


_BLANK = re.compile(rb"[ \t\r\n\xef\xbb\xbf\xff\xfe]*")  # ASCII white space, byte-order marks


def _only_blank(data: bytes) -> bool:
    """Nothing but ASCII white space and byte-order marks (found without copying)."""
    match = _BLANK.match(data)
    return match is not None and match.end() == len(data)


def _only_blank_text(data: bytes) -> bool:
    """UTF-8 bytes holding nothing but white space, Unicode's included (full-width spaces);
    the whole file is decoded only when its first MiB past ASCII white space is blank."""
    match = _BLANK.match(data)
    start = match.end() if match is not None else 0
    if start == len(data):
        return True
    if data[start : start + HEAD_BYTES].decode("utf-8", errors="ignore").strip():
        return False
    return not data.decode("utf-8", errors="ignore").strip()


def _utf16_mark(data: bytes) -> bytes:
    """UTF-16 text saved without its byte-order mark, given one (the parsers and ``_utf8``
    then read it): told by the zero bytes of its ASCII characters (digits, commas, line
    ends), which fall on the odd bytes in little-endian order and the even ones in
    big-endian. Anything else is returned as it is."""
    if data.startswith(_BOMS):
        return data
    head = data[:8192]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    pairs = max(len(head) // 2, 1)
    if odd > pairs * 0.1 and even * 10 < odd:  # a CJK character may have one zero byte
        return b"\xff\xfe" + data
    if even > pairs * 0.1 and odd * 10 < even:
        return b"\xfe\xff" + data
    return data


def _looks_html(data: bytes) -> bool:
    """An HTML page (a table some systems save with an .xls name)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")) or (
        b"<table" in head and b"<td" in head
    )


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith(_BOMS[1:]):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    return controls > len(head) * 0.01


HEAD_BYTES = 2**20


HEADER_LINE_CHARS = 10_000  # a header line is never longer; a longer line is cut to look


def _csv_header(data: bytes) -> tuple[int, str]:
    """(line index of the header, delimiter) by trying each delimiter on the first lines,
    each cut to HEADER_LINE_CHARS (a line of 30 MB is looked at, not parsed whole)."""
    head = data[:HEAD_BYTES].decode("utf-8", errors="ignore").removeprefix("\ufeff")
    lines = head.splitlines()
    if len(data) > HEAD_BYTES and len(lines) > 1:
        lines = lines[:-1]  # possibly cut short
    lines = [line[:HEADER_LINE_CHARS] for line in lines[:HEADER_SEARCH_ROWS]]
    best: tuple[int, int, str] | None = None  # (score, -index, delimiter)
    for delimiter in _DELIMITERS:
        grid = [next(csv.reader([line], delimiter=delimiter), []) for line in lines]
        index = find_header(grid)
        if index is not None:
            candidate = (_header_score(grid[index]), -index, delimiter)
            if best is None or candidate > best:
                best = candidate
    if best is None:
        return -1, ","
    return -best[1], best[2]


def _lf_line_ends(data: bytes) -> bytes:
    """Lines ended by CR alone (Excel for Mac's "CSV (Macintosh)") ended by LF instead: the
    C parser runs an empty CR line into the next, which would shift the header by one."""
    if data.find(b"\n") < 0 and b"\r" in data:
        return data.replace(b"\r", b"\n")
    return data


def _expected_headers() -> str:
    return "、".join(("组织编号", "党员编号", "姓名", "入党日期"))


def _no_blank_lines(data: bytes) -> bool:
    """No empty line before the file's last line (found without copying the bytes)."""
    end = len(data)
    while end and data[end - 1] in b"\r\n":
        end -= 1
    return all(data.find(gap, 0, end) < 0 for gap in (b"\n\n", b"\n\r\n", b"\r\r"))


def _csv_options(delimiter: str, skip: int) -> dict[str, object]:
    """What both CSV parsers are told: every cell as text, nothing read as missing."""
    return {
        "encoding": "utf-8",
        "sep": delimiter,
        "header": None,
        "skiprows": skip,
        "dtype": "str",
        "keep_default_na": False,
    }


def _parse_fast(data: bytes, delimiter: str, skip: int) -> pd.DataFrame | None:
    """The CSV parsed by Arrow's reader (ten times faster than pandas' own on a large
    file, and without a Python object per cell); None when it cannot read the file as the
    careful parser would (ragged rows, odd quoting): that parser then reports why."""
    try:
        frame = pd.read_csv(io.BytesIO(data), **_csv_options(delimiter, skip), engine="pyarrow")
    except Exception:  # any failure: the careful parser decides, and says why
        return None
    return frame


def parse_csv(data: bytes, name: str) -> tuple[pd.DataFrame, int]:
    """A CSV file given as UTF-8 bytes (see ``_utf8``): every line from its header on as
    text cells, and how many lines came before the header."""
    index, delimiter = _csv_header(data)
    if index >= 0:
        _check_width(_line(data, index).count(delimiter.encode()) + 1, name, index + 1)
    if index < 0:
        long_line = _long_line(data)
        if long_line is not None:
            raise ReadError(problem("file.long_line", name, row=long_line, line=long_line,
                                    limit=f"{HEAD_BYTES // 2**20} MB"))  # fmt: skip
        raise ReadError(
            problem("file.no_header", name, rows=HEADER_SEARCH_ROWS, expected=_expected_headers())
        )
    frame = _parse_fast(data, delimiter, index) if _no_blank_lines(data) else None
    if frame is None:
        try:
            frame = pd.read_csv(
                io.BytesIO(data),  # bytes: pandas would re-encode a text stream piecemeal
                **_csv_options(delimiter, index),
                skip_blank_lines=False,  # blank rows keep their place, so row numbers hold
                engine="c",
            )
        except pd.errors.ParserError as exc:
            detail = str(exc).replace("Error tokenizing data. C error: ", "").strip()
            raise ReadError(_parse_problem(_line_offset(detail, index), name, index)) from exc
    return frame, index


MAX_COLUMNS = 1000  # no dataset has more than 40 columns; an export adds a few empty ones


def _check_width(columns: int, name: str, row: int) -> None:
    """Raise ReadError when the header row has more than MAX_COLUMNS columns (empty ones
    included): a file of 500,000 columns would cost the check minutes and gigabytes."""
    if columns > MAX_COLUMNS:
        raise ReadError(problem("file.too_many_columns", name, row=row, n=f"{columns:,}",
                                limit=f"{MAX_COLUMNS:,}"))  # fmt: skip


def _line(data: bytes, index: int) -> bytes:
    """Line ``index`` (0-based) of the file, without its line end."""
    start = 0
    for _ in range(index):
        start = data.find(b"\n", start) + 1
        if start == 0:
            return b""
    end = data.find(b"\n", start)
    return data[start : len(data) if end < 0 else end]


def _long_line(data: bytes) -> int | None:
    """The number of the first line among those searched for the header that is longer
    than HEAD_BYTES (it hides the header's line from the search), None if there is none."""
    start = 0
    for number in range(1, HEADER_SEARCH_ROWS + 1):
        end = data.find(b"\n", start, start + HEAD_BYTES + 1)
        if end < 0:
            return number if len(data) - start > HEAD_BYTES else None
        start = end + 1
    return None


def csv_table(cells: pd.DataFrame, headers: list[str], skipped: int, name: str) -> RawTable:
    """``parse_csv``'s lines after the header as a RawTable. Repeating columns are compacted
    (see ``compact``) in place, one at a time, so that each column's text is let go as its
    categorical takes its place (when the caller holds no other reference to it)."""
    for column in cells.columns:
        cells[column] = compact(cells[column])
    cells.columns = range(len(headers))
    pa.default_memory_pool().release_unused()  # the text cells just replaced
    rows = np.arange(len(cells)) + skipped + 2
    return _trim(RawTable(name, skipped + 1, headers, cells, rows))


def compact(cells: pd.Series) -> pd.Series:
    """Text cells as a categorical of their distinct values when most cells repeat one (a
    column of a million dates holds a few thousand): the same cells, as written, in a
    fraction of the memory; a column of mostly distinct values (ids) as it is."""
    codes, uniques = pd.factorize(cells, use_na_sentinel=True)
    if len(uniques) * 2 > len(cells):
        return cells
    dtype = pd.CategoricalDtype(pd.Index(uniques, dtype="str"))
    return pd.Series(pd.Categorical.from_codes(codes, dtype=dtype), index=cells.index)


_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


_OPEN_QUOTE = re.compile(r"EOF inside string starting at row (\d+)")


def _parse_problem(detail: str, name: str, skipped: int = 0) -> Problem:
    """The C parser's complaint as a problem: a row with the wrong number of cells, or a
    quote never closed, at its row in both languages; anything else as it says."""
    quote = _OPEN_QUOTE.search(detail)
    if quote is not None:  # the parser counts rows from 0 at the header it was given
        line = int(quote.group(1)) + 1 + skipped
        return problem("file.open_quote", name, row=line, line=line)
    found = _FIELDS.search(detail)
    if found is None:
        return problem("file.parse", name, detail=detail)
    expected, line, saw = (int(g) for g in found.groups())
    return problem("file.ragged", name, row=line, line=line, saw=f"{saw:,}", expected=expected)


def _line_offset(detail: str, skipped: int) -> str:
    """pandas counts lines from the header it was given; the user counts from the file's top."""
    return re.sub(r"line (\d+)", lambda m: f"line {int(m.group(1)) + skipped}", detail)


_FOOTER_STARTS = ("注", "说明", "备注", "填表", "制表", "审核", "填报", "负责人", "联系人", "签字")


def _header_depth(grid: list[list[object]], index: int, merges: list[MergedRange]) -> int:
    """How many rows the header starting at ``index`` takes: 2 when it is a two-row header
    (联系电话 over 手机号 and 固定电话, the other headers merged down), else 1. Read from the
    sheet's merged cells when it has them, else from the row below: a sub-header row names
    contract columns, holds only text, and leaves most of the header's columns blank."""
    spans = [end[0] - start[0] for start, end in merges if start[0] == index]
    if spans:
        return 1 + max(spans)
    if index + 1 >= len(grid):
        return 1
    below = [v for v in grid[index + 1] if not is_blank(v)]
    named = [v for v in grid[index] if not is_blank(v)]
    if not below or len(below) * 2 > len(named) or not all(isinstance(v, str) for v in below):
        return 1
    return 2 if _header_score(grid[index + 1]) >= 1 else 1


def _joined_headers(grid: list[list[object]], index: int, depth: int, width: int) -> list[str]:
    """Each column's header: the lowest non-blank header cell above its data (手机号 under
    联系电话, 姓名 merged down over two rows)."""
    headers = []
    for column in range(width):
        cells = [row[column] if column < len(row) else None for row in grid[index : index + depth]]
        named = [c for c in cells if not is_blank(c)]
        headers.append(str(named[-1]).strip() if named else "")
    return headers


def _is_footer(row: list[object]) -> bool:
    """A note below the table (注：此表可从系统导出…, 填表人：…): one or two text cells, the
    first beginning with 注, 说明, 备注, 填表, 制表, 审核 …"""
    filled = [v for v in row if not is_blank(v)]
    return (
        0 < len(filled) <= 2
        and all(isinstance(v, str) for v in filled)
        and str(filled[0]).strip().startswith(_FOOTER_STARTS)
    )


MergedRange = tuple[tuple[int, int], tuple[int, int]]


# An .xlsx or .ods file is a zip of XML parts: a roster's sheet packs about 11 times (a
# 90 MB roster of 1,047,200 rows, the most one sheet holds, unpacks to 1.0 GB). A workbook
# unpacking to more than this, or packed far tighter than any table, is refused before
# calamine reads it (a workbook bomb would otherwise take the check's memory).
MAX_WORKBOOK_UNPACKED = 3 * 2**29  # 1.5 GiB
MAX_WORKBOOK_RATIO = 30


def _check_workbook_size(data: bytes, name: str) -> None:
    """Raise ReadError when a zip-based workbook unpacks beyond MAX_WORKBOOK_UNPACKED or to
    more than MAX_WORKBOOK_RATIO times its size (read from its directory, nothing
    unpacked). An .xls file (not a zip) and a damaged zip are left to calamine."""
    if not data.startswith(_XLSX_MAGIC):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            parts = book.infolist()
            unpacked = sum(i.file_size for i in parts)
            tightest = max((i.file_size / max(i.compress_size, 1) for i in parts), default=0)
            areas = [_declared_area(book, i) for i in parts if i.filename.startswith(_SHEETS)]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
        return  # calamine says what is wrong with it
    if (
        unpacked > MAX_WORKBOOK_UNPACKED
        or unpacked > MAX_WORKBOOK_RATIO * len(data)
        or (tightest > MAX_PART_RATIO and unpacked > 2**24)
    ):
        raise ReadError(problem("file.workbook_too_large", name, size=f"{unpacked / 2**20:,.0f} MB",
                                limit=f"{MAX_WORKBOOK_UNPACKED / 2**30:.1f} GB",
                                ratio=MAX_WORKBOOK_RATIO, part=MAX_PART_RATIO))  # fmt: skip
    area = max(areas, default=0)
    if area > MAX_SHEET_CELLS:
        raise ReadError(problem("file.sheet_area", name, n=f"{area:,}",
                                limit=f"{MAX_SHEET_CELLS:,}"))  # fmt: skip


MAX_PART_RATIO = 100  # one part of a workbook: a sheet of rows packs about 11 times
MAX_SHEET_CELLS = 60_000_000  # rows × columns a sheet declares (a full roster: 20 million)
_SHEETS = "xl/worksheets/"
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)?(\d+)?:?([A-Z]+)?(\d+)?"')


def _column_number(letters: bytes) -> int:
    n = 0
    for c in letters:
        n = n * 26 + c - 64
    return n


def _declared_area(book: zipfile.ZipFile, part: zipfile.ZipInfo) -> int:
    """The cells a sheet says it spans (its <dimension ref="A1:XFD1048576">, read from its
    first bytes): the reader lays out that many, so one far cell asks for 512 GB."""
    with book.open(part) as handle:
        head = handle.read(4096)
    found = _DIMENSION.search(head)
    if found is None or found.group(3) is None or found.group(4) is None:
        return 0
    columns = _column_number(found.group(3)) - _column_number(found.group(1) or b"A") + 1
    rows = int(found.group(4)) - int(found.group(2) or 1) + 1
    return max(columns, 0) * max(rows, 0)


def _open_workbook(data: bytes, name: str) -> python_calamine.CalamineWorkbook:
    _check_workbook_size(data, name)
    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine's errors carry no useful class: say what it says
        raise ReadError(problem("file.bad_xlsx", name, detail=_detail(exc))) from exc


def _detail(exc: Exception) -> str:
    return str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__


class _Sheet:
    """One worksheet read by calamine: its first rows (to find the header in), its merged
    ranges, and the rest streamed a row at a time. Rows and columns are 0-based from the
    sheet's A1, as its merged ranges are; blank cells are None."""

    def __init__(self, book: python_calamine.CalamineWorkbook, title: str, name: str) -> None:
        try:
            sheet = book.get_sheet_by_name(title)
            self.merges: list[MergedRange] = list(sheet.merged_cell_ranges or [])
            start = sheet.start or (0, 0)
            self._rows = sheet.iter_rows()
        except Exception as exc:  # a damaged or password-protected sheet
            raise ReadError(problem("file.bad_xlsx", name, detail=_detail(exc))) from exc
        self.title = title
        self._left = int(start[1])  # calamine yields every row from the first, but its
        self.head: list[list[object]] = []  # columns from the first one used
        for row in self._rows:
            self.head.append(self._cells(row))
            if len(self.head) >= HEADER_SEARCH_ROWS + 2:  # the header, and a row below it
                break

    def _cells(self, row: Sequence[object]) -> list[object]:
        return [None] * self._left + [None if v == "" else v for v in row]

    def body(self, first: int, width: int) -> list[list[object]]:
        """Rows from ``first`` (0-based) on, as ``width`` columns of cells. Equal cells of a
        column are one object (a roster's dates, sectors and branch ids repeat by the
        thousand), so a million rows are held in a fraction of the memory."""
        columns: list[list[object]] = [[] for _ in range(width)]
        seen: list[dict[object, object]] = [{} for _ in range(width)]

        def take(row: Sequence[object]) -> None:
            row = row[:width]
            for j, value in enumerate(row):
                columns[j].append(None if value is None else seen[j].setdefault(value, value))
            for j in range(len(row), width):
                columns[j].append(None)

        for cells in self.head[first:]:
            take(cells)
        for row in self._rows:
            take(self._cells(row))
        return columns


def _is_footer_at(columns: list[list[object]], i: int) -> bool:
    return _is_footer([c[i] for c in columns])


def read_xlsx_bytes(data: bytes, name: str) -> RawTable:
    """A workbook's first sheet that holds a header (a 填表说明 sheet in front is passed
    over): title rows above it skipped, a two-row header joined, notes below it dropped.
    Read by calamine (.xlsx, .xlsm, .xls, .ods)."""
    book = _open_workbook(data, name)
    try:
        titles = book.sheet_names
        if not titles:
            raise ReadError(problem("file.empty", name))
        chosen, index, anything = None, None, False
        for title in titles:
            sheet = _Sheet(book, title, name)
            anything = anything or any(not is_blank(v) for row in sheet.head for v in row)
            index = find_header(sheet.head)
            if index is not None:
                chosen = sheet
                break
        if chosen is None or index is None:
            if not anything:
                raise ReadError(problem("file.empty", name))
            raise ReadError(
                problem(
                    "file.no_header", name, rows=HEADER_SEARCH_ROWS, expected=_expected_headers()
                )
            )
        depth = _header_depth(chosen.head, index, chosen.merges)
        width = max(len(row) for row in chosen.head[index : index + depth])
        _check_width(width, name, index + 1)
        headers = _joined_headers(chosen.head, index, depth, width)
        columns = chosen.body(index + depth, width)
    finally:
        book.close()
    n = len(columns[0]) if columns else 0
    while n and (_is_footer_at(columns, n - 1) or all(is_blank(c[n - 1]) for c in columns)):
        n -= 1
    cells = pd.DataFrame(
        {j: np.array(column[:n], dtype=object) for j, column in enumerate(columns)},
        index=range(n),
    )
    del columns
    rows = np.arange(n) + index + depth + 1
    return _trim(RawTable(name, index + 1, headers, cells, rows, sheet=chosen.title))


def blank_cells(column: pd.Series) -> pd.Series:
    """True where a cell is empty, NaN or only white space and control characters
    (vectorised: text columns by Arrow's string functions; other columns each distinct
    value once)."""
    if isinstance(column.dtype, pd.StringDtype):
        stripped = column.str.strip(BLANK_CHARS).str.strip()
        return (column.isna() | stripped.eq("")).fillna(True).astype(bool)
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    distinct = pd.Series(np.asarray(uniques, dtype=object), dtype=object)
    text = distinct.astype("str").str.strip(BLANK_CHARS).str.strip()
    blank = (distinct.isna() | text.eq("").fillna(True)).to_numpy(dtype=bool)
    return pd.Series(np.append(blank, True)[codes], index=column.index)


def _trim(table: RawTable) -> RawTable:
    """Drop unnamed empty columns and blank rows, keeping each row's original number. A row
    is looked at column by column only while every cell so far was blank."""
    keep = [
        i for i, h in enumerate(table.headers) if h.strip() or not blank_cells(table.cells[i]).all()
    ]
    cells = table.cells[keep]
    cells.columns = range(len(keep))
    headers = [table.headers[i] for i in keep]
    blank = np.arange(len(cells)) if keep else np.zeros(0, dtype=np.int64)  # still blank
    for i in range(len(keep)):
        if not len(blank):
            break
        blank = blank[blank_cells(cells[i].iloc[blank]).to_numpy(dtype=bool)]
    mask = np.ones(len(cells), dtype=bool) if keep else np.zeros(len(cells), dtype=bool)
    mask[blank] = False
    return RawTable(
        table.file,
        table.header_row,
        headers,
        cells if mask.all() else cells[mask].reset_index(drop=True),
        table.rows[mask],
        positions=[table.position(i) for i in keep],
        sheet=table.sheet,
    )


def read_table(path: Path) -> RawTable:
    """Read one CSV or XLSX file, whatever its extension says. Raises ReadError."""
    name = path.name
    if not path.exists():
        raise ReadError(problem("file.missing", str(path)))
    data = path.read_bytes()
    if _only_blank(data):
        raise ReadError(problem("file.empty", name))
    if data.startswith((_XLSX_MAGIC, _XLS_MAGIC)):
        return read_xlsx_bytes(data, name)
    if path.suffix.lower() in EXCEL_SUFFIXES and _looks_html(data):
        raise ReadError(problem("file.html_table", name))
    if path.suffix.lower() in EXCEL_SUFFIXES and _looks_binary(data):
        raise ReadError(problem("file.bad_xlsx", name, detail="neither .xlsx nor .xls"))
    data = _utf16_mark(data)
    if _looks_binary(data):
        raise ReadError(problem("file.binary", name))
    data = _lf_line_ends(_utf8(data, name))
    if _only_blank_text(data):
        raise ReadError(problem("file.empty", name))
    frame, skipped = parse_csv(data, name)
    del data  # not held while the cells are compacted
    headers = ["" if pd.isna(h) else str(h) for h in frame.iloc[0].tolist()]
    cells = frame.iloc[1:].reset_index(drop=True)
    del frame  # ``cells`` alone holds the parsed text, which csv_table replaces
    return csv_table(cells, headers, skipped, name)
