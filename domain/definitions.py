"""The definitions every view shares, written once. Documented in data/README.md.

All functions take typed frames as produced by ``ingest`` (dates as datetime64, categories
with the contract's labels) and a day ``on`` as a ``pd.Timestamp``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

import numpy as np
import pandas as pd

from domain.contract import EDUCATION, GENDERS, OCCUPATIONS

AGE_BANDS: tuple[str, ...] = (
    "30岁及以下",
    "31至35岁",
    "36至40岁",
    "41至45岁",
    "46至50岁",
    "51至55岁",
    "56至60岁",
    "61岁及以上",
)
# Upper bound (inclusive, completed years) of each band but the last.
_AGE_BAND_TOPS = (30, 35, 40, 45, 50, 55, 60)

# 党龄 (standing as a full member), in completed years since full_on; the Party Constitution
# counts it from the day the probation ends. Probationary members have none.
PARTY_STANDING_BANDS: tuple[str, ...] = (
    "预备党员",
    "不满5年",
    "5至9年",
    "10至19年",
    "20至29年",
    "30至39年",
    "40至49年",
    "50年及以上",
)
_STANDING_BOTTOMS = (0, 5, 10, 20, 30, 40, 50)

ETHNICITY_GROUPS: tuple[str, ...] = ("汉族", "少数民族", "未填")
UNRECORDED = "未填"  # a blank category, counted apart

# The structure's dimensions: each one's categories in display order (UNRECORDED last where
# blanks can occur).
DIMENSIONS: dict[str, tuple[str, ...]] = {
    "gender": GENDERS,
    "age_band": AGE_BANDS,
    "party_standing": PARTY_STANDING_BANDS,
    "education": (*EDUCATION, UNRECORDED),
    "occupation": (*OCCUPATIONS, UNRECORDED),
    "ethnicity": ETHNICITY_GROUPS,
}

COLLEGE_OR_ABOVE: frozenset[str] = frozenset({"大学专科", "大学本科", "研究生"})
MAJORITY_ETHNICITY = "汉族"

# Event dates: what happened, as opposed to birth dates and due dates (term_ends_on).
EVENT_DATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "branches": ("founded_on", "dissolved_on"),
    "members": ("joined_on", "full_on", "registered_on", "left_on", "lost_on"),
    "patents": ("filed_on", "granted_on"),
    "participation": ("date",),
}


def as_of_date(tables: Mapping[str, pd.DataFrame]) -> pd.Timestamp:
    """The dataset's "today": the latest event date in any table (EVENT_DATE_COLUMNS).

    Birth dates and 届满日期 (a due date, often in the future) do not count.
    """
    latest = [
        tables[name][column].max()
        for name, columns in EVENT_DATE_COLUMNS.items()
        if name in tables
        for column in columns
        if column in tables[name].columns
    ]
    latest = [d for d in latest if pd.notna(d)]
    if not latest:
        raise ValueError("the dataset has no dates / 数据中没有任何日期")
    return pd.Timestamp(max(latest))


def registered_on(members: pd.DataFrame) -> pd.Series:
    """When the membership began here: registered_on, or joined_on where that is blank."""
    return members["registered_on"].fillna(members["joined_on"])


PROBATION = pd.DateOffset(years=1)  # 党章 第七条: 预备党员的预备期为一年


class FullOn(NamedTuple):
    """转正日期 as 人员类别 says (``full_on_by_member_type``), and the rows it changed."""

    dates: pd.Series
    cleared: np.ndarray  # 预备党员 whose 转正日期 was cleared
    assumed: np.ndarray  # 正式党员 given one PROBATION after joining
    cut_short: np.ndarray  # of those, the ones whose year would end after ``latest``


def full_on_by_member_type(
    member_type: pd.Series, joined_on: pd.Series, full_on: pd.Series, latest: pd.Timestamp
) -> FullOn:
    """转正日期 as 人员类别 says: a 预备党员 has none (it is cleared); a 正式党员 without one
    (old rosters leave it blank) is full one PROBATION after joining, but never after
    ``latest``, the roster's latest recorded event (an assumed date must not become the
    data's as-of date, and 人员类别 says the member is full by then)."""
    probationary = (member_type == "预备党员").fillna(False).to_numpy(dtype=bool)
    cleared = probationary & full_on.notna().to_numpy()
    dates = full_on.mask(cleared)
    full = (member_type == "正式党员").fillna(False).to_numpy(dtype=bool)
    assumed = full & dates.isna().to_numpy() & joined_on.notna().to_numpy()
    year_on = joined_on + PROBATION
    cut_short = assumed & (year_on > latest).fillna(False).to_numpy(dtype=bool)
    dates = dates.copy()
    dates[assumed] = year_on[assumed].clip(upper=latest).astype(dates.dtype)
    return FullOn(dates, cleared, assumed, cut_short)


def is_active(members: pd.DataFrame, on: pd.Timestamp) -> pd.Series:
    """Active on day D: registered (or joined) on or before D, and not left on or before D."""
    left = members["left_on"]
    return (registered_on(members) <= on) & (left.isna() | (left > on))


def is_probationary(members: pd.DataFrame, on: pd.Timestamp) -> pd.Series:
    """预备党员 on day D: full_on blank or after D. (Combine with is_active.)"""
    full = members["full_on"]
    return full.isna() | (full > on)


def is_lost_contact(members: pd.DataFrame, on: pd.Timestamp) -> pd.Series:
    """失联党员 on day D: lost_contact 是, and lost_on blank or on or before D. (Combine with
    is_active.) False where the roster does not say."""
    lost_on = members["lost_on"]
    flag = members["lost_contact"].fillna(False).astype(bool)
    return flag & (lost_on.isna() | (lost_on <= on))


def is_floating(members: pd.DataFrame) -> pd.Series:
    """流动党员: floating 是 (the roster gives no date for it). (Combine with is_active.)"""
    return members["floating"].fillna(False).astype(bool)


def age_on(birth: pd.Series, on: pd.Timestamp | pd.Series) -> pd.Series:
    """Completed years on day D; a birthday falling on D counts. NA where birth is NA.

    ``on`` may be one day or a Series of days aligned with ``birth``. A 29 February birthday
    is reached on 1 March in common years.
    """
    if isinstance(on, pd.Series):
        year, month, day = on.dt.year, on.dt.month, on.dt.day
    else:  # one day: its parts once, not a column of them
        on = pd.Timestamp(on)
        year, month, day = on.year, on.month, on.day
    born_month = birth.dt.month
    years = year - birth.dt.year
    before_birthday = (month < born_month) | ((month == born_month) & (day < birth.dt.day))
    return (years - before_birthday.astype("Int64")).astype("Int64")


def band_codes(age: pd.Series, tops: tuple[int, ...]) -> np.ndarray:
    """Each age's band: 0 up to ``tops[0]`` (inclusive), 1 up to ``tops[1]``, …,
    ``len(tops)`` above the last top; −1 where the age is missing."""
    codes = np.searchsorted(np.array(tops), age.to_numpy(dtype=float, na_value=np.nan))
    return np.where(age.isna().to_numpy(), -1, codes)


def age_band(age: pd.Series) -> pd.Series:
    """The communiqué's eight bands (30岁及以下 … 61岁及以上), as an ordered categorical."""
    labels = pd.Categorical.from_codes(
        band_codes(age, _AGE_BAND_TOPS), categories=list(AGE_BANDS), ordered=True
    )
    return pd.Series(labels, index=age.index, name="age_band")


def party_standing_band(full_on: pd.Series, on: pd.Timestamp) -> pd.Series:
    """党龄 band on D: 预备党员 when full_on is blank or after D, else completed years since
    full_on (a 5th anniversary on D counts as 5 years)."""
    probationary = full_on.isna() | (full_on > on)
    years = age_on(full_on, on)
    codes = np.searchsorted(
        np.array(_STANDING_BOTTOMS), years.to_numpy(float, na_value=0), side="right"
    )
    codes = np.where(probationary.to_numpy(), 0, codes)
    labels = pd.Categorical.from_codes(codes, categories=list(PARTY_STANDING_BANDS), ordered=True)
    return pd.Series(labels, index=full_on.index, name="party_standing")


def is_college_or_above(education: pd.Series) -> pd.Series:
    """大专及以上: 大学专科, 大学本科 or 研究生. Blank education counts as not."""
    return education.isin(COLLEGE_OR_ABOVE).astype(bool)


def is_minority(ethnicity: pd.Series) -> pd.Series:
    """少数民族: any recorded ethnicity other than 汉族. Blank counts as not."""
    return (ethnicity.notna() & (ethnicity != MAJORITY_ETHNICITY)).astype(bool)


# Measures that are shares (fractions 0..1) of the active members, in the order tables show
# them: shown as percentages.
SHARE_MEASURES: tuple[str, ...] = (
    "female",
    "college_or_above",
    "minority",
    "age_35_or_under",
    "age_61_or_over",
    "probationary",
)
TREND_YEARS = 5  # the trend's default span: from January, this many years before D


def year_earlier(on: pd.Timestamp) -> pd.Timestamp:
    """ "A year earlier": the same day a year before (29 Feb → 28 Feb)."""
    return on - pd.DateOffset(years=1)


def year_start(on: pd.Timestamp) -> pd.Timestamp:
    """1 January of D's year: the start of "this year" (本年), which runs to D."""
    return pd.Timestamp(on.year, 1, 1)


def growth_rate(now: float, before: float) -> float:
    """Growth rate: (now − before) ÷ before; NaN when before is 0."""
    return (now - before) / before if before else float("nan")


def members_per_branch(members: float, branches: float) -> float:
    """Members per branch: active members ÷ 党支部 (the branches, not 党委 or 党总支); NaN
    where there is no 党支部."""
    return members / branches if branches else float("nan")


def trend_start(first: pd.Timestamp, on: pd.Timestamp) -> pd.Timestamp:
    """The trend's default first month: January TREND_YEARS years before D, or the month of
    the data's first record (``first``) when that is later."""
    january = pd.Timestamp(on.year - TREND_YEARS, 1, 1)
    return max(january, pd.Timestamp(first).to_period("M").to_timestamp())


RECORDS_FLOOR = pd.Timestamp("2000-01-01")  # trends and date pickers start no earlier


def records_start(members: pd.DataFrame) -> pd.Timestamp:
    """The first day members are on record: the earliest registered_on (or joined_on where
    blank), not before RECORDS_FLOOR."""
    return max(pd.Timestamp(registered_on(members).min()), RECORDS_FLOOR)


def per_100_members(count: float, members: float) -> float:
    """A count per 100 active members: count ÷ members × 100; NaN without members."""
    return count / members * 100 if members else float("nan")


# 公民身份号码: 18 characters (17 digits and a check digit or X, GB 11643) or the 15 digits of
# a first-generation card; compared after normalise_id_number (no spaces, upper case).
ID_NUMBER = re.compile(r"^(\d{17}[\dX]|\d{15})$")


def normalise_id_number(value: str) -> str:
    """An ID number as compared and hashed: without spaces, upper case (x → X)."""
    return re.sub(r"\s+", "", value).upper()


def is_id_number(value: str) -> bool:
    """The text has the form of a 公民身份号码 (ID_NUMBER, after normalise_id_number)."""
    return bool(ID_NUMBER.match(normalise_id_number(value)))


# 发展党员: the stages of the pipeline on day D, in order. The last, 预备党员, is counted from
# the members table (the roster is the authority for members), never from the ledger.
PIPELINE_STAGES: tuple[str, ...] = ("applicant", "activist", "candidate")
STAGES: tuple[str, ...] = (*PIPELINE_STAGES, "probationary")
STAGE_NAMES_ZH: dict[str, str] = {
    "applicant": "入党申请人",
    "activist": "入党积极分子",
    "candidate": "发展对象",
    "probationary": "预备党员",
}
# The date a person enters each ledger stage, and the date that ends it.
STAGE_SPANS: dict[str, tuple[str, str]] = {
    "applicant": ("applied_on", "activist_on"),
    "activist": ("activist_on", "candidate_on"),
    "candidate": ("candidate_on", "admitted_on"),
}


def on_or_before(dates: pd.Series, on: pd.Timestamp) -> pd.Series:
    """The date is filled in and on or before D (an event on D has happened by D)."""
    return (dates <= on).fillna(False).astype(bool)


def in_pipeline(ledger: pd.DataFrame, on: pd.Timestamp) -> pd.Series:
    """Not withdrawn by D: withdrawn_on blank or after D."""
    return ~on_or_before(ledger["withdrawn_on"], on)


def stage_on(ledger: pd.DataFrame, on: pd.Timestamp) -> pd.Series:
    """Each person's ledger stage on day D (PIPELINE_STAGES), NA when in none: not yet
    applied, withdrawn on or before D, or admitted on or before D (then a member).

    入党申请人: applied on or before D, not an activist on D; 入党积极分子: an activist on or
    before D, not yet a candidate; 发展对象: a candidate on or before D, not yet admitted."""
    stage = pd.Series(pd.NA, index=ledger.index, dtype="object")
    for name, (begins, ends) in STAGE_SPANS.items():
        here = on_or_before(ledger[begins], on) & ~on_or_before(ledger[ends], on)
        stage = stage.mask(here, name)
    stage = stage.where(in_pipeline(ledger, on))
    return stage.astype(pd.CategoricalDtype(list(PIPELINE_STAGES)))


# 两个覆盖: how far Party organisations and Party work reach the 两新组织 (the units dataset).
SHOULD_FORM_FULL_MEMBERS = 3  # 党章 第三十条: 凡是有正式党员三人以上的，都应当成立党的基层组织
ORGANISATION_COVERED: tuple[str, ...] = ("单独组建", "联合组建")


def is_operating(units: pd.DataFrame, on: pd.Timestamp) -> pd.Series:
    """Operating on D: registered on or before D (or no date) and not closed by D (closed_on
    blank or after D)."""
    registered = units["registered_on"].isna() | (units["registered_on"] <= on)
    return (registered & ~on_or_before(units["closed_on"], on)).astype(bool)


def coverage_on(units: pd.DataFrame, on: pd.Timestamp) -> pd.Series:
    """Each unit's coverage on D: ``coverage`` when ``covered_on`` is blank or on or before
    D, else 未建 (its present coverage had not begun)."""
    begun = units["covered_on"].isna() | (units["covered_on"] <= on)
    return units["coverage"].astype(object).where(begun.to_numpy(), "未建")


NO_INSTRUCTOR: frozenset[str] = frozenset({"无", "暂无", "否", "/", "-", "—", "－"})


def has_instructor(units: pd.DataFrame) -> pd.Series:
    """A 党建指导员 or 联络员 is named: ``instructor`` filled, and not a placeholder for
    none (无, /, - …)."""
    named = units["instructor"].astype(object).str.strip()
    return (named.notna() & ~named.isin(NO_INSTRUCTOR) & named.ne("")).astype(bool)


def is_work_covered(units: pd.DataFrame, on: pd.Timestamp) -> pd.Series:
    """Party work reaches the unit on D: organisation-covered (单独组建 or 联合组建), or 未建
    with a 党建指导员 or 联络员 (``has_instructor``)."""
    coverage = coverage_on(units, on)
    return (coverage.isin(ORGANISATION_COVERED) | has_instructor(units)).astype(bool)


def should_form(units: pd.DataFrame, on: pd.Timestamp) -> pd.Series:
    """应建未建 on D: operating, SHOULD_FORM_FULL_MEMBERS or more full members, and not
    单独组建 on D (a joint organisation or none)."""
    enough = (units["full_members"] >= SHOULD_FORM_FULL_MEMBERS).fillna(False)
    return (is_operating(units, on) & enough & (coverage_on(units, on) != "单独组建")).astype(bool)
