"""Organisational health: early warnings about organisations, never about named members.

Each rule, its threshold and its source live in ``domain.rules.ALERT_RULES``.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from domain.definitions import age_on, is_active, is_probationary
from domain.lookup import is_in
from domain.rules import ALERT_ORDER, ALERT_RULES, URGENT_WHEN_LOW, AlertRule
from metrics.compare import branches_alive
from metrics.coverage import should_form_list
from metrics.development import breaches_by_branch

COLUMNS = ["branch_id", "name", "org_type", "sector", "community", "rule", "value", "date"]


def _lookup(keys: pd.Series, table: pd.Series) -> pd.Series:
    """``table``'s value for each of ``keys`` (NaN/NaT where absent), keeping the dtype even
    when ``table`` is empty (``Series.map`` with an empty Series casts to float)."""
    return pd.Series(table.reindex(keys.to_numpy()).to_numpy(), index=keys.index)


def _rows(orgs: pd.DataFrame, rule: str, value: pd.Series, date: pd.Series | None = None):
    out = orgs[["branch_id", "name", "org_type", "sector", "community"]].copy()
    out["rule"] = rule
    out["value"] = value.reindex(orgs.index).astype(float).to_numpy()
    out["date"] = pd.NaT if date is None else date.reindex(orgs.index).to_numpy()
    return out


def alerts(
    tables: Mapping[str, pd.DataFrame],
    on: pd.Timestamp,
    rules: Mapping[str, AlertRule] = ALERT_RULES,
) -> pd.DataFrame:
    """Every warning on D, one row per (organisation, rule), organisations alive on D.

    Rules (thresholds from ``rules``):
    - term_overdue: 届满日期 before D (value: days overdue; date: 届满日期).
    - term_due: 届满日期 from D to D + threshold days (value: days left; date: 届满日期).
    - few_full_members: a 党支部 with fewer than threshold full members (value: full members).
    - too_many_members: a 党支部 with threshold or more active members (value: members).
    - no_activity: a 党支部 founded at least threshold months before D with no activity in
      the threshold months to D (value: months; date: its last activity, if any). Only when
      the participation records reach back over those months (their first date is on or
      before D − threshold months).
    - probation_overdue: an organisation with 预备党员 more than threshold years past
      joined_on and not made full by D (value: how many such members).
    - ageing: an organisation whose active members' median age on D is over threshold
      (value: the median age).
    - should_form: an organisation answering for threshold or more 两新组织 units that
      should form an organisation of their own (``metrics.coverage.should_form_list``):
      the joint organisation covering a unit, or for a unit with none the 社区党委 of its
      community (value: units). Only with a units dataset; about units, never people.
    - development_checks: an organisation with threshold or more people with a 发展党员
      procedure finding on D (``metrics.development.breaches_by_branch``; value: people).
      Only with a development dataset.
    Columns: branch_id, name, org_type, sector, community, rule, value, date. Rows in
    ALERT_ORDER, and within a rule the most urgent first (the smallest value for the rules
    of ``domain.rules.URGENT_WHEN_LOW``, else the largest), then by branch_id.
    """
    orgs = branches_alive(tables["branches"], on)
    branches = orgs[orgs["org_type"] == "党支部"]
    members = tables["members"]
    active = members[is_active(members, on)]
    found: list[pd.DataFrame] = []

    term = orgs["term_ends_on"]
    overdue = orgs[term < on]
    found.append(_rows(overdue, "term_overdue", (on - term).dt.days, term))
    horizon = on + pd.Timedelta(days=rules["term_due"].threshold)
    due = orgs[(term >= on) & (term <= horizon)]
    found.append(_rows(due, "term_due", (term - on).dt.days, term))

    full = active.loc[~is_probationary(active, on), "branch_id"].value_counts()
    full_in = branches["branch_id"].map(full).fillna(0)
    few = branches[full_in < rules["few_full_members"].threshold]
    found.append(_rows(few, "few_full_members", full_in))

    size = branches["branch_id"].map(active["branch_id"].value_counts()).fillna(0)
    found.append(
        _rows(branches[size >= rules["too_many_members"].threshold], "too_many_members", size)
    )

    if "participation" in tables:
        months = int(rules["no_activity"].threshold)
        since = on - pd.DateOffset(months=months)
        p = tables["participation"]
        if not len(p) or p["date"].min() > since:
            branches = branches.iloc[0:0]  # the records do not cover the months: no verdict
        dates = p.loc[p["date"] <= on, ["branch_id", "date"]]
        last = _lookup(branches["branch_id"], dates.groupby("branch_id")["date"].max())
        quiet = branches[(branches["founded_on"] <= since) & ~(last > since)]
        found.append(_rows(quiet, "no_activity", pd.Series(months, index=branches.index), last))

    years = int(rules["probation_overdue"].threshold)
    late = active[
        is_probationary(active, on) & (active["joined_on"] + pd.DateOffset(years=years) < on)
    ]
    late_in = orgs["branch_id"].map(late["branch_id"].value_counts()).fillna(0)
    found.append(_rows(orgs[late_in > 0], "probation_overdue", late_in))

    ages = age_on(active["birth_date"], on).groupby(active["branch_id"]).median()
    median = _lookup(orgs["branch_id"], ages.astype(float))
    old = orgs[median > rules["ageing"].threshold]
    found.append(_rows(old, "ageing", median))

    if "units" in tables:
        per = _lookup(orgs["branch_id"], _should_form_by_org(tables["units"], orgs, on))
        found.append(_rows(orgs[per >= rules["should_form"].threshold], "should_form", per))

    if "development" in tables:
        people = breaches_by_branch(tables["development"], tables["branches"], on)
        per = _lookup(orgs["branch_id"], people.set_index("branch_id")["total"].astype(float))
        flagged = orgs[per >= rules["development_checks"].threshold]
        found.append(_rows(flagged, "development_checks", per))

    found = [f for f in found if len(f)]
    if not found:
        return pd.DataFrame(columns=COLUMNS)
    out = pd.concat(found, ignore_index=True)
    order = {rule: i for i, rule in enumerate(ALERT_ORDER)}
    low = out["rule"].isin(list(URGENT_WHEN_LOW))
    urgency = out["value"].astype(float).where(low, -out["value"].astype(float))
    out = out.assign(_o=out["rule"].map(order), _u=urgency)
    out = out.sort_values(["_o", "_u", "branch_id"], kind="stable")
    return out.drop(columns=["_o", "_u"]).reset_index(drop=True)[COLUMNS]


def _should_form_by_org(units: pd.DataFrame, orgs: pd.DataFrame, on: pd.Timestamp) -> pd.Series:
    """应建未建 units per organisation answering for them on D: the joint organisation
    covering a 联合组建 unit, if alive on D (``orgs``); else, for a unit with none (or whose
    organisation is gone or yet to begin), the first 社区党委 (by branch_id) of the unit's
    community. Units of no known community answer to nobody."""
    found = should_form_list(units, orgs, on)
    committees = orgs[
        (orgs["org_type"] == "党委") & (orgs["sector"] == "社区") & orgs["community"].notna()
    ]
    of_community = committees.sort_values("branch_id").drop_duplicates("community")
    by_place = found["community"].map(of_community.set_index("community")["branch_id"])
    joint = found["branch_id"].where(is_in(found["branch_id"], orgs["branch_id"]))
    answering = joint.where(joint.notna(), by_place)
    return answering.dropna().value_counts().astype(float)


def alerts_of(found: pd.DataFrame, branch_ids: pd.Series) -> pd.DataFrame:
    """The warnings in ``found`` (``alerts`` over every organisation) of the organisations
    ``branch_ids``: each warning was judged over the whole dataset (a 3-month quiet spell
    against every organisation's records, a unit against its joint organisation wherever
    it is), so a selection only chooses which organisations are listed."""
    return found[is_in(found["branch_id"], branch_ids)].reset_index(drop=True)


def alert_counts(found: pd.DataFrame) -> dict[str, int]:
    """Warnings per rule (every rule listed), and the organisations concerned."""
    counts = {rule: int((found["rule"] == rule).sum()) for rule in ALERT_ORDER}
    return {**counts, "total": len(found), "organisations": int(found["branch_id"].nunique())}
