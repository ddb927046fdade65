# ruff: noqa: E501  (the roster is a table, a record to a line)
"""党内统计年报 (``queries.annual``) on a roster worked out by hand, Y = 2018, year's end
2018-12-31, the data reaching 2019-02-01.

Organisations (type, sector, founded, dissolved): P1 党委 社区 2000; S1 党支部 社区 under P1;
S2 党支部 非公企业 under P1, founded 2018-06-01 (during Y); Q1 党总支 国有企业 2005; S3 党支部
国有企业 under Q1, dissolved 2018-09-30 (during Y); S4 党支部 楼宇 under Q1, founded
2019-03-01 (Y+1). On 2018-12-31: 党委 1 (P1), 党总支 1 (Q1), 党支部 2 (S1, S2).

| member | org | 入党 | 转正 | 转入 (增加方式) | 减少 (原因) | 表一 |
|---|---|---|---|---|---|---|
| a | S1 | 2010-01-01 | 2011 | | | 1, 14 |
| b | S1 | 2018-01-01 (Y's first day) | | | | 3, 14 |
| c | S2 | 2018-12-31 (Y's last day) | | | | 3, 14 |
| d | S1 | 2015-01-01 | 2016 | 2018-06-01 (after admission) | | 5, 14 |
| e | S1 | 1975-03-01 | 1976 | | 2017-12-31 转出 (Y−1: not in Y) | none |
| f | S1 | 1948-05-01 | 1949 | | 2018-12-31 死亡 (in Y) | 1, 10 |
| g | S1 | 2005-01-01 | 2006 | | 2018-03-01 开除党籍 | 1, 8 |
| h | S3 | 2008-01-01 | 2009 | | 2018-05-01 整建制转出 | 1, 11, 12 |
| i | S1 | 1995-01-01 | 1996 | | 2018-07-01 其他 | 1, difference |
| j | S1 | 2019-01-05 (Y+1) | | | | none |
| k | Q1 | 2010-01-01 | 2011 | | 2019-02-01 转出 (Y+1) | 1, 14 |
| l | Q1 | 2012-01-01 | 2013 | 2018-12-31 (整建制转入) | | 5, 6, 14 |
| m | S1 | 2018-01-01 | | 2018-01-01 (the day admitted) | | 3, 14 |
| n | S1 | 1990-01-01 | 1991 | | 2018-08-01 停止党籍 | 1, 9 |
| o | S1 | 2017-10-01 | | | 2018-09-01 取消预备党员资格 | 1, 8 |
| p | Q1 | 2000-01-01 | 2001 | 2018-04-01 (恢复党籍) | | 4, 14 |
| q | S1 | 2000-01-01 | 2001 | | 2018-10-01 转出 | 1, 11 |
| r | S1 | 2001-01-01 | 2002 | | 2018-11-11 (blank) | 1, difference |
| s | S1 | 2017-04-01 | 2018-04-01 | | | 1, 14 |
| t | S1 | 2017-07-01 | 2018-07-01 | 2018-09-01 (转入) | | 5, 14 |
| u | S1 | 1949-09-30 | 1950 | | | 1, 14 |
| v | S1 | 1949-10-01 | 1950 | | | 1, 14 |

表一: 1 = a f g h i k n o q r s u v = 13; 3 = b c m = 3; 4 = p = 1; 5 = d l t = 3; 6 = l = 1;
2 = 7; 8 = g o = 2; 9 = n = 1; 10 = f = 1; 11 = h q = 2; 12 = h = 1; 7 = 6;
13 = 13 + 7 − 6 = 14; 14 = a b c d k l m p s t u v = 12; 15 = −2, behind it i and r.

第二表 (the 12 on 2018-12-31; age in completed years then): a 35 (born 1983-12-31), b 36
(1982-12-31), c 28, d 46 (1972-12-31), k 55 (1963-12-31), l 45 (1973-01-01), m 35
(1983-01-01), p 60 (1958-12-31), s 22, t 28, u 93, v 92. 合计: 12; 女 a c l s v = 5; 少数民族
b (壮族) s (回族) = 2; 35岁及以下 a c m s t = 5, 36至45岁 b l = 2, 46至54岁 d = 1, 55至59岁
k = 1, 60岁及以上 p u v = 3. k has no occupation: the occupations sum to 11, not 12.

第四表 学历: 研究生 c, 大学本科 a k l s t, 大学专科 d m, 高中 b, 初中及以下 u v; p has none
(11 of 12). 第三表 入党时间: 1949年9月及以前 u, 1949年10月至1966年4月 v, 1979年1月至2002年10月
p, 2002年11月至2012年10月 a k l, 2012年11月及以后 b c d m s t.

发展党员 (b c m): 女 c; 少数民族 b; 35岁及以下 c m, 36至59岁 b; 研究生 c, 大学专科 m, 高中 b.
转正 in 2018 here: s (t was made full before it was registered here); 取消预备党员资格: o.
"""

from __future__ import annotations

import pandas as pd
import pytest

from domain.annual import ANNUAL_AGE_BANDS, JOIN_ERAS
from domain.contract import JOIN_KINDS, LEFT_KINDS, OCCUPATIONS
from metrics.scope import grouped, restrict
from queries.annual import annual, as_json, last_complete_year, table1, year_end
from queries.scope import within

BRANCHES = pd.DataFrame(
    {
        "branch_id": ["P1", "S1", "S2", "Q1", "S3", "S4"],
        "name": [
            "甲社区党委",
            "甲社区第一支部",
            "乙公司支部",
            "丙公司总支",
            "丁车间支部",
            "戊楼宇支部",
        ],
        "org_type": ["党委", "党支部", "党支部", "党总支", "党支部", "党支部"],
        "sector": ["社区", "社区", "非公企业", "国有企业", "国有企业", "楼宇"],
        "parent_id": [None, "P1", "P1", None, "Q1", "Q1"],
        "community": ["甲社区"] * 3 + [None] * 3,
        "founded_on": pd.to_datetime(
            ["2000-01-01", "2000-01-01", "2018-06-01", "2005-01-01", "2005-01-01", "2019-03-01"]
        ),
        "dissolved_on": pd.to_datetime([None, None, None, None, "2018-09-30", None]),
    }
)
# member, org, sex, ethnicity, education, occupation, birth, joined, full, registered, left,
# reason, 增加方式
ROWS = [
    ("a", "S1", "女", "汉族", "大学本科", "工人", "1983-12-31", "2010-01-01", "2011-01-01", None, None, None, None),
    ("b", "S1", "男", "壮族", "高中", "农牧渔民", "1982-12-31", "2018-01-01", None, None, None, None, None),
    ("c", "S2", "女", "汉族", "研究生", "专业技术人员", "1990-06-15", "2018-12-31", None, None, None, None, None),
    ("d", "S1", "男", "汉族", "大学专科", "管理人员", "1972-12-31", "2015-01-01", "2016-01-01", "2018-06-01", None, None, None),
    ("e", "S1", "男", "汉族", "中专", "离退休人员", "1950-01-01", "1975-03-01", "1976-03-01", None, "2017-12-31", "转出", None),
    ("f", "S1", "男", "汉族", "初中及以下", "离退休人员", "1928-05-05", "1948-05-01", "1949-05-01", None, "2018-12-31", "死亡", None),
    ("g", "S1", "男", "汉族", "高中", "工人", "1980-01-01", "2005-01-01", "2006-01-01", None, "2018-03-01", "开除党籍", None),
    ("h", "S3", "女", "汉族", "大学本科", "专业技术人员", "1985-05-05", "2008-01-01", "2009-01-01", None, "2018-05-01", "整建制转出", None),
    ("i", "S1", "男", "汉族", "高中", "其他职业人员", "1970-01-01", "1995-01-01", "1996-01-01", None, "2018-07-01", "其他", None),
    ("j", "S1", "女", "汉族", "大学本科", "学生", "1998-01-01", "2019-01-05", None, None, None, None, None),
    ("k", "Q1", "男", "汉族", "大学本科", None, "1963-12-31", "2010-01-01", "2011-01-01", None, "2019-02-01", "转出", None),
    ("l", "Q1", "女", "汉族", "大学本科", "管理人员", "1973-01-01", "2012-01-01", "2013-01-01", "2018-12-31", None, None, "整建制转入"),
    ("m", "S1", "男", "汉族", "大学专科", "工人", "1983-01-01", "2018-01-01", None, "2018-01-01", None, None, None),
    ("n", "S1", "男", "汉族", "高中", "其他职业人员", "1960-01-01", "1990-01-01", "1991-01-01", None, "2018-08-01", "停止党籍", None),
    ("o", "S1", "女", "汉族", "高中", "工人", "1995-01-01", "2017-10-01", None, None, "2018-09-01", "取消预备党员资格", None),
    ("p", "Q1", "男", "汉族", None, "离退休人员", "1958-12-31", "2000-01-01", "2001-01-01", "2018-04-01", None, None, "恢复党籍"),
    ("q", "S1", "男", "汉族", "大学本科", "管理人员", "1975-01-01", "2000-01-01", "2001-01-01", None, "2018-10-01", "转出", None),
    ("r", "S1", "男", "汉族", "高中", "工人", "1978-01-01", "2001-01-01", "2002-01-01", None, "2018-11-11", None, None),
    ("s", "S1", "女", "回族", "大学本科", "学生", "1996-03-03", "2017-04-01", "2018-04-01", None, None, None, None),
    ("t", "S1", "男", "汉族", "大学本科", "专业技术人员", "1990-02-02", "2017-07-01", "2018-07-01", "2018-09-01", None, None, "转入"),
    ("u", "S1", "男", "汉族", "初中及以下", "离退休人员", "1925-01-01", "1949-09-30", "1950-09-30", None, None, None, None),
    ("v", "S1", "女", "汉族", "初中及以下", "离退休人员", "1926-01-01", "1949-10-01", "1950-10-01", None, None, None, None),
]  # fmt: skip
COLS = ("member_id", "branch_id", "gender", "ethnicity", "education", "occupation",
        "birth_date", "joined_on", "full_on", "registered_on", "left_on", "left_reason",
        "joined_by")  # fmt: skip
DATES = ("birth_date", "joined_on", "full_on", "registered_on", "left_on")
RAW = pd.DataFrame(ROWS, columns=list(COLS))
MEMBERS = RAW.assign(
    **{c: pd.to_datetime(RAW[c]) for c in DATES},
    left_reason=pd.Categorical(RAW["left_reason"], categories=list(LEFT_KINDS)),
    joined_by=pd.Categorical(RAW["joined_by"], categories=list(JOIN_KINDS)),
)
TABLES = {"branches": BRANCHES, "members": MEMBERS}
LATEST = pd.Timestamp("2019-02-01")
REPORT = annual(TABLES, 2018, LATEST)


def test_table1_by_hand() -> None:
    expected = {"1": 13, "2": 7, "3": 3, "4": 1, "5": 3, "6": 1, "7": 6, "8": 2, "9": 1,
                "10": 1, "11": 2, "12": 1, "13": 14, "14": 12, "15": -2}  # fmt: skip
    assert REPORT.table1 == expected
    assert REPORT.end == pd.Timestamp("2018-12-31") and REPORT.complete


def test_the_records_behind_the_difference_are_the_leaves_in_no_column() -> None:
    diff = REPORT.difference
    assert list(diff["member_id"]) == ["i", "r"]
    assert list(diff["branch"]) == ["甲社区第一支部", "甲社区第一支部"]
    assert list(diff["left_on"]) == [pd.Timestamp("2018-07-01"), pd.Timestamp("2018-11-11")]
    assert list(diff["left_reason"].fillna("")) == ["其他", ""]
    assert "name" not in diff.columns


def test_table2_rows_and_bands_by_hand() -> None:
    occ = REPORT.by_occupation
    bands = list(ANNUAL_AGE_BANDS)
    assert occ.loc["合计", ["total", "female", "minority"]].tolist() == [12, 5, 2]
    assert occ.loc["合计", bands].tolist() == [5, 2, 1, 1, 3]
    assert occ.loc["工人", ["total", "female", "minority", *bands]].tolist() == [
        2,
        1,
        0,
        2,
        0,
        0,
        0,
        0,
    ]
    assert occ.loc["农牧渔民", ["total", "minority", "36至45岁"]].tolist() == [1, 1, 1]
    assert occ.loc["管理人员", ["total", "female", "36至45岁", "46至54岁"]].tolist() == [2, 1, 1, 1]
    assert occ.loc["离退休人员", ["total", "female", "60岁及以上"]].tolist() == [3, 1, 3]
    assert occ.loc["党政机关工作人员", "total"] == 0
    assert list(occ.index) == [*OCCUPATIONS, "合计"]


def test_a_35th_birthday_on_31_december_is_35_and_a_36th_is_36() -> None:
    """a (born 1983-12-31) is 35 and m (1983-01-01) 35; b (1982-12-31) is 36."""
    assert REPORT.by_occupation.loc["工人", "35岁及以下"] == 2  # a and m
    assert REPORT.by_occupation.loc["农牧渔民", "36至45岁"] == 1  # b


def test_education_and_join_eras_by_hand() -> None:
    edu = REPORT.education
    assert edu.loc["合计"].tolist() == [12, 1, 5, 2, 0, 1, 2]
    assert edu.loc["女"].tolist() == [5, 1, 3, 0, 0, 0, 1]
    assert edu.loc["少数民族"].tolist() == [2, 0, 1, 0, 0, 1, 0]
    eras = REPORT.eras
    assert list(eras.columns) == ["合计", *(n for n, _ in JOIN_ERAS)]
    assert eras.loc["合计"].tolist() == [12, 1, 1, 0, 0, 1, 3, 6]


def test_the_admitted_by_hand() -> None:
    new = REPORT.admitted.loc["合计"]
    assert new[["total", "female", "minority"]].tolist() == [3, 1, 1]
    assert new[["35岁及以下", "36至59岁", "60岁及以上"]].tolist() == [2, 1, 0]
    assert new[["研究生", "大学本科", "大学专科", "中专", "高中", "初中及以下"]].tolist() == [
        1,
        0,
        1,
        0,
        1,
        0,
    ]
    assert REPORT.admitted.loc[["工人", "农牧渔民", "专业技术人员"], "total"].tolist() == [1, 1, 1]


def test_made_full_counts_only_those_made_full_here() -> None:
    assert REPORT.made_full == {"转正人数": 1, "女": 1, "少数民族": 1, "35岁及以下": 1,
                                "取消预备党员资格": 1}  # fmt: skip


def test_organisations_in_existence_at_the_years_end() -> None:
    orgs = REPORT.organisations
    assert orgs.loc["合计"].tolist() == [1, 1, 2, 4]
    assert orgs.loc["社区"].tolist() == [1, 0, 1, 2]
    assert orgs.loc["非公企业", "党支部"] == 1  # S2, founded during Y
    assert orgs.loc["国有企业"].tolist() == [0, 1, 0, 1]  # S3 dissolved during Y
    assert orgs.loc["楼宇", "合计"] == 0  # S4 founded in Y+1


def test_every_check_with_its_numbers_and_the_records_of_a_failure() -> None:
    checks = {c.key: c for c in REPORT.checks}
    failed = {k for k, c in checks.items() if not c.ok}
    assert failed == {"reconciled", "table2_rows", "education"}
    assert (checks["reconciled"].left, checks["reconciled"].right) == (12, 14)
    assert checks["reconciled"].records == ("i", "r")
    assert (checks["table2_rows"].left, checks["table2_rows"].right) == (11, 12)
    assert checks["table2_rows"].records == ("k",)
    assert checks["education"].records == ("p",)
    assert (checks["previous"].left, checks["previous"].right) == (13, 13)
    assert (checks["admitted_total"].left, checks["admitted_total"].right) == (3, 3)


def test_the_report_of_one_partys_committee_counts_its_organisations_only() -> None:
    """P1's scope: P1, S1, S2. 1 = a f g i n o q r s u v = 11; 3 = b c m; 5 = d t; 8 = g o;
    9 = n; 10 = f; 11 = q; 13 = 11 + 5 − 5 = 11; 14 = a b c d m s t u v = 9; 15 = −2."""
    scope, _ = within(BRANCHES, ("P1",))
    report = annual(restrict(grouped(TABLES), scope), 2018, LATEST)
    expected = {"1": 11, "2": 5, "3": 3, "4": 0, "5": 2, "6": 0, "7": 5, "8": 2, "9": 1,
                "10": 1, "11": 1, "12": 0, "13": 11, "14": 9, "15": -2}  # fmt: skip
    assert report.table1 == expected
    assert report.organisations.loc["合计"].tolist() == [1, 0, 2, 3]


def test_a_year_the_data_has_not_reached_ends_at_its_latest_date() -> None:
    report = annual(TABLES, 2019, LATEST)
    assert report.end == LATEST and not report.complete
    assert report.table1["1"] == 12  # 2018's 14
    assert report.table1["3"] == 1  # j, 2019-01-05
    assert report.table1["11"] == 1  # k, on the latest date itself


def test_the_last_complete_year() -> None:
    assert last_complete_year(pd.Timestamp("2018-11-30")) == 2017
    assert last_complete_year(pd.Timestamp("2018-12-31")) == 2018
    assert year_end(2018, pd.Timestamp("2018-11-30")) == pd.Timestamp("2018-11-30")


def test_rows_the_data_cannot_tell_are_named() -> None:
    """Today's files: no 增加方式, and only the four old 减少原因."""
    old = MEMBERS.assign(
        joined_by=pd.Categorical([None] * len(MEMBERS), categories=list(JOIN_KINDS)),
        left_reason=MEMBERS["left_reason"]
        .astype(object)
        .where(MEMBERS["left_reason"].astype(object).isin(["转出", "死亡", "其他"]), "出党")
        .where(MEMBERS["left_on"].notna()),
    ).drop(columns="joined_by")
    report = annual({"branches": BRANCHES, "members": old}, 2018, LATEST)
    assert report.untold == ("4", "6", "9", "12")
    assert REPORT.untold == ()
    assert report.table1["4"] == report.table1["6"] == report.table1["9"] == 0


def test_table1_alone_agrees_with_the_report() -> None:
    assert table1(MEMBERS, 2018, LATEST) == REPORT.table1


@pytest.mark.parametrize("year", [2017, 2018])
def test_the_json_has_exactly_the_documented_shape(year: int) -> None:
    out = as_json(annual(TABLES, year, LATEST), "P1")
    assert list(out) == ["year", "as_of", "scope", "table1", "members_by_occupation",
                         "admitted", "made_full", "organisations", "difference_records",
                         "checks"]  # fmt: skip
    assert list(out["table1"]) == [str(n) for n in range(1, 16)]
    assert list(out["members_by_occupation"]) == ["合计", *OCCUPATIONS]
    assert list(out["members_by_occupation"]["合计"]) == [
        "total", "female", "minority", "35_and_under", "36_45", "46_54", "55_59", "60_and_over"
    ]  # fmt: skip
    assert list(out["admitted"]) == ["total", "female", "minority", "35_and_under", "36_59",
                                     "60_and_over", "研究生", "大学本科", "大学专科", "中专",
                                     "高中", "初中及以下"]  # fmt: skip
    assert list(out["organisations"]) == ["党委", "党总支", "党支部"]
    assert all(set(c) == {"rule", "ok"} for c in out["checks"])
    assert all(type(v) is int for v in out["table1"].values())


def test_the_json_figures_by_hand() -> None:
    out = as_json(REPORT, None)
    assert out["scope"] is None and out["as_of"] == "2018-12-31"
    assert out["members_by_occupation"]["合计"] == {"total": 12, "female": 5, "minority": 2,
        "35_and_under": 5, "36_45": 2, "46_54": 1, "55_59": 1, "60_and_over": 3}  # fmt: skip
    assert out["made_full"] == 1
    assert out["organisations"] == {"党委": 1, "党总支": 1, "党支部": 2}
    assert out["difference_records"] == ["i", "r"]
    assert {"rule": "13 = 1 + 2 - 7", "ok": True} in out["checks"]


def test_a_roster_with_how_members_came_and_the_finer_reasons_reads_and_counts(
    valid: dict, write_dataset
) -> None:
    """M3 (转入 2012, left 2018-06-30) 整建制转出 → 11 and 12; M1 transferred in on
    2018-03-01 (admitted 2005) by 恢复党籍 → 4; 开除党籍 is kept as itself, not 出党."""
    from ingest import load_dataset

    members = valid["members"]
    for row in members:
        row["增加方式"] = ""
    members[0].update({"转入日期": "2018-03-01", "增加方式": "恢复党籍"})
    members[2]["减少原因"] = "整建制转出组织关系"  # the national system's words
    members.append({**members[1], "党员编号": "M4", "姓名": "赵六", "入党日期": "2010-01-01",
                    "转正日期": "2011-01-01", "减少日期": "2018-04-01", "减少原因": "开除党籍"})  # fmt: skip
    result = load_dataset([write_dataset(valid)], salt="annual")
    assert result.ok, result.report
    read = result.tables["members"].set_index("member_id")
    assert read.loc["M3", "left_reason"] == "整建制转出"
    assert read.loc["M4", "left_reason"] == "开除党籍"
    assert read.loc["M1", "joined_by"] == "恢复党籍"
    c = table1(result.tables["members"], 2018, pd.Timestamp("2018-11-30"))
    assert (c["4"], c["8"], c["11"], c["12"], c["15"]) == (1, 1, 1, 1, 0)


def test_todays_rosters_without_the_new_columns_still_read(valid: dict, write_dataset) -> None:
    from ingest import load_dataset

    result = load_dataset([write_dataset(valid)], salt="annual")
    assert result.ok and "joined_by" in result.tables["members"]
    assert result.tables["members"]["joined_by"].isna().all()
