"""Checks of each record: ids unique, dates in their declared order (``Dataset.order``) and
not after today, and each dataset's own rules."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from domain import clock
from domain.contract import (
    Kind,
)
from domain.definitions import age_on
from ingest.typed import Found, Typed


def check_unique(t: Typed) -> list[Found]:
    """Every repeat of an id (or of a dataset's ``key``) after its first row; the message
    names the first row."""
    if t.dataset.record_key:
        return []  # after the names are resolved to ids: ``check_references``
    f = t.dataset.id_field
    if f is None:
        return []
    ids = t.frame[f.name]
    repeated = ids.notna() & ids.duplicated(keep="first")
    if not repeated.any():
        return []
    first_index = ids[ids.notna()].drop_duplicates(keep="first")
    first_row = pd.Series(t.rows[first_index.index], index=first_index.to_numpy())
    firsts = ids.map(first_row)
    if f.name not in t.raw.columns and f.fallback and f.fallback in t.raw.columns:  # 身份证号
        return t.problems("id.duplicate_id_number", f.fallback, repeated.to_numpy(), first=firsts)
    return t.problems("id.duplicate", f.name, repeated.to_numpy(), first=firsts)


def check_unique_key(t: Typed) -> list[Found]:
    """Every repeat of a ``Dataset.record_key`` (all its columns filled) after its first row, at
    the key's last column; run once names are resolved to ids, so that an organisation
    written by its 组织编号 on one row and by its full name on another is one key."""
    key = list(t.dataset.record_key)
    frame = t.frame[key]
    filled = frame.notna().all(axis=1)
    repeated = filled & frame.duplicated(keep="first")
    if not repeated.any():
        return []
    first_of: dict[tuple[object, ...], int] = {}
    for i, values in zip(
        np.flatnonzero(filled), frame[filled].itertuples(index=False), strict=True
    ):
        first_of.setdefault(tuple(values), int(t.rows[i]))
    firsts = pd.Series(
        [first_of.get(tuple(v)) for v in frame.itertuples(index=False)], index=frame.index
    )
    return t.problems("id.duplicate_key", key[-1], repeated.to_numpy(), first=firsts)


def _lt(a: pd.Series, b: pd.Series) -> np.ndarray:
    return (a < b).fillna(False).to_numpy(dtype=bool)


def check_order(t: Typed) -> list[Found]:
    """The dataset's declared date orders (``Dataset.order``): a later date before its
    earlier one is an error; where the rule says so, a later date without the earlier."""
    d = t.frame
    out: list[Found] = []
    for rule in t.dataset.order:
        later = d[rule.later]
        earlier = d[rule.earlier]
        if rule.or_else is not None:
            earlier = earlier.fillna(d[rule.or_else])
        if rule.needs_earlier:
            missing = (later.notna() & earlier.isna()).to_numpy(dtype=bool)
            out += t.problems(
                "logic.stage_missing", rule.later, missing, earlier=t.header(rule.earlier)
            )
        named = (
            {rule.named: earlier}
            if rule.named
            else {"earlier": t.header(rule.earlier), "date": earlier}
        )
        out += t.problems(rule.code, rule.later, _lt(later, earlier), **named)
    return out


def _check_members(t: Typed) -> list[Found]:
    """A member under 18 on joining; a reason for leaving without its date."""
    m = t.frame
    before_birth = _lt(m["joined_on"], m["birth_date"])  # said by the date order
    age = age_on(m["birth_date"], m["joined_on"])
    under_18 = (age < 18).fillna(False).to_numpy(dtype=bool) & ~before_birth
    out = t.problems("logic.joined_under_18", "joined_on", under_18, birth=m["birth_date"])
    reason_only = (m["left_reason"].notna() & m["left_on"].isna()).to_numpy(dtype=bool)
    return out + t.problems("logic.reason_without_left", "left_reason", reason_only)


def _check_branches(t: Typed) -> list[Found]:
    """An organisation that is its own parent."""
    b = t.frame
    self_parent = (b["parent_id"].notna() & (b["parent_id"] == b["branch_id"])).to_numpy(dtype=bool)
    return t.problems("ref.self_parent", "parent_id", self_parent)


def _check_patents(t: Typed) -> list[Found]:
    """More member inventors than inventors."""
    p = t.frame
    exceed = (p["member_inventors"] > p["inventors"]).fillna(False).to_numpy(dtype=bool)
    return t.problems(
        "logic.member_inventors_exceed", "member_inventors", exceed, inventors=p["inventors"]
    )


def _check_development(t: Typed) -> list[Found]:
    """A reason for withdrawing without its date."""
    d = t.frame
    reason_only = (d["withdrawn_reason"].notna() & d["withdrawn_on"].isna()).to_numpy(dtype=bool)
    return t.problems("logic.reason_without_withdrawn", "withdrawn_reason", reason_only)


PLAN_YEARS = (1921, 2100)  # a plan's year: four digits, from the Party's founding


def _check_plans(t: Typed) -> list[Found]:
    """A plan's year is a four-digit year (not 18 for 2018)."""
    year = t.frame["year"]
    low, high = PLAN_YEARS
    bad = (year.notna() & ((year < low) | (year > high))).to_numpy(dtype=bool)
    return t.problems("logic.plan_year", "year", bad, low=low, high=high)


def _check_units(t: Typed) -> list[Found]:
    """A unit with its own or a joint organisation names the organisation (组织编号 or its
    full name); a unit with more Party members than staff is worth a second look (a
    warning)."""
    u = t.frame
    covered = u["coverage"].isin(["单独组建", "联合组建"]).fillna(False)
    named = u["branch_id"].notna()
    if t.names and "branch_name" in t.names:
        named |= t.names["branch_name"].notna().to_numpy()
    out = t.problems("logic.unit_without_branch", "coverage", (covered & ~named).to_numpy())
    members = u["full_members"].fillna(0) + u["probationary_members"].fillna(0)
    over = (members > u["staff"]).fillna(False).to_numpy(dtype=bool)
    return out + t.problems(
        "logic.members_over_staff", "full_members", over, severity="warning", staff=u["staff"]
    )


LOGIC_CHECKS: dict[str, Callable[[Typed], list[Found]]] = {
    "members": _check_members,
    "branches": _check_branches,
    "patents": _check_patents,
    "development": _check_development,
    "plans": _check_plans,
    "units": _check_units,
}


def check_not_future(t: Typed, today: pd.Timestamp) -> list[Found]:
    """Dates of things that have happened (all but ``planned`` ones) must not be after today:
    a mistyped year (2081) would otherwise become the dataset's as-of date."""
    out: list[Found] = []
    for f in t.dataset.fields:
        if f.kind is Kind.DATE and not f.planned and f.name in t.frame:
            after = (t.frame[f.name] > today).fillna(False).to_numpy(dtype=bool)
            out += t.problems("logic.future_date", f.name, after, today=today.date().isoformat())
    return out


def check_table(t: Typed, today: pd.Timestamp | None = None) -> list[Found]:
    """Unique ids, no dates after ``today`` (default: the day of the check in the configured
    time zone, ``domain.clock.today``: 北京时间, whatever the host's clock), the dataset's
    date orders and its own rules."""
    today = clock.today() if today is None else today
    check = LOGIC_CHECKS.get(t.dataset.name)
    own = check(t) if check else []
    return check_unique(t) + check_not_future(t, today) + check_order(t) + own
