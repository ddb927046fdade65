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
    """Over every group of a ``comparison``: groups, active members, 党支部, and members per
    branch (``domain.definitions.members_per_branch``)."""

    groups: int
    members: int
    branches: int
    members_per_branch: float


def totals(table: pd.DataFrame) -> Totals:
    """The totals of a ``comparison`` table."""
    members, branches = int(table["members"].sum()), int(table["党支部"].sum())
    return Totals(len(table), members, branches, members_per_branch(members, branches))
