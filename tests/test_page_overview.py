"""The 总览 Overview page as the user gets it, run by Streamlit's AppTest.

Figures are compared with values worked out by hand (tests/small_dataset.py) or computed
here with plain pandas from the sample's CSV files, never with the code under test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.app_script import chart_titled, decode, metrics, trace

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"


def test_overview_cards_match_the_hand_worked_figures(on_small: Callable[..., AppTest]) -> None:
    cards = metrics(on_small("overview"))
    assert cards["党组织"] == "4 个"
    assert cards["在册党员"] == "5 名"
    assert cards["本年发展党员（2018年1–11月）"] == "1 名"  # m2; m8 joined in December 2017
    assert cards["预备党员"] == "2 名"
    assert cards["授权专利"] == "1 项"
    assert cards["组织生活参与率"] == "75.0%"


def test_overview_headline_sentence(on_small: Callable[..., AppTest]) -> None:
    at = on_small("overview")
    assert any(
        "全街道共有党组织4个（其中党支部3个）、在册党员5名，较上年增长25.0%"
        in m.value.replace("\u2060", "")  # word joiners keep numbers with their units
        for m in at.markdown
    )


def test_trend_chart_data_ends_with_the_hand_counts(on_small: Callable[..., AppTest]) -> None:
    chart = chart_titled(on_small("overview"), "在册党员人数（月末）")
    assert decode(trace(chart, "正式党员")["y"])[-1] == 3
    assert decode(trace(chart, "预备党员")["y"])[-1] == 2
    assert trace(chart, "正式党员")["x"][-1] == "2018年11月"


def test_changing_the_sector_filter_changes_the_figures(on_small: Callable[..., AppTest]) -> None:
    at = on_small("overview")
    at.sidebar.multiselect[0].set_value(["非公企业"]).run()
    cards = metrics(at)
    assert cards["在册党员"] == "2 名"  # m4 and m8
    assert cards["党组织"] == "1 个"  # P1 (P2 dissolved)
    chart = chart_titled(at, "在册党员人数（月末）")
    assert decode(trace(chart, "正式党员")["y"])[-1] == 1


def test_summary_command_equals_the_overview_cards(on_sample: Callable[..., AppTest]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "report", "summary", "--data", str(SAMPLE), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    summary = json.loads(done.stdout)
    cards = metrics(on_sample("overview"))
    assert cards["在册党员"] == f"{summary['members']['active']:,} 名"
    assert cards["预备党员"] == f"{summary['members']['probationary']:,} 名"
    assert cards["党组织"] == f"{summary['branches']['total']:,} 个"
    assert cards["授权专利"] == f"{summary['patents']['granted']:,} 项"


def test_overview_counts_the_warnings(on_alerts: Callable[..., AppTest]) -> None:
    at = on_alerts("overview")
    assert metrics(at)["组织健康提醒"] == "7 条"


def test_the_trend_starts_near_its_lowest_total_and_from_zero_at_a_click(
    on_sample: Callable[..., AppTest],
) -> None:
    at = on_sample("overview")
    (bottom, _), _ = chart_titled(at, "在册党员人数（月末）")["layout"]["yaxis"]["range"], None
    assert bottom > 0
    at.toggle(key="overview_trend_zero").set_value(True).run()
    assert chart_titled(at, "在册党员人数（月末）")["layout"]["yaxis"]["range"][0] == 0
