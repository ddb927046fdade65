"""领域对比 Sectors: sectors or communities side by side, and their totals, for the page and
the sectors slide alike."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from domain.definitions import members_per_branch
from metrics.compare import compare, with_organisations


def comparison(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp, by: str) -> pd.DataFrame:
    """``metrics.compare.compare`` by sector or community, only the groups with
    organisations on D."""
    return with_organisations(compare(dict(tables), on, by))


@dataclass(frozen=True)
class Totals:
    """Over every group of a ``comparison``: groups, active members, 党支部, members per
    branch (``domain.definitions.members_per_branch``: Σ members ÷ Σ 党支部); the largest
    group and its share of the members; the groups with the most and the fewest members per
    branch (None without groups)."""

    groups: int
    members: int
    branches: int
    members_per_branch: float
    largest: str | None
    largest_share: float
    most_per_branch: str | None
    fewest_per_branch: str | None


def totals(table: pd.DataFrame) -> Totals:
    """The totals of a ``comparison`` table."""
    members, branches = int(table["members"].sum()), int(table["党支部"].sum())
    per_branch = table["members_per_branch"].dropna()
    largest = table["members"].idxmax() if len(table) else None
    return Totals(
        groups=len(table),
        members=members,
        branches=branches,
        members_per_branch=members_per_branch(members, branches),
        largest=largest,
        largest_share=float(table["members"][largest] / members)
        if largest is not None and members
        else float("nan"),
        most_per_branch=per_branch.idxmax() if len(per_branch) else None,
        fewest_per_branch=per_branch.idxmin() if len(per_branch) else None,
    )
