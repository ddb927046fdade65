"""党内统计年报: the year-end tables of the tables given (a scope's, or every one), their
checks, and the JSON the command line prints. The forms' rows, bands and eras are in
``domain.annual``, with their sources.

Counting follows 正式组织关系: the members whose organisation is in the tables given. "In
the year" is after 31 December of Y−1 and up to the year's end: 31 December of Y, or the
as-of date for a year not yet complete (``Annual.complete``).

表一, by 栏 (column):
- 1 上年底总数: active on 31 December of Y−1 (``domain.definitions.is_active``);
- 3 发展党员: registered here in the year as they were admitted (not
  ``metrics.membership.is_transfer_in``);
- 4 恢复党籍, 5 转入组织关系, 6 其中整建制转入: registered here in the year after admission,
  by 增加方式 (``domain.annual.JOIN_COLUMNS``; blank: 5);
- 2 本年增加 = 3 + 4 + 5;
- 8 出党 (and its kinds), 9 停止党籍, 10 死亡, 11 转出组织关系, 12 其中整建制转出: leaves in
  the year by 减少原因 (``domain.annual.LEFT_COLUMNS``);
- 7 本年减少 = 8 + 9 + 10 + 11;
- 13 本年底应有数 = 1 + 2 − 7; 14 本年底实有数: active at the year's end; 15 = 14 − 13.

A leave whose reason is in no 栏 of 7 (其他, or blank) shows in 15: ``Annual.difference``
lists the records behind it (党员编号, organisation, date, reason; never names).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from domain.annual import (
    ADMITTED_AGE_BANDS,
    ADMITTED_AGE_TOPS,
    ANNUAL_AGE_BANDS,
    ANNUAL_AGE_TOPS,
    JOIN_COLUMNS,
    JOIN_ERAS,
    LEFT_COLUMNS,
    MADE_FULL_COLUMNS,
    era_of,
)
from domain.contract import EDUCATION, LEFT_KINDS, LEFT_REASONS, OCCUPATIONS, ORG_TYPES, SECTORS
from domain.definitions import age_on, band_codes, is_active, is_minority, registered_on
from metrics.coverage import coverage_by_kind
from metrics.membership import is_transfer_in
from metrics.scope import whole_of

COLUMNS = tuple(str(n) for n in range(1, 16))
TOTAL = "合计"
FEMALE = "女"
MINORITY = "少数民族"
# JSON keys of the 年报's age bands, in ANNUAL_AGE_BANDS' and ADMITTED_AGE_BANDS' order.
AGE_KEYS = ("35_and_under", "36_45", "46_54", "55_59", "60_and_over")
ADMITTED_AGE_KEYS = ("35_and_under", "36_59", "60_and_over")
FINER_REASONS = tuple(k for k in LEFT_KINDS if k not in LEFT_REASONS)


@dataclass(frozen=True)
class Check:
    """One relation of the tables: ``left`` (the rule's left side) against ``right``, and
    the 党员编号 behind a failure."""

    key: str  # names the check (i18n ``annual.check.<key>``)
    rule: str  # the relation as written on the forms
    left: int
    right: int
    records: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.left == self.right


@dataclass(frozen=True)
class Annual:
    """The year's tables.

    table1: 表一 by 栏; untold: the 栏 the data cannot tell (no 增加方式 or no finer
    减少原因 anywhere in the data), counted 0; difference: the records behind 栏 15;
    by_occupation: 第二表, rows OCCUPATIONS and 合计, columns total, female, minority and
    ANNUAL_AGE_BANDS; education (第四表) and eras (第三表): rows 合计, 女, 少数民族,
    columns 合计 then the categories; admitted (第十四表): one row per occupation and 合计,
    columns total, female, minority, ADMITTED_AGE_BANDS, EDUCATION; made_full (第十三表):
    MADE_FULL_COLUMNS; organisations: rows SECTORS and 合计, columns ORG_TYPES and 合计,
    in existence at the year's end; coverage: the 两新组织 figures by kind at the year's
    end (None without a register).
    """

    year: int
    end: pd.Timestamp
    complete: bool
    table1: dict[str, int]
    untold: tuple[str, ...]
    difference: pd.DataFrame
    by_occupation: pd.DataFrame
    education: pd.DataFrame
    eras: pd.DataFrame
    admitted: pd.DataFrame
    made_full: dict[str, int]
    organisations: pd.DataFrame
    coverage: pd.DataFrame | None
    checks: tuple[Check, ...]

    @property
    def difference_records(self) -> tuple[str, ...]:
        return tuple(self.difference["member_id"])

    @property
    def failed(self) -> tuple[Check, ...]:
        """The checks that do not hold."""
        return tuple(c for c in self.checks if not c.ok)


def year_end(year: int, latest: pd.Timestamp) -> pd.Timestamp:
    """31 December of ``year``, or ``latest`` when the data has not reached it."""
    return min(pd.Timestamp(year=year, month=12, day=31), latest)


def last_complete_year(latest: pd.Timestamp) -> int:
    """The last year whose 31 December is on or before ``latest``."""
    return latest.year if (latest.month, latest.day) == (12, 31) else latest.year - 1


def _in(dates: pd.Series, start: pd.Timestamp, end: pd.Timestamp) -> pd.Series:
    return ((dates > start) & (dates <= end)).fillna(False).astype(bool)


def _ids(members: pd.DataFrame, mask: pd.Series | np.ndarray) -> tuple[str, ...]:
    return tuple(sorted(members.loc[mask, "member_id"].astype(str)))


def _came(members: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> dict[str, pd.Series]:
    """Masks of 栏 3, 4, 5 and 6: who was registered here in the year, and how (a member
    registered after admission counts in 4 or in 5 by 增加方式, ``JOIN_COLUMNS``)."""
    came = _in(registered_on(members), start, end)
    moved = came & is_transfer_in(members)
    how = members["joined_by"].astype(object) if "joined_by" in members else None

    def by_how(column: str) -> pd.Series:
        kinds = [k for k, cols in JOIN_COLUMNS.items() if column in cols]
        return moved & (False if how is None else how.isin(kinds))

    restored = by_how("4")
    return {"3": came & ~moved, "4": restored, "5": moved & ~restored, "6": by_how("6")}


def _went(members: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> dict[str, pd.Series]:
    """Masks of 栏 8 to 12 and of the leaves in no 栏 of 7 (``"none"``)."""
    went = _in(members["left_on"], start, end)
    reason = members["left_reason"].astype(object)
    out = {}
    for column in ("8", "9", "10", "11", "12"):
        kinds = [k for k, cols in LEFT_COLUMNS.items() if column in cols]
        out[column] = went & reason.isin(kinds)
    out["none"] = went & ~reason.isin(list(LEFT_COLUMNS))
    return out


def _table1(
    members: pd.DataFrame,
    start: pd.Timestamp,
    here: pd.Series,
    came: dict[str, pd.Series],
    went: dict[str, pd.Series],
) -> dict[str, int]:
    """表一 from its masks: ``here``, active at the year's end; ``came`` and ``went``."""
    c = dict.fromkeys(COLUMNS, 0)
    c["1"] = int(is_active(members, start).sum())
    for column, mask in {**came, **went}.items():
        if column != "none":
            c[column] = int(mask.sum())
    c["2"] = c["3"] + c["4"] + c["5"]
    c["7"] = c["8"] + c["9"] + c["10"] + c["11"]
    c["13"] = c["1"] + c["2"] - c["7"]
    c["14"] = int(here.sum())
    c["15"] = c["14"] - c["13"]
    return c


def table1(members: pd.DataFrame, year: int, latest: pd.Timestamp) -> dict[str, int]:
    """表一 of ``members`` for ``year`` by 栏 (see the module's note)."""
    start, end = pd.Timestamp(year=year - 1, month=12, day=31), year_end(year, latest)
    here = is_active(members, end)
    return _table1(members, start, here, _came(members, start, end), _went(members, start, end))


def untold(members: pd.DataFrame) -> tuple[str, ...]:
    """The 栏 the data cannot tell: 4 and 6 without any 增加方式, 9 and 12 without any of
    the finer 减少原因 (FINER_REASONS) in ``members`` (the whole dataset's)."""
    out: list[str] = []
    if "joined_by" not in members or members["joined_by"].isna().all():
        out += ["4", "6"]
    if not members["left_reason"].astype(object).isin(FINER_REASONS).any():
        out += ["9", "12"]
    return tuple(sorted(out, key=int))


def _difference(tables: Mapping[str, pd.DataFrame], mask: pd.Series) -> pd.DataFrame:
    """The records behind 栏 15: 党员编号, organisation (id and name), date and reason."""
    members, branches = tables["members"], tables["branches"]
    rows = members.loc[mask, ["member_id", "branch_id", "left_on", "left_reason"]]
    names = branches.set_index("branch_id")["name"]
    return (
        rows.assign(
            branch=rows["branch_id"].map(names).astype(object),
            left_reason=rows["left_reason"].astype(object),
            member_id=rows["member_id"].astype(str),
        )[["member_id", "branch_id", "branch", "left_on", "left_reason"]]
        .sort_values(["left_on", "member_id"])
        .reset_index(drop=True)
    )


def _codes(values: pd.Series, names: tuple[str, ...]) -> np.ndarray:
    """Each value's index in ``names``; −1 for a blank or any other value."""
    return np.asarray(pd.Categorical(values.astype(object), categories=list(names)).codes, np.int64)


def _tally(rows: np.ndarray, n: int, mask: np.ndarray) -> np.ndarray:
    """How many of ``mask`` fall in each of the ``n`` rows (``rows``: each person's row, −1
    for none)."""
    return np.bincount(rows[mask & (rows >= 0)], minlength=n)


def _people_table(
    rows: pd.DataFrame,
    end: pd.Timestamp,
    tops: tuple[int, ...],
    bands: tuple[str, ...],
    schooling: bool = False,
) -> pd.DataFrame:
    """Rows OCCUPATIONS then 合计 (everyone in ``rows``, an occupation given or not);
    columns total, female, minority, a count per age band on ``end``, and with
    ``schooling`` a count per level of EDUCATION."""
    occupation = _codes(rows["occupation"], OCCUPATIONS)
    band = band_codes(age_on(rows["birth_date"], end), tops)
    columns = {
        "total": np.ones(len(rows), dtype=bool),
        "female": (rows["gender"] == "女").to_numpy(dtype=bool),
        "minority": is_minority(rows["ethnicity"]).to_numpy(dtype=bool),
        **{name: band == i for i, name in enumerate(bands)},
    }
    if schooling:
        level = _codes(rows["education"], EDUCATION)
        columns.update({e: level == i for i, e in enumerate(EDUCATION)})
    table = pd.DataFrame(
        {c: _tally(occupation, len(OCCUPATIONS), m) for c, m in columns.items()},
        index=list(OCCUPATIONS),
    )
    table.loc[TOTAL] = [int(m.sum()) for m in columns.values()]
    return table.astype("int64")


_PEOPLE = ("gender", "ethnicity", "birth_date", "occupation", "education", "joined_on")


def by_occupation(active: pd.DataFrame, end: pd.Timestamp) -> pd.DataFrame:
    """第二表 党员基本情况 of ``active`` (the members active at ``end``): rows OCCUPATIONS
    then 合计 (every member, an occupation given or not), columns total, female, minority,
    ANNUAL_AGE_BANDS."""
    return _people_table(active, end, ANNUAL_AGE_TOPS, ANNUAL_AGE_BANDS)


def _by_category(here: pd.DataFrame, codes: np.ndarray, names: tuple[str, ...]) -> pd.DataFrame:
    """Rows 合计, 女, 少数民族 of ``here``; columns 合计 then a count per category
    (``codes``: each person's category, −1 for none)."""
    groups = {
        TOTAL: np.ones(len(here), dtype=bool),
        FEMALE: (here["gender"] == "女").to_numpy(dtype=bool),
        MINORITY: is_minority(here["ethnicity"]).to_numpy(dtype=bool),
    }
    out = {
        row: [int(mask.sum()), *_tally(codes, len(names), mask).tolist()]
        for row, mask in groups.items()
    }
    return pd.DataFrame.from_dict(out, orient="index", columns=[TOTAL, *names]).astype("int64")


def education(active: pd.DataFrame) -> pd.DataFrame:
    """第四表 党员学历情况 of ``active`` (``_by_category``)."""
    return _by_category(active, _codes(active["education"], EDUCATION), EDUCATION)


def eras(active: pd.DataFrame) -> pd.DataFrame:
    """第三表 党员入党时间情况 of ``active`` (``_by_category``, by ``domain.annual.JOIN_ERAS``)."""
    era = era_of(active["joined_on"]).to_numpy()
    return _by_category(active, era, tuple(n for n, _ in JOIN_ERAS))


def admitted(members: pd.DataFrame, mask: pd.Series, end: pd.Timestamp) -> pd.DataFrame:
    """第十四表 发展党员情况 of the members counted in 表一's 栏 3 (``mask``): rows
    OCCUPATIONS then 合计, columns total, female, minority, ADMITTED_AGE_BANDS, EDUCATION."""
    new = members.loc[mask.to_numpy(dtype=bool), list(_PEOPLE)]
    return _people_table(new, end, ADMITTED_AGE_TOPS, ADMITTED_AGE_BANDS, schooling=True)


def made_full(members: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> dict[str, int]:
    """第十三表 预备党员转正情况: the members made full here in the year (转正日期 in the year,
    on or after their registration here), female, minority, 35 or under at ``end``; and
    the probationary memberships revoked in the year (减少原因 取消预备党员资格)."""
    full = _in(members["full_on"], start, end) & (members["full_on"] >= registered_on(members))
    rows = members[full]
    young = (age_on(rows["birth_date"], end) <= ANNUAL_AGE_TOPS[0]).fillna(False)
    revoked = _in(members["left_on"], start, end) & (
        members["left_reason"].astype(object) == "取消预备党员资格"
    )
    values = (
        len(rows),
        int((rows["gender"] == "女").sum()),
        int(is_minority(rows["ethnicity"]).sum()),
        int(young.sum()),
        int(revoked.sum()),
    )
    return dict(zip(MADE_FULL_COLUMNS, values, strict=True))


def organisations(branches: pd.DataFrame, end: pd.Timestamp) -> pd.DataFrame:
    """基层党组织情况: 党委, 党总支, 党支部 in existence at ``end`` (founded on or before it,
    not dissolved on or before it), rows SECTORS then 合计, columns ORG_TYPES then 合计."""
    dissolved = branches["dissolved_on"]
    live = branches[(branches["founded_on"] <= end) & (dissolved.isna() | (dissolved > end))]
    counts = pd.crosstab(live["sector"].astype(object), live["org_type"].astype(object))
    table = counts.reindex(index=list(SECTORS), columns=list(ORG_TYPES), fill_value=0)
    table[TOTAL] = table.sum(axis=1)
    table.loc[TOTAL] = table.sum(axis=0)
    return table.astype("int64").rename_axis(index=None, columns=None)


def _coverage(tables: Mapping[str, pd.DataFrame], end: pd.Timestamp) -> pd.DataFrame | None:
    if "units" not in tables:
        return None
    by_kind = coverage_by_kind(tables["units"], end)
    return by_kind[["units", "own", "joint", "none", "organisation_rate", "work_rate"]]


def _checks(
    members: pd.DataFrame,
    here: pd.Series,
    t1: dict[str, int],
    previous: int,
    diff: tuple[str, ...],
    occ: pd.DataFrame,
    edu: pd.DataFrame,
    era: pd.DataFrame,
    new: pd.DataFrame,
    new_mask: pd.Series,
) -> tuple[Check, ...]:
    """表内关系 and 表间关系, each with its numbers and the records a failure would come
    from (``here``: active at the year's end; ``new_mask``: the members of 栏 3;
    ``previous``: last year's 实有数, which counts 上年底总数's day by the same definition,
    so that check holds by construction and guards that it stays so)."""

    def blank(mask: pd.Series, column: str) -> tuple[str, ...]:
        return _ids(members, mask & members[column].isna())

    occ_rows, total = occ.drop(index=TOTAL), occ.loc[TOTAL]
    c = t1
    return (
        Check("increase", "2 = 3 + 4 + 5", c["2"], c["3"] + c["4"] + c["5"]),
        Check("decrease", "7 = 8 + 9 + 10 + 11", c["7"], c["8"] + c["9"] + c["10"] + c["11"]),
        Check("expected", "13 = 1 + 2 - 7", c["13"], c["1"] + c["2"] - c["7"]),
        Check("difference", "15 = 14 - 13", c["15"], c["14"] - c["13"]),
        Check("reconciled", "14 = 13", c["14"], c["13"], diff),
        Check("previous", "1 = 上年 14", c["1"], previous),
        Check("table2_total", "表二 合计 = 表一 14", int(total["total"]), c["14"]),
        Check(
            "table2_rows",
            "表二 各职业之和 = 合计",
            int(occ_rows["total"].sum()),
            int(total["total"]),
            blank(here, "occupation"),
        ),
        Check(
            "table2_bands",
            "表二 各年龄段之和 = 总数",
            int(total[list(ANNUAL_AGE_BANDS)].sum()),
            int(total["total"]),
            blank(here, "birth_date"),
        ),
        Check(
            "education",
            "学历 各栏之和 = 合计",
            int(edu.loc[TOTAL].drop(TOTAL).sum()),
            int(edu.loc[TOTAL, TOTAL]),
            blank(here, "education"),
        ),
        Check(
            "eras",
            "入党时间 各栏之和 = 合计",
            int(era.loc[TOTAL].drop(TOTAL).sum()),
            int(era.loc[TOTAL, TOTAL]),
            blank(here, "joined_on"),
        ),
        Check("admitted_total", "发展党员 总数 = 表一 3", int(new.loc[TOTAL, "total"]), c["3"]),
        Check(
            "admitted_rows",
            "发展党员 各职业之和 = 总数",
            int(new.drop(index=TOTAL)["total"].sum()),
            int(new.loc[TOTAL, "total"]),
            blank(new_mask, "occupation"),
        ),
        Check(
            "admitted_bands",
            "发展党员 各年龄段之和 = 总数",
            int(new.loc[TOTAL, list(ADMITTED_AGE_BANDS)].sum()),
            int(new.loc[TOTAL, "total"]),
            blank(new_mask, "birth_date"),
        ),
        Check(
            "admitted_education",
            "发展党员 各学历之和 = 总数",
            int(new.loc[TOTAL, list(EDUCATION)].sum()),
            int(new.loc[TOTAL, "total"]),
            blank(new_mask, "education"),
        ),
    )


def annual(tables: Mapping[str, pd.DataFrame], year: int, latest: pd.Timestamp) -> Annual:
    """The tables of ``year`` for ``tables`` (a scope's, or every one), reported to
    ``latest`` when the year is not complete."""
    members = tables["members"]
    start, end = pd.Timestamp(year=year - 1, month=12, day=31), year_end(year, latest)
    here = is_active(members, end)
    came, went = _came(members, start, end), _went(members, start, end)
    t1 = _table1(members, start, here, came, went)
    difference = _difference(tables, went["none"])
    active = members.loc[here.to_numpy(dtype=bool), list(_PEOPLE)]
    occ, edu, era = by_occupation(active, end), education(active), eras(active)
    new = admitted(members, came["3"], end)
    previous = int(is_active(members, start).sum())  # Y−1's 实有数, as its 表一 counts it
    diff = tuple(difference["member_id"])
    checks = _checks(members, here, t1, previous, diff, occ, edu, era, new, came["3"])
    whole, _ = whole_of(tables)
    return Annual(
        year=year,
        end=end,
        complete=end == pd.Timestamp(year=year, month=12, day=31),
        table1=t1,
        untold=untold(whole["members"]),
        difference=difference,
        by_occupation=occ,
        education=edu,
        eras=era,
        admitted=new,
        made_full=made_full(members, start, end),
        organisations=organisations(tables["branches"], end),
        coverage=_coverage(tables, end),
        checks=checks,
    )


def as_json(report: Annual, scope: str | None) -> dict[str, object]:
    """The tables in the command line's JSON shape (counts as integers; ``scope`` None for
    the whole sub-district)."""
    occ = report.by_occupation
    people_keys = ("total", "female", "minority")

    def person_row(row: pd.Series, bands: tuple[str, ...], keys: tuple[str, ...]) -> dict:
        out = {k: int(row[k]) for k in people_keys}
        out.update({key: int(row[band]) for band, key in zip(bands, keys, strict=True)})
        return out

    new = report.admitted.loc[TOTAL]
    admitted_json = person_row(new, ADMITTED_AGE_BANDS, ADMITTED_AGE_KEYS)
    admitted_json.update({e: int(new[e]) for e in EDUCATION})
    orgs = report.organisations.loc[TOTAL]
    return {
        "year": report.year,
        "as_of": report.end.date().isoformat(),
        "scope": scope,
        "table1": {k: int(v) for k, v in report.table1.items()},
        "members_by_occupation": {
            row: person_row(occ.loc[row], ANNUAL_AGE_BANDS, AGE_KEYS)
            for row in (TOTAL, *OCCUPATIONS)
        },
        "admitted": admitted_json,
        "made_full": int(report.made_full[MADE_FULL_COLUMNS[0]]),
        "organisations": {kind: int(orgs[kind]) for kind in ORG_TYPES},
        "difference_records": list(report.difference_records),
        "checks": [{"rule": c.rule, "ok": c.ok} for c in report.checks],
    }
