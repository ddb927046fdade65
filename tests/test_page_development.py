"""The 发展党员 Development page as the user gets it, run by Streamlit's AppTest.

The sample's counts are worked out here with plain pandas from its CSV files, never with
the code under test.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.app_script import HAN, chart_titled, decode, metrics, visible_text
from tests.by_hand import active_by_hand, plans_by_hand, read_ledger, stages_by_hand

D = pd.Timestamp("2018-11-30")


def _ledger() -> pd.DataFrame:
    return read_ledger()


def _by_hand(ledger: pd.DataFrame, members: pd.DataFrame) -> dict[str, str]:
    """The five cards on D: stages from the ledger (``stages_by_hand``), 预备党员 from the
    roster, admissions from 1 January."""
    active = active_by_hand(members, D)
    probationary = active["转正日期"].isna() | (active["转正日期"] > D)
    admitted = ledger["接收预备党员日期"].between(pd.Timestamp("2018-01-01"), D)
    stages = {name: f"{n:,} 人" for name, n in stages_by_hand(ledger, D).items()}
    return stages | {
        "预备党员": f"{probationary.sum():,} 人",
        "2018年接收": f"{admitted.sum():,} 人",
    }


def test_the_cards_count_each_stage_on_the_as_of_date(
    on_sample: Callable[..., AppTest], sample_csv: dict[str, pd.DataFrame]
) -> None:
    assert metrics(on_sample("development")) == _by_hand(_ledger(), sample_csv["members"])


def test_this_years_admissions_equal_the_overviews_new_members(
    on_sample: Callable[..., AppTest],
) -> None:
    development = metrics(on_sample("development"))["2018年接收"]
    overview = metrics(on_sample("overview"))
    (new,) = [v for k, v in overview.items() if k.startswith("本年发展党员")]
    assert development.split()[0] == new.split()[0] == "205"


def test_every_procedure_check_is_shown_with_its_source(on_sample: Callable[..., AppTest]) -> None:
    at = on_sample("development")
    (rules,) = [d.value for d in at.table if "依据" in d.value.columns]
    assert rules["检查"].tolist() == [
        "申请时未满18岁",
        "申请后一个月内未谈话",
        "积极分子培养不满一年即列为发展对象",
        "集中培训不足3天且不足24学时",
        "支部大会后三个月内未审批",
    ]
    assert rules["依据"].iloc[0].startswith("《中国共产党章程》第一条")
    assert rules["依据"].iloc[1].startswith("《中国共产党发展党员工作细则》（2014）第七条")


def test_the_support_list_names_organisations_and_links_to_their_profiles(
    on_sample: Callable[..., AppTest],
) -> None:
    at = on_sample("development")
    (support,) = [d.value for d in at.dataframe if "有问题的人数" in d.value.columns]
    assert "姓名" not in support.columns
    assert support["有问题的人数"].is_monotonic_decreasing
    assert all(link.startswith("branch?lang=zh&branch=B") for link in support["支部画像"])


def test_the_plan_caption_totals_this_years_plans_and_the_admissions_under_them(
    on_sample: Callable[..., AppTest],
) -> None:
    ledger = _ledger()
    plans = plans_by_hand(ledger, D)
    at = on_sample("development")
    (caption,) = [c.value for c in at.caption if c.value.startswith("2018年有发展计划的")]
    planned, admitted = int(plans["计划发展党员数"].sum()), int(plans["admitted"].sum())
    assert f"2018年有发展计划的 {len(plans)} 个党组织计划发展 {planned:,} 人" in caption
    assert f"已接收 {admitted:,} 人" in caption
    assert f"完成 {100 * admitted / planned:.1f}%" in caption
    # the year's whole intake (the card beside it) and the part no plan covers, named
    year = int(ledger["接收预备党员日期"].between(pd.Timestamp("2018-01-01"), D).sum())
    assert f"本年接收的 {year:,} 人中，另有 {year - admitted:,} 人在未编制计划的党组织" in caption


def test_the_plan_table_puts_the_committee_furthest_behind_first(
    on_sample: Callable[..., AppTest],
) -> None:
    plans = plans_by_hand(_ledger(), D)
    share = plans["admitted"] / plans["计划发展党员数"]
    at = on_sample("development")
    (table,) = [d.value for d in at.dataframe if "完成率（%）" in d.value.columns]
    assert len(table) == len(plans)
    assert table["完成率（%）"].iat[0] == round(100 * share.min(), 1)
    assert table["完成率（%）"].is_monotonic_increasing
    assert all(link.startswith("branch?lang=zh&branch=B") for link in table["支部画像"])


def test_the_intake_is_set_beside_the_national_recruits_with_their_years(
    on_sample: Callable[..., AppTest],
) -> None:
    ledger = _ledger()
    year = ledger[ledger["接收预备党员日期"].between(pd.Timestamp("2018-01-01"), D)]
    women = (year["性别"] == "女").mean()
    fig = chart_titled(on_sample("development"), "本年接收预备党员的结构：与全国发展党员对比")
    local, national = fig["data"]
    assert decode(local["x"])[0] == pytest.approx(women)
    # 2017's communiqué as read gives no women's share: 2021's is the nearest
    assert decode(national["x"])[0] == pytest.approx(0.466)
    assert "2017年、2021年、2022年" in fig["layout"]["title"]["subtitle"]["text"]


def test_without_a_ledger_the_page_says_how_to_add_one(on_small: Callable[..., AppTest]) -> None:
    at = on_small("development")
    assert not at.exception
    assert any("未导入发展党员台账" in i.value for i in at.info)


def test_the_english_page_has_no_chinese(on_sample: Callable[..., AppTest]) -> None:
    at = on_sample("development", lang="en")
    assert list(metrics(at)) == [
        "Applicants",
        "Activists",
        "Candidates",
        "Probationary members",
        "Admitted in 2018",
    ]
    assert [text for text in visible_text(at) if HAN.search(text or "")] == []
