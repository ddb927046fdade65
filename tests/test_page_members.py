"""The 党员队伍 Members page as the user gets it, run by Streamlit's AppTest.

Figures are compared with values worked out by hand (tests/small_dataset.py) or computed
here with plain pandas from the sample's CSV files, never with the code under test.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.app_script import chart_titled, decode, open_app, trace
from tests.by_hand import active_by_hand

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
D = pd.Timestamp("2018-11-30")


def test_members_page_structure_charts(on_small: Callable[..., AppTest]) -> None:
    at = on_small("members")
    gender = chart_titled(at, "性别结构")["data"][0]
    assert gender["y"] == ["男", "女"] and decode(gender["x"]) == [2, 3]
    age = chart_titled(at, "年龄结构")["data"][0]
    assert dict(zip(age["y"], decode(age["x"]), strict=True))["31至35岁"] == 2


def test_members_page_yearly_flows(on_small: Callable[..., AppTest]) -> None:
    at = on_small("members", freq="年")
    chart = chart_titled(at, "党员流入与流出（每年）")
    assert trace(chart, "发展党员")["x"][-1] == "2018年1–11月"  # D = 2018-11-30: a partial year
    assert decode(trace(chart, "发展党员")["y"])[-1] == 1
    assert decode(trace(chart, "转入")["y"])[-1] == 1
    assert decode(trace(chart, "死亡")["y"])[-1] == -1


def test_sample_age_chart_matches_pandas(
    on_sample: Callable[..., AppTest], sample_csv: dict
) -> None:
    active = active_by_hand(sample_csv["members"], D)
    birth = active["出生日期"]
    age = (
        2018
        - birth.dt.year
        - ((birth.dt.month > 11) | ((birth.dt.month == 11) & (birth.dt.day > 30)))
    )
    bars = chart_titled(on_sample("members"), "年龄结构")["data"][0]
    shown = dict(zip(bars["y"], decode(bars["x"]), strict=True))
    assert shown["30岁及以下"] == int((age <= 30).sum())
    assert shown["61岁及以上"] == int((age >= 61).sum())
    assert sum(shown.values()) == len(active)


def test_members_page_says_when_the_filters_leave_nothing(on_small: Callable[..., AppTest]) -> None:
    at = on_small("members", sector="社区", community="乙社区")
    assert "当前筛选范围内没有党组织" in at.info[0].value
    assert not at.get("plotly_chart")


def test_members_shows_lost_contact_and_floating_members_by_sector(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from tests import official_forms as forms

    forms.write_roster_xlsx(tmp_path / "党员基本信息汇总表.xlsx")
    forms.write_orgs_xlsx(tmp_path / "党组织.xlsx")
    monkeypatch.setenv("DANGJIAN_DATA_DIR", str(tmp_path))
    at = open_app("members")
    (caption,) = [c.value for c in at.caption if "失联党员" in c.value]
    # tests/official_forms.py: 王小红 lost contact, 李四 is away; all six in 社区
    assert "失联党员 1 名、流动党员 1 名" in caption
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    bars = {
        s["layout"]["title"]["text"]: dict(
            zip(s["data"][0]["y"], decode(s["data"][0]["x"]), strict=True)
        )
        for s in specs
        if s["layout"].get("title", {}).get("text") in ("失联党员（名）", "流动党员（名）")
    }
    assert bars == {"失联党员（名）": {"社区": 1.0}, "流动党员（名）": {"社区": 1.0}}
