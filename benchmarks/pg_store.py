"""The store in PostgreSQL against the folder store: a version copied into a database
(``ingest.stores.copy_store``), then each way a new server process gets the current
version, timed with its peak memory, each in a fresh process.

    python -m benchmarks.pg_store --store /tmp/dangjian-bench/store-100 [--repeat 3]
    python -m benchmarks.pg_store --store … --database postgresql://…   # already copied

It starts a PostgreSQL server of its own in a temporary folder (tests/postgres.py; Debian's
``postgresql`` package) and stops it at the end. Rows:

- copy into the database: every version of the folder store written to the database
  (ADBC's binary COPY), once;
- load from Parquet: ``load_version_folder`` of the folder store's current version, as a
  dashboard process on the folder store reads it;
- load from PostgreSQL: ``PostgresStore.load`` (ADBC, Arrow) with each column's type
  restored;
- first copy to this host: ``version_folder``, the database's version read and written as
  this host's Parquet copy (in a process of its own: its peak is the last column), which
  the dashboard then reads as in the first row.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STEPS = ("parquet", "postgresql", "host_copy")


def step(kind: str, location: str) -> dict:
    """One measurement in this (fresh) process: seconds and peak RSS (MB)."""
    started = time.perf_counter()
    if kind == "parquet":
        from ingest.store import Store, load_version_folder

        store = Store(Path(location))
        tables = load_version_folder(store.versions_dir / str(store.current())).tables
    elif kind == "postgresql":
        from ingest.pg_store import PostgresStore

        tables = PostgresStore(location).load()
    else:
        import os

        from ingest.store import load_version_folder
        from ingest.stores import current_version_folder

        os.environ["DANGJIAN_CACHE"] = tempfile.mkdtemp(prefix="dangjian-cache-")
        tables = load_version_folder(current_version_folder(location)).tables
    seconds = time.perf_counter() - started
    rows = sum(len(t) for t in tables.values())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak, "child_mb": child, "rows": rows}


def fresh(kind: str, location: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "benchmarks.pg_store", "--step", kind, location],
                          capture_output=True, text=True, check=True, cwd=ROOT)  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", help="a folder store to copy into the database")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database", help="a database already holding the store's copy")
    parser.add_argument("--step", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(step(*args.step)))
        return
    if args.database:
        measure(args.store, args.database, args.repeat)
        return
    from ingest.migrate import migrate
    from ingest.pg_store import PostgresStore
    from ingest.store import Store
    from ingest.stores import copy_store
    from tests.postgres import running

    with running() as server:
        uri = server.create_database()
        migrate(uri)
        started = time.perf_counter()
        copy_store(Store(Path(args.store)), PostgresStore(uri))
        print(f"| copy into the database (s) | {time.perf_counter() - started:.1f} |")
        measure(args.store, uri, args.repeat)


def measure(store: str, uri: str, repeat: int) -> None:
    """Each way a new process gets the current version, ``repeat`` times, printed."""
    for kind, location in (("parquet", store), ("postgresql", uri), ("host_copy", uri)):
        runs = [fresh(kind, location) for _ in range(repeat)]
        seconds = statistics.median(r["seconds"] for r in runs)
        peak = max(r["peak_mb"] for r in runs)
        child = max(r["child_mb"] for r in runs)
        print(
            f"| {kind}: {runs[0]['rows']:,} rows | {seconds:.2f} s | {peak:,.0f} MB "
            f"| {child:,.0f} MB |"
        )


if __name__ == "__main__":
    main()
