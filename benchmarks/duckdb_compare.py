"""The engine's limit as an anchor: the project's own code against DuckDB running the same
query over the same Parquet files (a stored version), side by side, results checked equal.

    python benchmarks/duckdb_compare.py /tmp/st100/versions/v0001   # 100× the sample
    python benchmarks/duckdb_compare.py --store postgresql://…      # its current version

Two queries, the heaviest the dashboard runs:
- structure: the active members on D by age band (1.3 M members at 100×);
- compliance: activities held per 党支部, rule and judged period over the 12 months to D
  (the aggregation inside 组织生活's 三会一课 compliance; DuckDB is given the same rows to
  count: the branches and periods the project judges).
Each is timed as the median of --repeat runs, the tables already in memory (pandas) or the
Parquet already opened (DuckDB), as the dashboard holds them.

With ``--store postgresql://…`` the current version is read from the database instead
(ADBC, Arrow: the time is printed): the project's code gets the frames as a dashboard
process holds them (``PostgresStore.load``, narrowed as ``ingest.lean`` says), DuckDB the
same Arrow tables the database sent (scanned in place).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

from domain.definitions import AGE_BANDS, as_of_date
from ingest.lean import narrowed
from ingest.pg_store import PostgresStore
from ingest.store import load_version_folder
from metrics.orglife import compliance_detail
from metrics.structure import structure

AGE_SQL = """
WITH active AS (
  SELECT birth_date FROM {members}
  WHERE coalesce(registered_on, joined_on) <= ?::DATE AND (left_on IS NULL OR left_on > ?::DATE)
), ages AS (
  SELECT date_part('year', ?::DATE) - date_part('year', birth_date)
         - CASE WHEN strftime(birth_date, '%m%d') > strftime(?::DATE, '%m%d') THEN 1 ELSE 0 END
         AS age
  FROM active WHERE birth_date IS NOT NULL
)
SELECT CASE WHEN age <= 30 THEN 0 WHEN age <= 35 THEN 1 WHEN age <= 40 THEN 2
            WHEN age <= 45 THEN 3 WHEN age <= 50 THEN 4 WHEN age <= 55 THEN 5
            WHEN age <= 60 THEN 6 ELSE 7 END AS band, count(*) AS n
FROM ages GROUP BY band ORDER BY band
"""

HELD_SQL = """
SELECT d.branch_id, d.kind, d.period, count(p.branch_id) AS held
FROM judged d LEFT JOIN {activities} p
  ON p.branch_id = d.branch_id AND p.kind = d.kind
 AND p.date >= d.first AND p.date <= d.last
GROUP BY d.branch_id, d.kind, d.period
"""


def timed(action: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def from_database(
    uri: str, con: duckdb.DuckDBPyConnection
) -> tuple[dict[str, pd.DataFrame], dict[str, str], float]:
    """The current version of a database store: its frames (narrowed), DuckDB's sources
    (the Arrow tables as read, registered with ``con``) and the seconds reading took."""
    store = PostgresStore(uri)
    version = str(store.current())
    start = time.perf_counter()
    arrow = {n: store.read_arrow(version, n) for n in ("members", "participation")}
    tables = narrowed(store.load(version))
    seconds = time.perf_counter() - start
    con.register("members_arrow", arrow["members"])
    con.register("activities_arrow", arrow["participation"])
    return tables, {"members": "members_arrow", "activities": "activities_arrow"}, seconds


def from_folder(version: Path) -> tuple[dict[str, pd.DataFrame], dict[str, str], float]:
    """A stored version's folder: its frames as shown, DuckDB's sources (its Parquet)."""
    start = time.perf_counter()
    tables = load_version_folder(version).tables
    seconds = time.perf_counter() - start
    files = {
        "members": version / "members.parquet",
        "activities": version / "participation.parquet",
    }
    return tables, {k: f"read_parquet('{v}')" for k, v in files.items()}, seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("version", type=Path, nargs="?", help="a stored version's folder")
    parser.add_argument("--store", help="a database store (postgresql://…): its current version")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    con = duckdb.connect()
    if args.store:
        tables, sources, read = from_database(args.store, con)
    else:
        tables, sources, read = from_folder(args.version)
    print(f"read the version: {read:.1f} s")
    on = as_of_date(tables)
    day = on.date().isoformat()
    age_sql, held_sql = AGE_SQL.format(**sources), HELD_SQL.format(**sources)

    ours, bands = timed(lambda: structure(tables["members"], on, "age_band"), args.repeat)
    theirs, rows = timed(lambda: con.execute(age_sql, [day] * 4).fetchall(), args.repeat)
    duck_bands = pd.Series({AGE_BANDS[b]: n for b, n in rows}).reindex(AGE_BANDS, fill_value=0)
    assert bands.reindex(AGE_BANDS).astype(int).tolist() == duck_bands.astype(int).tolist()
    print("| query | rows | project (s) | DuckDB (s) | project ÷ DuckDB |")
    print("|---|---|---|---|---|")
    n = len(tables["members"])
    print(f"| structure by age band on D | {n:,} members | {ours:.3f} | {theirs:.3f} |"
          f" {ours / theirs:.1f} |")  # fmt: skip

    args_c = (tables["branches"], tables["members"], tables["participation"], on)
    ours, detail = timed(lambda: compliance_detail(*args_c), args.repeat)
    periods = detail[["branch_id", "kind", "freq", "period"]].drop_duplicates()
    spans = {p: (pd.Period(p, freq=f).start_time, pd.Period(p, freq=f).end_time)
             for p, f in zip(periods["period"], periods["freq"], strict=True)}  # fmt: skip
    judged = periods.assign(
        branch_id=periods["branch_id"].astype(str),
        kind=periods["kind"].astype(str),
        first=[spans[p][0] for p in periods["period"]],
        last=[spans[p][1] for p in periods["period"]],
    )
    con.register("judged", judged)
    theirs, held = timed(lambda: con.execute(held_sql).df(), args.repeat)
    mine = detail.assign(branch_id=detail["branch_id"].astype(str), kind=detail["kind"].astype(str))
    merged = mine.merge(held, on=["branch_id", "kind", "period"], suffixes=("", "_duck"))
    assert len(merged) == len(detail) and (merged["held"] == merged["held_duck"]).all()
    n = len(tables["participation"])
    print(f"| compliance: held per branch, rule, period | {n:,} activities, {len(detail):,}"
          f" rule-periods | {ours:.3f} | {theirs:.3f} | {ours / theirs:.1f} |")  # fmt: skip


if __name__ == "__main__":
    main()
