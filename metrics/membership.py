"""Membership over time: active counts, inflow and outflow, growth.

Counts on a day D follow ``domain.definitions``: a member is active on D when their start
(registered_on, or joined_on) is on or before D and left_on is blank or after D.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from domain.contract import LEFT_GROUP, LEFT_REASONS
from domain.definitions import growth_rate, registered_on, year_earlier

FREQS = {"M": "ME", "Q": "QE", "Y": "YE"}


def _ns(values: pd.Series) -> np.ndarray:
    """Dates as int64 nanoseconds; NaT becomes +inf-like (never reached)."""
    out = values.to_numpy(dtype="datetime64[ns]").astype("int64")
    return np.where(values.isna().to_numpy(), np.iinfo("int64").max, out)


def _count_le(sorted_values: np.ndarray, days: np.ndarray) -> np.ndarray:
    return np.searchsorted(sorted_values, days, side="right")


def active_counts(
    members: pd.DataFrame, days: pd.DatetimeIndex | list[pd.Timestamp]
) -> pd.DataFrame:
    """Active, full and probationary members on each day (columns), one row per day.

    A conjunction of "on or before D" conditions holds exactly when the latest of the dates
    is on or before D, so each count is a difference of two sorted-array look-ups:
    active(D) = #(start <= D) - #(max(start, left) <= D), and full members likewise with
    max(start, full_on).
    """
    index = pd.DatetimeIndex(days)
    d = index.to_numpy(dtype="datetime64[ns]").astype("int64")
    start = _ns(registered_on(members))
    left = np.maximum(start, _ns(members["left_on"]))
    start_full = np.maximum(start, _ns(members["full_on"]))
    left_full = np.maximum(start_full, left)
    active = _count_le(np.sort(start), d) - _count_le(np.sort(left), d)
    full = _count_le(np.sort(start_full), d) - _count_le(np.sort(left_full), d)
    return pd.DataFrame(
        {"active": active, "full": full, "probationary": active - full}, index=index
    ).rename_axis("date")


def active_count(members: pd.DataFrame, on: pd.Timestamp) -> int:
    """Active members on day ``on``."""
    return int(active_counts(members, [on])["active"].iat[0])


def period_ends(start: pd.Timestamp, end: pd.Timestamp, freq: str = "M") -> pd.DatetimeIndex:
    """The last day of each month (M), quarter (Q) or year (Y) from ``start`` to ``end``.

    The last period is cut at ``end`` (the as-of date), so a partial period ends there.
    """
    ends = pd.date_range(start, end, freq=FREQS[freq])
    if len(ends) == 0 or ends[-1] < end:
        ends = ends.append(pd.DatetimeIndex([end]))
    return ends


def period_bins(
    start: pd.Timestamp, end: pd.Timestamp, freq: str = "M"
) -> tuple[pd.DatetimeIndex, np.ndarray]:
    """The periods from ``start`` to ``end`` (``period_ends``) and their edges: each period's
    first day, then the day after the last period (datetime64[ns], one more than the ends)."""
    ends = period_ends(start, end, freq)
    firsts = pd.DatetimeIndex([start, *(ends[:-1] + pd.Timedelta(days=1))])
    edges = firsts.append(pd.DatetimeIndex([ends[-1] + pd.Timedelta(days=1)]))
    return ends, edges.to_numpy(dtype="datetime64[ns]")


def count_in_periods(dates: pd.Series, bins: np.ndarray) -> np.ndarray:
    """How many of ``dates`` fall in each period of ``period_bins`` (blanks not counted).

    Each period runs from its first day to its last, both included: a date counts in the
    period whose first day is on or before it and whose next first day is after it. The
    last edge, the day after the last period, is never counted (unlike ``np.histogram``,
    whose last bin includes its right edge)."""
    values = np.sort(dates.dropna().to_numpy(dtype="datetime64[ns]").astype("int64"))
    return np.diff(np.searchsorted(values, bins.astype("int64"), side="left"))


def membership_series(
    members: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, freq: str = "M"
) -> pd.DataFrame:
    """Active, full and probationary members at the end of each period (see period_ends)."""
    return active_counts(members, period_ends(start, end, freq))


def left_group(reason: pd.Series) -> pd.Series:
    """Each 减少原因 as the group the flows count (``LEFT_GROUP``); blank as 其他."""
    return reason.astype(object).map(LEFT_GROUP).fillna("其他")


def is_transfer_in(members: pd.DataFrame) -> pd.Series:
    """Members who joined elsewhere and transferred in: registered_on after joined_on."""
    return (members["registered_on"] > members["joined_on"]).fillna(False).astype(bool)


def flows(
    members: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, freq: str = "M"
) -> pd.DataFrame:
    """Inflow and outflow in each period from ``start`` to ``end``.

    Columns: new (发展党员: joined_on in the period, not a transfer in), transfer_in
    (registered_on in the period, for members who joined earlier), inflow = new +
    transfer_in; one column per reason for leaving (转出, 死亡, 出党, 其他; a blank reason
    counts as 其他), outflow = their sum; net = inflow - outflow; active_start and
    active_end (active the day before the period and on its last day); growth_rate =
    net / active_start (NaN when active_start is 0). active_end - active_start == net.
    """
    ends, bins = period_bins(start, end, freq)
    starts = pd.DatetimeIndex(bins[:-1])

    def per_period(dates: pd.Series) -> np.ndarray:
        return count_in_periods(dates, bins)

    transfer = is_transfer_in(members)
    out = pd.DataFrame(index=ends.rename("date"))
    out["new"] = per_period(members.loc[~transfer, "joined_on"])
    out["transfer_in"] = per_period(members.loc[transfer, "registered_on"])
    out["inflow"] = out["new"] + out["transfer_in"]
    left = members.loc[members["left_on"].notna(), ["left_on", "left_reason"]]
    reason = left_group(left["left_reason"])
    for label in LEFT_REASONS:
        out[label] = per_period(left.loc[reason == label, "left_on"])
    out["outflow"] = out[list(LEFT_REASONS)].sum(axis=1)
    out["net"] = out["inflow"] - out["outflow"]
    out["active_start"] = active_counts(members, starts - pd.Timedelta(days=1))["active"].to_numpy()
    out["active_end"] = active_counts(members, ends)["active"].to_numpy()
    out["growth_rate"] = out["net"] / out["active_start"].where(out["active_start"] > 0)
    return out


def moves_between(members: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> dict[str, int]:
    """From ``start`` to ``end``, both included, as ``flows`` counts a period: new (发展党员,
    not transfers in), transfer_in, and the members leaving for each reason (LEFT_REASONS,
    a blank reason as 其他). Masks over the table, no sort: what a card or a summary needs
    of one span, without ``flows``' active counts."""

    def within(dates: pd.Series) -> pd.Series:
        return ((dates >= start) & (dates <= end)).fillna(False).astype(bool)

    transfer = is_transfer_in(members)
    gone = within(members["left_on"])
    reasons = left_group(members.loc[gone, "left_reason"]).value_counts()
    return {
        "new": int((~transfer & within(members["joined_on"])).sum()),
        "transfer_in": int((transfer & within(members["registered_on"])).sum()),
        **{reason: int(reasons.get(reason, 0)) for reason in LEFT_REASONS},
    }


def change_over_year(members: pd.DataFrame, on: pd.Timestamp) -> dict[str, float | int]:
    """Active members on D and a year earlier, the difference and the rate."""
    now, before = active_count(members, on), active_count(members, year_earlier(on))
    return {
        "active": now,
        "active_year_earlier": before,
        "change": now - before,
        "rate": growth_rate(now, before),
    }


def new_members_between(members: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> int:
    """发展党员 (new members, not transfers in) with joined_on in [start, end]."""
    joined = members.loc[~is_transfer_in(members), "joined_on"]
    return int(joined.between(start, end).sum())
