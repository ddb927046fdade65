"""Side-by-side tables by sector, community or branch, on fair per-branch and per-member
measures. All figures are on the day D (members) or the 12 months to D (flows)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from domain.contract import ORG_TYPES, SECTORS
from domain.definitions import (
    SHARE_MEASURES,
    age_on,
    is_active,
    is_college_or_above,
    is_minority,
    is_probationary,
    year_earlier,
)
from metrics.membership import is_transfer_in

GROUPS = ("sector", "community", "branch")


def with_organisations(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of a ``compare`` table that have at least one organisation on D, or active
    members (on the roll of an organisation since dissolved: see ``group_of``)."""
    return table[(table[list(ORG_TYPES)].sum(axis=1) > 0) | (table["members"] > 0)]


def count_by(branch_ids: pd.Series, group_of: pd.Series) -> pd.Series:
    """How many of ``branch_ids`` fall in each group (``group_of``: branch_id → group;
    branches without a group are not counted). Counted per branch, then rolled up: the
    lookup is once per branch, not once per row."""
    per_branch = branch_ids.value_counts()
    return per_branch.groupby(per_branch.index.map(group_of)).sum()


def group_of(branches: pd.DataFrame, by: str) -> pd.Series:
    """branch_id → the sector or community of every organisation, alive on D or not.

    Who is counted where: a member counts in the organisation that holds their 组织关系
    (``branch_id``) whether or not it is alive on D, and so in its sector and community;
    every split of the active members (by sector, community, organisation, gender, age …)
    then adds up to their total. Organisations themselves are counted while alive
    (``branches_alive``). A member on the roll of a dissolved organisation is a record to
    correct (数据管理 lists them), not a member to drop from the totals."""
    return pd.Series(
        branches[by].astype(object).to_numpy(), index=pd.Index(branches["branch_id"].to_numpy())
    )


def branches_alive(branches: pd.DataFrame, on: pd.Timestamp) -> pd.DataFrame:
    """Organisations founded on or before D and not dissolved on or before D."""
    dissolved = branches["dissolved_on"]
    return branches[(branches["founded_on"] <= on) & (dissolved.isna() | (dissolved > on))]


def _group_key(branches: pd.DataFrame, by: str) -> pd.Series:
    ids = branches["branch_id"].to_numpy()
    values = ids if by == "branch" else branches[by].astype(object).to_numpy()
    return pd.Series(values, index=pd.Index(ids, name="branch_id"), name=by)


def member_frame(members: pd.DataFrame, on: pd.Timestamp) -> pd.DataFrame:
    """Active members on D with the 0/1 flags the comparison tables sum."""
    columns = ["branch_id", "gender", "education", "ethnicity", "birth_date", "full_on"]
    active = members.loc[is_active(members, on), columns]
    age = age_on(active["birth_date"], on)
    return pd.DataFrame(
        {
            "branch_id": active["branch_id"],
            "members": 1,
            "female": (active["gender"] == "女").astype(int),
            "college_or_above": is_college_or_above(active["education"]).astype(int),
            "minority": is_minority(active["ethnicity"]).astype(int),
            "age_35_or_under": (age <= 35).astype(int),
            "age_61_or_over": (age >= 61).astype(int),
            "probationary": is_probationary(active, on).astype(int),
        }
    )


def compare(tables: dict[str, pd.DataFrame], on: pd.Timestamp, by: str = "sector") -> pd.DataFrame:
    """One row per sector, community or branch: those with organisations alive on D, and
    those whose organisations, since dissolved, still hold active members (``group_of``).

    Columns: 党委, 党总支, 党支部 (organisations alive on D); members (active on D, counted
    in the organisation holding their 组织关系: ``group_of``); members_per_branch (members /
    党支部; NaN without a 党支部; not for branches); the shares female, college_or_above,
    minority, age_35_or_under, age_61_or_over and probationary (of members);
    new_members_12m (发展党员 in the 12 months to D) and new_per_100 (per 100 members).
    For by="branch", also name, org_type, sector and community. Sectors are listed in the
    contract's order with every sector present (zeros included).
    """
    if by not in GROUPS:
        raise ValueError(f"by must be one of {GROUPS}")
    everyone = tables["branches"]
    branches = branches_alive(everyone, on)
    key = _group_key(branches, by)
    member_key = _group_key(everyone, by)

    types = pd.crosstab(key, branches.set_index("branch_id")["org_type"])
    types = types.reindex(columns=list(ORG_TYPES), fill_value=0)

    flags = member_frame(tables["members"], on)
    per_branch = flags.groupby("branch_id").sum()
    summed = per_branch.groupby(per_branch.index.map(member_key)).sum()

    members = tables["members"]
    since = year_earlier(on)
    new = members[
        ~is_transfer_in(members) & (members["joined_on"] > since) & (members["joined_on"] <= on)
    ]
    new_counts = count_by(new["branch_id"], member_key)

    if by == "sector":
        index = pd.Index(list(SECTORS), name="sector")
    else:
        held = summed.index[summed["members"] > 0] if len(summed) else []
        index = pd.Index(sorted(set(key.dropna()) | set(pd.Series(held).dropna())), name=by)
    out = types.reindex(index, fill_value=0)
    out["members"] = summed["members"].reindex(index, fill_value=0)
    out["members_per_branch"] = out["members"] / out["党支部"].where(out["党支部"] > 0)
    denominator = out["members"].where(out["members"] > 0)
    for share in SHARE_MEASURES:
        out[share] = summed[share].reindex(index, fill_value=0) / denominator
    out["new_members_12m"] = new_counts.reindex(index, fill_value=0).astype(int)
    out["new_per_100"] = 100 * out["new_members_12m"] / denominator
    if by == "branch":
        info = everyone.set_index("branch_id")[["name", "org_type", "sector", "community"]]
        out = info.reindex(index).join(out.drop(columns=[*ORG_TYPES, "members_per_branch"]))
    out.columns.name = None
    return out.replace([np.inf, -np.inf], np.nan)
