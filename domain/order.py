"""The order in which every table is kept: organisations by (sector, community,
branch_id), and each other table's rows grouped by their organisation in that order, so
that a filter's rows are slices. Shared by the store (which writes versions in this order)
and the scope (which reads them)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd


def group_order(
    tables: Mapping[str, pd.DataFrame],
) -> tuple[pd.DataFrame, dict[str, tuple[np.ndarray | None, np.ndarray]]]:
    """The branches in (sector, community, branch_id) order, and for every other table the
    positions of its rows in grouped order (None: already grouped) and each row's
    organisation rank in that order. ``grouped`` without copying the tables."""
    branches = tables["branches"].sort_values(
        ["sector", "community", "branch_id"], kind="stable", na_position="last"
    )
    rank = pd.Series(np.arange(len(branches)), index=branches["branch_id"].to_numpy())
    orders: dict[str, tuple[np.ndarray | None, np.ndarray]] = {}
    for name, table in tables.items():
        if name == "branches":
            continue
        r = row_ranks(table["branch_id"], rank)
        order = None
        if len(r) and not (r[:-1] <= r[1:]).all():  # stored versions come grouped already
            order = np.argsort(r, kind="stable")
            r = r[order]
        orders[name] = (order, r)
    return branches, orders


def row_ranks(ids: pd.Series, rank: pd.Series) -> np.ndarray:
    """Each row's organisation rank (len(rank) for an organisation not in rank), looked up
    once per run of equal ids."""
    starts = np.flatnonzero(ids.ne(ids.shift()).to_numpy(dtype=bool))
    heads = ids.iloc[starts].map(rank).fillna(len(rank)).to_numpy(dtype=np.int32)
    return np.repeat(heads, np.diff(np.append(starts, len(ids))))
