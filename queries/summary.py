"""The summary: every headline figure in one dictionary, for the summary command (JSON and
table) and the versions page, taken from the same queries as the pages."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from domain.definitions import COLLEGE_OR_ABOVE, STAGE_NAMES_ZH, as_of_date
from metrics.contact import contact_by_sector, contact_totals
from metrics.innovation import patent_counts
from metrics.orglife import participation_counts
from metrics.structure import structure
from queries.coverage import coverage
from queries.development import development
from queries.health import health_counts
from queries.innovation import innovation
from queries.members import this_year
from queries.orglife import orglife
from queries.overview import essentials, new_this_year


def _ints(series: pd.Series) -> dict[str, int]:
    return {str(k): int(v) for k, v in series.items()}


def headline(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp) -> dict[str, Any]:
    """Counts as integers and labels as in the data contract; rates as fractions (0..1).

    ``queries.overview.essentials``, with new_this_year (本年发展党员, 1 January to D:
    ``queries.overview.new_this_year``) and this_year (the year's movement to D, as on the
    trend slide: {"new", "transfer_in", "left": {转出, 死亡, 出党, 其他}},
    ``queries.members.this_year``), the structure of the membership, the members out
    of reach (lost_contact, floating: ``metrics.contact``), and patents and participation
    (None when the dataset is absent). Participation figures cover the 12 months to D;
    patents count everything filed or granted on or before D.
    """
    members = tables["members"]
    base = essentials(tables, on)
    education = structure(members, on, "education")
    out: dict[str, Any] = {  # JSON: nested dicts of numbers and labels
        "as_of": base["as_of"],
        "members": {
            **{k: base["members"][k] for k in ("active", "full", "probationary")},
            "new_this_year": new_this_year(members, on).count,
            "this_year": this_year(members, on).as_dict(),
            "gender": _ints(structure(members, on, "gender")),
            "age_bands": _ints(structure(members, on, "age_band")),
            "occupation": _ints(structure(members, on, "occupation")),
            "education": _ints(education),
            "minority": int(structure(members, on, "ethnicity").get("少数民族", 0)),
            "college_or_above": int(sum(education.get(k, 0) for k in COLLEGE_OR_ABOVE)),
            "by_sector": base["members"]["by_sector"],
            **contact_totals(contact_by_sector(tables, on)),
        },
        "branches": base["branches"],
        "patents": patent_counts(tables["patents"], on) if "patents" in tables else None,
        "participation": None,
    }
    if "participation" in tables:
        p = participation_counts(tables["participation"], on)
        out["participation"] = {
            "activities": int(p["activities"]),
            "attendance_rate": _rate(p["attendance_rate"], 4),
        }
    return out


def _rate(value: float, digits: int = 6) -> float | None:
    return None if math.isnan(value) else round(float(value), digits)


def full_summary(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp) -> dict[str, Any]:
    """``headline`` plus innovation, organisational life and organisational health, from
    the pages' own queries (``queries.innovation``, ``queries.orglife``):

    patents: filed_12m (applications in the 12 months to D), per_100_members (filed_12m per
    100 active members), member_inventor_share. participation (12 months to D):
    volunteer_activities, volunteer_hours (person-hours), mass_participation,
    compliance_rate (rule-periods met / due), branches_judged, branches_below_standard.
    alerts: one count per rule, total, organisations (``queries.health``). development
    (with a 发展党员 ledger, ``queries.development``): stages (people per stage on D, by
    the stage's Chinese name), admitted_this_year (1 January of D's year to D), breaches
    (people per rule), plan ({planned, admitted, organisations, admitted_outside_plan} of
    D's year's top plans: ``queries.development.Development``; None without one).
    coverage (with a 两新组织 register, ``queries.coverage``): units (operating units per
    kind), organisation_rate, own_rate, work_rate ({kind: share 0–1}) and should_form
    (应建未建 units).
    """
    out = headline(tables, on)
    inno = innovation(tables, on)
    if inno is not None:
        out["patents"] |= {
            "filed_12m": inno.filed_12m,
            "per_100_members": _rate(inno.per_100, 2),
            "member_inventor_share": _rate(inno.member_inventor_share),
        }
    life = orglife(tables, on)
    if life is not None:
        f = life.figures
        out["participation"] |= {
            "volunteer_activities": int(f["volunteer_activities"]),
            "volunteer_hours": round(float(f["volunteer_hours"]), 1),
            "mass_participation": int(f["mass_participation"]),
            "compliance_rate": _rate(life.compliance),
            "branches_judged": len(life.by_branch),
            "branches_below_standard": life.below,
        }
    out["alerts"] = health_counts(tables, on)
    dev = development(tables, on)
    if dev is not None:
        out["development"] = {
            "stages": {STAGE_NAMES_ZH[s]: int(n) for s, n in dev.stages.items()},
            "admitted_this_year": dev.admitted_this_year,
            "breaches": dict(dev.breaches),
            "plan": None
            if dev.planned is None
            else {
                "planned": dev.planned,
                "admitted": dev.planned_admitted,
                "organisations": dev.planned_organisations,
                "admitted_outside_plan": dev.admitted_outside_plan,
            },
        }
    cover = coverage(tables, on)
    if cover is not None:
        kinds = cover.by_kind
        out["coverage"] = {
            "units": {k: int(n) for k, n in kinds["units"].items()},
            **{
                rate: {k: _rate(v) for k, v in kinds[rate].items()}
                for rate in ("organisation_rate", "own_rate", "work_rate")
            },
            "should_form": int(cover.total["should_form"]),
        }
    return out


def figures_of_version(tables: Mapping[str, pd.DataFrame]) -> dict[str, object]:
    """A version's headline figures on its own latest date (``as_of_date``), for the
    versions page's side-by-side: as_of, branches, active, probationary, patents_granted and
    activities (None without the dataset)."""
    h = headline(tables, as_of_date(tables))
    return {
        "as_of": h["as_of"],
        "branches": h["branches"]["total"],
        "active": h["members"]["active"],
        "probationary": h["members"]["probationary"],
        "patents_granted": (h["patents"] or {}).get("granted"),
        "activities": (h["participation"] or {}).get("activities"),
    }
