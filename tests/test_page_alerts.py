"""The 组织健康 Organisational health page as the user gets it, run by Streamlit's AppTest.

Figures are compared with values worked out by hand (tests/small_dataset.py) or computed
here with plain pandas from the sample's CSV files, never with the code under test.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest


def test_alerts_page_lists_each_rule_once_with_a_profile_link(
    on_alerts: Callable[..., AppTest],
) -> None:
    at = on_alerts("alerts")
    assert [b.label for b in at.get("download_button")][:1] == ["下载这 7 条提醒（Excel）"]
    table = at.dataframe[0].value
    # tests/alert_dataset.py: one rule each at A, B, C, E, F, G and H; none at I or P
    assert sorted(table["党组织"]) == [f"{b}党支部" for b in "ABCEFGH"]
    row = table.set_index("提醒").loc["换届逾期"]
    assert row["情况"] == "届满日期 2018年11月1日，已逾期 29 天"
    assert row["支部画像"] == "branch?lang=zh&branch=A"


def test_a_long_warnings_list_is_shown_a_page_at_a_time(
    on_alerts: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.widgets.PAGE_ROWS", 3)  # 7 warnings: pages of 3, 3 and 1
    at = on_alerts("alerts")
    assert len(at.dataframe[0].value) == 3
    assert at.number_input(key="alert_page").max == 3
    at.number_input(key="alert_page").set_value(3).run()
    # the 7th warning in the rules' order (tests/alert_dataset.py): ageing, at H
    assert at.dataframe[0].value["党组织"].tolist() == ["H党支部"]
    assert "第 7–7 条，共 7 条" in [c.value for c in at.caption]


def test_a_filter_that_shortens_the_warnings_list_goes_back_to_its_first_page(
    on_alerts: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.widgets.PAGE_ROWS", 1)
    at = on_alerts("alerts")
    at.number_input(key="alert_page").set_value(7).run()
    at.pills(key="alert_rules").set_value(["term_overdue", "term_due"]).run()
    assert not at.exception
    assert at.number_input(key="alert_page").value == 1
    assert at.dataframe[0].value["党组织"].tolist() == ["A党支部"]


def test_the_warnings_spreadsheet_holds_every_warning_without_links() -> None:
    from figures.display_tables import alerts_export

    found = pd.DataFrame(
        {
            "branch_id": ["A", "B"],
            "name": ["A党支部", "B党支部"],
            "org_type": ["党支部"] * 2,
            "sector": ["社区"] * 2,
            "community": ["甲社区"] * 2,
            "rule": ["term_overdue", "term_due"],
            "value": [29.0, 46.0],
            "date": pd.to_datetime(["2018-11-01", "2019-01-15"]),
        }
    )
    table = alerts_export(found, "zh")
    assert table["党组织"].tolist() == ["A党支部", "B党支部"]
    assert "支部画像" not in table.columns
    assert table["情况"].iloc[0] == "届满日期 2018年11月1日，已逾期 29 天"
