"""data/README.md and domain/contract.py describe the same columns."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pytest

from domain.contract import DATASETS
from ingest.docs import README, markdown_table, readme_block
from ingest.schemas import schema


def _rows(block: str) -> list[list[str]]:
    lines = [line for line in block.splitlines() if line.startswith("| `")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]


@pytest.mark.parametrize("name", list(DATASETS))
def test_readme_block_is_the_generated_table(name: str) -> None:
    assert readme_block(README, name) == markdown_table(DATASETS[name]), (
        "data/README.md is out of date: run `python -m ingest docs`"
    )


@pytest.mark.parametrize("name", list(DATASETS))
def test_readme_rows_match_the_contract_field_by_field(name: str) -> None:
    rows = _rows(readme_block(README, name))
    fields = DATASETS[name].fields
    assert [r[0].strip("`") for r in rows] == [f.name for f in fields]
    for row, f in zip(rows, fields, strict=True):
        assert row[1] == f.zh
        assert ("必填" in row[3]) == f.required
        assert ("唯一" in row[3]) == f.unique
        if f.allowed:
            assert row[4].split("、") == list(f.allowed)


def test_readme_documents_every_definition() -> None:
    text = README.read_text(encoding="utf-8")
    for term in (
        "As-of date",
        "Active member on day D",
        "Probationary on D",
        "Age on D",
        "Age bands",
        "大专及以上",
        "少数民族",
        "本年发展党员",
        "Growth rate",
        "Members per branch",
        "The trend",
        "公民身份号码 is 17 digits",
    ):
        assert term in text
    from domain.definitions import AGE_BANDS

    assert "、".join(AGE_BANDS).replace("、", ", ") in text.replace("\n  ", " ")


def test_schema_rejects_a_frame_with_the_wrong_dtype(valid: dict, write_dataset) -> None:
    from ingest import load_dataset

    members = load_dataset([write_dataset(valid)], salt="s").tables["members"]
    schema("members").validate(members)
    broken = members.assign(joined_on=members["joined_on"].dt.strftime("%Y-%m-%d"))
    with pytest.raises(pa.errors.SchemaError):
        schema("members").validate(broken)


def test_schema_has_no_personal_data_columns() -> None:
    columns = set(schema("members").columns)
    assert "id_hash" in columns
    assert not {"id_number", "phone"} & columns
    assert isinstance(schema("members").columns["gender"].dtype.type, pd.CategoricalDtype)


def test_readme_documents_the_annual_returns_bands_eras_and_columns() -> None:
    from domain.annual import ADMITTED_AGE_BANDS, ANNUAL_AGE_BANDS, JOIN_ERAS, TABLE1_COLUMNS

    text = README.read_text(encoding="utf-8").replace("\n  ", " ")
    assert ", ".join(ANNUAL_AGE_BANDS) in text
    assert ", ".join(ADMITTED_AGE_BANDS) in text
    assert ", ".join(name for name, _ in JOIN_ERAS) in text
    for number, words in TABLE1_COLUMNS.items():
        assert f"{number} {words}" in text, words
    assert "填报说明" in text and "党内统计公报" in text
