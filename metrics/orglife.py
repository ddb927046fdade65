"""Organisational life: 三会一课, 主题党日, volunteering."""

from __future__ import annotations

import pandas as pd

from metrics.membership import year_earlier


def in_last_12_months(participation: pd.DataFrame, on: pd.Timestamp) -> pd.DataFrame:
    """Activities dated after the same day a year before D, up to and including D."""
    date = participation["date"]
    return participation[(date > year_earlier(on)) & (date <= on)]


def attendance_rate(participation: pd.DataFrame) -> float:
    """Sum of attendees / sum of expected, over activities whose expected is recorded and > 0.

    NaN when there are none. (Volunteering usually has no expected number.)
    """
    counted = participation[participation["expected"].fillna(0) > 0]
    expected = counted["expected"].sum()
    return float(counted["attendees"].sum() / expected) if expected else float("nan")


def participation_counts(participation: pd.DataFrame, on: pd.Timestamp) -> dict[str, float | int]:
    """Activities in the 12 months to D and their attendance rate."""
    recent = in_last_12_months(participation, on)
    return {"activities": len(recent), "attendance_rate": attendance_rate(recent)}
