"""The overview's key figures, each with its change against a year earlier."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from metrics.compare import branches_alive
from metrics.innovation import patent_counts
from metrics.membership import active_counts, new_members_between, year_earlier
from metrics.orglife import attendance_rate, in_last_12_months


def _kpi(
    name: str, value: float | None, delta: float | None, unit: str = "", kind: str = "count"
) -> dict:
    return {"name": name, "value": value, "delta": delta, "unit": unit, "kind": kind}


def overview_kpis(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp) -> list[dict]:
    """Six cards: organisations, active members, new members this year, probationary
    members, patents granted, meeting attendance. ``delta`` is against the same day a year
    earlier: the difference for counts; for new members, against the same span of last
    year; for patents, those granted in the 12 months to D; for attendance, the change in
    the rate (percentage points as a fraction) against the 12 months before."""
    before = year_earlier(on)
    b, m = tables["branches"], tables["members"]
    counts = active_counts(m, [before, on])
    jan1 = pd.Timestamp(on.year, 1, 1)
    new_now = new_members_between(m, jan1, on)
    new_before = new_members_between(m, pd.Timestamp(on.year - 1, 1, 1), before)
    out = [
        _kpi(
            "branches",
            len(branches_alive(b, on)),
            len(branches_alive(b, on)) - len(branches_alive(b, before)),
            "branches",
        ),
        _kpi(
            "active",
            int(counts["active"].iat[1]),
            int(counts["active"].iat[1] - counts["active"].iat[0]),
            "members",
        ),
        _kpi("new", new_now, new_now - new_before, "members"),
        _kpi(
            "probationary",
            int(counts["probationary"].iat[1]),
            int(counts["probationary"].iat[1] - counts["probationary"].iat[0]),
            "members",
        ),
    ]
    if "patents" in tables:
        granted_now = patent_counts(tables["patents"], on)["granted"]
        granted_before = patent_counts(tables["patents"], before)["granted"]
        out.append(_kpi("patents", granted_now, granted_now - granted_before, "patents"))
    else:
        out.append(_kpi("patents", None, None))
    if "participation" in tables:
        p = tables["participation"]
        counted = ["attendees", "expected"]
        rate_now = attendance_rate(in_last_12_months(p, on, counted))
        rate_before = attendance_rate(in_last_12_months(p, before, counted))
        delta = None if pd.isna(rate_now) or pd.isna(rate_before) else rate_now - rate_before
        out.append(_kpi("attendance", None if pd.isna(rate_now) else rate_now, delta, kind="rate"))
    else:
        out.append(_kpi("attendance", None, None, kind="rate"))
    return out
