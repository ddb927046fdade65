"""The types a shown version is held in: the contract's types, narrowed where a table is
large enough for its bytes to decide how many server processes fit on a host.

At 100× the sample the activities (参与记录) are 11.3 M rows and were three quarters of a
process's frames. Two narrowings, each holding exactly the same values:

- ``branch_id``: a category (one int32 code a row; about 51,400 organisations at 100×)
  instead of a string a row: 172 → 45 MB at 100×.
- the head counts (到会人数, 应到人数, 群众参与人数): ``Int32`` instead of ``Int64``, when
  every value fits (a count of people is far below 2³¹, so a sum of two counts cannot wrap
  either; a sum over rows is computed in int64 by numpy): 97 → 54 MB each at 100×.

Stored versions keep the contract's types (Parquet and PostgreSQL alike); the narrowing is
done as a version is read for showing (``ingest.store.load_version_folder``) and on files
read for showing (``narrowed``), so every surface computes on the same types.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

CATEGORIES: Mapping[str, tuple[str, ...]] = {"participation": ("branch_id",)}
COUNTS: Mapping[str, tuple[str, ...]] = {
    "participation": ("attendees", "expected", "non_member_attendees")
}
INT32 = np.iinfo(np.int32)


def narrow_count_arrow(column: pa.ChunkedArray) -> pd.Series:
    """An integer count read as Arrow, as ``Int32`` when every value fits (cast in Arrow,
    before pandas sees it), else as ``Int64``."""
    low, high = pc.min_max(column).values()
    fits = low.as_py() is None or (low.as_py() >= INT32.min and high.as_py() <= INT32.max)
    target = (pa.int32(), pd.Int32Dtype()) if fits else (pa.int64(), pd.Int64Dtype())
    return column.cast(target[0]).to_pandas(types_mapper={target[0]: target[1]}.get)


def narrow_count(series: pd.Series) -> pd.Series:
    """``series`` (an integer count) as ``Int32`` when every value fits, else unchanged."""
    values = series.dropna()
    if len(values) and (values.min() < INT32.min or values.max() > INT32.max):
        return series
    return series.astype("Int32")


def sorted_category(series: pd.Series) -> pd.Series:
    """``series`` as a category whose categories are sorted (as ``astype("category")``
    makes them; a Parquet dictionary lists them in order of appearance), so a grouping by
    it comes out in the same order however it was read."""
    if not isinstance(series.dtype, pd.CategoricalDtype):
        return series.astype("category")
    categories = series.cat.categories
    if categories.is_monotonic_increasing:
        return series
    order = np.argsort(categories.to_numpy(dtype=object))  # old code of each sorted category
    rank = np.empty(len(order), dtype=np.int32)
    rank[order] = np.arange(len(order), dtype=np.int32)  # new code of each old code
    codes = series.cat.codes.to_numpy()
    new = np.where(codes < 0, -1, rank.take(codes, mode="clip")).astype(codes.dtype)
    kind = pd.CategoricalDtype(categories.take(order), ordered=series.cat.ordered)
    return pd.Series(
        pd.Categorical.from_codes(new, dtype=kind), index=series.index, name=series.name
    )


def narrow_column(table: str, column: str, series: pd.Series) -> pd.Series:
    """One column of ``table`` in the type it is held in for showing (see the module)."""
    if column in CATEGORIES.get(table, ()):
        return sorted_category(series)
    if column in COUNTS.get(table, ()) and pd.api.types.is_integer_dtype(series.dtype):
        return narrow_count(series)
    return series


def narrowed(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """``tables`` with the narrowed columns (the other tables and columns as they are)."""
    out = dict(tables)
    for table in set(CATEGORIES) | set(COUNTS):
        if table not in out:
            continue
        frame = out[table]
        wanted = [*CATEGORIES.get(table, ()), *COUNTS.get(table, ())]
        changes = {c: narrow_column(table, c, frame[c]) for c in wanted if c in frame.columns}
        if changes:
            out[table] = frame.assign(**changes)
    return out
