"""创新引领 Innovation: the page's figures, which the slide and the summary take too."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from domain.definitions import per_100_members
from metrics.innovation import (
    innovation_and_participation,
    innovation_by_organisation,
    innovation_by_sector,
    member_inventor_share,
    patent_counts,
    patents_by_year,
)


@dataclass(frozen=True)
class Innovation:
    """counts: ``patent_counts`` (filed, granted, granted_invention, on or before D);
    filed_12m: applications in the 12 months to D; per_100: filed_12m per 100 active
    members; member_inventor_share (0..1, NaN when unknown); by_year, by_sector,
    by_organisation (``metrics.innovation``); with_participation (None without a
    participation dataset)."""

    counts: dict[str, int]
    filed_12m: int
    per_100: float
    member_inventor_share: float
    by_year: pd.DataFrame
    by_sector: pd.DataFrame
    by_organisation: pd.DataFrame
    with_participation: pd.DataFrame | None


def innovation(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp) -> Innovation | None:
    """The innovation figures on D; None without a patents dataset."""
    if "patents" not in tables:
        return None
    patents = tables["patents"]
    by_sector = innovation_by_sector(tables, on)
    filed_12m = int(by_sector["filed_12m"].sum())
    return Innovation(
        counts=patent_counts(patents, on),
        filed_12m=filed_12m,
        per_100=per_100_members(filed_12m, int(by_sector["members"].sum())),
        member_inventor_share=member_inventor_share(patents, on),
        by_year=patents_by_year(patents, on),
        by_sector=by_sector,
        by_organisation=innovation_by_organisation(tables, on),
        with_participation=innovation_and_participation(tables, on)
        if "participation" in tables
        else None,
    )
