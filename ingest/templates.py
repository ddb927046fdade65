"""Templates for the people who keep the data: one workbook per dataset with the contract's
Chinese headers, an example row, drop-down lists (data validation) for every category
column, and a sheet explaining each column."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from domain.contract import DATASETS, Dataset, Field, Kind
from i18n.catalogue import meaning

EXAMPLES: dict[str, str] = {
    "branch_id": "B001",
    "parent_id": "",
    "member_id": "M0001",
    "patent_id": "CN201810000001.1",
    "activity_id": "A0001",
    "name": "示例社区第一党支部",
    "title": "学习论坛精神",
    "community": "示例社区",
    "instructor": "",
    "ethnicity": "汉族",
    "founded_on": "2010-01-01",
    "dissolved_on": "",
    "term_ends_on": "2021-11-30",
    "birth_date": "1985-07-01",
    "joined_on": "2010-07-01",
    "full_on": "2011-07-01",
    "registered_on": "",
    "left_on": "",
    "left_reason": "",
    "filed_on": "2018-01-10",
    "granted_on": "",
    "inventors": "3",
    "member_inventors": "1",
    "date": "2018-11-30",
    "attendees": "8",
    "expected": "10",
    "hours": "2",
    "non_member_attendees": "0",
}
# The ledger's example: the members template's M0001, admitted on its 入党日期.
DEVELOPMENT_EXAMPLES: dict[str, str] = {
    "person_id": "P0001",
    "name": "张三",
    "applied_on": "2008-01-10",
    "talked_on": "2008-01-25",
    "activist_on": "2008-06-01",
    "candidate_on": "2009-09-01",
    "training_days": "3",
    "training_hours": "24",
    "admitted_on": "2010-07-01",
    "approved_on": "2010-08-20",
    "withdrawn_on": "",
    "withdrawn_reason": "",
}
PLAN_EXAMPLES: dict[str, str] = {"year": "2018", "planned": "2"}
# A 非公企业 with its own 党支部: the branches template's B001.
UNIT_EXAMPLES: dict[str, str] = {
    "unit_id": "91440605MA00000001",
    "name": "示例科技有限公司",
    "building": "示例大厦",
    "staff": "20",
    "full_members": "3",
    "probationary_members": "0",
    "instructor": "",
    "registered_on": "2012-05-01",
    "closed_on": "",
    "covered_on": "2015-07-01",
}
EXAMPLE_BY_KIND: dict[Kind, str] = {
    Kind.TEXT: "",
    Kind.DATE: "2018-11-30",
    Kind.INT: "1",
    Kind.NUMBER: "2",
    Kind.BOOL: "是",
    Kind.ID_NUMBER: "",
    Kind.PHONE: "",
}


def example(dataset: Dataset, f: Field) -> str:
    """An example value for the column; together the examples of the templates make a
    valid dataset (the first allowed label for a category without its own example)."""
    if dataset.name == "development" and f.name in DEVELOPMENT_EXAMPLES:
        return DEVELOPMENT_EXAMPLES[f.name]
    if dataset.name == "plans" and f.name in PLAN_EXAMPLES:
        return PLAN_EXAMPLES[f.name]
    if dataset.name == "units" and f.name in UNIT_EXAMPLES:
        return UNIT_EXAMPLES[f.name]
    if f.name in EXAMPLES and not (dataset.name == "members" and f.name == "name"):
        return EXAMPLES[f.name]
    if f.kind is Kind.CATEGORY:
        return f.allowed[0]
    if dataset.name == "members" and f.name == "name":
        return "张三"
    return EXAMPLES.get(f.name, EXAMPLE_BY_KIND.get(f.kind, ""))


def template_fields(dataset: Dataset) -> tuple[Field, ...]:
    """The columns a template asks for: those kept (no phone or address, which are dropped
    as read; no full name standing for an id, which the id column holds)."""
    return tuple(f for f in dataset.fields if f.stored)


def template_xlsx(dataset: Dataset) -> bytes:
    """The dataset's template workbook: sheet 1 for the data, sheet 2 for the column notes."""
    book = Workbook()
    sheet = book.active
    sheet.title = dataset.zh
    fields = template_fields(dataset)
    sheet.append([f.zh for f in fields])
    sheet.append([example(dataset, f) for f in fields])
    header_fill = PatternFill("solid", fgColor="F8E1E1")
    for col, f in enumerate(fields, start=1):
        cell = sheet.cell(1, col)
        cell.font = Font(bold=True, color="B71C1C" if f.required else "262626")
        cell.fill = header_fill
        sheet.column_dimensions[cell.column_letter].width = max(12, len(f.zh) * 2 + 4)
        if f.kind is Kind.CATEGORY or f.kind is Kind.BOOL:
            allowed = f.allowed if f.kind is Kind.CATEGORY else ("是", "否")
            check = DataValidation(
                type="list",
                formula1='"' + ",".join(allowed) + '"',
                allow_blank=not f.required,
                showErrorMessage=True,
                errorTitle=f.zh,
                error="请从下拉列表中选择 / choose from the list",
            )
            check.add(f"{cell.column_letter}2:{cell.column_letter}5000")
            sheet.add_data_validation(check)
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("说明 Notes")
    notes.append(["列 Column", "英文名 Name", "必填 Required", "允许值 Allowed", "含义 Meaning"])
    for f in fields:
        notes.append(
            [
                f.zh,
                f.name,
                "是 yes" if f.required else "否 no",
                "、".join(f.allowed),
                " / ".join(meaning(dataset.name, f.name)),
            ]
        )
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDE", (16, 18, 12, 40, 70), strict=True):
        notes.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def all_templates() -> dict[str, bytes]:
    """File name → workbook, for every dataset: 党组织.xlsx, 党员.xlsx, 专利.xlsx, …"""
    return {f"{d.zh}.xlsx": template_xlsx(d) for d in DATASETS.values()}


def data_dictionary() -> bytes:
    """data/README.md, the data dictionary, as bytes for a download."""
    return (Path(__file__).resolve().parent.parent / "data" / "README.md").read_bytes()
