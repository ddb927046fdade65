"""Restricting the tables to some sectors and communities (the sidebar's filters)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Scope:
    """Which branches count. An empty tuple means no restriction."""

    sectors: tuple[str, ...] = ()
    communities: tuple[str, ...] = ()
    branch_ids: tuple[str, ...] = ()

    @property
    def is_everything(self) -> bool:
        return not (self.sectors or self.communities or self.branch_ids)


def branch_mask(branches: pd.DataFrame, scope: Scope) -> pd.Series:
    mask = pd.Series(True, index=branches.index)
    if scope.sectors:
        mask &= branches["sector"].isin(scope.sectors)
    if scope.communities:
        mask &= branches["community"].isin(scope.communities)
    if scope.branch_ids:
        mask &= branches["branch_id"].isin(scope.branch_ids)
    return mask


def apply_scope(tables: Mapping[str, pd.DataFrame], scope: Scope) -> dict[str, pd.DataFrame]:
    """The tables restricted to the scope's branches and the rows that belong to them."""
    if scope.is_everything:
        return dict(tables)
    branches = tables["branches"][branch_mask(tables["branches"], scope)]
    ids = branches["branch_id"]
    out = {"branches": branches}
    for name, table in tables.items():
        if name != "branches":
            out[name] = table[table["branch_id"].isin(ids)]
    return out


def descendants(branches: pd.DataFrame, branch_id: str) -> set[str]:
    """The organisation and every organisation under it (by parent_id)."""
    found = {branch_id}
    frontier = {branch_id}
    children = branches.groupby("parent_id")["branch_id"].apply(list).to_dict()
    while frontier:
        frontier = {c for p in frontier for c in children.get(p, [])} - found
        found |= frontier
    return found
