"""The 支部画像 Branch profile page as the user gets it, run by Streamlit's AppTest.

Figures are compared with values worked out by hand (tests/small_dataset.py) or computed
here with plain pandas from the sample's CSV files, never with the code under test.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from app import cached, params
from tests.app_script import HAN, chart_titled, decode, metrics, visible_text
from tests.small_dataset import NAMES

D = pd.Timestamp("2018-11-30")


def test_branch_profile_with_masked_member_list(on_small: Callable[..., AppTest]) -> None:
    at = on_small("branch", branch="甲社区党委 · C1")
    assert metrics(at)["在册党员"] == "3 名"  # m1, m2 (C1a) and m3 (C1b)
    members = at.dataframe[-1].value
    assert sorted(members["姓名"]) == sorted(["赵*芳", "钱*", "孙*娘"])
    shown = json.dumps([str(e.value) for e in at.main if hasattr(e, "value")], ensure_ascii=False)
    shown += "".join(members.astype(str).to_numpy().ravel())
    for name in NAMES:
        assert name not in shown


def test_branch_growth_against_its_sector_and_all_by_hand(on_small: Callable[..., AppTest]) -> None:
    chart = chart_titled(
        on_small("branch", branch="乙科技有限公司党支部 · P1"), "在册党员增长对比（起点 = 100）"
    )
    # base January 2013 (the trend's start): P1 has m4; 非公企业 m4 m6; all m1 m4 m6 m7.
    # On D: P1 m4 m8 → 200; 非公企业 m4 m8 → 100; all m1 m2 m3 m4 m8 → 125.
    last = {trace["name"]: decode(trace["y"])[-1] for trace in chart["data"]}
    assert last == {"本组织": 200.0, "所属领域（非公企业）": 100.0, "全街道": 125.0}


def test_branch_page_in_english_keeps_only_names_in_chinese(
    on_small: Callable[..., AppTest],
) -> None:
    at = on_small("branch", lang="English", branch="甲社区党委 · C1")
    names = ("甲社区党委", "甲社区")  # the organisation's and its community's own names
    texts = [text or "" for text in visible_text(at)]
    for name in names:
        texts = [text.replace(name, "") for text in texts]
    assert [text for text in texts if HAN.search(text)] == []
    assert any("Party committee · Communities" in text for text in texts)


def test_link_to_a_branch_not_in_view_says_so(on_small: Callable[..., AppTest]) -> None:
    at = on_small(
        "branch", branch="甲社区第二党支部 · C1b", asof="2017-06-30"
    )  # founded 2018-03-01
    assert "甲社区第二党支部 · C1b" in at.info[0].value
    assert at.selectbox[0].value == "C1"


def test_an_overdue_term_is_marked_as_organisational_health_marks_it(
    on_alerts: Callable[..., AppTest],
) -> None:
    at = on_alerts("branch", branch="A")  # tests/alert_dataset.py: 届满 2018-11-01, D 11-30
    assert any("届满日期 2018年11月1日，已逾期 29 天" in c.value for c in at.caption)


def test_no_change_in_members_is_grey_without_an_arrow(on_alerts: Callable[..., AppTest]) -> None:
    at = on_alerts("branch", branch="A")  # three members since 2000: the same a year earlier
    card = at.metric[0].proto
    fields = card.DESCRIPTOR.fields_by_name

    def name(field: str) -> str:
        return fields[field].enum_type.values_by_number[getattr(card, field)].name

    assert card.delta == "±0 名"
    assert (name("color"), name("direction")) == ("GRAY", "NONE")


def test_a_committees_profile_shows_its_pipeline_and_its_plan(
    on_sample: Callable[..., AppTest],
) -> None:
    from tests.by_hand import plans_by_hand, read_ledger, stages_by_hand, tree_by_hand

    ledger = read_ledger()
    mine = ledger[ledger["组织编号"].isin(tree_by_hand("B0010001"))]  # 翠颐社区党委's tree
    at = on_sample("branch", branch="B0010001")
    cards = metrics(at)
    for stage, n in stages_by_hand(mine, D).items():
        assert cards[stage] == f"{n:,} 人"
    admitted = mine["接收预备党员日期"].between(pd.Timestamp("2018-01-01"), D).sum()
    assert cards["2018年接收"] == f"{admitted:,} 人"
    plan = plans_by_hand(ledger, D).set_index("组织编号").loc["B0010001"]
    (words,) = [c.value for c in at.caption if c.value.startswith("程序检查")]
    assert f"2018年计划发展 {plan['计划发展党员数']} 人，已接收 {plan['admitted']} 人" in words


def test_without_a_ledger_the_profile_has_no_pipeline(on_small: Callable[..., AppTest]) -> None:
    at = on_small("branch", branch="甲社区党委 · C1")
    assert "入党申请人" not in metrics(at)
    assert "发展党员" not in [s.value for s in at.subheader]


def test_a_joint_branch_lists_the_units_it_covers(on_sample: Callable[..., AppTest]) -> None:
    from tests.by_hand import read_units, units_on

    here = units_on(read_units(), D)
    mine = here[
        (here["所属党组织编号"] == "B0010353") & here["覆盖"].isin(["单独组建", "联合组建"])
    ]  # 石啃社区非公企业联合党支部
    at = on_sample("branch", branch="B0010353")
    (table,) = [d.value for d in at.dataframe if "单位" in d.value.columns]
    assert sorted(table["单位"]) == sorted(mine["单位名称"])
    assert set(table["覆盖方式"]) == {"联合组建"}
    assert f"共 {len(mine)} 家" in " ".join(c.value for c in at.caption)


def test_a_branch_covering_no_unit_lists_none(on_sample: Callable[..., AppTest]) -> None:
    at = on_sample("branch", branch="B0010002")  # 翠颐社区第一党支部
    assert "覆盖的两新组织" not in [s.value for s in at.subheader]


# The picker with more organisations than it lists (app/picker.py): the small dataset's
# organisations on D, in the picker's order, are C1, C1a, C1b, P1 (P2 was dissolved).
def _few(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cached, "PICKER_ROWS", 2)


def test_a_picker_of_every_organisation_has_no_search_box(on_small: Callable[..., AppTest]) -> None:
    at = on_small("branch")
    assert not [w for w in at.text_input if w.key == "branch_search"]
    assert at.selectbox(key=params.BRANCH.name).options == [
        "甲社区党委 · C1", "甲社区第一党支部 · C1a", "甲社区第二党支部 · C1b",
        "乙科技有限公司党支部 · P1",
    ]  # fmt: skip


def test_more_organisations_than_listed_give_a_search_box_and_say_so(
    on_small: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    _few(monkeypatch)
    at = on_small("branch")
    assert at.text_input(key="branch_search").label == "查找党组织"
    assert at.selectbox(key=params.BRANCH.name).options == [
        "甲社区党委 · C1", "甲社区第一党支部 · C1a"
    ]  # fmt: skip
    assert any("下拉框列出2个，共4个党组织" in c.value for c in at.caption)


def test_a_search_lists_the_organisations_whose_name_or_id_holds_it(
    on_small: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    _few(monkeypatch)
    at = on_small("branch")
    at.text_input(key="branch_search").input("乙科技").run()
    assert at.selectbox(key=params.BRANCH.name).options == ["乙科技有限公司党支部 · P1"]
    assert at.subheader[0].value == "乙科技有限公司党支部"  # the first found, chosen
    assert any("名称或编号含“乙科技”的党组织共1个" in c.value for c in at.caption)


def test_a_search_that_finds_nothing_says_so_and_keeps_the_list(
    on_small: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    _few(monkeypatch)
    at = on_small("branch")
    at.text_input(key="branch_search").input("不存在").run()
    assert not at.exception
    assert any("没有名称或编号含“不存在”的党组织" in c.value for c in at.caption)
    assert at.selectbox(key=params.BRANCH.name).value == "C1"


def test_a_link_to_an_organisation_beyond_the_list_opens_it(
    on_small: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    _few(monkeypatch)
    at = on_small("branch", branch="P1")
    assert at.selectbox(key=params.BRANCH.name).value == "P1"
    assert at.subheader[0].value == "乙科技有限公司党支部"


def test_a_search_is_quoted_as_typed_never_as_markup(
    on_small: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    _few(monkeypatch)
    at = on_small("branch")
    at.text_input(key="branch_search").input("[点我](http://evil.example)").run()
    (note,) = [c.value for c in at.caption if "没有名称或编号含" in c.value]
    assert "](http" not in note and "\\[点我\\]" in note


def test_a_search_that_finds_the_organisation_shown_keeps_it(
    on_small: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    _few(monkeypatch)
    at = on_small("branch", branch="C1b")
    at.text_input(key="branch_search").input("甲社区").run()  # C1, C1a, C1b: two listed
    assert at.selectbox(key=params.BRANCH.name).value == "C1b"
    assert at.subheader[0].value == "甲社区第二党支部"
