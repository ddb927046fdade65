"""The same words carry the same figure on every surface: the overview's cards, the slides
(and so the PPTX, the HTML and the briefing, which are drawn from them) and the summary
command. Each figure is counted here from the sample's CSV files with plain pandas."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ingest import load_dataset
from report.exports import export_bytes
from report.slides import build_deck
from tests.app_script import metrics
from tests.by_hand import active_by_hand
from tests.conftest import SALT

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
D = pd.Timestamp("2018-11-30")
NEW_CARD = "本年发展党员（2018年1–11月）"


@pytest.fixture(scope="module")
def new_this_year_by_hand(sample_csv: dict[str, pd.DataFrame]) -> int:
    """Joined from 1 January to 30 November 2018 and not a transfer in (a 转入日期 after the
    入党日期 marks one)."""
    m = sample_csv["members"]
    joined = m["入党日期"]
    moved_in = m["转入日期"] > joined
    return int((joined.between("2018-01-01", "2018-11-30") & ~moved_in).sum())


@pytest.fixture(scope="module")
def sample_tables() -> dict[str, pd.DataFrame]:
    result = load_dataset([SAMPLE], salt=SALT)
    assert result.ok
    return result.tables


def _summary() -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "report", "summary", "--data", str(SAMPLE), "--json"],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=True,
    )  # fmt: skip
    return json.loads(done.stdout)


def test_new_members_this_year_is_one_figure_on_the_card_the_slide_and_the_summary(
    on_sample: Callable[..., AppTest], sample_tables: dict, new_this_year_by_hand: int
) -> None:
    shown = f"{new_this_year_by_hand:,} 名"
    assert metrics(on_sample("overview"))[NEW_CARD] == shown
    deck = build_deck(sample_tables, D, "zh", "全街道", "示例数据")
    (trend,) = [s for s in deck.slides if s.key == "trend"]
    assert (NEW_CARD, shown) in trend.figures
    assert f"2018年1–11月发展党员{new_this_year_by_hand:,}名" in trend.headline
    assert _summary()["members"]["new_this_year"] == new_this_year_by_hand


def test_the_briefing_names_new_members_this_year_as_the_overview_does(
    sample_tables: dict, new_this_year_by_hand: int
) -> None:
    text = export_bytes(sample_tables, D, "zh", "示例数据", "markdown").decode("utf-8")
    assert f"2018年1–11月发展党员{new_this_year_by_hand:,}名" in text.replace("\u2060", "")
    assert "近12个月发展党员" not in text


def test_members_per_branch_on_the_slide_is_members_over_branches_by_hand(
    sample_tables: dict, sample_csv: dict[str, pd.DataFrame]
) -> None:
    b = sample_csv["branches"]
    alive = b[b["成立日期"].le(D) & ~b["撤销日期"].le(D)]
    active = active_by_hand(sample_csv["members"], D)
    active = active[active["组织编号"].isin(alive["组织编号"])]
    by_hand = len(active) / int((alive["组织类型"] == "党支部").sum())
    deck = build_deck(sample_tables, D, "zh", "全街道", "示例数据", ("sectors",))
    figures = dict(deck.slides[0].figures)
    assert figures["平均每个党支部的党员数（名）"] == f"{by_hand:.1f}"


def test_the_summary_carries_this_year_s_movement_as_the_trend_slide_shows_it(
    sample_csv: dict[str, pd.DataFrame], sample_tables: dict
) -> None:
    m = sample_csv["members"]
    moved_in = m["转入日期"] > m["入党日期"]
    this_year = ("2018-01-01", "2018-11-30")
    new = int((m["入党日期"].between(*this_year) & ~moved_in).sum())
    transfer_in = int((m["转入日期"].between(*this_year) & moved_in).sum())
    gone = m[m["减少日期"].between(*this_year)]
    reasons = gone["减少原因"].fillna("其他").value_counts()
    left = {r: int(reasons.get(r, 0)) for r in ("转出", "死亡", "出党", "其他")}
    assert _summary()["members"]["this_year"] == {
        "new": new,
        "transfer_in": transfer_in,
        "left": left,
    }
    deck = build_deck(sample_tables, D, "zh", "全街道", "示例数据", ("trend",))
    assert [v for _, v in deck.slides[0].figures] == [
        f"{new:,} 名",
        f"{transfer_in:,} 名",
        f"{sum(left.values()):,} 名",
    ]
