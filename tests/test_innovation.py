"""Patents by organisation, on the hand-checkable dataset (tests/small_dataset.py)."""

from __future__ import annotations

import pandas as pd

from metrics.innovation import innovation_by_organisation

D = pd.Timestamp("2018-11-30")


def test_patents_are_counted_for_their_top_level_organisation(small: dict) -> None:
    out = innovation_by_organisation(small, D).set_index("branch_id")
    # both patents are P1's (a top-level 党支部): filed 2015 and 2018, the 2015 one granted
    assert list(out.index) == ["P1"]
    row = out.loc["P1"]
    assert (row["filed"], row["granted"], row["granted_invention"]) == (2, 1, 1)
    assert row["filed_12m"] == 1  # filed 2018-01-01, within the 12 months to D


def test_member_inventor_share_pools_the_organisations_patents(small: dict) -> None:
    out = innovation_by_organisation(small, D).set_index("branch_id")
    # inventors 3 + 2, of whom members 2 + 0
    assert out.loc["P1", "member_inventor_share"] == 2 / 5


def test_patents_filed_after_d_are_not_counted(small: dict) -> None:
    out = innovation_by_organisation(small, pd.Timestamp("2017-12-31")).set_index("branch_id")
    assert out.loc["P1", "filed"] == 1
    assert out.loc["P1", "member_inventor_share"] == 2 / 3


def test_enterprises_attendance_beside_their_patents(small: dict) -> None:
    from metrics.innovation import innovation_and_participation

    out = innovation_and_participation(small, D).set_index("branch_id")
    # only P1 is a top-level enterprise organisation with members on D (m4, m8); in the 12
    # months to D it held a2 (支委会, 1 of 2 attended) and filed one patent (2018-01-01)
    assert list(out.index) == ["P1"]
    row = out.loc["P1"]
    assert (row["members"], row["attendance_rate"], row["activities_per_member"]) == (2, 0.5, 0.5)
    assert row["per_100"] == 50.0
