"""党内统计年报: the year-end tables, from the roster (first: 表一 两年党员数综合比较).

Counting follows 正式组织关系: the members whose organisation is in the tables given (a
scope's, or every one). "In the year" is after 31 December of Y−1 and up to the year's end
(31 December of Y, or the data's latest date for a year the data has not reached).

表一, by 栏 (column):
- 1 上年底总数: active on 31 December of Y−1 (``domain.definitions.is_active``);
- 3 发展党员: registered here in the year as they were admitted (转入日期 blank or the
  入党日期 itself);
- 4 恢复党籍, 6 其中整建制转入: not in the contract: 0;
- 5 转入组织关系: registered here in the year, admitted before;
- 2 本年增加 = 3 + 4 + 5;
- 8 出党, 10 死亡, 11 转出组织关系: leaves in the year with that 减少原因;
- 9 停止党籍, 12 其中整建制转出: not in the contract (its 党籍状态 has no date): 0;
- 7 本年减少 = 8 + 9 + 10 + 11;
- 13 本年底应有数 = 1 + 2 − 7; 14 本年底实有数: active at the year's end; 15 = 14 − 13.

A leave whose reason is none of 出党, 死亡, 转出 is in no 栏 of 7, so it shows in 15:
``difference_records`` lists the members behind it (党员编号, never names).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from domain.definitions import is_active, registered_on

COLUMNS = tuple(str(n) for n in range(1, 16))
REASON_COLUMN = {"出党": "8", "死亡": "10", "转出": "11"}
NOT_IN_CONTRACT = ("4", "6", "9", "12")  # 恢复党籍, 整建制转入, 停止党籍, 整建制转出


@dataclass(frozen=True)
class Table1:
    """表一 by 栏 ("1" … "15"), the year's end used, and the 党员编号 behind 栏 15."""

    columns: dict[str, int]
    end: pd.Timestamp
    difference_records: tuple[str, ...]


def year_end(year: int, latest: pd.Timestamp) -> pd.Timestamp:
    """31 December of ``year``, or the data's latest date when it has not reached it."""
    return min(pd.Timestamp(year=year, month=12, day=31), latest)


def table1(members: pd.DataFrame, year: int, latest: pd.Timestamp) -> Table1:
    """表一 两年党员数综合比较 of ``members`` for ``year`` (see the module's note)."""
    start = pd.Timestamp(year=year - 1, month=12, day=31)
    end = year_end(year, latest)
    registered = registered_on(members)
    came = (registered > start) & (registered <= end)
    as_admitted = members["registered_on"].isna() | (
        members["registered_on"] == members["joined_on"]
    )
    left = members["left_on"]
    went = (left > start) & (left <= end)
    reason = members["left_reason"].astype(object)
    c = dict.fromkeys(COLUMNS, 0)
    c["1"] = int(is_active(members, start).sum())
    c["3"] = int((came & as_admitted).sum())
    c["5"] = int((came & ~as_admitted).sum())
    for words, column in REASON_COLUMN.items():
        c[column] = int((went & (reason == words)).sum())
    c["2"] = c["3"] + c["4"] + c["5"]
    c["7"] = c["8"] + c["9"] + c["10"] + c["11"]
    c["13"] = c["1"] + c["2"] - c["7"]
    c["14"] = int(is_active(members, end).sum())
    c["15"] = c["14"] - c["13"]
    elsewhere = went & ~reason.isin(list(REASON_COLUMN))
    records = tuple(sorted(members.loc[elsewhere.fillna(False), "member_id"].astype(str)))
    return Table1(c, end, records)


def table1_checks(t: Table1) -> list[dict[str, object]]:
    """表内关系 of 表一: each relation and whether it holds."""
    c = t.columns
    return [
        {"rule": "2 = 3 + 4 + 5", "ok": c["2"] == c["3"] + c["4"] + c["5"]},
        {"rule": "7 = 8 + 9 + 10 + 11", "ok": c["7"] == c["8"] + c["9"] + c["10"] + c["11"]},
        {"rule": "13 = 1 + 2 - 7", "ok": c["13"] == c["1"] + c["2"] - c["7"]},
        {"rule": "15 = 14 - 13", "ok": c["15"] == c["14"] - c["13"]},
        {"rule": "15 = 0", "ok": c["15"] == 0},
    ]
