"""党内统计年报 as an Excel workbook in the forms' layout: one sheet per table with its title,
填报单位, 年度, 栏 numbers and unit, a sheet of the checks and one of the records behind 栏
15; Chinese, numbers as numbers, each sheet printable on one A4 landscape page wide."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from domain.annual import TABLE1_COLUMNS
from figures.annual import (
    admitted_frame,
    category_frame,
    checks_frame,
    column_words,
    coverage_frame,
    difference_frame,
    form_title,
    made_full_frame,
    occupation_frame,
    organisations_frame,
    period,
)
from i18n import t
from queries.annual import Annual

LANG = "zh"  # the forms are filled in Chinese
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
ROW_LABEL = "甲"  # the forms' 栏 of the row names


def _head(ws: Worksheet, title: str, unit: str, width: int, filer: str, year: str) -> int:
    """The form's title, 填报单位, 年度 and unit; the next free row."""
    ws.cell(1, 1, title).font = Font(bold=True, size=14)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(width, 1))
    filer_words, period_words = t("annual.filer", LANG), t("annual.period", LANG)
    unit_words = t("annual.unit_label", LANG)
    ws.cell(2, 1, f"{filer_words}：{filer}")
    ws.cell(3, 1, f"{period_words}：{year}")
    ws.cell(3, max(width, 2), f"{unit_words}：{unit}").alignment = Alignment(horizontal="right")
    return 5


def _grid(ws: Worksheet, frame: pd.DataFrame, row: int, numbered: bool = True) -> int:
    """``frame`` below ``row``: its headings, and when ``numbered`` a row of 栏 numbers (甲
    for the row names, then 1, 2 … from headings written "N words" by ``figures.annual``);
    then its rows, numbers as numbers. Returns the next free row."""
    headings = [str(h) for h in frame.columns]
    if numbered:
        split = [h.partition(" ") for h in headings[1:]]
        rows = [
            [headings[0], *(w for _, _, w in split)],
            [ROW_LABEL, *(int(n) for n, _, _ in split)],
        ]
    else:
        rows = [headings]
    for r, values in enumerate(rows, start=row):
        for j, value in enumerate(values, start=1):
            cell = ws.cell(r, j, value)
            cell.font, cell.alignment, cell.border = Font(bold=True), CENTRE, BOX
    first = row + len(rows)
    for i, values in enumerate(frame.itertuples(index=False), start=first):
        for j, value in enumerate(values, start=1):
            cell = ws.cell(i, j, value.item() if hasattr(value, "item") else value)
            cell.border = BOX
            if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                cell.number_format = "#,##0" if isinstance(cell.value, int) else "0.0"
    return first + len(frame) + 1


def _table1(ws: Worksheet, report: Annual, row: int) -> int:
    """表一 across the page, as the form has it: 项目, 栏次 1–15, 人数."""
    ws.cell(row, 1, t("annual.head.item", LANG))
    ws.cell(row + 1, 1, t("annual.head.column", LANG))
    ws.cell(row + 2, 1, t("annual.head.people", LANG))
    for j, column in enumerate(TABLE1_COLUMNS, start=2):
        ws.cell(row, j, column_words(column, LANG))
        ws.cell(row + 1, j, int(column))
        ws.cell(row + 2, j, report.table1[column]).number_format = "#,##0"
    for r in range(row, row + 3):
        for j in range(1, len(TABLE1_COLUMNS) + 2):
            cell = ws.cell(r, j)
            cell.border, cell.alignment = BOX, CENTRE
            cell.font = Font(bold=r < row + 2)
    ws.row_dimensions[row].height = 48
    notes = row + 4
    if report.untold:
        columns = "、".join(report.untold)
        ws.cell(notes, 1, t("annual.untold_note", LANG, columns=columns))
        notes += 1
    if report.table1["15"]:
        n = len(report.difference)
        ws.cell(notes, 1, t("annual.difference_note", LANG, n=n))
        notes += 1
    return notes


def _fit(ws: Worksheet, widths: dict[int, float], default: float = 11) -> None:
    """A4 landscape, one page wide; column widths for Chinese headings."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    for j in range(1, ws.max_column + 1):
        ws.column_dimensions[get_column_letter(j)].width = widths.get(j, default)


def annual_workbook(report: Annual, filer: str) -> bytes:
    """The workbook of ``report`` for the organisation ``filer`` (填报单位)."""
    book = Workbook()
    year = period(report)
    people = t("annual.unit.people", LANG)
    sheets = (
        ("annual.form.2", occupation_frame(report, LANG), people, {1: 16}),
        ("annual.form.3", category_frame(report.eras, LANG), people, {1: 10}),
        ("annual.form.4", category_frame(report.education, LANG), people, {1: 10}),
        ("annual.form.13", made_full_frame(report, LANG), people, {1: 10}),
        ("annual.form.14", admitted_frame(report, LANG), people, {1: 16}),
        (
            "annual.form.orgs",
            organisations_frame(report, LANG),
            t("annual.unit.orgs", LANG),
            {1: 14},
        ),
    )
    ws = book.active
    ws.title = t("annual.sheet.1", LANG)
    _table1(
        ws, report, _head(ws, form_title("annual.form.1", report, LANG), people, 16, filer, year)
    )
    _fit(ws, {1: 8}, 9)
    for key, frame, unit, widths in sheets:
        ws = book.create_sheet(t(key.replace("form", "sheet"), LANG))
        title = form_title(key, report, LANG)
        row = _grid(ws, frame, _head(ws, title, unit, frame.shape[1], filer, year))
        if key == "annual.form.orgs" and (coverage := coverage_frame(report, LANG)) is not None:
            ws.cell(row, 1, t("annual.coverage.title", LANG)).font = Font(bold=True)
            _grid(ws, coverage, row + 1)
        _fit(ws, widths)
    ws = book.create_sheet(t("annual.sheet.checks", LANG))
    checks = checks_frame(report, LANG)
    _grid(ws, checks, _head(ws, t("annual.checks", LANG), "", checks.shape[1], filer, year), False)
    _fit(ws, {1: 30, 2: 26, 5: 9, 6: 60})
    ws = book.create_sheet(t("annual.sheet.difference", LANG))
    diff = difference_frame(report, LANG)
    _grid(ws, diff, _head(ws, t("annual.difference", LANG), "", diff.shape[1], filer, year), False)
    _fit(ws, {1: 16, 2: 14, 3: 30, 4: 16, 5: 16})
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
