"""Membership over time, on the hand-checked dataset (see tests/small_dataset.py)."""

from __future__ import annotations

import pandas as pd

from domain.definitions import as_of_date
from metrics.membership import (
    active_count,
    active_counts,
    change_over_year,
    count_in_periods,
    flows,
    membership_series,
    new_members_between,
    period_bins,
    period_ends,
)

D = pd.Timestamp("2018-11-30")
YEAR_EARLIER = pd.Timestamp("2017-11-30")


def test_as_of_is_the_latest_activity(small: dict) -> None:
    assert as_of_date(small) == D


def test_active_full_and_probationary_on_d(small: dict) -> None:
    counts = active_counts(small["members"], [D]).iloc[0]
    assert (counts["active"], counts["full"], counts["probationary"]) == (5, 3, 2)


def test_active_a_year_earlier(small: dict) -> None:
    assert active_count(small["members"], YEAR_EARLIER) == 4


def test_active_counts_match_a_day_by_day_count(small: dict) -> None:
    m = small["members"]
    days = pd.date_range("2016-01-01", D, freq="17D")
    fast = active_counts(m, days)["active"]
    start = m["registered_on"].fillna(m["joined_on"])
    slow = [int(((start <= d) & (m["left_on"].isna() | (m["left_on"] > d))).sum()) for d in days]
    assert fast.tolist() == slow


def test_period_ends_cut_at_the_as_of_date() -> None:
    ends = period_ends(pd.Timestamp("2018-01-01"), pd.Timestamp("2018-11-15"), "Q")
    assert [d.strftime("%Y-%m-%d") for d in ends] == [
        "2018-03-31",
        "2018-06-30",
        "2018-09-30",
        "2018-11-15",
    ]


def test_monthly_series_ends_on_d(small: dict) -> None:
    series = membership_series(small["members"], pd.Timestamp("2018-01-01"), D, "M")
    assert len(series) == 11
    assert series.index[-1] == D
    # end of February: m7 died on 2018-02-10, m2 not yet joined: m1 m4 m5 m8
    assert series.loc[pd.Timestamp("2018-02-28"), "active"] == 4
    # end of March: m2 joined, m3 transferred in: 6
    assert series.loc[pd.Timestamp("2018-03-31"), "active"] == 6


def test_flows_by_year(small: dict) -> None:
    f = flows(small["members"], pd.Timestamp("2017-01-01"), D, "Y")
    y2017, y2018 = f.iloc[0], f.iloc[1]
    assert (y2017["new"], y2017["transfer_in"], y2017["转出"], y2017["死亡"], y2017["net"]) == (
        1,
        0,
        1,
        0,
        0,
    )
    assert (y2018["new"], y2018["transfer_in"], y2018["转出"], y2018["死亡"], y2018["net"]) == (
        1,
        1,
        1,
        1,
        0,
    )
    assert (y2018["inflow"], y2018["outflow"]) == (2, 2)
    assert (y2018["active_start"], y2018["active_end"]) == (5, 5)


def test_flows_add_up_to_the_change_in_active_members(small: dict) -> None:
    f = flows(small["members"], pd.Timestamp("2016-01-01"), D, "M")
    assert (f["active_end"] - f["active_start"] == f["net"]).all()


def test_growth_rate_is_net_over_members_at_the_start(small: dict) -> None:
    f = flows(small["members"], pd.Timestamp("2018-03-01"), pd.Timestamp("2018-03-31"), "M")
    # on 28 Feb: m1 m4 m5 m8 (4); in March m2 joins and m3 transfers in: +2
    assert f["active_start"].iat[0] == 4
    assert f["growth_rate"].iat[0] == 0.5


def test_change_over_a_year(small: dict) -> None:
    assert change_over_year(small["members"], D) == {
        "active": 5,
        "active_year_earlier": 4,
        "change": 1,
        "rate": 0.25,
    }


def test_new_members_exclude_transfers(small: dict) -> None:
    assert new_members_between(small["members"], pd.Timestamp("2018-01-01"), D) == 1  # m2, not m3
    assert (
        new_members_between(small["members"], YEAR_EARLIER + pd.Timedelta(days=1), D) == 2
    )  # m2, m8


def test_an_event_the_day_after_the_as_of_date_is_not_counted(small: dict) -> None:
    # m5 left on 2018-08-31 (转出); periods ending 2018-08-30 must not count it, though the
    # last period's edge is the day after, 2018-08-31
    on = pd.Timestamp("2018-08-30")
    f = flows(small["members"], pd.Timestamp("2018-01-01"), on, "Q")
    assert f["转出"].sum() == 0
    assert f["active_end"].iat[-1] - f["active_start"].iat[0] == f["net"].sum()


def test_count_in_periods_takes_each_period_as_first_day_to_last_day() -> None:
    _, bins = period_bins(pd.Timestamp("2018-01-01"), pd.Timestamp("2018-06-30"), "Q")
    dates = pd.Series(pd.to_datetime(["2018-01-01", "2018-03-31", "2018-04-01", "2018-06-30",
                                      "2018-07-01", "2017-12-31"]))  # fmt: skip
    # Q1: 1 Jan and 31 Mar; Q2 (to 30 Jun): 1 Apr and 30 Jun; 1 Jul and 31 Dec 2017 in none
    assert count_in_periods(dates, bins).tolist() == [2, 2]
