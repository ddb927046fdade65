"""发展党员: the pipeline on a day, its flows, the time spent in each stage, and the
procedure's rule checks (``domain.rules.DEVELOPMENT_RULES``) for every person at once.

Stages are ``domain.definitions.stage_on``; 预备党员 are counted from the members table.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from domain.definitions import (
    COLLEGE_OR_ABOVE,
    PIPELINE_STAGES,
    STAGES,
    age_on,
    in_pipeline,
    is_active,
    is_probationary,
    on_or_before,
    per_100_members,
    stage_on,
    year_start,
)
from domain.rules import (
    ACTIVIST_YEARS,
    ADULT_AGE,
    APPROVAL_WITHIN_MONTHS,
    DEVELOPMENT_RULE_ORDER,
    TALK_WITHIN_MONTHS,
    TRAINING_DAYS,
    TRAINING_HOURS,
)
from ingest.privacy import mask_name
from metrics.compare import branches_alive, count_by, group_of
from metrics.membership import count_in_periods, period_bins
from metrics.scope import ancestry

FLOW_DATES: dict[str, str] = {  # a flow and the date that counts it
    "applied": "applied_on",
    "activist": "activist_on",
    "candidate": "candidate_on",
    "admitted": "admitted_on",
    "withdrawn": "withdrawn_on",
}
FRONT_LINE = ("工人", "农牧渔民", "专业技术人员")  # 一线: as the 公报 counts new members
STEPS: dict[str, tuple[str, str]] = {  # a step of the procedure: from one date to the next
    "applied_to_activist": ("applied_on", "activist_on"),
    "activist_to_candidate": ("activist_on", "candidate_on"),
    "candidate_to_admitted": ("candidate_on", "admitted_on"),
    "admitted_to_approved": ("admitted_on", "approved_on"),
}


def probationary_count(members: pd.DataFrame, on: pd.Timestamp) -> int:
    """预备党员 on D, from the roster: active and not yet full."""
    return int((is_active(members, on) & is_probationary(members, on)).sum())


def stage_counts(ledger: pd.DataFrame, members: pd.DataFrame, on: pd.Timestamp) -> pd.Series:
    """People in each stage on D (index STAGES): the ledger's three, then 预备党员."""
    counts = stage_on(ledger, on).value_counts().reindex(list(PIPELINE_STAGES), fill_value=0)
    out = pd.concat([counts, pd.Series({"probationary": probationary_count(members, on)})])
    return out.astype("int64").rename_axis("stage").rename("people")


def stages_by_sector(
    ledger: pd.DataFrame, members: pd.DataFrame, branches: pd.DataFrame, on: pd.Timestamp
) -> pd.DataFrame:
    """Per sector with organisations on D, or with active members (on the roll of
    organisations since dissolved: ``metrics.compare.group_of``): people in each stage
    (columns STAGES), the active members, the reserve (入党积极分子 + 发展对象), and each of
    them per 100 active members (columns ``<stage>_per_100``, ``reserve_per_100``)."""
    sector_of = group_of(branches, "sector")
    active = members[is_active(members, on)]
    present = set(branches_alive(branches, on)["sector"]) | set(
        active["branch_id"].map(sector_of).dropna()
    )
    sectors = [s for s in branches["sector"].cat.categories if s in present]
    stage = stage_on(ledger, on)
    out = pd.DataFrame(index=pd.Index(sectors, name="sector"))
    for name in PIPELINE_STAGES:
        out[name] = count_by(ledger.loc[stage == name, "branch_id"], sector_of)
    out["probationary"] = count_by(active.loc[is_probationary(active, on), "branch_id"], sector_of)
    out["members"] = count_by(active["branch_id"], sector_of)
    out = out.fillna(0).astype("int64")
    out["reserve"] = out["activist"] + out["candidate"]
    for name in (*STAGES, "reserve"):
        out[f"{name}_per_100"] = [
            per_100_members(n, m) for n, m in zip(out[name], out["members"], strict=True)
        ]
    return out


def flows(
    ledger: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, freq: str = "M"
) -> pd.DataFrame:
    """People entering each step in each period from ``start`` to ``end`` (periods as in
    ``metrics.membership.period_ends``): columns FLOW_DATES (applied, activist, candidate,
    admitted, withdrawn), indexed by the period's last day."""
    ends, bins = period_bins(start, end, freq)
    out = pd.DataFrame(index=ends.rename("date"))
    for name, column in FLOW_DATES.items():
        out[name] = count_in_periods(ledger[column], bins)
    return out


def stage_days(ledger: pd.DataFrame, on: pd.Timestamp) -> pd.DataFrame:
    """For each step of STEPS, among people who took it by D: how many, and the median
    days from the first date to the second. Rows STEPS; columns people, median_days (NaN
    when nobody has)."""
    rows = {}
    for step, (first, second) in STEPS.items():
        took = on_or_before(ledger[second], on) & ledger[first].notna()
        days = (ledger.loc[took, second] - ledger.loc[took, first]).dt.days
        rows[step] = {"people": int(took.sum()), "median_days": float(days.median())}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("step")


def _training_recorded(ledger: pd.DataFrame) -> bool:
    return bool(ledger["training_days"].notna().any() or ledger["training_hours"].notna().any())


def breaches(ledger: pd.DataFrame, on: pd.Timestamp) -> pd.DataFrame:
    """Each person's rule checks on D: one boolean column per rule (DEVELOPMENT_RULE_ORDER),
    True only once the rule's deadline has passed by D, beside person_id and branch_id.

    under_18: applied on or before D before the 18th birthday. talk_late: a month after
    applying is before D, and no talk by then (talked after that day, or not at all).
    activist_short: a candidate on or before D less than a year after becoming an activist.
    training_short: admitted on or before D with fewer than 3 days and fewer than 24 学时
    of training (a blank counts as none; not checked when the ledger records no training).
    approval_late: three months after admission is before D, and no approval by then. A
    person withdrawn by a deadline is not held to it."""
    applied = ledger["applied_on"]
    withdrawn = ledger["withdrawn_on"]

    def still_in(deadline: pd.Series) -> pd.Series:
        return ~on_or_before(withdrawn, on) | (withdrawn > deadline).fillna(False)

    out = pd.DataFrame({"person_id": ledger["person_id"], "branch_id": ledger["branch_id"]})
    out["under_18"] = on_or_before(applied, on) & (
        age_on(ledger["birth_date"], applied) < ADULT_AGE
    ).fillna(False)
    talk_by = applied + pd.DateOffset(months=TALK_WITHIN_MONTHS)
    talked_in_time = (ledger["talked_on"] <= talk_by).fillna(False)
    out["talk_late"] = (talk_by < on).fillna(False) & ~talked_in_time & still_in(talk_by)
    candidate = ledger["candidate_on"]
    early = (candidate < ledger["activist_on"] + pd.DateOffset(years=ACTIVIST_YEARS)).fillna(False)
    out["activist_short"] = on_or_before(candidate, on) & early
    if _training_recorded(ledger):
        enough = (ledger["training_days"].fillna(0) >= TRAINING_DAYS) | (
            ledger["training_hours"].fillna(0) >= TRAINING_HOURS
        )
        out["training_short"] = on_or_before(ledger["admitted_on"], on) & ~enough
    else:
        out["training_short"] = False
    approve_by = ledger["admitted_on"] + pd.DateOffset(months=APPROVAL_WITHIN_MONTHS)
    approved_in_time = (ledger["approved_on"] <= approve_by).fillna(False)
    out["approval_late"] = (
        (approve_by < on).fillna(False) & ~approved_in_time & still_in(approve_by)
    )
    return out[["person_id", "branch_id", *DEVELOPMENT_RULE_ORDER]]


def breach_counts(ledger: pd.DataFrame, on: pd.Timestamp) -> dict[str, int]:
    """People breaching each rule on D (DEVELOPMENT_RULE_ORDER)."""
    found = breaches(ledger, on)
    return {rule: int(found[rule].sum()) for rule in DEVELOPMENT_RULE_ORDER}


def breaches_by_branch(
    ledger: pd.DataFrame, branches: pd.DataFrame, on: pd.Timestamp
) -> pd.DataFrame:
    """The organisations with at least one breach on D, as a support list (about
    organisations, never people): branch_id, name, sector, one count per rule and total
    (people with any breach), most first, then by branch_id."""
    found = breaches(ledger, on)
    rules = list(DEVELOPMENT_RULE_ORDER)
    found = found[found[rules].any(axis=1)]
    per = found.groupby("branch_id", observed=True)[rules].sum().astype("int64")
    per["total"] = found.groupby("branch_id", observed=True).size().astype("int64")
    info = branches.set_index("branch_id")[["name", "sector"]]
    out = per.join(info, how="left").reset_index()
    out = out.sort_values(["total", "branch_id"], ascending=[False, True], kind="stable")
    return out[["branch_id", "name", "sector", *rules, "total"]].reset_index(drop=True)


def admitted_between(ledger: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> int:
    """People admitted (接收预备党员) from ``start`` to ``end``, both days included."""
    admitted = ledger["admitted_on"]
    return int(((admitted >= start) & (admitted <= end)).sum())


DUE_KINDS: tuple[str, ...] = ("activist_year", "approval")  # what ``due_soon`` lists


def quarter_end(on: pd.Timestamp) -> pd.Timestamp:
    """The last day of D's quarter."""
    return (on + pd.offsets.QuarterEnd(0)).normalize()


def due_soon(ledger: pd.DataFrame, branches: pd.DataFrame, on: pd.Timestamp) -> pd.DataFrame:
    """People with a step due: activists who reach a year of training from D to the end of
    D's quarter (``activist_year``), and admissions awaiting the committee's approval
    (``approval``, due three months after admission). Columns branch_id, branch (the
    organisation's name), masked_name, due (``activist_year`` or ``approval``), due_on;
    soonest first. Names masked; no ids."""
    stage = stage_on(ledger, on)
    year_on = ledger["activist_on"] + pd.DateOffset(years=ACTIVIST_YEARS)
    activist = (stage == "activist").fillna(False) & (year_on >= on) & (year_on <= quarter_end(on))
    pending = (
        on_or_before(ledger["admitted_on"], on)
        & ~on_or_before(ledger["approved_on"], on)
        & in_pipeline(ledger, on)
    )
    approve_by = ledger["admitted_on"] + pd.DateOffset(months=APPROVAL_WITHIN_MONTHS)
    names = branches.set_index("branch_id")["name"]
    parts = [
        pd.DataFrame(
            {
                "branch_id": ledger.loc[mask, "branch_id"],
                "name": ledger.loc[mask, "name"],
                "due": kind,
                "due_on": when[mask],
            }
        )
        for mask, kind, when in zip(
            (activist, pending), DUE_KINDS, (year_on, approve_by), strict=True
        )
    ]
    out = pd.concat(parts, ignore_index=True)
    out["branch"] = out["branch_id"].map(names).astype(object)
    out["masked_name"] = out["name"].map(mask_name).astype(object)
    out = out.sort_values(["due_on", "branch_id"], kind="stable").reset_index(drop=True)
    return out[["branch_id", "branch", "masked_name", "due", "due_on"]]


def plan_progress(
    ledger: pd.DataFrame, plans: pd.DataFrame, branches: pd.DataFrame, on: pd.Timestamp
) -> pd.DataFrame:
    """Each plan of D's year against the admissions so far: branch_id, name, sector,
    planned, admitted (``admitted_on`` from 1 January of D's year to D, in the plan's
    organisation and every organisation under it), share (admitted ÷ planned; NaN for a
    plan of 0) and top (no other planned organisation above it: the totals of a year's plans
    are those of its top plans, so a 党委's admissions count once when an organisation
    under it has a plan of its own). The furthest behind first (lowest share, then most
    planned), as a support list."""
    mine = plans[plans["year"] == on.year]
    admitted = ledger.loc[
        (ledger["admitted_on"] >= year_start(on)) & (ledger["admitted_on"] <= on), "branch_id"
    ]
    tree = ancestry(branches)
    under = tree.merge(admitted.rename("branch_id").to_frame(), on="branch_id")
    per = under.groupby("ancestor_id").size()
    info = branches.set_index("branch_id")
    out = pd.DataFrame(
        {
            "branch_id": mine["branch_id"].astype(object).to_numpy(),
            "planned": mine["planned"].astype("int64").to_numpy(),
        }
    )
    out["name"] = out["branch_id"].map(info["name"]).astype(object)
    out["sector"] = out["branch_id"].map(info["sector"]).astype(object)
    out["admitted"] = out["branch_id"].map(per).fillna(0).astype("int64")
    above = tree[tree["branch_id"] != tree["ancestor_id"]]
    planned = set(out["branch_id"])
    nested = set(above.loc[above["ancestor_id"].isin(planned), "branch_id"])
    out["top"] = ~out["branch_id"].isin(nested)
    out["share"] = [
        a / p if p else np.nan for a, p in zip(out["admitted"], out["planned"], strict=True)
    ]
    out = out.sort_values(
        ["share", "planned", "branch_id"],
        ascending=[True, False, True],
        kind="stable",
        na_position="last",
    )
    return out[["branch_id", "name", "sector", "planned", "admitted", "share", "top"]].reset_index(
        drop=True
    )


class PlanTotals(NamedTuple):
    """The totals of a year's top plans (see ``plan_totals``)."""

    planned: int
    admitted: int
    share: float
    organisations: int  # the top plans' organisations: the 党委 the totals are of


def plan_totals(progress: pd.DataFrame) -> PlanTotals | None:
    """(planned, admitted, share, organisations) over the top plans of ``plan_progress``
    (those with no planned organisation above them), so that no admission counts twice;
    share is admitted ÷ planned (NaN for plans of 0); organisations, how many top plans
    there are. Admissions in organisations under no plan are in none of them. None without
    a plan."""
    if progress.empty:
        return None
    top = progress[progress["top"]]
    planned, admitted = int(top["planned"].sum()), int(top["admitted"].sum())
    return PlanTotals(planned, admitted, admitted / planned if planned else np.nan, len(top))


def intake_mix(ledger: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> dict[str, float]:
    """Shares (0–1) among people admitted from ``start`` to ``end``: women, aged 35 or under
    on admission, 大专及以上 education (of those with education recorded), and 一线
    occupations (工人, 农牧渔民, 专业技术人员; of those with occupation recorded), as the
    党内统计公报 reports new members; NaN when nobody was admitted. Also ``admitted``."""
    admitted = ledger["admitted_on"]
    year = ledger[(admitted >= start) & (admitted <= end)]
    n = len(year)
    if n == 0:
        return {"admitted": 0, "female": np.nan, "age_35_or_under": np.nan,
                "college_or_above": np.nan, "front_line": np.nan}  # fmt: skip
    education = year["education"].dropna().astype(object)
    occupation = year["occupation"].dropna().astype(object)
    return {
        "admitted": n,
        "female": float((year["gender"] == "女").mean()),
        "age_35_or_under": float((age_on(year["birth_date"], year["admitted_on"]) <= 35).mean()),
        "college_or_above": float(education.isin(COLLEGE_OR_ABOVE).mean())
        if len(education)
        else np.nan,
        "front_line": float(occupation.isin(FRONT_LINE).mean()) if len(occupation) else np.nan,
    }
