"""三会一课 compliance, attendance, volunteering and the activity calendar, by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from domain.rules import MEETING_RULES, MeetingRule
from metrics.orglife import (
    compliance_by_branch,
    compliance_by_rule,
    compliance_detail,
    daily_activity,
    judged_periods,
    orglife_figures,
)

D = pd.Timestamp("2018-11-30")
T = pd.Timestamp
# An activity of another branch long before: the records reach back over the 12 months.
EARLY = ("elsewhere", "主题党日", "2016-01-05")
QUARTERLY = (MeetingRule("支部党员大会", "Q", 1, "test"),)
COMMITTEE = (MeetingRule("支委会", "M", 1, "test", min_full_members=7),)


def _branches(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """(branch_id, org_type, founded_on)."""
    return pd.DataFrame(
        {
            "branch_id": [r[0] for r in rows],
            "name": [f"{r[0]}支部" for r in rows],
            "org_type": [r[1] for r in rows],
            "sector": "社区",
            "community": "甲社区",
            "founded_on": [T(r[2]) for r in rows],
            "dissolved_on": pd.NaT,
        }
    )


def _members(counts: dict[str, int]) -> pd.DataFrame:
    """``counts[branch]`` full members each, joined 2000 and full since 2001."""
    ids = [b for b, n in counts.items() for _ in range(n)]
    return pd.DataFrame(
        {
            "branch_id": ids,
            "joined_on": T("2000-01-01"),
            "registered_on": pd.NaT,
            "full_on": T("2001-01-01"),
            "left_on": pd.NaT,
        }
    )


def _activities(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """(branch_id, kind, date)."""
    return pd.DataFrame(
        {
            "branch_id": [r[0] for r in rows],
            "kind": [r[1] for r in rows],
            "date": pd.to_datetime([r[2] for r in rows]),
            "attendees": 5,
            "expected": 5,
            "hours": 1.0,
            "non_member_attendees": 0,
        }
    )


def test_only_whole_periods_ending_in_the_12_months_are_judged() -> None:
    quarters = [str(p) for p in judged_periods(D, "Q")]
    assert quarters == ["2017Q4", "2018Q1", "2018Q2", "2018Q3"]  # 2018Q4 is under way on D
    months = [str(p) for p in judged_periods(D, "M")]
    assert months[0] == "2017-12" and months[-1] == "2018-11" and len(months) == 12


def test_a_meeting_on_the_last_day_of_a_quarter_counts_for_that_quarter() -> None:
    days = ("2017-12-31", "2018-03-31", "2018-06-30", "2018-09-30")
    acts = _activities(("X", "主题党日", "2017-01-05"), *(("X", "支部党员大会", d) for d in days))
    detail = compliance_detail(
        _branches(("X", "党支部", "2010-01-01")), _members({"X": 3}), acts, D, QUARTERLY
    )
    assert detail["met"].tolist() == [True, True, True, True]


def test_a_meeting_before_the_12_months_counts_for_a_quarter_ending_in_them() -> None:
    """2017Q4 ends in the 12 months to D (2017-12-01 to 2018-11-30) and is judged whole:
    a meeting on 2017-10-15 is in it."""
    acts = _activities(("Z", "主题党日", "2017-01-05"), ("Z", "支部党员大会", "2017-10-15"))
    detail = compliance_detail(
        _branches(("Z", "党支部", "2010-01-01")), _members({"Z": 3}), acts, D, QUARTERLY
    )
    assert dict(zip(detail["period"], detail["held"], strict=True)) == {
        "2017Q4": 1, "2018Q1": 0, "2018Q2": 0, "2018Q3": 0
    }  # fmt: skip


def test_a_meeting_on_the_first_day_of_the_next_quarter_does_not() -> None:
    acts = _activities(
        ("Y", "主题党日", "2017-01-05"),  # the records start well before the 12 months
        ("Y", "支部党员大会", "2018-07-01"),
        ("Y", "支部党员大会", "2018-10-01"),
    )
    detail = compliance_detail(
        _branches(("Y", "党支部", "2010-01-01")), _members({"Y": 3}), acts, D, QUARTERLY
    )
    assert dict(zip(detail["period"], detail["met"], strict=True)) == {
        "2017Q4": False, "2018Q1": False, "2018Q2": False, "2018Q3": True
    }  # fmt: skip


def test_a_branch_founded_mid_quarter_is_judged_from_its_first_whole_quarter() -> None:
    branches = _branches(("Z", "党支部", "2018-05-15"))
    detail = compliance_detail(branches, _members({"Z": 3}), _activities(EARLY), D, QUARTERLY)
    assert detail["period"].tolist() == ["2018Q3"]
    assert detail["met"].tolist() == [False]


def test_a_branch_of_fewer_than_7_full_members_owes_no_committee_meetings() -> None:
    branches = _branches(("S", "党支部", "2010-01-01"), ("L", "党支部", "2010-01-01"))
    detail = compliance_detail(
        branches, _members({"S": 6, "L": 7}), _activities(EARLY), D, COMMITTEE
    )
    assert set(detail["branch_id"]) == {"L"}
    assert len(detail) == 12


def test_committees_and_general_branches_are_not_judged_as_branches() -> None:
    branches = _branches(("W", "党委", "2010-01-01"), ("V", "党总支", "2010-01-01"))
    assert compliance_detail(branches, _members({"W": 9}), _activities(), D).empty


def test_branch_rates_make_a_support_list_lowest_first() -> None:
    branches = _branches(("X", "党支部", "2010-01-01"), ("Y", "党支部", "2010-01-01"))
    acts = _activities(
        EARLY,
        *(
            ("X", "支部党员大会", d)
            for d in ("2017-12-01", "2018-02-01", "2018-05-01", "2018-08-01")
        ),
        ("Y", "支部党员大会", "2018-08-01"),
    )
    detail = compliance_detail(branches, _members({"X": 3, "Y": 3}), acts, D, QUARTERLY)
    table = compliance_by_branch(detail, branches, standard=0.8)
    assert table["branch_id"].tolist() == ["Y", "X"]
    assert table["rate"].tolist() == [0.25, 1.0]
    assert table["below"].tolist() == [True, False]
    assert table["支部党员大会"].tolist() == [0.25, 1.0]
    by_rule = compliance_by_rule(detail)
    assert by_rule.loc["支部党员大会"].tolist() == [8, 5, pytest.approx(5 / 8)]


def test_every_rule_names_its_source() -> None:
    for rule in MEETING_RULES:
        assert "《中国共产党支部工作条例（试行）》" in rule.source
        assert rule.freq in {"M", "Q"}


def test_orglife_figures_by_hand() -> None:
    acts = pd.DataFrame(
        {
            "branch_id": ["X", "X", "X", "X"],
            "kind": ["志愿服务", "志愿服务", "主题党日", "党课"],
            "date": [T("2018-11-30"), T("2018-01-10"), T("2018-06-01"), T("2017-11-30")],
            "attendees": [10, 4, 8, 9],
            "expected": [None, None, 10, 10],
            "hours": [2.5, 3.0, 2.0, 1.0],
            "non_member_attendees": [7, 3, None, 0],
        }
    )
    figures = orglife_figures(acts, D)
    # the 党课 on 2017-11-30 is exactly a year before D: outside the 12 months
    assert figures["activities"] == 3
    assert figures["volunteer_activities"] == 2
    assert figures["volunteer_hours"] == 10 * 2.5 + 4 * 3.0  # 37 person-hours
    assert figures["mass_participation"] == 10
    assert figures["attendance_rate"] == pytest.approx(8 / 10)


def test_activity_calendar_lists_every_day_of_the_year() -> None:
    acts = _activities(
        ("X", "主题党日", "2018-11-30"), ("Y", "党课", "2018-11-30"), ("X", "党课", "2017-12-01")
    )
    days = daily_activity(acts, D)
    assert len(days) == 365
    assert days.index[0] == T("2017-12-01") and days.index[-1] == D
    assert days[D] == 2 and days[T("2017-12-01")] == 1 and days.sum() == 3


def test_compliance_by_period_keeps_months_and_quarters_apart() -> None:
    from metrics.orglife import compliance_by_period

    rules = (*QUARTERLY, MeetingRule("主题党日", "M", 1, "test"))
    acts = _activities(EARLY, ("X", "支部党员大会", "2018-09-30"), ("X", "主题党日", "2018-11-02"))
    detail = compliance_detail(
        _branches(("X", "党支部", "2010-01-01")), _members({"X": 3}), acts, D, rules
    )
    table = compliance_by_period(detail).set_index("period")
    assert table.loc["2018Q3", ["freq", "due", "met"]].tolist() == ["Q", 1, 1]
    assert table.loc["2018-11", ["freq", "due", "met"]].tolist() == ["M", 1, 1]
    assert table.loc["2018-10", "rate"] == 0.0
    assert table.loc["2018Q3", "end"] == T("2018-09-30")
    assert len(table) == 12 + 4


def test_periods_before_the_first_activity_on_record_are_not_judged() -> None:
    acts = _activities(("X", "支部党员大会", "2018-05-10"))  # the records start in Q2
    detail = compliance_detail(
        _branches(("X", "党支部", "2010-01-01")), _members({"X": 3}), acts, D, QUARTERLY
    )
    assert detail["period"].tolist() == ["2018Q3"]  # Q2 began before the records did


def test_without_any_activity_on_record_nothing_is_judged() -> None:
    branches = _branches(("X", "党支部", "2010-01-01"))
    assert compliance_detail(branches, _members({"X": 3}), _activities(), D, QUARTERLY).empty


def test_a_branch_dissolved_by_the_as_of_date_is_not_judged() -> None:
    branches = _branches(("X", "党支部", "2010-01-01"), ("Y", "党支部", "2010-01-01"))
    branches.loc[1, "dissolved_on"] = T("2018-05-31")
    acts = _activities(("X", "支部党员大会", "2017-10-01"))
    detail = compliance_detail(branches, _members({"X": 3, "Y": 3}), acts, D, QUARTERLY)
    assert set(detail["branch_id"]) == {"X"}


def test_each_period_is_drawn_on_its_own_first_day_and_named_in_words() -> None:
    from figures.display_tables import periods_table
    from figures.orglife import compliance_trend

    by_period = pd.DataFrame(
        {
            "freq": ["M", "Q"],
            "period": ["2018-03", "2018Q3"],
            "end": pd.to_datetime(["2018-03-31", "2018-09-30"]),
            "due": [4, 2],
            "met": [3, 2],
            "rate": [0.75, 1.0],
        }
    )
    monthly, quarterly = compliance_trend(by_period, "zh").data
    assert pd.Timestamp(monthly.x[0]) == pd.Timestamp("2018-03-01")  # the 2018年3月 tick
    assert pd.Timestamp(quarterly.x[0]) == pd.Timestamp("2018-07-01")  # Q3 starts in July
    assert periods_table(by_period, "zh").iloc[:, 1].tolist() == ["月", "季度"]
