"""Where a server process's bytes go: the current version of a store loaded as the
dashboard loads it (``load_version_folder`` without the columns it sets aside, then
``grouped``), each table's columns with their pandas type and size, and the process's
resident memory after the load and at its peak.

    python -m benchmarks.memory --store /tmp/dangjian-bench/store-100 [--top 25]
"""

from __future__ import annotations

import argparse
import resource
from pathlib import Path

import pandas as pd
import pyarrow as pa

from app.cached import SET_ASIDE
from ingest.store import Store, load_version_folder
from queries.scope import grouped

MB = 2**20


def rss_mb() -> float:
    """This process's resident memory now (MB), from /proc."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def breakdown(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per column: table, column, dtype, rows, MB (deep), sorted largest first."""
    rows = [
        (name, column, str(frame[column].dtype), len(frame),
         frame[column].memory_usage(deep=True, index=False) / MB)
        for name, frame in tables.items()
        for column in frame.columns
    ]  # fmt: skip
    out = pd.DataFrame(rows, columns=["table", "column", "dtype", "rows", "MB"])
    return out.sort_values("MB", ascending=False, ignore_index=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", required=True)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    store = Store(Path(args.store))
    folder = store.versions_dir / str(store.current())
    before = rss_mb()
    tables = grouped(load_version_folder(folder, without=SET_ASIDE).tables).tables
    pa.default_memory_pool().release_unused()
    after = rss_mb()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sizes = breakdown(dict(tables))
    by_table = sizes.groupby("table")["MB"].sum().sort_values(ascending=False)
    print(f"RSS before {before:,.0f} MB · after the load {after:,.0f} MB · peak {peak:,.0f} MB")
    print(f"frames hold {sizes['MB'].sum():,.0f} MB")
    print("\n| table | MB |\n|---|---|")
    for table, mb in by_table.items():
        print(f"| {table} | {mb:,.0f} |")
    print("\n| table | column | dtype | MB |\n|---|---|---|---|")
    for row in sizes.head(args.top).itertuples():
        print(f"| {row.table} | {row.column} | {row.dtype} | {row.MB:,.1f} |")


if __name__ == "__main__":
    main()
