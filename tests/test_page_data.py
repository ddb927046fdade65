"""The 数据管理 Data page as the user gets it, run by Streamlit's AppTest.

Figures are compared with values worked out by hand (tests/small_dataset.py) or computed
here with plain pandas from the sample's CSV files, never with the code under test.
"""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from tests.app_script import metrics


def test_data_page_counts_rows_and_finds_nothing_to_check_by_hand(
    on_small: Callable[..., AppTest],
) -> None:
    at = on_small("data")
    # tests/small_dataset.py: 5 organisations, 8 members, 2 patents, 4 activities, no ledger
    assert metrics(at) == {
        "党组织（行）": "5", "党员（行）": "8", "专利（行）": "2", "组织生活与活动（行）": "4",
        "发展党员（行）": "无数据", "发展计划（行）": "无数据", "两新组织（行）": "无数据",
    }  # fmt: skip
    assert [s.value for s in at.success] == ["没有需要核对的数据。"]
