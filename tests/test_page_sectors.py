"""The 领域对比 Sectors page as the user gets it, run by Streamlit's AppTest.

Figures are compared with values worked out by hand (tests/small_dataset.py) or computed
here with plain pandas from the sample's CSV files, never with the code under test.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from app.selection import sector_from_selection
from tests.app_script import chart_titled, decode
from tests.by_hand import active_by_hand

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
D = pd.Timestamp("2018-11-30")


def test_sectors_page_per_branch_measures(on_small: Callable[..., AppTest]) -> None:
    at = on_small("sectors")
    bars = chart_titled(at, "在册党员（名）")["data"][0]
    assert dict(zip(bars["customdata"], decode(bars["x"]), strict=True)) == {
        "社区": 3.0,
        "非公企业": 2.0,
    }
    table = at.dataframe[-1].value.set_index("指标")  # few sectors: a measure per row
    column = table["社区"]
    assert (column["党支部"], column["在册党员"], column["平均每支部党员"]) == ("2", "3", "1.5")


def test_sectors_page_by_community(on_small: Callable[..., AppTest]) -> None:
    at = on_small("sectors", by="社区")
    table = at.dataframe[-1].value.set_index("所在社区")
    assert table["在册党员"].to_dict() == {"乙社区": 2, "甲社区": 3}


def test_sample_members_by_sector_chart_matches_pandas(
    on_sample: Callable[..., AppTest], sample_csv: dict
) -> None:
    active = active_by_hand(sample_csv["members"], D)
    sectors = active.merge(sample_csv["branches"], on="组织编号")["所属领域"].value_counts()
    bars = chart_titled(on_sample("sectors"), "在册党员（名）")["data"][0]
    shown = dict(zip(bars["customdata"], decode(bars["x"]), strict=True))
    assert shown == {k: float(v) for k, v in sectors.items()}


def test_a_click_on_a_sector_bar_names_its_sector() -> None:
    selection = {"selection": {"points": [{"x": "Private enterprises", "customdata": "非公企业"}]}}
    assert sector_from_selection(selection) == "非公企业"
    assert sector_from_selection({"selection": {"points": []}}) is None
