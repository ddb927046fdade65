"""The activities are held in narrower types for showing (ingest/lean.py): branch_id as a
category, the head counts as Int32. They hold the same values, a count too large for Int32
keeps Int64, and every figure computed on them equals the figure computed on the contract's
own types (the summary of the sample, every section)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from domain.definitions import as_of_date
from ingest import load_dataset
from ingest.lean import narrow_count, narrowed
from ingest.source import SAMPLE_DIR
from ingest.store import load_version_folder, read_narrowed, write_parquet
from queries.summary import full_summary
from tests.conftest import SALT


@pytest.fixture(scope="module")
def sample() -> dict[str, pd.DataFrame]:
    result = load_dataset([SAMPLE_DIR], salt=SALT)
    assert result.ok
    return result.tables


def test_counts_that_fit_become_int32_with_the_same_values() -> None:
    counts = pd.Series([0, 12, None, 2**31 - 1], dtype="Int64")
    narrow = narrow_count(counts)
    assert str(narrow.dtype) == "Int32"
    assert narrow.tolist() == [0, 12, pd.NA, 2**31 - 1]


def test_a_count_beyond_int32_keeps_int64() -> None:
    counts = pd.Series([1, 2**31], dtype="Int64")
    assert str(narrow_count(counts).dtype) == "Int64"


def test_a_sum_of_int32_counts_does_not_wrap() -> None:
    counts = narrow_count(pd.Series([2**31 - 1, 2**31 - 1], dtype="Int64"))
    assert counts.sum() == 2 * (2**31 - 1)


def test_activities_branch_id_is_a_category_of_the_same_ids(sample: dict) -> None:
    before = sample["participation"]
    after = narrowed(sample)["participation"]
    assert isinstance(after["branch_id"].dtype, pd.CategoricalDtype)
    assert after["branch_id"].astype(str).tolist() == before["branch_id"].astype(str).tolist()
    assert [str(after[c].dtype) for c in ("attendees", "expected", "non_member_attendees")] == [
        "Int32"
    ] * 3


def test_other_tables_are_left_as_they_are(sample: dict) -> None:
    after = narrowed(sample)
    for name in ("members", "branches", "development"):
        assert after[name] is sample[name]


def test_every_summary_figure_is_the_same_on_the_narrow_types(sample: dict) -> None:
    on = as_of_date(sample)
    assert full_summary(narrowed(sample), on) == full_summary(sample, on)


def test_a_stored_table_reads_narrowed_with_the_same_values(sample: dict, tmp_path: Path) -> None:
    path = tmp_path / "participation.parquet"
    write_parquet(sample["participation"], None, path)
    read = read_narrowed(path, list(sample["participation"].columns))
    pd.testing.assert_frame_equal(read, narrowed(sample)["participation"])


def test_a_stored_version_is_shown_in_the_narrow_types(sample: dict, tmp_path: Path) -> None:
    for name, frame in sample.items():
        write_parquet(frame, None, tmp_path / f"{name}.parquet")
    shown = load_version_folder(tmp_path, without={"participation": ("title",)}).tables
    assert "title" not in shown["participation"].columns
    assert str(shown["participation"]["attendees"].dtype) == "Int32"
    pd.testing.assert_frame_equal(shown["members"], sample["members"])
