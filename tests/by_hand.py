"""The sample counted with plain pandas, from its CSV files: the independent side of the
comparisons with what the app shows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
DATES = {
    "members": ["出生日期", "入党日期", "转正日期", "转入日期", "减少日期"],
    "branches": ["成立日期", "撤销日期"],
}


def read_sample() -> dict[str, pd.DataFrame]:
    """members and branches, as text, dates parsed here."""
    return {
        name: pd.read_csv(
            SAMPLE / f"{name}.csv", encoding="utf-8-sig", dtype=str, parse_dates=DATES[name]
        )
        for name in DATES
    }


def active_by_hand(m: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """Members on the roster on ``day``: arrived (转入日期, else 入党日期) by then, not left."""
    start = m["转入日期"].where(m["转入日期"].notna(), m["入党日期"])
    return m[(start <= day) & (m["减少日期"].isna() | (m["减少日期"] > day))]
