"""A dataset built to trigger each organisational-health rule exactly once. D = 2018-11-30.

Organisations (党支部 unless said; founded 2010-01-01, 届满 2021-01-01 unless said):
  A 届满 2018-11-01: term_overdue (29 days)         B 届满 2019-01-15: term_due (46 days)
  C 2 full members: few_full_members               E 50 members: too_many_members
  F last activity 2018-06-30: no_activity          G a 预备党员 joined 2017-10-01: probation_overdue
  H three members born 1948: ageing (median 70)    I founded 2018-10-01, no activity: no rule
  P a 党委 with no members: no rule
Everyone else: born 1978-01-01 (40), joined 2000-01-01, full 2001-01-01; 3 members each.
Every branch but F and I has an activity on 2018-11-15; A has one on D.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import csv_text


def _branch(
    bid: str, org_type: str = "党支部", founded: str = "2010-01-01", term: str = "2021-01-01"
):
    return {
        "组织编号": bid,
        "组织名称": f"{bid}党支部",
        "组织类型": org_type,
        "所属领域": "社区",
        "上级组织编号": "" if bid == "P" else "P",
        "所在社区": "甲社区",
        "成立日期": founded,
        "届满日期": term,
    }


def _member(mid: str, bid: str, born: str = "1978-01-01", joined: str = "2000-01-01",
            full: str = "2001-01-01", registered: str = "") -> dict[str, str]:  # fmt: skip
    return {
        "党员编号": mid,
        "组织编号": bid,
        "性别": "男",
        "出生日期": born,
        "入党日期": joined,
        "转正日期": full,
        "转入日期": registered,
    }


def tables() -> dict[str, list[dict[str, str]]]:
    branches = [
        _branch("P", "党委"),
        _branch("A", term="2018-11-01"),
        _branch("B", term="2019-01-15"),
        *(_branch(b) for b in "CEFGH"),
        _branch("I", founded="2018-10-01"),
    ]
    size = {"A": 3, "B": 3, "C": 2, "E": 50, "F": 3, "G": 3, "H": 3, "I": 3}
    members = []
    for bid, n in size.items():
        for i in range(n):
            born = "1948-01-01" if bid == "H" else "1978-01-01"
            registered = "2018-10-01" if bid == "I" else ""
            members.append(_member(f"{bid}{i}", bid, born=born, registered=registered))
    members.append(_member("G-late", "G", born="1990-01-01", joined="2017-10-01", full=""))
    activities = [
        {
            "活动编号": f"X{bid}",
            "组织编号": bid,
            "活动日期": "2018-11-15",
            "活动类型": "主题党日",
            "实到人数": "3",
            "应到人数": "3",
        }
        for bid in "ABCEGH"
    ]
    activities.append({**activities[0], "活动编号": "XA2", "活动日期": "2018-11-30"})
    activities.append(
        {**activities[0], "活动编号": "XF", "组织编号": "F", "活动日期": "2018-06-30"}
    )
    return {"branches": branches, "members": members, "participation": activities}


def write(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables().items():
        (folder / f"{name}.csv").write_text(csv_text(rows), encoding="utf-8")
    return folder
