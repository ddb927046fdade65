"""Data quality on the hand-checkable dataset (tests/small_dataset.py), D = 2018-11-30."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics.quality import (
    completeness,
    completeness_within,
    filled_by_organisation,
    suspicious,
)
from metrics.scope import Scope, apply_scope, branch_mask, grouped

D = pd.Timestamp("2018-11-30")


def test_completeness_counts_filled_cells_per_column(small: dict) -> None:
    table = completeness(small).set_index(["dataset", "column"])
    # 8 members; 减少日期 filled for m5, m6, m7; 转入日期 for m3 only
    assert table.loc[("members", "left_on")].tolist()[:2] == [8, 3]
    assert table.loc[("members", "registered_on"), "share"] == 1 / 8
    assert table.loc[("members", "member_id"), "share"] == 1.0


def _within(tables: dict, scope: Scope) -> pd.DataFrame:
    g = grouped(tables)
    chosen = None if scope.is_everything else branch_mask(g.tables["branches"], scope).to_numpy()
    return completeness_within(filled_by_organisation(g), chosen)


@pytest.mark.parametrize(
    ("sector", "rows", "filled"),
    [("非公企业", 4, 2), ("社区", 4, 1)],  # 减少日期: m5 m6 of m4 m5 m6 m8; m7 of m1 m2 m3 m7
)
def test_completeness_within_a_sector_counts_its_organisations_rows(
    small: dict, sector: str, rows: int, filled: int
) -> None:
    table = _within(small, Scope(sectors=(sector,))).set_index(["dataset", "column"])
    assert table.loc[("members", "left_on"), ["rows", "filled"]].tolist() == [rows, filled]


@pytest.mark.parametrize(
    "scope",
    [Scope(), Scope(sectors=("社区",)), Scope(communities=("乙社区",)), Scope(sectors=("楼宇",))],
)
def test_completeness_from_counts_per_organisation_equals_counting_the_filtered_rows(
    small: dict, scope: Scope
) -> None:
    expected = completeness(apply_scope(small, scope))
    pd.testing.assert_frame_equal(_within(small, scope), expected)


def test_completeness_of_an_empty_table_has_no_share(small: dict) -> None:
    tables = dict(small, patents=small["patents"].iloc[:0])
    table = _within(tables, Scope()).set_index(["dataset", "column"])
    assert table.loc[("patents", "patent_id"), ["rows", "filled"]].tolist() == [0, 0]
    assert pd.isna(table.loc[("patents", "patent_id"), "share"])


def test_completeness_counts_extra_columns_after_the_tables_own(small: dict) -> None:
    g = grouped(small)
    extra = {"patents": small["patents"][["title"]].rename(columns={"title": "note"})}
    extra["patents"].iloc[0, 0] = None
    counted = filled_by_organisation(g, extra)["patents"]
    assert counted.cells.columns[-1] == "note"
    assert counted.cells["note"].sum() == len(small["patents"]) - 1


def test_no_suspicious_values_in_the_small_dataset(small: dict) -> None:
    assert suspicious(small, D).empty  # P2 is dissolved, but its only member left first


def test_suspicious_values_are_named_by_organisation(small: dict) -> None:
    tables = dict(small)
    members = small["members"].copy()
    members.loc[members["member_id"] == "m1", "birth_date"] = pd.Timestamp("1910-01-01")
    members.loc[members["member_id"] == "m6", "left_on"] = pd.NaT  # still in dissolved P2
    tables["members"] = members
    branches = small["branches"].copy()
    new = branches[branches["branch_id"] == "C1b"].assign(branch_id="C1c", name="甲社区第三党支部")
    tables["branches"] = pd.concat([branches, new], ignore_index=True)
    found = suspicious(tables, D)
    assert found[["check", "branch_id", "count"]].values.tolist() == [
        ["over_100", "C1a", 1],
        ["no_members", "C1c", 0],
        ["in_dissolved", "P2", 1],
    ]


def _ledger(*rows: tuple[str, str, str | None, str | None]) -> pd.DataFrame:
    """People as (branch_id, applied_on, admitted_on, member_id); an admitted person was
    made an activist and a candidate on the day of applying."""
    frame = pd.DataFrame(rows, columns=["branch_id", "applied_on", "admitted_on", "member_id"])
    for column in ("applied_on", "admitted_on"):
        frame[column] = pd.to_datetime(frame[column])
    for column in ("activist_on", "candidate_on"):
        frame[column] = frame["applied_on"].where(frame["admitted_on"].notna())
    frame["withdrawn_on"] = pd.NaT
    return frame


def test_ledger_people_waiting_in_a_dissolved_organisation_are_counted(small: dict) -> None:
    # P2 was dissolved on 2017-06-30: an applicant there on D is stranded; one who applied
    # after D, or was admitted by D, is not waiting
    ledger = _ledger(
        ("P2", "2017-01-01", None, None),
        ("P2", "2016-01-01", None, None),
        ("P2", "2018-12-01", None, None),
        ("P2", "2015-01-01", "2016-01-01", "m6"),
        ("C1a", "2017-01-01", None, None),
    )
    found = suspicious(dict(small) | {"development": ledger}, D)
    assert found[["check", "branch_id", "count"]].values.tolist() == [
        ["pipeline_in_dissolved", "P2", 2]
    ]


def test_admissions_without_a_member_id_are_counted_when_the_ledger_links_some(
    small: dict,
) -> None:
    linked = _ledger(
        ("C1a", "2016-01-01", "2018-03-01", "m2"),
        ("C1a", "2016-01-01", "2018-03-02", None),
        ("P1", "2016-01-01", "2018-12-01", None),  # admitted after D
    )
    found = suspicious(dict(small) | {"development": linked}, D)
    assert found[["check", "branch_id", "count"]].values.tolist() == [
        ["admitted_unlinked", "C1a", 1]
    ]
    unlinked = linked.assign(member_id=None)  # a ledger that links nobody: not a finding
    assert suspicious(dict(small) | {"development": unlinked}, D).empty


def test_units_covered_by_a_dissolved_organisation_are_counted(small: dict) -> None:
    # P2 was dissolved on 2017-06-30; a unit it still covers, and one of C1a's that closed
    units = pd.DataFrame(
        {
            "unit_id": ["U1", "U2", "U3"],
            "kind": ["非公企业"] * 3,
            "coverage": ["联合组建", "单独组建", "联合组建"],
            "branch_id": ["P2", "C1a", "P2"],
            "full_members": [1, 1, 1],
            "staff": [5, 5, 5],
            "instructor": [None] * 3,
            "registered_on": pd.to_datetime(["2010-01-01"] * 3),
            "closed_on": pd.to_datetime([None, None, "2018-01-01"]),
            "covered_on": pd.NaT,
        }
    )
    found = suspicious(dict(small) | {"units": units}, D)
    assert found[["check", "branch_id", "count"]].values.tolist() == [
        ["unit_in_dissolved", "P2", 1]
    ]
