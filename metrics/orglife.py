"""Organisational life: 三会一课, 主题党日, volunteering."""

from __future__ import annotations

import numpy as np
import pandas as pd

from domain.definitions import is_active, is_probationary, year_earlier
from domain.rules import COMPLIANCE_STANDARD, MEETING_RULES, MeetingRule


def in_last_12_months(
    participation: pd.DataFrame, on: pd.Timestamp, columns: list[str] | None = None
) -> pd.DataFrame:
    """Activities dated after the same day a year before D, up to and including D (only
    ``columns``, when given: copying the others costs time at scale)."""
    date = participation["date"]
    recent = (date > year_earlier(on)) & (date <= on)
    return participation.loc[recent, columns] if columns else participation[recent]


def attendance_rate(participation: pd.DataFrame) -> float:
    """Sum of attendees / sum of expected, over activities whose expected is recorded and > 0.

    NaN when there are none. (Volunteering usually has no expected number.)
    """
    counted = participation[participation["expected"].fillna(0) > 0]
    expected = counted["expected"].sum()
    return float(counted["attendees"].sum() / expected) if expected else float("nan")


def participation_counts(participation: pd.DataFrame, on: pd.Timestamp) -> dict[str, float | int]:
    """Activities in the 12 months to D and their attendance rate."""
    recent = in_last_12_months(participation, on, ["attendees", "expected"])
    return {"activities": len(recent), "attendance_rate": attendance_rate(recent)}


def judged_periods(on: pd.Timestamp, freq: str) -> pd.PeriodIndex:
    """The whole months (M) or quarters (Q) that end in the 12 months to D: a period still
    under way on D is not judged yet."""
    first = (year_earlier(on) + pd.Timedelta(days=1)).to_period(freq)
    periods = pd.period_range(first, on.to_period(freq), freq=freq)
    return periods[periods.end_time.normalize() <= on]


def full_members_by_branch(members: pd.DataFrame, on: pd.Timestamp) -> pd.Series:
    """Full (正式) active members on D, per branch_id."""
    full = is_active(members, on) & ~is_probationary(members, on)
    return members.loc[full, "branch_id"].value_counts()


def compliance_detail(
    branches: pd.DataFrame,
    members: pd.DataFrame,
    participation: pd.DataFrame,
    on: pd.Timestamp,
    rules: tuple[MeetingRule, ...] = MEETING_RULES,
) -> pd.DataFrame:
    """One row per (党支部, rule, judged period) in which the rule is due.

    Due: the branch is a 党支部 on D (not dissolved by then) that existed for the whole
    period (founded on or before its first day), and has at least the rule's
    min_full_members full members at the period's end; and the period starts on or after
    the first activity on record (before that, the records cannot tell). Columns:
    branch_id, kind, freq, period (str), held (activities of that kind in the period), met
    (held >= at_least).
    """
    dissolved = branches["dissolved_on"]
    b = branches[(branches["org_type"] == "党支部") & (dissolved.isna() | (dissolved > on))]
    records_start = participation["date"].min() if len(participation) else None
    # count only the activities in the judged periods (a quarter may start before the
    # 12 months to D: the periods are those that end in them)
    starts = [judged_periods(on, rule.freq).start_time for rule in rules]
    first = min((s.min() for s in starts if len(s)), default=on)
    date = participation["date"]
    recent = participation.loc[(date >= first) & (date <= on), ["branch_id", "date", "kind"]]
    rows = []
    full_on: dict[pd.Timestamp, pd.Series] = {}  # full members per branch, by date
    for rule in rules:
        periods = judged_periods(on, rule.freq)
        if records_start is None:
            periods = periods[:0]
        else:
            periods = periods[periods.start_time >= records_start]
        if len(periods) == 0:
            continue
        kind = recent[recent["kind"] == rule.kind]
        held = (
            kind.groupby([kind["branch_id"], kind["date"].dt.to_period(rule.freq)], observed=True)
            .size()
            .unstack(fill_value=0)
        )  # branch_id × period
        for period in periods:
            first, last = period.start_time.normalize(), period.end_time.normalize()
            alive = (b["founded_on"] <= first) & (
                b["dissolved_on"].isna() | (b["dissolved_on"] > last)
            )
            ids = b.loc[alive, "branch_id"]
            if rule.min_full_members:
                if last not in full_on:
                    full_on[last] = full_members_by_branch(members, last)
                full = full_on[last]
                enough = full.reindex(ids).fillna(0).to_numpy() >= rule.min_full_members
                ids = ids[enough]
            if period in held.columns:
                count = held[period].reindex(ids.to_numpy(), fill_value=0).to_numpy(dtype=int)
            else:
                count = [0] * len(ids)
            rows.append(
                pd.DataFrame(
                    {
                        "branch_id": ids.to_numpy(dtype=object),
                        "kind": rule.kind,
                        "freq": rule.freq,
                        "period": str(period),
                        "held": count,
                        "met": np.asarray(count) >= rule.at_least,
                    }
                )
            )
    if rows:
        return pd.concat(rows, ignore_index=True)
    columns = ["branch_id", "kind", "freq", "period", "held", "met"]
    return pd.DataFrame(columns=columns).astype({"held": int, "met": bool})


def compliance_rate(detail: pd.DataFrame) -> float:
    """三会一课达标率: rule-periods met ÷ rule-periods due (``compliance_detail``); NaN when
    none is due."""
    return float(detail["met"].mean()) if len(detail) else float("nan")


def compliance_by_rule(detail: pd.DataFrame) -> pd.DataFrame:
    """Per rule (in MEETING_RULES order): due, met (rule-periods) and rate = met / due."""
    order = [rule.kind for rule in MEETING_RULES]
    out = detail.groupby("kind").agg(due=("met", "size"), met=("met", "sum"))
    out = out.reindex([k for k in order if k in out.index])
    return out.assign(rate=out["met"] / out["due"]).rename_axis("kind")


def compliance_by_branch(
    detail: pd.DataFrame, branches: pd.DataFrame, standard: float = COMPLIANCE_STANDARD
) -> pd.DataFrame:
    """Per branch: due, met, rate = met / due, below (rate < standard), and per-rule rates
    (columns named by the activity kind); with name, sector and community. Sorted by rate,
    lowest first: a support list, not a league table."""
    per = detail.groupby("branch_id").agg(due=("met", "size"), met=("met", "sum"))
    per["rate"] = per["met"] / per["due"]
    per["below"] = per["rate"] < standard
    by_rule = detail.pivot_table(index="branch_id", columns="kind", values="met", aggfunc="mean")
    order = [rule.kind for rule in MEETING_RULES if rule.kind in by_rule.columns]
    info = branches.set_index("branch_id")[["name", "sector", "community"]]
    out = info.join(per, how="inner").join(by_rule[order])
    return out.sort_values(["rate", "name"]).rename_axis("branch_id").reset_index()


def orglife_figures(participation: pd.DataFrame, on: pd.Timestamp) -> dict[str, float | int]:
    """The 12 months to D: activities; attendance_rate (attendees / expected, see
    attendance_rate); volunteer_hours (person-hours: attendees × hours, 志愿服务 only);
    volunteer_activities; mass_participation (群众参与人数, summed)."""
    recent = in_last_12_months(participation, on)
    volunteer = recent[recent["kind"] == "志愿服务"]
    hours = (volunteer["attendees"].astype(float) * volunteer["hours"].astype(float)).sum()
    return {
        "activities": len(recent),
        "attendance_rate": attendance_rate(recent),
        "volunteer_activities": len(volunteer),
        "volunteer_hours": float(hours),
        "mass_participation": int(recent["non_member_attendees"].fillna(0).sum()),
    }


def daily_activity(participation: pd.DataFrame, on: pd.Timestamp) -> pd.Series:
    """Activities per day in the 12 months to D, every day listed (0 where none)."""
    recent = in_last_12_months(participation, on, ["date"])
    days = pd.date_range(year_earlier(on) + pd.Timedelta(days=1), on, freq="D")
    counts = recent["date"].dt.normalize().value_counts()
    return counts.reindex(days, fill_value=0).astype(int).rename_axis("date").rename("activities")


def compliance_by_period(detail: pd.DataFrame) -> pd.DataFrame:
    """Per judged period, monthly rules and quarterly rules apart: freq (M or Q), period
    (2018-03, 2018Q1), end (its last day), due, met, rate = met / due. In time order."""
    out = detail.groupby(["freq", "period"]).agg(due=("met", "size"), met=("met", "sum"))
    out = out.reset_index()
    out["end"] = [
        pd.Period(p, freq=f).end_time.normalize()
        for f, p in zip(out["freq"], out["period"], strict=True)
    ]
    out["rate"] = out["met"] / out["due"]
    return out.sort_values(["freq", "end"]).reset_index(drop=True)
