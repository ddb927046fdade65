"""What every table of the sample shares: its dates, the organisation record, a random day
and Chinese numerals."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

START = pd.Timestamp("2013-01-01")
END = pd.Timestamp("2018-11-30")
TYPHOON_MANGKHUT = pd.Timestamp("2018-09-16")  # 台风“山竹” made landfall in Guangdong
DAY = np.timedelta64(1, "D")


CN_NUM = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 22 -> 二十二 (1 to 99)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_NUM[tens - 1] + "十")
    return head + (CN_NUM[ones - 1] if ones else "")


@dataclass
class Org:
    key: str
    name: str
    org_type: str
    sector: str
    community: str
    founded_on: pd.Timestamp
    parent: str | None = None
    dissolved_on: pd.Timestamp | None = None
    service_center: bool = False
    size: float = 0.0  # mean active members at END (党支部 only)
    profile: str = ""  # member profile; defaults to the sector
    weak: bool = False  # misses meetings more often
    silent_from: pd.Timestamp | None = None  # no activities from this day


def random_day(rng: np.random.Generator, lo: str, hi: str) -> pd.Timestamp:
    a, b = pd.Timestamp(lo), pd.Timestamp(hi)
    return a + pd.Timedelta(days=int(rng.integers(0, (b - a).days + 1)))
