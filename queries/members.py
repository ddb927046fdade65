"""党员队伍 Members: the trend, inflow and outflow, this year's movement, the structure and
contact, for the page, the slides and the briefing alike."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from domain.contract import LEFT_REASONS
from domain.definitions import year_start
from metrics.contact import contact_by_sector, contact_totals
from metrics.membership import flows, membership_series, moves_between
from metrics.scope import Grouped
from metrics.structure import structure_by_organisation, structure_within

__all__ = [
    "YearMovement",
    "active_before",
    "contact",
    "contact_totals",
    "movement",
    "structure_counts",
    "structure_within",
    "this_year",
    "trend",
]


def trend(members: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, freq: str) -> pd.DataFrame:
    """Active, full and probationary members at the end of each month (M), quarter (Q) or
    year (Y) from ``start`` to ``end`` (``metrics.membership.membership_series``)."""
    return membership_series(members, start, end, freq)


def active_before(members: pd.DataFrame, start: pd.Timestamp) -> int:
    """Active members on the day before ``start``: where a trend that starts then began."""
    eve = start - pd.Timedelta(days=1)
    return int(membership_series(members, eve, eve, "M")["active"].iat[-1])


def movement(
    members: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, freq: str
) -> pd.DataFrame:
    """Inflow and outflow in each period (``metrics.membership.flows``)."""
    return flows(members, start, end, freq)


@dataclass(frozen=True)
class YearMovement:
    """From 1 January of D's year to D, both included (``metrics.membership.flows``): new
    (本年发展党员), transfer_in, left (members leaving, by reason: 转出, 死亡, 出党, 其他, a
    blank reason counted as 其他), outflow (their sum) and net = new + transfer_in −
    outflow."""

    start: pd.Timestamp
    end: pd.Timestamp
    new: int
    transfer_in: int
    left: dict[str, int]

    @property
    def outflow(self) -> int:
        return sum(self.left.values())

    @property
    def net(self) -> int:
        return self.new + self.transfer_in - self.outflow

    def as_dict(self) -> dict[str, object]:
        """The summary's ``members.this_year``: {"new", "transfer_in", "left": {reason: n}}."""
        return {"new": self.new, "transfer_in": self.transfer_in, "left": dict(self.left)}


def this_year(members: pd.DataFrame, on: pd.Timestamp) -> YearMovement:
    """The membership's movement this year, to D (see ``YearMovement``;
    ``metrics.membership.moves_between``, the counts ``flows`` makes of one period)."""
    start = year_start(on)
    moves = moves_between(members, start, on)
    return YearMovement(
        start=start,
        end=on,
        new=moves["new"],
        transfer_in=moves["transfer_in"],
        left={reason: moves[reason] for reason in LEFT_REASONS},
    )


def contact(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp) -> pd.DataFrame:
    """失联 and 流动 members by sector on D (``metrics.contact.contact_by_sector``); their
    totals are ``contact_totals`` of it."""
    return contact_by_sector(tables, on)


def structure_counts(g: Grouped, on: pd.Timestamp, dimension: str) -> np.ndarray:
    """Active members on D by organisation rank and category of ``dimension``
    (``metrics.structure.structure_by_organisation``), over every member: a scope's
    structure is ``structure_within`` of it."""
    n = len(g.tables["branches"])
    return structure_by_organisation(g.tables["members"], g.ranks["members"], n, on, dimension)
