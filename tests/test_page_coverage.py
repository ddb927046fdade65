"""The 两个覆盖 Coverage page as the user gets it, run by Streamlit's AppTest.

The sample's figures are worked out here with plain pandas from its units.csv, never with
the code under test. D = 2018-11-30.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.app_script import HAN, metrics, visible_text
from tests.by_hand import read_units, units_on

D = pd.Timestamp("2018-11-30")


def _register() -> pd.DataFrame:
    return read_units()


def _on_d(units: pd.DataFrame) -> pd.DataFrame:
    return units_on(units, D)


def _organisation_rate(units: pd.DataFrame, kind: str) -> tuple[str, str]:
    here = _on_d(units)
    mine = here[here["单位类型"] == kind]
    covered = mine["覆盖"].isin(["单独组建", "联合组建"]).sum()
    return f"{100 * covered / len(mine):.1f}%", f"{len(mine)} 家中 {covered} 家"


def test_the_cards_give_each_kinds_organisation_coverage_with_its_units(
    on_sample: Callable[..., AppTest],
) -> None:
    at = on_sample("coverage")
    cards = {m.label: (m.value, m.delta) for m in at.metric}
    units = _register()
    assert cards["非公企业党组织覆盖率"] == _organisation_rate(units, "非公企业")
    assert cards["社会组织党组织覆盖率"] == _organisation_rate(units, "社会组织")


def test_should_form_counts_units_with_three_full_members_and_no_own_organisation(
    on_sample: Callable[..., AppTest],
) -> None:
    here = _on_d(_register())
    should = here[(here["正式党员数"] >= 3) & (here["覆盖"] != "单独组建")]
    at = on_sample("coverage")
    assert metrics(at)["应建未建"] == f"{len(should)} 家"
    (table,) = [d.value for d in at.dataframe if "覆盖党组织" in d.value.columns]
    assert sorted(table["单位"]) == sorted(should["单位名称"])
    assert table["正式党员"].is_monotonic_decreasing
    assert "姓名" not in table.columns


def test_a_building_chosen_shows_its_tenants_only(on_sample: Callable[..., AppTest]) -> None:
    units = _register()
    tenants = units[units["所在楼宇"] == "承业大厦"]
    at = on_sample("coverage", building="承业大厦")
    assert at.selectbox(key="building").value == "承业大厦"
    value, delta = {m.label: (m.value, m.delta) for m in at.metric}["非公企业党组织覆盖率"]
    assert (value, delta) == _organisation_rate(tenants, "非公企业")


def test_the_sidebar_community_chooses_the_units_in_it(on_sample: Callable[..., AppTest]) -> None:
    units = _register()
    at = on_sample("coverage", community="灯湖社区")
    value, delta = {m.label: (m.value, m.delta) for m in at.metric}["非公企业党组织覆盖率"]
    assert (value, delta) == _organisation_rate(units[units["所在社区"] == "灯湖社区"], "非公企业")


def test_units_reached_by_nobody_are_listed_largest_first(
    on_sample: Callable[..., AppTest],
) -> None:
    here = _on_d(_register())
    nobody = here[(here["覆盖"] == "未建") & here["党建指导员"].isna()]
    at = on_sample("coverage")
    (table,) = [
        d.value
        for d in at.dataframe
        if "从业人员" in d.value.columns and "覆盖党组织" not in d.value.columns
    ]
    assert len(table) == len(nobody)
    assert table["从业人员"].is_monotonic_decreasing


def test_without_a_register_the_page_says_how_to_add_one(on_small: Callable[..., AppTest]) -> None:
    at = on_small("coverage")
    assert any("未导入两新组织名录" in i.value for i in at.info)


def test_the_english_page_has_no_chinese_but_names(on_sample: Callable[..., AppTest]) -> None:
    at = on_sample("coverage", lang="en")
    texts = [text for text in visible_text(at) if HAN.search(text or "")]
    assert texts == []
    assert "Private enterprises covered" in metrics(at)


def test_the_overview_card_gives_both_kinds_coverage_against_a_year_earlier(
    on_sample: Callable[..., AppTest],
) -> None:
    units = _register()

    def rate(day: pd.Timestamp) -> float:
        here = units_on(units, day)
        return here["覆盖"].isin(["单独组建", "联合组建"]).mean()

    now, before = rate(D), rate(pd.Timestamp("2017-11-30"))
    at = on_sample("overview")
    (card,) = [m for m in at.metric if m.label == "两新组织党组织覆盖率"]
    assert card.value == f"{100 * now:.1f}%"
    assert card.delta.startswith(f"{100 * (now - before):+.1f}")
