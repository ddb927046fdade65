"""Chinese number and date formats, and that every label has its English name."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from domain.contract import (
    ACTIVITY_KINDS,
    EDUCATION,
    GENDERS,
    LEFT_REASONS,
    OCCUPATIONS,
    ORG_TYPES,
    PATENT_KINDS,
    SECTORS,
)
from domain.definitions import AGE_BANDS, ETHNICITY_GROUPS, PARTY_STANDING_BANDS
from i18n import (
    STRINGS,
    fmt_big,
    fmt_date,
    fmt_int,
    fmt_month,
    fmt_pct,
    fmt_period,
    fmt_signed,
    label,
)
from i18n.format import display_width, fmt_month_short, fmt_year_upto, pad

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [(10215, "10,215 名", "10,215 members"), (0, "0 名", "0 members"), (None, "—", "—")],
)
def test_counts_with_units(value: int | None, zh: str, en: str) -> None:
    assert fmt_int(value, "zh", "members") == zh
    assert fmt_int(value, "en", "members") == en


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [(10215, "1.02万", "10.2k"), (9999, "9,999", "9,999"), (123_456_789, "1.23亿", "123.46M")],
)
def test_large_numbers_compact(value: int, zh: str, en: str) -> None:
    assert fmt_big(value, "zh") == zh
    assert fmt_big(value, "en") == en


def test_percent_and_signed() -> None:
    assert fmt_pct(0.0321) == "3.2%"
    assert fmt_pct(0.0321, signed=True) == "+3.2%"
    assert fmt_signed(-12, "zh", "members") == "-12 名"
    assert fmt_signed(277, "en", "members") == "+277 members"


def test_dates_and_periods() -> None:
    day = pd.Timestamp("2018-11-30")
    assert fmt_month(day) == "2018年11月"
    assert fmt_month(day, "en") == "Nov 2018"
    assert fmt_date(day) == "2018年11月30日"
    assert fmt_date(day, "en") == "30 Nov 2018"
    year_end = pd.Timestamp("2018-12-31")
    assert fmt_period(year_end, "Q") == "2018年第4季度"
    assert fmt_period(year_end, "Q", "en") == "Q4 2018"
    assert fmt_period(year_end, "Y", "en") == "2018"


@pytest.mark.parametrize(
    "labels",
    [
        SECTORS,
        ORG_TYPES,
        GENDERS,
        EDUCATION,
        OCCUPATIONS,
        LEFT_REASONS,
        PATENT_KINDS,
        ACTIVITY_KINDS,
        AGE_BANDS,
        PARTY_STANDING_BANDS,
        ETHNICITY_GROUPS,
    ],
)
def test_every_category_label_has_an_english_name(labels: tuple[str, ...]) -> None:
    """The derived categories; every dataset's own are in the test below."""
    for value in labels:
        english = label(value, "en")
        assert english != value and not HAN.search(english), value
        assert label(value, "zh") == value


def test_every_category_of_every_dataset_has_an_english_name() -> None:
    from domain.contract import DATASETS, Kind

    for d in DATASETS.values():
        for f in d.fields:
            for value in f.allowed if f.kind is Kind.CATEGORY else ():
                english = label(value, "en")
                assert english != value and not HAN.search(english), (d.name, f.name, value)


def test_every_string_has_both_languages_and_english_has_no_chinese() -> None:
    for key, (zh, en) in STRINGS.items():
        assert zh and en, key
        assert HAN.search(zh), key
        if key.startswith("col.") and HAN.search(key):
            continue  # the key itself is the Chinese label
        assert not HAN.search(en.replace("语言", "")), key


def test_width_aware_padding() -> None:
    assert display_width("党员 members") == 12
    assert display_width(pad("党员", 8)) == 8


@pytest.mark.parametrize(
    ("day", "freq", "zh", "en"),
    [
        ("2018-12-31", "Y", "2018年", "2018"),
        ("2018-11-30", "Y", "2018年1–11月", "Jan–Nov 2018"),
        ("2018-09-30", "Q", "2018年第3季度", "Q3 2018"),
        ("2018-11-30", "Q", "2018年第4季度（至11月）", "Q4 2018 (to Nov)"),
        ("2018-11-30", "M", "2018年11月", "Nov 2018"),
        ("2018-11-22", "M", "2018年11月（至22日）", "Nov 2018 (to 22nd)"),
    ],
)
def test_a_period_cut_short_by_the_as_of_date_says_so(day, freq, zh, en) -> None:
    assert fmt_period(pd.Timestamp(day), freq, "zh") == zh
    assert fmt_period(pd.Timestamp(day), freq, "en") == en


@pytest.mark.parametrize(
    ("unit", "one"),
    [("members", "1 member"), ("branches", "1 branch"), ("activities", "1 activity"),
     ("patents", "1 patent"), ("people", "1 person"), ("hours", "1 hour"),
     ("warnings", "1 warning"), ("units", "1 unit")],
)  # fmt: skip
def test_one_of_a_thing_is_singular_in_english(unit: str, one: str) -> None:
    assert fmt_int(1, "en", unit) == one
    assert fmt_signed(-1, "en", unit) == "-" + one
    assert fmt_int(2, "en", unit) != one


def test_english_month_names_come_from_the_project_not_the_process_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # with LC_TIME=zh_CN, strftime's %b gives 11月: every English month name must come from
    # the project's own table, which this test swaps to see that it is the one used
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "NOV", "Dec")
    monkeypatch.setattr("i18n.format._MONTHS_EN", months)
    day = pd.Timestamp("2018-11-15")
    assert fmt_period(day, "Q", "en") == "Q4 2018 (to NOV)"
    assert fmt_period(day, "Y", "en") == "Jan–NOV 2018"
    assert fmt_month_short(day, "en") == "NOV"
    assert fmt_year_upto(2018, day, "en") == "2018 (to NOV)"
    assert fmt_month(day, "en") == "NOV 2018"


def test_an_english_sentence_with_a_count_of_one_is_singular() -> None:
    from i18n import t

    assert t("alerts.count", "en", n="1", orgs="1") == "1 warning about 1 organisation"
    assert t("alerts.count", "en", n="21", orgs="2,001") == "21 warnings about 2,001 organisations"
    assert t("alerts.count", "zh", n="1", orgs="1") == "1 条提醒，涉及 1 个党组织"
