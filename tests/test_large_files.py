"""What keeps a large file's import inside its memory budget (benchmarks/README.md): text
cells that repeat are held once per distinct value, and they type, and are quoted in
problems, exactly as plain text cells are."""

from __future__ import annotations

import copy

import pandas as pd
import pyarrow as pa

from ingest import load_dataset
from ingest.read import compact
from tests.conftest import SALT


def test_repeating_cells_are_held_once_per_distinct_value_as_written() -> None:
    cells = pd.Series([" 2018-01-01", "2018-01-01", None, " 2018-01-01", "2018-01-01"], dtype="str")
    out = compact(cells)
    assert isinstance(out.dtype, pd.CategoricalDtype)
    assert list(out.cat.categories) == [" 2018-01-01", "2018-01-01"]  # not stripped
    assert out.isna().tolist() == [False, False, True, False, False]
    assert [out.iat[i] for i in (0, 1, 3)] == [" 2018-01-01", "2018-01-01", " 2018-01-01"]


def test_mostly_distinct_cells_are_kept_as_they_are() -> None:
    cells = pd.Series(["a1", "a2", "a3", "a1"], dtype="str")  # 3 distinct of 4
    assert compact(cells) is cells


def _repeated(valid: dict, times: int) -> dict:
    """valid's members repeated ``times`` (ids made unique), so that every column repeats."""
    rows = []
    for k in range(times):
        for row in copy.deepcopy(valid["members"]):
            row["党员编号"] = f"{row['党员编号']}-{k}"
            rows.append(row)
    return {**valid, "members": rows}


def test_a_bad_value_among_repeated_cells_is_named_by_row_and_quoted_as_written(
    valid: dict, write_dataset
) -> None:
    data = _repeated(valid, 4)  # 12 members: the 入党日期 column holds 3 distinct values
    data["members"][10]["入党日期"] = "2018-13-45"
    result = load_dataset([write_dataset(data)], salt=SALT)
    (p,) = [p for p in result.report.problems if p.code == "value.date_impossible"]
    assert (p.file, p.row, p.column, p.value) == ("members.csv", 12, "入党日期", "2018-13-45")


def test_repeated_cells_type_as_the_same_file_without_repeats(valid: dict, write_dataset) -> None:
    once = load_dataset([write_dataset(valid)], salt=SALT).tables["members"]
    many = load_dataset([write_dataset(_repeated(valid, 4), "many")], salt=SALT).tables["members"]
    expected = pd.concat([once] * 4, ignore_index=True).drop(columns="member_id")
    pd.testing.assert_frame_equal(many.drop(columns="member_id"), expected)


def test_arrow_allocates_from_the_c_library_heap_that_numpy_reuses() -> None:
    # Arrow's own allocator keeps what the parsed text frees for Arrow alone; numpy's
    # typed columns then need as much again (100× import peak 4.5 GB → 3.5 GB).
    import ingest  # noqa: F401 (sets the pool)

    assert pa.default_memory_pool().backend_name == "system"
