"""One organisation's profile: its figures, trend and structure against its sector and the
whole sub-district, and its member list for masked display."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from domain.definitions import (
    age_band,
    age_on,
    is_probationary,
    party_standing_band,
    year_earlier,
    year_start,
)
from domain.lookup import is_in
from ingest.privacy import mask_name
from metrics.compare import branches_alive
from metrics.coverage import covered_by
from metrics.development import admitted_between, breach_counts, plan_progress, stage_counts
from metrics.membership import active_counts, membership_series, new_members_between
from metrics.orglife import attendance_rate, in_last_12_months
from metrics.scope import descendants
from metrics.structure import active_members, shares

SHARE_KEYS = ("female", "college_or_above", "age_35_or_under", "age_61_or_over", "probationary")


def branch_choices(branches: pd.DataFrame, on: pd.Timestamp) -> pd.DataFrame:
    """Organisations alive on D, committees first, then in the order of their ids (which
    keeps 第一, 第二, 第三党支部 in order): branch_id, name, org_type."""
    alive = branches_alive(branches, on)
    order = (
        alive["org_type"].cat.codes
        if isinstance(alive["org_type"].dtype, pd.CategoricalDtype)
        else 0
    )
    return alive.assign(_o=order).sort_values(["_o", "branch_id"])[
        ["branch_id", "name", "org_type"]
    ]


def member_list(members: pd.DataFrame, branches: pd.DataFrame, on: pd.Timestamp) -> pd.DataFrame:
    """Active members for display: masked name and categories only, no ids or dates of birth.

    Columns: branch (organisation name), masked_name, gender, age_band, education,
    occupation, joined_year, status ("full" or "probationary"), party_standing.
    """
    active = active_members(members, on)
    names = branches.set_index("branch_id")["name"]
    out = pd.DataFrame(
        {
            "branch": active["branch_id"].map(names).astype(object),
            "masked_name": active["name"].map(mask_name),
            "gender": active["gender"].astype(object),
            "age_band": age_band(age_on(active["birth_date"], on)).astype(object),
            "education": active["education"].astype(object),
            "occupation": active["occupation"].astype(object),
            "joined_year": active["joined_on"].dt.year.astype("Int64"),
            "status": is_probationary(active, on).map({True: "probationary", False: "full"}),
            "party_standing": party_standing_band(active["full_on"], on).astype(object),
        }
    )
    return out.sort_values(["branch", "joined_year"], kind="stable").reset_index(drop=True)


def growth_index(this: pd.Series, sector: pd.Series, everyone: pd.Series) -> pd.DataFrame:
    """Active members as an index, 100 = the first period in which the organisation has
    members (its founding, or the start of the trend), so that an organisation of 30 and a
    sub-district of 10,000 can be compared on growth. Columns this, sector, all; periods
    before the base are NaN, as is a series that is 0 at the base."""
    frame = pd.DataFrame({"this": this, "sector": sector, "all": everyone}).astype(float)
    started = frame["this"] > 0
    if not started.any():
        return frame * float("nan")
    base = frame.loc[started.idxmax()].replace(0, float("nan"))
    out = frame / base * 100
    out[~started.cummax()] = float("nan")
    return out


def profile(
    tables: Mapping[str, pd.DataFrame], branch_id: str, on: pd.Timestamp, start: pd.Timestamp
) -> dict[str, object]:
    """Everything the branch page shows, for the organisation and those under it.

    ``tables`` should be the unfiltered dataset, so that "its sector" and "the
    sub-district" are complete. Keys: info (a row of branches), children (number of
    organisations under it), kpis, trend (monthly active/full/probationary), growth
    (``growth_index`` of this, its sector and all, monthly), shares (rows: this, its sector,
    all; columns SHARE_KEYS), members (``member_list``), pipeline (``pipeline``; None
    without a development dataset), units (the 两新组织 it and those under it cover,
    ``metrics.coverage.covered_by``; None without a units dataset).
    """
    b = tables["branches"]
    info = b.loc[b["branch_id"] == branch_id].iloc[0]
    ids = descendants(b, branch_id)
    mine = tables["members"][tables["members"]["branch_id"].isin(ids)]
    sector_ids = b.loc[b["sector"] == info["sector"], "branch_id"]
    in_sector = tables["members"][is_in(tables["members"]["branch_id"], sector_ids)]
    counts = active_counts(mine, [year_earlier(on), on])
    kpis: dict[str, object] = {
        "active": int(counts["active"].iat[1]),
        "active_change": int(counts["active"].iat[1] - counts["active"].iat[0]),
        "probationary": int(counts["probationary"].iat[1]),
        "new_12m": new_members_between(mine, year_earlier(on) + pd.Timedelta(days=1), on),
        "activities_12m": None,
        "attendance_12m": None,
    }
    if "participation" in tables:
        p = tables["participation"]
        recent = in_last_12_months(p[p["branch_id"].isin(ids)], on)
        kpis["activities_12m"] = len(recent)
        kpis["attendance_12m"] = attendance_rate(recent)
    share_rows = pd.DataFrame(
        [shares(mine, on), shares(in_sector, on), shares(tables["members"], on)],
        index=["this", "sector", "all"],
    )[list(SHARE_KEYS)]
    trend = membership_series(mine, start, on, "M")
    growth = growth_index(
        trend["active"],
        membership_series(in_sector, start, on, "M")["active"],
        membership_series(tables["members"], start, on, "M")["active"],
    )
    return {
        "info": info,
        "children": len(ids) - 1,
        "kpis": kpis,
        "trend": trend,
        "growth": growth,
        "shares": share_rows,
        "members": member_list(mine, b, on),
        "pipeline": pipeline(tables, ids, branch_id, on) if "development" in tables else None,
        "units": covered_by(tables["units"], ids, on) if "units" in tables else None,
    }


def pipeline(
    tables: Mapping[str, pd.DataFrame], ids: set[str], branch_id: str, on: pd.Timestamp
) -> dict[str, object]:
    """The 发展党员 pipeline of the organisation and those under it (``ids``) on D: stages
    (``metrics.development.stage_counts``), admitted_this_year, breaches (people per
    rule), and plan: its own plan for D's year as {planned, admitted, share} (None without
    one)."""
    ledger = tables["development"]
    ledger = ledger[ledger["branch_id"].isin(ids)]
    members = tables["members"][tables["members"]["branch_id"].isin(ids)]
    plan = None
    if "plans" in tables:
        plans = tables["plans"]
        own = plans[(plans["branch_id"] == branch_id)]
        progress = plan_progress(ledger, own, tables["branches"], on)
        if len(progress):
            row = progress.iloc[0]
            plan = {
                "planned": int(row["planned"]),
                "admitted": int(row["admitted"]),
                "share": float(row["share"]),
            }
    return {
        "stages": stage_counts(ledger, members, on),
        "admitted_this_year": admitted_between(ledger, year_start(on), on),
        "breaches": breach_counts(ledger, on),
        "plan": plan,
    }
