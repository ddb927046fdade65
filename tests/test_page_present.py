"""The 会议汇报 Presenting page as the user gets it, run by Streamlit's AppTest.

Figures are compared with values worked out by hand (tests/small_dataset.py) or computed
here with plain pandas from the sample's CSV files, never with the code under test.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.app_script import metrics


def test_present_page_opens_on_the_overview_slide_by_hand(on_small: Callable[..., AppTest]) -> None:
    at = on_small("present")
    texts = [m.value.replace("\u2060", "").replace("\\", "") for m in at.markdown]
    assert "## 总体情况" in texts
    assert any("在册党员5名，较上年增长25.0%" in text for text in texts)
    assert metrics(at) == {"党组织": "4 个", "在册党员": "5 名", "预备党员": "2 名"}
    assert len(at.get("plotly_chart")) == 1


def test_the_slide_chart_takes_the_height_the_screen_leaves(
    on_small: Callable[..., AppTest],
) -> None:
    """The chart has no fixed height of its own: the page's CSS sizes it from the viewport
    (tests/browser/test_present.py measures that every slide fits)."""
    at = on_small("present")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"].get("height") is None


def test_the_fourth_slide_of_the_annual_report_is_the_development_pipeline(
    on_sample: Callable[..., AppTest],
) -> None:
    from tests.by_hand import read_ledger, stages_by_hand

    at = on_sample("present")
    at.session_state["slide_index"] = 3  # after 总览, 党员队伍变化 and 年报
    at.run()
    texts = [m.value for m in at.markdown]
    assert "## 发展党员" in texts
    stages = stages_by_hand(read_ledger(), pd.Timestamp("2018-11-30"))
    assert metrics(at)["入党积极分子"] == f"{stages['入党积极分子']:,} 人"
    assert not [text for text in texts if "*" in text.replace("**", "")]  # no masked names
