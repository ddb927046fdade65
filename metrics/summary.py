"""The headline figures: one dictionary for the summary command, the overview and exports."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from domain.contract import ORG_TYPES, SECTORS
from domain.definitions import is_active
from metrics.compare import branches_alive, count_by
from metrics.contact import contact_by_sector, contact_totals
from metrics.innovation import patent_counts
from metrics.membership import active_counts
from metrics.orglife import participation_counts
from metrics.structure import structure


def _ints(series: pd.Series) -> dict[str, int]:
    return {str(k): int(v) for k, v in series.items()}


def essentials(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp) -> dict[str, object]:
    """The part of ``headline`` a page's opening sentence needs, computed alone: as_of;
    members active, full, probationary and by_sector (active members of the organisations
    alive on D, every sector listed); branches total, by_org_type and by_sector (alive on
    D)."""
    members = tables["members"]
    counts = active_counts(members, [on]).iloc[0]
    alive = branches_alive(tables["branches"], on)
    sector_of = alive.set_index("branch_id")["sector"].astype(object)
    active_ids = members.loc[is_active(members, on), "branch_id"]
    by_sector = count_by(active_ids, sector_of).reindex(list(SECTORS), fill_value=0)
    return {
        "as_of": on.strftime("%Y-%m-%d"),
        "members": {
            "active": int(counts["active"]),
            "full": int(counts["full"]),
            "probationary": int(counts["probationary"]),
            "by_sector": _ints(by_sector),
        },
        "branches": {
            "total": len(alive),
            "by_org_type": _ints(
                alive["org_type"].value_counts().reindex(list(ORG_TYPES), fill_value=0)
            ),
            "by_sector": _ints(alive["sector"].value_counts().reindex(list(SECTORS), fill_value=0)),
        },
    }


def headline(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp) -> dict[str, object]:
    """Counts as integers and labels as in the data contract; rates as fractions (0..1).

    ``essentials``, with the structure of the membership, the members out of reach
    (lost_contact, floating: ``metrics.contact``), and patents and participation
    (None when the dataset is absent). Participation figures cover the 12 months to D;
    patents count everything filed or granted on or before D.
    """
    members = tables["members"]
    base = essentials(tables, on)
    education = structure(members, on, "education")
    out: dict[str, object] = {
        "as_of": base["as_of"],
        "members": {
            **{k: base["members"][k] for k in ("active", "full", "probationary")},
            "gender": _ints(structure(members, on, "gender")),
            "age_bands": _ints(structure(members, on, "age_band")),
            "occupation": _ints(structure(members, on, "occupation")),
            "education": _ints(education),
            "minority": int(structure(members, on, "ethnicity").get("少数民族", 0)),
            "college_or_above": int(
                sum(education.get(k, 0) for k in ("研究生", "大学本科", "大学专科"))
            ),
            "by_sector": base["members"]["by_sector"],
            **contact_totals(contact_by_sector(tables, on)),
        },
        "branches": base["branches"],
        "patents": patent_counts(tables["patents"], on) if "patents" in tables else None,
        "participation": None,
    }
    if "participation" in tables:
        p = participation_counts(tables["participation"], on)
        rate = p["attendance_rate"]
        out["participation"] = {
            "activities": int(p["activities"]),
            "attendance_rate": None if math.isnan(rate) else round(float(rate), 4),
        }
    return out


def _rate(value: float) -> float | None:
    return None if math.isnan(value) else round(float(value), 6)


def full_summary(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp) -> dict[str, object]:
    """``headline`` plus innovation, organisational life and organisational health:

    patents: filed_12m (applications in the 12 months to D), per_100_members (filed_12m per
    100 active members), member_inventor_share. participation (12 months to D):
    volunteer_activities, volunteer_hours (person-hours), mass_participation,
    compliance_rate (rule-periods met / due, ``metrics.orglife``), branches_judged,
    branches_below_standard. alerts: one count per rule, total, organisations.
    """
    from metrics.alerts import alert_counts, alerts
    from metrics.innovation import innovation_by_sector, member_inventor_share
    from metrics.orglife import compliance_by_branch, compliance_detail, orglife_figures

    out = headline(tables, on)
    if out["patents"] is not None:
        by_sector = innovation_by_sector(tables, on)
        members = int(by_sector["members"].sum())
        filed_12m = int(by_sector["filed_12m"].sum())
        out["patents"] |= {
            "filed_12m": filed_12m,
            "per_100_members": round(filed_12m / members * 100, 2) if members else None,
            "member_inventor_share": _rate(member_inventor_share(tables["patents"], on)),
        }
    if out["participation"] is not None:
        p = tables["participation"]
        f = orglife_figures(p, on)
        detail = compliance_detail(tables["branches"], tables["members"], p, on)
        by_branch = compliance_by_branch(detail, tables["branches"])
        out["participation"] |= {
            "volunteer_activities": int(f["volunteer_activities"]),
            "volunteer_hours": round(float(f["volunteer_hours"]), 1),
            "mass_participation": int(f["mass_participation"]),
            "compliance_rate": _rate(float(detail["met"].mean()) if len(detail) else math.nan),
            "branches_judged": len(by_branch),
            "branches_below_standard": int(by_branch["below"].sum()),
        }
    out["alerts"] = alert_counts(alerts(tables, on))
    return out
