"""Data quality: how complete each column is, and values worth a second look. These are
warnings that never block an import (errors are ``ingest``'s)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from domain.definitions import ORGANISATION_COVERED, age_on, is_active, on_or_before, stage_on
from domain.lookup import is_in
from metrics.compare import branches_alive
from metrics.coverage import unit_status
from metrics.scope import Grouped

OLDEST_PLAUSIBLE = 100  # years: an active member older than this is worth checking


def completeness(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Per dataset and column: rows, filled (cells not blank) and share = filled / rows."""
    rows = []
    for dataset, frame in tables.items():
        for column in frame.columns:
            filled = int(frame[column].notna().sum())
            n = len(frame)
            rows.append(
                {
                    "dataset": dataset,
                    "column": column,
                    "rows": n,
                    "filled": filled,
                    "share": filled / n if n else float("nan"),
                }
            )
    return pd.DataFrame(rows, columns=["dataset", "column", "rows", "filled", "share"])


@dataclass(frozen=True)
class Filled:
    """One table's rows and filled cells counted per organisation: row i of each array is
    the organisation ranked i in ``Grouped.tables["branches"]``; the last row counts rows
    of organisations not in branches."""

    rows: np.ndarray  # rows per organisation
    cells: pd.DataFrame  # per column (in the table's order): filled cells per organisation


def filled_by_organisation(
    g: Grouped, extra: Mapping[str, pd.DataFrame] | None = None
) -> dict[str, Filled]:
    """``Filled`` for every table of ``g``, with the columns of ``extra[name]`` (rows indexed
    by the same labels as the table's) counted after the table's own. Made once per
    dataset, so that completeness for any filter is a sum over organisations."""
    n = len(g.tables["branches"])
    out = {}
    for name, table in g.tables.items():
        ranks = np.arange(n) if name == "branches" else g.ranks[name]
        bounds = np.searchsorted(ranks, np.arange(n + 2))  # rows [bounds[i], bounds[i + 1])
        starts, size = bounds[:-1], np.diff(bounds)
        some = size > 0  # the organisations with rows: runs that tile the table
        filled = [table.notna()]
        if extra is not None and name in extra:
            more = extra[name].notna()
            filled.append(more if more.index.equals(table.index) else more.loc[table.index])
        cells = {}
        for frame in filled:
            for column in frame.columns:
                counts = np.zeros(n + 1, dtype=np.int64)
                if some.any():
                    bits = frame[column].to_numpy(dtype=bool).view(np.int8)
                    counts[some] = np.add.reduceat(bits, starts[some], dtype=np.int64)
                cells[column] = counts
        out[name] = Filled(size, pd.DataFrame(cells))
    return out


def completeness_within(
    filled: Mapping[str, Filled], chosen: np.ndarray | None = None
) -> pd.DataFrame:
    """``completeness`` from ``filled_by_organisation``, over the organisations where
    ``chosen`` (one bool per organisation rank) is True; None: every row."""
    rows = []
    for dataset, f in filled.items():
        pick = slice(None) if chosen is None else np.append(chosen, False)
        n = int(f.rows[pick].sum())
        for column, count in f.cells.iloc[pick].sum().items():
            rows.append(
                {
                    "dataset": dataset,
                    "column": column,
                    "rows": n,
                    "filled": int(count),
                    "share": int(count) / n if n else float("nan"),
                }
            )
    return pd.DataFrame(rows, columns=["dataset", "column", "rows", "filled", "share"])


def suspicious(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp) -> pd.DataFrame:
    """Organisations with values worth a second look on D, one row per (check, organisation):

    - over_100: active members older than OLDEST_PLAUSIBLE years (count: how many);
    - no_members: a 党支部 on D with no active member (count: 0);
    - in_dissolved: active members registered to an organisation dissolved by D (count);
    - pipeline_in_dissolved: people in a 发展党员 stage on D (``stage_on``: applicant,
      activist or candidate) whose organisation is dissolved by D (count);
    - admitted_unlinked: people admitted by D whose ledger row names no 党员编号, in a
      ledger that links some (count);
    - unit_in_dissolved: 两新组织 units operating on D and covered (单独 or 联合) by an
      organisation dissolved by D (count).
    Columns: check, branch_id, name, count. People are counted, never listed.
    """
    b, m = tables["branches"], tables["members"]
    active = m[is_active(m, on)]
    names = b.set_index("branch_id")["name"]
    out: list[dict[str, Any]] = []

    old = active[age_on(active["birth_date"], on) > OLDEST_PLAUSIBLE]
    out += [
        {"check": "over_100", "branch_id": bid, "name": names.get(bid), "count": int(n)}
        for bid, n in old["branch_id"].value_counts().sort_index().items()
    ]

    alive = branches_alive(b, on)
    branches = alive[alive["org_type"] == "党支部"]
    empty = branches[~is_in(branches["branch_id"], active["branch_id"])]
    out += [
        {"check": "no_members", "branch_id": bid, "name": name, "count": 0}
        for bid, name in zip(empty["branch_id"], empty["name"], strict=True)
    ]

    gone = set(b.loc[b["dissolved_on"] <= on, "branch_id"])
    stranded = active[active["branch_id"].isin(gone)]
    out += [
        {"check": "in_dissolved", "branch_id": bid, "name": names.get(bid), "count": int(n)}
        for bid, n in stranded["branch_id"].value_counts().sort_index().items()
    ]
    if "development" in tables:
        out += _ledger_checks(tables["development"], gone, names, on)
    if "units" in tables:
        status = unit_status(tables["units"], on)
        organised = status["coverage_now"].isin(ORGANISATION_COVERED)
        orphaned = status.loc[organised & status["branch_id"].isin(gone), "branch_id"]
        out += [
            {
                "check": "unit_in_dissolved",
                "branch_id": bid,
                "name": names.get(bid),
                "count": int(n),
            }
            for bid, n in orphaned.value_counts().sort_index().items()
        ]
    return pd.DataFrame(out, columns=["check", "branch_id", "name", "count"])


def _ledger_checks(
    ledger: pd.DataFrame, gone: set[str], names: pd.Series, on: pd.Timestamp
) -> list[dict[str, object]]:
    """The 发展党员 ledger's rows of ``suspicious``: pipeline_in_dissolved, admitted_unlinked."""
    waiting = stage_on(ledger, on).notna()
    stranded = ledger.loc[waiting & ledger["branch_id"].isin(gone), "branch_id"]
    out: list[dict[str, Any]] = [
        {"check": "pipeline_in_dissolved", "branch_id": bid, "name": names.get(bid), "count": n}
        for bid, n in stranded.value_counts().sort_index().items()
    ]
    if ledger["member_id"].notna().any():
        unlinked = on_or_before(ledger["admitted_on"], on) & ledger["member_id"].isna()
        out += [
            {"check": "admitted_unlinked", "branch_id": bid, "name": names.get(bid), "count": n}
            for bid, n in ledger.loc[unlinked, "branch_id"].value_counts().sort_index().items()
        ]
    return [row | {"count": int(row["count"])} for row in out]
