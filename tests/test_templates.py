"""The templates: the contract's headers, drop-down lists, and examples that load."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from domain.contract import DATASETS, Kind
from ingest import load_dataset
from ingest.templates import all_templates, template_xlsx
from tests.conftest import SALT


@pytest.mark.parametrize("name", list(DATASETS))
def test_template_headers_are_the_contracts_chinese_headers(name: str) -> None:
    dataset = DATASETS[name]
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(dataset)))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == [f.zh for f in dataset.fields if f.stored]
    assert book.worksheets[1].max_row == 1 + len(sheet[1])  # one note per column


def test_the_members_template_asks_for_no_phone_address_or_branch_name() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(template_xlsx(DATASETS["members"]))).worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert "手机号码" not in headers and "家庭住址" not in headers and "所在党支部" not in headers
    assert {"党员编号", "组织编号", "人员类别", "是否为失联党员", "是否为流动党员"} <= set(headers)


@pytest.mark.parametrize("name", list(DATASETS))
def test_every_category_column_has_a_drop_down_of_its_allowed_labels(name: str) -> None:
    dataset = DATASETS[name]
    sheet = openpyxl.load_workbook(io.BytesIO(template_xlsx(dataset))).worksheets[0]
    lists = {
        str(v.sqref).split(":")[0].rstrip("0123456789"): v.formula1
        for v in sheet.data_validations.dataValidation
    }
    for col, f in enumerate([f for f in dataset.fields if f.stored], start=1):
        letter = sheet.cell(1, col).column_letter
        if f.kind is Kind.CATEGORY:
            assert lists[letter] == '"' + ",".join(f.allowed) + '"', f.name
        elif f.kind is not Kind.BOOL:
            assert letter not in lists, f.name


def test_the_templates_with_their_examples_load_as_a_valid_dataset(tmp_path: Path) -> None:
    for file_name, data in all_templates().items():
        (tmp_path / file_name).write_bytes(data)
    result = load_dataset([tmp_path], salt=SALT)
    assert result.ok, [p.message_en for p in result.report.problems]
    assert {name: len(t) for name, t in result.tables.items()} == {
        "branches": 1, "members": 1, "patents": 1, "participation": 1, "development": 1,
        "plans": 1, "units": 1,
    }  # fmt: skip
