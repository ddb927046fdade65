"""Data quality on the hand-checkable dataset (tests/small_dataset.py), D = 2018-11-30."""

from __future__ import annotations

import pandas as pd

from metrics.quality import completeness, suspicious

D = pd.Timestamp("2018-11-30")


def test_completeness_counts_filled_cells_per_column(small: dict) -> None:
    table = completeness(small).set_index(["dataset", "column"])
    # 8 members; 减少日期 filled for m5, m6, m7; 转入日期 for m3 only
    assert table.loc[("members", "left_on")].tolist()[:2] == [8, 3]
    assert table.loc[("members", "registered_on"), "share"] == 1 / 8
    assert table.loc[("members", "member_id"), "share"] == 1.0


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
