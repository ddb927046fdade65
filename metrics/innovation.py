"""Patents: Party-led innovation in enterprises.

Counts are of patents filed (申请) or granted (授权) on or before D. Organisations are rolled
up to their top-level organisation (the one without a parent), so 昭信集团党委 counts the
patents of all its branches.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from domain.contract import SECTORS
from domain.definitions import is_active
from metrics.compare import count_by
from metrics.orglife import in_last_12_months

KINDS: tuple[str, ...] = ("发明", "实用新型", "外观设计")
ENTERPRISE_SECTORS: tuple[str, ...] = ("国有企业", "非公企业")


def patent_counts(patents: pd.DataFrame, on: pd.Timestamp) -> dict[str, int]:
    """Applications filed on or before D; granted on or before D; invention patents granted."""
    granted = patents["granted_on"] <= on
    return {
        "filed": int((patents["filed_on"] <= on).sum()),
        "granted": int(granted.sum()),
        "granted_invention": int((granted & (patents["kind"] == "发明")).sum()),
    }


def member_inventor_share(patents: pd.DataFrame, on: pd.Timestamp) -> float:
    """Party members among inventors: sum of member_inventors / sum of inventors, over
    patents filed on or before D with both recorded; NaN when none."""
    p = patents[(patents["filed_on"] <= on) & patents["inventors"].notna()]
    p = p[p["member_inventors"].notna()]
    total = float(p["inventors"].sum())
    return float(p["member_inventors"].sum()) / total if total else float("nan")


def patents_by_year(patents: pd.DataFrame, on: pd.Timestamp) -> pd.DataFrame:
    """Per calendar year up to D's: applications filed by kind (发明, 实用新型, 外观设计),
    filed (all kinds), granted, granted_invention."""
    filed = patents[patents["filed_on"] <= on]
    granted = patents[patents["granted_on"] <= on]
    years = sorted(set(filed["filed_on"].dt.year) | set(granted["granted_on"].dt.year))
    if not years:
        return pd.DataFrame(columns=[*KINDS, "filed", "granted", "granted_invention"])
    index = pd.Index(range(years[0], on.year + 1), name="year")
    by_kind = pd.crosstab(filed["filed_on"].dt.year, filed["kind"].astype(object))
    out = by_kind.reindex(index=index, columns=list(KINDS), fill_value=0)
    out["filed"] = out[list(KINDS)].sum(axis=1)
    out["granted"] = granted["granted_on"].dt.year.value_counts().reindex(index, fill_value=0)
    invention = granted[granted["kind"] == "发明"]["granted_on"].dt.year.value_counts()
    out["granted_invention"] = invention.reindex(index, fill_value=0)
    return out.astype(int).rename_axis(columns=None)


def root_of(branches: pd.DataFrame) -> pd.Series:
    """Each branch_id's top-level organisation (following parent_id up)."""
    parent = branches.set_index("branch_id")["parent_id"].astype(object)
    parent = parent.where(parent.isin(parent.index))  # an unknown parent ends the chain
    root = pd.Series(parent.index, index=parent.index, dtype=object)
    for _ in range(len(parent)):
        up = root.map(parent)
        if up.isna().all():
            break
        root = up.where(up.notna(), root)
    return root


def _active_by(members: pd.DataFrame, on: pd.Timestamp, key: pd.Series) -> pd.Series:
    return count_by(members.loc[is_active(members, on), "branch_id"], key)


def innovation_by_organisation(
    tables: Mapping[str, pd.DataFrame], on: pd.Timestamp
) -> pd.DataFrame:
    """Top-level organisations with patents: name, sector, filed, granted, granted_invention,
    members (active on D, all branches under it), per_100 (filed in the 12 months to D per
    100 active members), member_inventor_share. Most applications first."""
    b = tables["branches"]
    roots = root_of(b)
    p = tables["patents"].assign(root=lambda f: f["branch_id"].map(roots))
    p = p[p["filed_on"] <= on]
    recent = p[p["filed_on"] > on - pd.DateOffset(years=1)]
    granted = p[p["granted_on"] <= on]
    info = b.set_index("branch_id")[["name", "sector"]]
    out = pd.DataFrame(
        {
            "filed": p.groupby("root").size(),
            "filed_12m": recent.groupby("root").size(),
            "granted": granted.groupby("root").size(),
            "granted_invention": granted[granted["kind"] == "发明"].groupby("root").size(),
            "members": _active_by(tables["members"], on, roots),
        }
    )
    out = out[out["filed"].fillna(0) > 0].fillna(0).astype(int)
    out["per_100"] = (out["filed_12m"] / out["members"].where(out["members"] > 0)) * 100
    known = p[p["inventors"].notna() & p["member_inventors"].notna()]
    sums = known.groupby("root")[["inventors", "member_inventors"]].sum()
    share = sums["member_inventors"] / sums["inventors"].where(sums["inventors"] > 0)
    out["member_inventor_share"] = share.reindex(out.index).astype(float)
    out = info.join(out, how="inner").rename_axis("branch_id")
    return out.sort_values(["filed", "name"], ascending=[False, True]).reset_index()


def innovation_by_sector(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp) -> pd.DataFrame:
    """Per sector (contract order, sectors with members only): filed, granted, members,
    per_100 (applications filed in the 12 months to D per 100 active members)."""
    b = tables["branches"]
    sector = b.set_index("branch_id")["sector"].astype(object)
    p = tables["patents"].assign(sector=lambda f: f["branch_id"].map(sector))
    p = p[p["filed_on"] <= on]
    recent = p[p["filed_on"] > on - pd.DateOffset(years=1)]
    out = pd.DataFrame(
        {
            "filed": p.groupby("sector").size(),
            "filed_12m": recent.groupby("sector").size(),
            "granted": p[p["granted_on"] <= on].groupby("sector").size(),
            "members": _active_by(tables["members"], on, sector),
        }
    ).reindex(list(SECTORS))
    out = out[out["members"].fillna(0) > 0].fillna(0).astype(int)
    out["per_100"] = out["filed_12m"] / out["members"] * 100
    return out.rename_axis("sector")


def innovation_and_participation(
    tables: Mapping[str, pd.DataFrame], on: pd.Timestamp
) -> pd.DataFrame:
    """Enterprise organisations (top level, 国有企业 or 非公企业, with members): members,
    attendance_rate and activities_per_member in the 12 months to D, and patents per_100
    (filed in the 12 months to D per 100 members). For showing association, not cause."""
    b = tables["branches"]
    roots = root_of(b)
    info = b.set_index("branch_id")[["name", "sector"]]
    members = _active_by(tables["members"], on, roots)
    tops = info[info["sector"].isin(ENTERPRISE_SECTORS) & info.index.isin(members.index)]
    tops = tops[tops.index.isin(roots.unique())]
    p = tables["patents"]
    recent = p[(p["filed_on"] <= on) & (p["filed_on"] > on - pd.DateOffset(years=1))]
    filed = recent["branch_id"].map(roots).value_counts()
    act = in_last_12_months(tables["participation"], on, ["branch_id", "attendees", "expected"])
    root = act["branch_id"].map(roots)
    counted = act["expected"].fillna(0) > 0  # as attendance_rate
    expected = act["expected"].where(counted).groupby(root).sum()
    attended = act["attendees"].where(counted).groupby(root).sum()
    ids = tops.index
    n = members.reindex(ids).fillna(0).astype(int)
    expected = expected.reindex(ids).fillna(0)
    rate = (attended.reindex(ids).fillna(0) / expected.where(expected > 0)).astype(float)
    return pd.DataFrame(
        {
            "branch_id": ids.to_numpy(dtype=object),
            "name": tops["name"].to_numpy(),
            "sector": tops["sector"].to_numpy(),
            "members": n.to_numpy(),
            "attendance_rate": rate.to_numpy(),
            "activities_per_member": (root.value_counts().reindex(ids).fillna(0) / n).to_numpy(),
            "per_100": (filed.reindex(ids).fillna(0) / n * 100).to_numpy(dtype=float),
        }
    )
