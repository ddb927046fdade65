"""The 组织生活 Organisational life page as the user gets it, run by Streamlit's AppTest.

Figures are compared with values worked out by hand (tests/small_dataset.py) or computed
here with plain pandas from the sample's CSV files, never with the code under test.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.app_script import metrics

D = pd.Timestamp("2018-11-30")


def test_orglife_cards_by_hand(on_small: Callable[..., AppTest]) -> None:
    cards = metrics(on_small("orglife"))
    # 12 months to D: a1, a2, a4 (a3 is exactly a year before); attendance (2+1)/(2+2);
    # 1 of 49 rule-periods met (see test_summary); a4: 2 attendees × 3 hours, 10 non-members
    assert cards["近12个月活动（次）"] == "3"
    assert cards["组织生活参与率"] == "75.0%"
    assert cards["三会一课达标率"] == "2.0%"
    assert cards["志愿服务时长"] == "6 小时"
    assert cards["群众参与（人次）"] == "10"


def test_orglife_support_list_names_every_branch_below_standard(
    on_small: Callable[..., AppTest],
) -> None:
    (table,) = [d.value for d in on_small("orglife").dataframe if "党组织" in d.value]
    assert sorted(table["党组织"]) == [
        "乙科技有限公司党支部",
        "甲社区第一党支部",
        "甲社区第二党支部",
    ]
