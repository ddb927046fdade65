"""Data quality: how complete each column is, and values worth a second look. These are
warnings that never block an import (errors are ``ingest``'s)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from metrics.compare import branches_alive
from metrics.definitions import age_on, is_active

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


def suspicious(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp) -> pd.DataFrame:
    """Organisations with values worth a second look on D, one row per (check, organisation):

    - over_100: active members older than OLDEST_PLAUSIBLE years (count: how many);
    - no_members: a 党支部 on D with no active member (count: 0);
    - in_dissolved: active members registered to an organisation dissolved by D (count).
    Columns: check, branch_id, name, count. Members are counted, never listed.
    """
    b, m = tables["branches"], tables["members"]
    active = m[is_active(m, on)]
    names = b.set_index("branch_id")["name"]
    out: list[dict[str, object]] = []

    old = active[age_on(active["birth_date"], on) > OLDEST_PLAUSIBLE]
    out += [
        {"check": "over_100", "branch_id": bid, "name": names.get(bid), "count": int(n)}
        for bid, n in old["branch_id"].value_counts().sort_index().items()
    ]

    alive = branches_alive(b, on)
    branches = alive[alive["org_type"] == "党支部"]
    empty = branches[~branches["branch_id"].isin(set(active["branch_id"]))]
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
    return pd.DataFrame(out, columns=["check", "branch_id", "name", "count"])
