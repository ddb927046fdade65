"""组织生活 Organisational life: the page's figures, which the slide and the summary take
too."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from metrics.orglife import (
    compliance_by_branch,
    compliance_by_period,
    compliance_by_rule,
    compliance_detail,
    compliance_rate,
    daily_activity,
    orglife_figures,
)


@dataclass(frozen=True)
class OrgLife:
    """figures: ``orglife_figures`` (12 months to D); compliance: 三会一课达标率
    (``compliance_rate``); by_rule, by_period, by_branch (every branch, lowest first);
    support: the rows of by_branch below the standard (the support list); below: how many;
    daily: activities per day."""

    figures: dict[str, float | int]
    compliance: float
    by_rule: pd.DataFrame
    by_period: pd.DataFrame
    by_branch: pd.DataFrame
    support: pd.DataFrame
    below: int
    daily: pd.Series


def orglife(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp) -> OrgLife | None:
    """The organisational-life figures on D; None without a participation dataset."""
    if "participation" not in tables:
        return None
    b, p = tables["branches"], tables["participation"]
    detail = compliance_detail(b, tables["members"], p, on)
    by_branch = compliance_by_branch(detail, b)
    support = by_branch[by_branch["below"]]
    return OrgLife(
        figures=orglife_figures(p, on),
        compliance=compliance_rate(detail),
        by_rule=compliance_by_rule(detail),
        by_period=compliance_by_period(detail),
        by_branch=by_branch,
        support=support,
        below=len(support),
        daily=daily_activity(p, on),
    )
