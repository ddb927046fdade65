"""两个覆盖: how far Party organisations and Party work reach the 非公企业 and 社会组织 of
the units register, on a day, over time, by community or building, and which units should
form an organisation of their own.

Every rate is over the units operating on D (``domain.definitions.is_operating``), with
coverage as on D (``coverage_on``); a rate of no units is NaN.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from domain.contract import UNIT_KINDS
from domain.definitions import (
    ORGANISATION_COVERED,
    coverage_on,
    has_instructor,
    is_operating,
    is_work_covered,
    should_form,
)
from domain.lookup import is_in

COUNTS = ("units", "own", "joint", "none", "instructor_only", "should_form")
RATES = ("organisation_rate", "own_rate", "work_rate")


def _rate(part: float, whole: float) -> float:
    return part / whole if whole else np.nan


def unit_status(units: pd.DataFrame, on: pd.Timestamp) -> pd.DataFrame:
    """The operating units on D with their coverage on D (``coverage_now``), work_covered,
    should_form, and the people they employ (staff, full_members, probationary_members)."""
    here = units[is_operating(units, on)]
    return here.assign(
        coverage_now=coverage_on(here, on).to_numpy(),
        work_covered=is_work_covered(here, on).to_numpy(),
        should_form=should_form(here, on).to_numpy(),
    )


def _summarise(status: pd.DataFrame) -> dict[str, float]:
    """COUNTS, RATES and the staff reached for one group of operating units."""
    coverage = status["coverage_now"]
    n = len(status)
    own = int((coverage == "单独组建").sum())
    joint = int((coverage == "联合组建").sum())
    none = n - own - joint
    instructor_only = int(((coverage == "未建") & has_instructor(status)).sum())
    staff = float(status["staff"].fillna(0).sum())
    covered_staff = float(status.loc[coverage.isin(ORGANISATION_COVERED), "staff"].fillna(0).sum())
    return {
        "units": n,
        "own": own,
        "joint": joint,
        "none": none,
        "instructor_only": instructor_only,
        "should_form": int(status["should_form"].sum()),
        "organisation_rate": _rate(own + joint, n),
        "own_rate": _rate(own, n),
        "work_rate": _rate(own + joint + instructor_only, n),
        "staff": staff,
        "staff_covered": covered_staff,
        "staff_covered_share": _rate(covered_staff, staff),
        "members": float(
            status["full_members"].fillna(0).sum() + status["probationary_members"].fillna(0).sum()
        ),
    }


def coverage_by_kind(units: pd.DataFrame, on: pd.Timestamp) -> pd.DataFrame:
    """Per kind (UNIT_KINDS, both always listed): operating units, own (单独组建), joint
    (联合组建), none (未建), instructor_only (未建 with a 党建指导员), should_form (应建未建),
    organisation_rate ((own + joint) ÷ units), own_rate (own ÷ units), work_rate ((own +
    joint + instructor_only) ÷ units), staff, staff_covered (staff of organisation-covered
    units), staff_covered_share and members (full and probationary)."""
    status = unit_status(units, on)
    rows = {k: _summarise(status[status["kind"] == k]) for k in UNIT_KINDS}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("kind")


def coverage_total(units: pd.DataFrame, on: pd.Timestamp) -> dict[str, float]:
    """``coverage_by_kind``'s figures over the operating units of both kinds together."""
    return _summarise(unit_status(units, on))


def coverage_by_place(units: pd.DataFrame, on: pd.Timestamp, place: str) -> pd.DataFrame:
    """``coverage_by_kind``'s figures per (place, kind), place "community" or "building";
    units with the place blank are left out. Index (place, kind), places in name order."""
    status = unit_status(units, on)
    status = status[status[place].notna()]
    rows = {
        (p, k): _summarise(group)
        for (p, k), group in status.groupby([place, "kind"], observed=True, sort=True)
    }
    out = pd.DataFrame.from_dict(rows, orient="index")
    if out.empty:
        return pd.DataFrame(columns=list(COUNTS + RATES))
    out.index = pd.MultiIndex.from_tuples(out.index, names=[place, "kind"])
    return out


def coverage_trend(units: pd.DataFrame, dates: list[pd.Timestamp]) -> pd.DataFrame:
    """The three rates and the operating units per kind on each of ``dates`` (from the
    registration, closing and coverage dates). Index (date, kind)."""
    rows = {}
    for day in dates:
        status = unit_status(units, day)
        for k in UNIT_KINDS:
            s = _summarise(status[status["kind"] == k])
            rows[(day, k)] = {name: s[name] for name in ("units", *RATES)}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index = pd.MultiIndex.from_tuples(out.index, names=["date", "kind"])
    return out


def _with_branch(found: pd.DataFrame, branches: pd.DataFrame) -> pd.DataFrame:
    names = branches.set_index("branch_id")["name"]
    return found.assign(branch=found["branch_id"].map(names).astype(object))


LIST_COLUMNS = ["unit_id", "name", "kind", "community", "building", "staff", "full_members"]


def should_form_list(units: pd.DataFrame, branches: pd.DataFrame, on: pd.Timestamp) -> pd.DataFrame:
    """应建未建 on D, a support list about units (never people): LIST_COLUMNS, coverage_now,
    branch_id and branch (the organisation covering it jointly on D, if ``branches`` holds
    it; blank for a unit with none, even one whose own organisation begins after D); most
    full members first, then by unit_id."""
    status = unit_status(units, on)
    found = status[status["should_form"]]
    found = found.sort_values(["full_members", "unit_id"], ascending=[False, True], kind="stable")
    # only a 联合组建 unit has an organisation covering it on D; one not in ``branches`` (an
    # account's scope, say) is not named
    joint = (found["coverage_now"] == "联合组建") & is_in(found["branch_id"], branches["branch_id"])
    found = found.assign(branch_id=found["branch_id"].where(joint))
    out = _with_branch(found[[*LIST_COLUMNS, "coverage_now", "branch_id"]], branches)
    return out.reset_index(drop=True)


def unreached_list(units: pd.DataFrame, on: pd.Timestamp) -> pd.DataFrame:
    """Operating units on D with neither an organisation (未建 on D) nor a 党建指导员: the
    units Party work does not reach, largest staff first, then by unit_id."""
    status = unit_status(units, on)
    found = status[~status["work_covered"]]
    found = found.sort_values(["staff", "unit_id"], ascending=[False, True], kind="stable")
    return found[LIST_COLUMNS].reset_index(drop=True)


def covered_by(units: pd.DataFrame, branch_ids: set[str], on: pd.Timestamp) -> pd.DataFrame:
    """The operating units the organisations ``branch_ids`` cover on D (单独组建 or 联合组建):
    LIST_COLUMNS and coverage_now, by name."""
    status = unit_status(units, on)
    mine = status[
        status["branch_id"].isin(branch_ids) & status["coverage_now"].isin(ORGANISATION_COVERED)
    ]
    columns = [*LIST_COLUMNS, "coverage_now"]
    return mine[columns].sort_values("name", kind="stable").reset_index(drop=True)
