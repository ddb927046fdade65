"""总览 Overview: the opening sentence's figures, the cards, and new members this year.

The slides, the briefing and the summary command take the same figures from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from domain.contract import ORG_TYPES, SECTORS
from domain.definitions import is_active, year_earlier, year_start
from metrics.compare import branches_alive, count_by, group_of
from metrics.coverage import coverage_total
from metrics.innovation import patent_counts
from metrics.membership import active_counts
from metrics.orglife import attendance_rate, in_last_12_months
from queries.members import this_year


def _ints(series: pd.Series) -> dict[str, int]:
    return {str(k): int(v) for k, v in series.items()}


def essentials(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp) -> dict[str, Any]:
    """The figures of a page's opening sentence: as_of;
    members active, full, probationary and by_sector (active members by the sector of the
    organisation holding their 组织关系, ``metrics.compare.group_of``, every sector listed:
    they add up to active); branches total, by_org_type and by_sector (alive on D)."""
    members = tables["members"]
    counts = active_counts(members, [on]).iloc[0]
    alive = branches_alive(tables["branches"], on)
    active_ids = members.loc[is_active(members, on), "branch_id"]
    by_sector = count_by(active_ids, group_of(tables["branches"], "sector"))
    by_sector = by_sector.reindex(list(SECTORS), fill_value=0)
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


@dataclass(frozen=True)
class Card:
    """One key figure and its change against a year earlier.

    kind: count (``value`` and ``delta`` whole numbers, ``unit`` its measure word) or rate
    (fractions 0..1; ``delta`` in percentage points as a fraction). ``value`` None: the
    dataset it needs is absent; ``delta`` None: no comparison.
    """

    name: str
    value: float | None
    delta: float | None
    unit: str = ""
    kind: str = "count"


@dataclass(frozen=True)
class NewMembers:
    """本年发展党员: new members (not transfers in) who joined from 1 January of D's year to
    D, and the same span of the year before (1 January to D a year earlier)."""

    count: int
    start: pd.Timestamp
    end: pd.Timestamp
    year_before: int


def new_this_year(members: pd.DataFrame, on: pd.Timestamp) -> NewMembers:
    """本年发展党员 on D (see ``NewMembers``): the ``new`` of ``queries.members.this_year``,
    the movement the trend slide, the briefing and the summary give."""
    before = year_earlier(on)
    return NewMembers(
        count=this_year(members, on).new,
        start=year_start(on),
        end=on,
        year_before=this_year(members, before).new,
    )


def opening(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp) -> dict[str, object]:
    """The opening sentence's figures: ``queries.summary.essentials`` and
    active_year_earlier (active members on the same day a year earlier)."""
    before = int(active_counts(tables["members"], [year_earlier(on)])["active"].iat[0])
    return {**essentials(tables, on), "active_year_earlier": before}


def cards(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp) -> tuple[Card, ...]:
    """Six cards: organisations, active members, new members this year (``new_this_year``),
    probationary members, patents granted, meeting attendance; a seventh with a 两新组织
    register, the share of its units with a Party organisation (``_coverage_card``).
    ``delta`` is against the same day a year earlier: the difference for counts; for new
    members, against the same span of last year; for patents, those granted in the 12
    months to D; for attendance and coverage, the change in the rate against a year
    earlier (for attendance, its 12 months before)."""
    before = year_earlier(on)
    b, m = tables["branches"], tables["members"]
    counts = active_counts(m, [before, on])
    new = new_this_year(m, on)
    orgs_now, orgs_before = len(branches_alive(b, on)), len(branches_alive(b, before))
    out = [
        Card("branches", orgs_now, orgs_now - orgs_before, "branches"),
        Card(
            "active",
            int(counts["active"].iat[1]),
            int(counts["active"].iat[1] - counts["active"].iat[0]),
            "members",
        ),
        Card("new", new.count, new.count - new.year_before, "members"),
        Card(
            "probationary",
            int(counts["probationary"].iat[1]),
            int(counts["probationary"].iat[1] - counts["probationary"].iat[0]),
            "members",
        ),
    ]
    if "patents" in tables:
        granted_now = patent_counts(tables["patents"], on)["granted"]
        granted_before = patent_counts(tables["patents"], before)["granted"]
        out.append(Card("patents", granted_now, granted_now - granted_before, "patents"))
    else:
        out.append(Card("patents", None, None))
    if "participation" in tables:
        p = tables["participation"]
        counted = ["attendees", "expected"]
        rate_now = attendance_rate(in_last_12_months(p, on, counted))
        rate_before = attendance_rate(in_last_12_months(p, before, counted))
        delta = None if pd.isna(rate_now) or pd.isna(rate_before) else rate_now - rate_before
        out.append(Card("attendance", None if pd.isna(rate_now) else rate_now, delta, kind="rate"))
    else:
        out.append(Card("attendance", None, None, kind="rate"))
    if "units" in tables:
        out.append(_coverage_card(tables["units"], on, before))
    return tuple(out)


def _coverage_card(units: pd.DataFrame, on: pd.Timestamp, before: pd.Timestamp) -> Card:
    """两新组织 with a Party organisation (单独 or 联合) among the operating units of both
    kinds (``metrics.coverage.coverage_total``), on D against a year earlier."""
    now = coverage_total(units, on)["organisation_rate"]
    then = coverage_total(units, before)["organisation_rate"]
    delta = None if pd.isna(now) or pd.isna(then) else now - then
    return Card("coverage", None if pd.isna(now) else now, delta, kind="rate")
