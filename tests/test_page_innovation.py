"""The 创新引领 Innovation page as the user gets it, run by Streamlit's AppTest.

Figures are compared with values worked out by hand (tests/small_dataset.py) or computed
here with plain pandas from the sample's CSV files, never with the code under test.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.app_script import chart_titled, decode, metrics, trace

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
D = pd.Timestamp("2018-11-30")


def test_innovation_cards_by_hand(on_small: Callable[..., AppTest]) -> None:
    cards = metrics(on_small("innovation"))
    # tests/small_dataset.py: 2 applications, 1 granted (an invention); 1 filed in the 12
    # months to D for 5 active members; inventors 3 + 2, members among them 2 + 0
    assert cards["专利申请"] == "2 项"
    assert cards["授权专利"] == "1 项"
    assert cards["发明专利授权"] == "1 项"
    assert cards["每百名党员申请"] == "20.0"
    assert cards["党员发明人占比"] == "40.0%"


def test_innovation_chart_counts_applications_by_year_and_kind(
    on_small: Callable[..., AppTest],
) -> None:
    chart = chart_titled(on_small("innovation"), "专利申请（按类型）与授权，按年")
    invention = trace(chart, "申请：发明")
    assert dict(zip(invention["x"], decode(invention["y"]), strict=True)) == {
        "2015年": 1, "2016年": 0, "2017年": 0, "2018年（至11月）": 0
    }  # fmt: skip
    assert decode(trace(chart, "申请：实用新型")["y"])[-1] == 1
    assert decode(trace(chart, "授权")["y"]) == [0, 0, 1, 0]


def test_zhaoxin_patents_on_the_innovation_page_match_the_csv(
    on_sample: Callable[..., AppTest],
) -> None:
    """The forum report: 昭信集团 300+ applications, close to 50 invention patents granted.
    Counted here from the CSV files with plain pandas, following 上级组织编号 by hand."""
    b = pd.read_csv(SAMPLE / "branches.csv", dtype=str, encoding="utf-8-sig")
    p = pd.read_csv(SAMPLE / "patents.csv", dtype=str, encoding="utf-8-sig")
    parent = dict(zip(b["组织编号"], b["上级组织编号"], strict=True))
    top = b.loc[b["组织名称"] == "昭信集团党委", "组织编号"].item()

    def under_top(bid: str) -> bool:
        while isinstance(bid, str):
            if bid == top:
                return True
            bid = parent.get(bid)
        return False

    mine = p[p["组织编号"].map(under_top)]
    filed = int((pd.to_datetime(mine["申请日期"]) <= D).sum())
    inventions = int(((mine["专利类型"] == "发明") & (pd.to_datetime(mine["授权日期"]) <= D)).sum())
    assert filed >= 300 and 40 <= inventions < 50

    at = on_sample("innovation")
    (table,) = [d.value for d in at.dataframe if {"党组织", "发明专利授权"} <= set(d.value)]
    row = table.set_index("党组织").loc["昭信集团党委"]
    assert (row["申请"], row["发明专利授权"]) == (filed, inventions)
