"""What belongs to a part of the sub-district (an account's scope): an organisation with
every organisation under it, and the 两新组织 units an organisation answers for. One rule,
read by ``metrics.scope`` (what a scope sees) and ``ingest.within`` (what a scope updates).

- An organisation's **subtree**: itself and every organisation under it by ``parent_id``,
  dissolved ones included.
- A community's **社区党委**: the first (by branch_id) organisation of type 党委 in the
  社区 sector with that ``community``.
- A **两新组织 unit** belongs to the organisations covering it (``units.branch_id``) and to
  the 社区党委 of its community, which answers for the 两新组织 of its community.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from domain.lookup import is_in


def subtree(branches: pd.DataFrame, roots: Iterable[str]) -> frozenset[str]:
    """``roots`` that ``branches`` holds, and every organisation under them."""
    children: dict[str, list[str]] = {}
    for child, parent in zip(branches["branch_id"], branches["parent_id"], strict=True):
        if isinstance(parent, str):
            children.setdefault(parent, []).append(str(child))
    found = set(roots) & set(branches["branch_id"])
    frontier = set(found)
    while frontier:
        frontier = {c for p in frontier for c in children.get(p, [])} - found
        found |= frontier
    return frozenset(found)


def community_committees(branches: pd.DataFrame) -> pd.Series:
    """community → the branch_id of its 社区党委."""
    committees = branches[
        (branches["org_type"] == "党委")
        & (branches["sector"] == "社区")
        & branches["community"].notna()
    ]
    first = committees.sort_values("branch_id").drop_duplicates("community")
    return pd.Series(first["branch_id"].to_numpy(), index=first["community"].to_numpy())


def units_of(units: pd.DataFrame, ids: Iterable[str], branches: pd.DataFrame) -> np.ndarray:
    """Which units belong to the organisations ``ids`` (see the module's note), by the
    organisations ``branches`` holds."""
    ids = set(ids)
    committee = units["community"].map(community_committees(branches))
    return (is_in(units["branch_id"], ids) | is_in(committee, ids)).to_numpy(dtype=bool)
