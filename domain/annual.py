"""党内统计年报: the forms' rows, columns, bands and eras, each with its source.

Sources (named in data/README.md, "党内统计年报"):
- 中共中央组织部《中国共产党党内统计年报表》及其《填报说明》 (2012 and 2017 editions, as
  reprinted publicly): the list of forms (第一表 两年党员数综合比较, 第二表 党员基本情况,
  第三表 党员入党时间情况, 第四表 党员学历情况, 第十三表 预备党员转正情况, 第十四表
  发展党员情况), the rule that counting follows 正式组织关系 and 隶属关系, and the
  "1949年9月及以前入党" era edge;
- 中共中央组织部《中国共产党党内统计公报》 (2014: seven join eras; 2017 and later: eight
  age bands, four join eras).
"""

from __future__ import annotations

import pandas as pd

from domain.contract import LEFT_GROUP

# 表一 两年党员数综合比较, by 栏 (column number → its words).
TABLE1_COLUMNS: dict[str, str] = {
    "1": "上年底总数",
    "2": "本年增加",
    "3": "发展党员",
    "4": "恢复党籍",
    "5": "转入组织关系",
    "6": "其中整建制转入",
    "7": "本年减少",
    "8": "出党",
    "9": "停止党籍",
    "10": "死亡",
    "11": "转出组织关系",
    "12": "其中整建制转出",
    "13": "本年底应有数",
    "14": "本年底实有数",
    "15": "实有数与应有数之差",
}
# Which 栏 of 本年减少 each 减少原因 counts in (its 其中 栏 too); a reason in none is in
# no 栏 of 7 and so shows in 15.
LEFT_COLUMNS: dict[str, tuple[str, ...]] = {
    **{kind: ("8",) for kind, group in LEFT_GROUP.items() if group == "出党"},
    "停止党籍": ("9",),
    "死亡": ("10",),
    "转出": ("11",),
    "整建制转出": ("11", "12"),
}
# Which 栏 of 本年增加 each 增加方式 of a member registered here after admission counts in.
JOIN_COLUMNS: dict[str, tuple[str, ...]] = {
    "恢复党籍": ("4",),
    "转入": ("5",),
    "整建制转入": ("5", "6"),
}

# The 年报's age bands (第二表), in completed years on 31 December: the tops of each band
# but the last. Not the 公报's bands (``domain.definitions.AGE_BANDS``).
ANNUAL_AGE_BANDS: tuple[str, ...] = ("35岁及以下", "36至45岁", "46至54岁", "55至59岁", "60岁及以上")
ANNUAL_AGE_TOPS: tuple[int, ...] = (35, 45, 54, 59)
# 发展党员情况's age bands.
ADMITTED_AGE_BANDS: tuple[str, ...] = ("35岁及以下", "36至59岁", "60岁及以上")
ADMITTED_AGE_TOPS: tuple[int, ...] = (35, 59)

# 入党时间 eras (第三表): the 公报 of 2014's seven eras, each ending on the last day of the
# month given (the form counts by month: "1949年9月及以前"). The 公报 since 2016 merges
# them into four: the first; the next three; the two after; the last.
JOIN_ERAS: tuple[tuple[str, str], ...] = (
    ("1949年9月及以前", "1949-09-30"),  # 新中国成立前
    ("1949年10月至1966年4月", "1966-04-30"),  # 新中国成立后至“文化大革命”前
    ("1966年5月至1976年10月", "1976-10-31"),  # “文化大革命”期间
    ("1976年11月至1978年12月", "1978-12-31"),  # 至党的十一届三中全会
    ("1979年1月至2002年10月", "2002-10-31"),  # 党的十一届三中全会后至党的十六大前
    ("2002年11月至2012年10月", "2012-10-31"),  # 党的十六大后至党的十八大前
    ("2012年11月及以后", ""),  # 党的十八大以来
)
# 第十三表 预备党员转正情况's columns that the data can tell.
MADE_FULL_COLUMNS: tuple[str, ...] = (
    "转正人数",
    "女",
    "少数民族",
    "35岁及以下",
    "取消预备党员资格",
)


def era_of(joined: pd.Series) -> pd.Series:
    """The index of each 入党日期's era in JOIN_ERAS; −1 where the date is missing."""
    index = pd.Series(0, index=joined.index, dtype="int64")
    for _, last in JOIN_ERAS[:-1]:
        index += (joined > pd.Timestamp(last)).fillna(False).astype("int64")
    return index.where(joined.notna(), -1)
