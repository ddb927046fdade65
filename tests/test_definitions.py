"""The shared definitions, checked against values worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from domain.definitions import (
    age_band,
    age_on,
    as_of_date,
    is_active,
    is_college_or_above,
    is_id_number,
    is_minority,
    is_probationary,
    members_per_branch,
    trend_start,
    year_earlier,
    year_start,
)
from ingest.privacy import looks_like_id_number, malformed_id_numbers

D = pd.Timestamp("2018-11-30")
NAT = pd.NaT


def _members(rows: list[tuple]) -> pd.DataFrame:
    """rows of (joined_on, registered_on, left_on, full_on)."""
    frame = pd.DataFrame(rows, columns=["joined_on", "registered_on", "left_on", "full_on"])
    return frame.apply(pd.to_datetime).astype("datetime64[us]")


def test_active_on_a_day_edges() -> None:
    m = _members(
        [
            ("2018-11-30", NAT, NAT, NAT),  # joined on D: active
            ("2018-12-01", NAT, NAT, NAT),  # joins after D: not yet
            ("2000-01-01", "2018-11-30", NAT, NAT),  # registered on D: active
            ("2000-01-01", "2018-12-01", NAT, NAT),  # registered after D, joined long before: not
            ("2000-01-01", NAT, "2018-11-30", NAT),  # left on D: not active
            ("2000-01-01", NAT, "2018-12-01", NAT),  # leaves after D: active
        ]
    )
    assert is_active(m, D).tolist() == [True, False, True, False, False, True]


def test_probationary_until_the_day_made_full() -> None:
    m = _members(
        [
            ("2018-01-01", NAT, NAT, NAT),
            ("2017-01-01", NAT, NAT, "2018-11-30"),
            ("2017-01-01", NAT, NAT, "2018-12-01"),
        ]
    )
    assert is_probationary(m, D).tolist() == [True, False, True]


@pytest.mark.parametrize(
    ("birth", "age"),
    [("1988-11-30", 30), ("1988-12-01", 29), ("1988-11-29", 30), ("2000-02-29", 18)],
)
def test_age_in_completed_years_birthday_counts(birth: str, age: int) -> None:
    assert age_on(pd.Series([pd.Timestamp(birth)]), D).iat[0] == age


def test_age_on_one_day_or_a_column_of_days_agrees() -> None:
    births = pd.Series(pd.to_datetime(["1988-11-30", "1988-12-01", None, "2000-02-29"]))
    one_day = age_on(births, np.datetime64("2018-11-30"))
    column = age_on(births, pd.Series([D] * 4))
    assert one_day.tolist() == column.tolist() == [30, 29, pd.NA, 18]


def test_leap_day_birthday_reached_on_first_of_march() -> None:
    birth = pd.Series([pd.Timestamp("2000-02-29")])
    assert age_on(birth, pd.Timestamp("2019-02-28")).iat[0] == 18
    assert age_on(birth, pd.Timestamp("2019-03-01")).iat[0] == 19


def test_age_bands_at_their_edges() -> None:
    ages = pd.Series([18, 30, 31, 35, 36, 55, 56, 60, 61, 95, None], dtype="Int64")
    assert age_band(ages)[:10].tolist() == [
        "30岁及以下",
        "30岁及以下",
        "31至35岁",
        "31至35岁",
        "36至40岁",
        "51至55岁",
        "56至60岁",
        "56至60岁",
        "61岁及以上",
        "61岁及以上",
    ]
    assert pd.isna(age_band(ages).iat[10])


def test_college_or_above_counts_zhuanke_benke_and_postgraduate() -> None:
    education = pd.Series(["研究生", "大学本科", "大学专科", "中专", "高中", "初中及以下", None])
    assert is_college_or_above(education).tolist() == [True, True, True, False, False, False, False]


def test_minority_is_any_recorded_ethnicity_but_han() -> None:
    ethnicity = pd.Series(["汉族", "壮族", "回族", None])
    assert is_minority(ethnicity).tolist() == [False, True, True, False]


def test_as_of_is_the_latest_event_not_a_due_date_or_birth() -> None:
    tables = {
        "branches": pd.DataFrame(
            {
                "founded_on": pd.to_datetime(["2010-01-01"]),
                "dissolved_on": pd.to_datetime([None]),
                "term_ends_on": pd.to_datetime(["2021-05-01"]),
            }
        ),
        "members": pd.DataFrame(
            {
                "birth_date": pd.to_datetime(["2019-01-01"]),
                "joined_on": pd.to_datetime(["2018-03-01"]),
                "full_on": pd.to_datetime([None]),
                "registered_on": pd.to_datetime([None]),
                "left_on": pd.to_datetime(["2018-10-31"]),
            }
        ),
        "participation": pd.DataFrame({"date": pd.to_datetime(["2018-11-29"])}),
    }
    assert as_of_date(tables) == pd.Timestamp("2018-11-29")


@pytest.mark.parametrize(
    ("text", "is_one"),
    [
        ("44060219800101123X", True),  # 17 digits and the check character X
        ("44060219800101123x", True),  # a lower-case x, as people type it
        ("440602 19800101 1234", True),  # spaces as printed on some forms
        ("440602800101123", True),  # the 15 digits of a first-generation card
        ("4406021980010112", False),  # 16 digits
        ("44060219800101123Y", False),
    ],
)
def test_one_id_number_form_for_hashing_checking_and_redacting(text: str, is_one: bool) -> None:
    """Hashing (privacy), the check of the 公民身份号码 column and the redaction of values
    in reports agree on what an ID number is."""
    assert is_id_number(text) is is_one
    assert bool(malformed_id_numbers(pd.Series([text])).iat[0]) is not is_one
    assert looks_like_id_number(text) is is_one


def test_a_year_earlier_is_the_same_day_and_29_february_falls_back_to_the_28th() -> None:
    assert year_earlier(D) == pd.Timestamp("2017-11-30")
    assert year_earlier(pd.Timestamp("2020-02-29")) == pd.Timestamp("2019-02-28")


def test_this_year_starts_on_1_january_of_the_as_of_year() -> None:
    assert year_start(D) == pd.Timestamp("2018-01-01")


def test_members_per_branch_is_none_without_a_branch() -> None:
    assert members_per_branch(30, 4) == 7.5
    assert np.isnan(members_per_branch(3, 0))


def test_the_trend_starts_in_january_five_years_back_or_at_the_first_record() -> None:
    assert trend_start(pd.Timestamp("2000-01-01"), D) == pd.Timestamp("2013-01-01")
    assert trend_start(pd.Timestamp("2015-06-20"), D) == pd.Timestamp("2015-06-01")
