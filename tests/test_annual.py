"""党内统计年报 表一 (``queries.annual.table1``) on a roster worked out by hand, Y = 2018.

| member | 入党 | 转入 | 减少 | 原因 | counted in |
|---|---|---|---|---|---|
| a | 2010-01-01 | | | | 1, 14 |
| b | 2018-01-01 (the year's first day) | | | | 3, 14 |
| c | 2018-12-31 (its last day) | | | | 3, 14 |
| d | 2015-01-01 | 2018-06-01 | | | 5, 14 |
| e | 2010-01-01 | | 2017-12-31 (Y−1's last day: not in Y) | 转出 | none |
| f | 2010-01-01 | | 2018-12-31 (in Y) | 死亡 | 1, 10 |
| g | 2010-01-01 | | 2018-03-01 | 出党 | 1, 8 |
| h | 2010-01-01 | | 2018-05-01 | 转出 | 1, 11 |
| i | 2010-01-01 | | 2018-07-01 | 其他 (in no 栏) | 1: the difference in 15 |
| j | 2019-01-05 (Y+1) | | | | none |
| k | 2010-01-01 | | 2019-02-01 (Y+1) | 转出 | 1, 14 |
| l | 2012-01-01 | 2018-12-31 | | | 5, 14 |
| m | 2018-01-01 | 2018-01-01 (the day admitted) | | | 3, 14 |

1 = a f g h i k = 6; 3 = b c m = 3; 5 = d l = 2; 2 = 5; 8 = 1 (g); 10 = 1 (f); 11 = 1 (h);
7 = 3; 13 = 6 + 5 − 3 = 8; 14 = a b c d k l m = 7; 15 = 7 − 8 = −1, behind it: i.
"""

from __future__ import annotations

import pandas as pd

from domain.contract import LEFT_REASONS
from queries.annual import table1, table1_checks

ROWS = [
    ("a", "2010-01-01", None, None, None),
    ("b", "2018-01-01", None, None, None),
    ("c", "2018-12-31", None, None, None),
    ("d", "2015-01-01", "2018-06-01", None, None),
    ("e", "2010-01-01", None, "2017-12-31", "转出"),
    ("f", "2010-01-01", None, "2018-12-31", "死亡"),
    ("g", "2010-01-01", None, "2018-03-01", "出党"),
    ("h", "2010-01-01", None, "2018-05-01", "转出"),
    ("i", "2010-01-01", None, "2018-07-01", "其他"),
    ("j", "2019-01-05", None, None, None),
    ("k", "2010-01-01", None, "2019-02-01", "转出"),
    ("l", "2012-01-01", "2018-12-31", None, None),
    ("m", "2018-01-01", "2018-01-01", None, None),
]
MEMBERS = pd.DataFrame(
    {
        "member_id": [r[0] for r in ROWS],
        "joined_on": pd.to_datetime([r[1] for r in ROWS]),
        "registered_on": pd.to_datetime([r[2] for r in ROWS]),
        "left_on": pd.to_datetime([r[3] for r in ROWS]),
        "left_reason": pd.Categorical([r[4] for r in ROWS], categories=list(LEFT_REASONS)),
    }
)
LATEST = pd.Timestamp("2019-02-01")


def test_table1_of_a_complete_year_by_hand() -> None:
    t = table1(MEMBERS, 2018, LATEST)
    assert t.end == pd.Timestamp("2018-12-31")
    expected = {"1": 6, "2": 5, "3": 3, "4": 0, "5": 2, "6": 0, "7": 3, "8": 1, "9": 0,
                "10": 1, "11": 1, "12": 0, "13": 8, "14": 7, "15": -1}  # fmt: skip
    assert t.columns == expected


def test_a_leave_for_a_reason_in_no_column_is_the_difference_and_its_record_is_listed() -> None:
    assert table1(MEMBERS, 2018, LATEST).difference_records == ("i",)


def test_the_checks_hold_but_the_difference_is_flagged() -> None:
    checks = {c["rule"]: c["ok"] for c in table1_checks(table1(MEMBERS, 2018, LATEST))}
    assert checks == {
        "2 = 3 + 4 + 5": True,
        "7 = 8 + 9 + 10 + 11": True,
        "13 = 1 + 2 - 7": True,
        "15 = 14 - 13": True,
        "15 = 0": False,
    }


def test_a_year_the_data_has_not_reached_ends_at_its_latest_date() -> None:
    """To 2018-06-30: in b m (3) and d (5); out g (8) and h (11); i leaves after it."""
    t = table1(MEMBERS, 2018, pd.Timestamp("2018-06-30"))
    assert t.end == pd.Timestamp("2018-06-30")
    c = t.columns
    assert (c["1"], c["3"], c["5"], c["8"], c["11"], c["7"], c["13"], c["14"], c["15"]) == (
        6, 2, 1, 1, 1, 2, 7, 7, 0,
    )  # fmt: skip
    assert t.difference_records == ()
