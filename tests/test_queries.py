"""The query layer on the hand-checkable dataset (tests/small_dataset.py), D = 2018-11-30.

Members: m1 (C1a, joined 1975), m2 (C1a, joined 2018-03-01, probationary), m3 (C1b, joined
2010, transferred in 2018-03-15), m4 (P1, 2012), m5 (P1, left 2018-08-31 转出), m6 (P2, left
2017-06-30), m7 (C1a, died 2018-02-10), m8 (P1, joined 2017-12-01, probationary).
"""

from __future__ import annotations

import math

import pandas as pd

from queries.innovation import innovation
from queries.members import this_year
from queries.orglife import orglife
from queries.overview import cards, new_this_year, opening
from queries.sectors import comparison, totals

D = pd.Timestamp("2018-11-30")


def test_new_this_year_counts_from_1_january_to_d(small: dict) -> None:
    new = new_this_year(small["members"], D)
    # m2 only (m8 joined on 1 December 2017); the same span of 2017 had none (m8 is later)
    assert (new.count, new.start, new.end, new.year_before) == (1, pd.Timestamp("2018-01-01"), D, 0)


def test_this_years_movement_in_and_out(small: dict) -> None:
    year = this_year(small["members"], D)
    # new m2; transfer in m3; out m5 (转出) and m7 (死亡): 1 + 1 − 2 = 0
    assert (year.new, year.transfer_in, year.outflow, year.net) == (1, 1, 2, 0)


def test_the_new_members_card_and_this_years_movement_agree(small: dict) -> None:
    (new_card,) = [c for c in cards(small, D) if c.name == "new"]
    assert new_card.value == this_year(small["members"], D).new == 1
    assert new_card.delta == 1  # against 0 in the same span of 2017


def test_the_opening_sentence_has_a_year_earlier(small: dict) -> None:
    figures = opening(small, D)
    # on 2017-11-30: m1, m4, m5 and m7 (m6 left in June 2017; m3 came here in 2018)
    assert figures["active_year_earlier"] == 4
    assert figures["members"]["active"] == 5


def test_sector_totals_divide_the_sums_not_average_the_ratios(small: dict) -> None:
    total = totals(comparison(small, D, "sector"))
    # 社区: m1 m2 m3 in C1a, C1b (2 党支部); 非公企业: m4 m8 in P1 (P2 dissolved)
    assert (total.groups, total.members, total.branches) == (2, 5, 3)
    assert math.isclose(total.members_per_branch, 5 / 3)
    assert (total.largest, total.largest_share) == ("社区", 0.6)
    assert (total.most_per_branch, total.fewest_per_branch) == ("非公企业", "社区")


def test_no_innovation_or_orglife_figures_without_their_datasets(small: dict) -> None:
    only = {k: small[k] for k in ("branches", "members")}
    assert innovation(only, D) is None
    assert orglife(only, D) is None


def test_orglife_compliance_is_met_over_due(small: dict) -> None:
    life = orglife(small, D)
    # tests/test_summary.py works the 49 rule-periods due out; one is met
    assert life.compliance == 1 / 49
    assert life.below == 3
    assert len(life.support) == 3 and life.support["below"].all()
