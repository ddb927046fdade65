"""发展党员 Development: the page's figures, which the summary takes too."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from domain.definitions import year_start
from metrics.development import (
    DUE_KINDS,
    admitted_between,
    breach_counts,
    breaches_by_branch,
    due_soon,
    flows,
    intake_mix,
    stage_counts,
    stage_days,
    stages_by_sector,
)


@dataclass(frozen=True)
class Development:
    """stages: people per stage on D (``metrics.development.stage_counts``); by_sector:
    the stages per sector and per 100 members; admitted_this_year: admitted from 1 January
    of D's year to D; breaches: people per rule; by_branch: the organisations with
    breaches (a support list); days: median days per step; intake: the year's intake mix
    (shares 0–1); due: people with a step due (masked names); due_counts: how many of
    them per kind (activist_year, approval), what a viewer sees instead."""

    stages: pd.Series
    by_sector: pd.DataFrame
    admitted_this_year: int
    breaches: dict[str, int]
    by_branch: pd.DataFrame
    days: pd.DataFrame
    intake: dict[str, float]
    due: pd.DataFrame
    due_counts: dict[str, int]


def development(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp) -> Development | None:
    """The 发展党员 figures on D; None without a development dataset."""
    if "development" not in tables:
        return None
    ledger, members, branches = tables["development"], tables["members"], tables["branches"]
    due = due_soon(ledger, branches, on)
    return Development(
        stages=stage_counts(ledger, members, on),
        by_sector=stages_by_sector(ledger, members, branches, on),
        admitted_this_year=admitted_between(ledger, year_start(on), on),
        breaches=breach_counts(ledger, on),
        by_branch=breaches_by_branch(ledger, branches, on),
        days=stage_days(ledger, on),
        intake=intake_mix(ledger, year_start(on), on),
        due=due,
        due_counts={kind: int((due["due"] == kind).sum()) for kind in DUE_KINDS},
    )


def development_flows(
    tables: Mapping[str, pd.DataFrame], start: pd.Timestamp, on: pd.Timestamp, freq: str
) -> pd.DataFrame | None:
    """People entering each step per period (``metrics.development.flows``)."""
    if "development" not in tables:
        return None
    return flows(tables["development"], start, on, freq)
