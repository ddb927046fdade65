"""Sector, community and branch tables, and filtering by scope, on the hand-checked dataset."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from metrics.compare import branches_alive, compare
from metrics.scope import Scope, apply_scope, descendants

D = pd.Timestamp("2018-11-30")


def test_dissolved_branch_is_not_alive(small: dict) -> None:
    assert sorted(branches_alive(small["branches"], D)["branch_id"]) == ["C1", "C1a", "C1b", "P1"]
    assert "P2" in set(branches_alive(small["branches"], pd.Timestamp("2017-06-29"))["branch_id"])


def test_by_sector(small: dict) -> None:
    table = compare(small, D, "sector")
    assert list(table.index) == [
        "社区",
        "国有企业",
        "非公企业",
        "楼宇",
        "行业商协会",
        "社会组织",
        "机关事业单位",
    ]
    community, private = table.loc["社区"], table.loc["非公企业"]
    assert (community["党委"], community["党支部"], community["members"]) == (1, 2, 3)
    assert community["members_per_branch"] == 1.5
    assert community["female"] == pytest.approx(2 / 3)
    assert community["new_per_100"] == pytest.approx(100 / 3)
    assert (private["党支部"], private["members"], private["members_per_branch"]) == (1, 2, 2.0)
    assert private["new_members_12m"] == 1
    assert private["probationary"] == 0.5
    assert table.loc["楼宇", "members"] == 0
    assert math.isnan(table.loc["楼宇", "members_per_branch"])


def test_by_community(small: dict) -> None:
    table = compare(small, D, "community")
    assert table["members"].to_dict() == {"乙社区": 2, "甲社区": 3}
    assert table.loc["乙社区", "党支部"] == 1  # P2 was dissolved


def test_by_branch(small: dict) -> None:
    table = compare(small, D, "branch")
    assert table["members"].to_dict() == {"C1": 0, "C1a": 2, "C1b": 1, "P1": 2}
    assert table.loc["C1a", "name"] == "甲社区第一党支部"
    assert "members_per_branch" not in table.columns


def test_scope_keeps_the_rows_of_the_chosen_branches(small: dict) -> None:
    scoped = apply_scope(small, Scope(sectors=("非公企业",)))
    assert sorted(scoped["branches"]["branch_id"]) == ["P1", "P2"]
    assert sorted(scoped["members"]["member_id"]) == ["m4", "m5", "m6", "m8"]
    assert list(scoped["participation"]["activity_id"]) == ["a2"]
    assert len(scoped["patents"]) == 2


def test_scope_by_community_and_sector_intersects(small: dict) -> None:
    scoped = apply_scope(small, Scope(sectors=("社区",), communities=("乙社区",)))
    assert scoped["branches"].empty and scoped["members"].empty


def test_descendants_include_the_organisation_itself(small: dict) -> None:
    assert descendants(small["branches"], "C1") == {"C1", "C1a", "C1b"}
    assert descendants(small["branches"], "P1") == {"P1"}


def test_groups_without_organisations_can_be_dropped(small: dict) -> None:
    from metrics.compare import with_organisations

    assert list(with_organisations(compare(small, D, "sector")).index) == ["社区", "非公企业"]


def test_growth_index_starts_at_100_when_the_organisation_first_has_members() -> None:
    from metrics.profile import growth_index

    ends = pd.DatetimeIndex(["2018-09-30", "2018-10-31", "2018-11-30"])
    out = growth_index(
        pd.Series([0, 10, 12], index=ends),
        pd.Series([50, 50, 55], index=ends),
        pd.Series([100, 110, 121], index=ends),
    )
    assert out.iloc[0].isna().all()  # before the organisation had members
    assert out.iloc[1].tolist() == [100.0, 100.0, 100.0]
    assert out.iloc[2].tolist() == pytest.approx([120.0, 110.0, 110.0])


def test_growth_index_of_an_organisation_that_never_had_members_is_empty() -> None:
    from metrics.profile import growth_index

    ends = pd.DatetimeIndex(["2018-10-31", "2018-11-30"])
    zero = pd.Series([0, 0], index=ends)
    assert growth_index(zero, zero + 5, zero + 9).isna().all().all()


def test_count_by_rolls_branches_up_to_their_groups() -> None:
    from metrics.compare import count_by

    ids = pd.Series(["a", "a", "b", "c", "a"])
    out = count_by(ids, pd.Series({"a": "社区", "b": "社区", "d": "楼宇"}))
    assert out.to_dict() == {"社区": 4}  # c has no group: not counted; 楼宇 has no rows
