"""发展党员 Development: the page's figures, which the summary takes too."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from domain.definitions import year_start
from ingest.reference import read_reference
from metrics.development import (
    DUE_KINDS,
    admitted_between,
    breach_counts,
    breaches_by_branch,
    due_soon,
    flows,
    intake_mix,
    plan_progress,
    plan_totals,
    stage_counts,
    stage_days,
    stages_by_sector,
)
from metrics.national import intake_vs_national


@dataclass(frozen=True)
class Development:
    """The 发展党员 figures on D.

    stages: people per stage (``metrics.development.stage_counts``); by_sector: the stages
    per sector and per 100 members; admitted_this_year: admitted from 1 January of D's year
    to D; breaches: people per rule; by_branch: the organisations with breaches (a support
    list); days: median days per step; intake: the year's intake mix (shares 0–1);
    intake_national: the intake against the national recruits
    (``metrics.national.intake_vs_national``); due: people with a step due (masked names);
    due_counts: how many of them per kind (activist_year, approval), what a viewer sees
    instead; plan: the plans of D's year against the admissions so far
    (``metrics.development.plan_progress``), None without a plans dataset; planned and
    planned_admitted: the totals of the top plans, those with no planned organisation above
    them, so that no admission counts twice, and planned_share admitted ÷ planned (None
    without a plan for D's year); planned_organisations: how many top plans (the 党委 the
    totals are of); admitted_outside_plan: this year's admissions in organisations under no
    plan, which the plan's share leaves out (admitted_this_year − planned_admitted)."""

    stages: pd.Series
    by_sector: pd.DataFrame
    admitted_this_year: int
    breaches: dict[str, int]
    by_branch: pd.DataFrame
    days: pd.DataFrame
    intake: dict[str, float]
    intake_national: pd.DataFrame
    due: pd.DataFrame
    due_counts: dict[str, int]
    plan: pd.DataFrame | None = None
    planned: int | None = None
    planned_admitted: int | None = None
    planned_share: float | None = None
    planned_organisations: int | None = None

    @property
    def admitted_outside_plan(self) -> int | None:
        if self.planned_admitted is None:
            return None
        return self.admitted_this_year - self.planned_admitted


def development(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp) -> Development | None:
    """The 发展党员 figures on D; None without a development dataset."""
    if "development" not in tables:
        return None
    ledger, members, branches = tables["development"], tables["members"], tables["branches"]
    due = due_soon(ledger, branches, on)
    plan = plan_progress(ledger, tables["plans"], branches, on) if "plans" in tables else None
    totals = plan_totals(plan) if plan is not None else None
    intake = intake_mix(ledger, year_start(on), on)
    return Development(
        stages=stage_counts(ledger, members, on),
        by_sector=stages_by_sector(ledger, members, branches, on),
        admitted_this_year=admitted_between(ledger, year_start(on), on),
        breaches=breach_counts(ledger, on),
        by_branch=breaches_by_branch(ledger, branches, on),
        days=stage_days(ledger, on),
        intake=intake,
        intake_national=intake_vs_national(intake, on.year, read_reference().recruits),
        due=due,
        due_counts={kind: int((due["due"] == kind).sum()) for kind in DUE_KINDS},
        plan=plan,
        planned=None if totals is None else totals.planned,
        planned_admitted=None if totals is None else totals.admitted,
        planned_share=None if totals is None else totals.share,
        planned_organisations=None if totals is None else totals.organisations,
    )


def development_flows(
    tables: Mapping[str, pd.DataFrame], start: pd.Timestamp, on: pd.Timestamp, freq: str
) -> pd.DataFrame | None:
    """People entering each step per period (``metrics.development.flows``)."""
    if "development" not in tables:
        return None
    return flows(tables["development"], start, on, freq)
