"""Today, and the time of day people read: in one configured time zone, never the host's.

The dashboard's users keep 北京时间 (UTC+8); its server may run on UTC. A record dated today
in Beijing is today's, not tomorrow's, whatever the host's clock says. Figures never depend
on today (they are as of the data's latest date); only the check that no event is dated in
the future, and the times shown for imports and rollbacks, do.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

TIME_ZONE_ENV = "DANGJIAN_TIME_ZONE"
DEFAULT_TIME_ZONE = "Asia/Shanghai"  # 北京时间


def time_zone() -> str:
    """The configured IANA time zone: DANGJIAN_TIME_ZONE, else Asia/Shanghai. Raises
    ValueError naming the setting when it is not a time zone."""
    name = (os.environ.get(TIME_ZONE_ENV) or DEFAULT_TIME_ZONE).strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"{TIME_ZONE_ENV}={name!r} 不是时区名称（如 Asia/Shanghai） / is not a time zone "
            "name such as Asia/Shanghai"
        ) from None
    return name


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def now() -> pd.Timestamp:
    """The time now in the configured zone (time-zone aware)."""
    return pd.Timestamp(_utc_now()).tz_convert(time_zone())


def today() -> pd.Timestamp:
    """Today's date in the configured zone, as a day (midnight, no time zone), the form of
    the data's dates."""
    return pd.Timestamp(now().date())


def local_time(when: str) -> str:
    """An ISO 8601 time (the store keeps UTC) in the configured zone: with Asia/Shanghai,
    2026-11-25T20:30:00+00:00 → 2026-11-26 04:30:00."""
    return pd.Timestamp(when).tz_convert(time_zone()).strftime("%Y-%m-%d %H:%M:%S")


def is_beijing_time() -> bool:
    """The configured zone keeps 北京时间 (what the column headings say, or else name it)."""
    return time_zone() in {"Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "PRC"}
