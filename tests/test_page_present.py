"""The 会议汇报 Presenting page as the user gets it, run by Streamlit's AppTest.

Figures are compared with values worked out by hand (tests/small_dataset.py) or computed
here with plain pandas from the sample's CSV files, never with the code under test.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from tests.app_script import metrics


def test_present_page_opens_on_the_overview_slide_by_hand(on_small: Callable[..., AppTest]) -> None:
    at = on_small("present")
    texts = [m.value.replace("\u2060", "").replace("\\", "") for m in at.markdown]
    assert "## 总体情况" in texts
    assert any("在册党员5名，较上年增长25.0%" in text for text in texts)
    assert metrics(at) == {"党组织": "4 个", "在册党员": "5 名", "预备党员": "2 名"}
    assert len(at.get("plotly_chart")) == 1


def test_compact_slides_fit_a_1366_by_768_projector(on_small: Callable[..., AppTest]) -> None:
    at = on_small("present")
    assert json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["height"] == 470
    at.toggle(key="slide_compact").set_value(True).run()
    texts = [m.value.replace("\u2060", "").replace("\\", "") for m in at.markdown]
    assert "### 总体情况" in texts
    assert json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["height"] == 300
