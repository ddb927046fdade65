"""The 统计年报 page as the user gets it, run by Streamlit's AppTest.

The sample's 2017 表一 is counted here with plain pandas from its CSV files, never with the
code under test. The sample reaches 2018-11-30, so 2017 is its last complete year.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.app_script import HAN, MAIN, metrics, page_script, sign_in, visible_text
from tests.by_hand import active_by_hand, read_sample
from tests.test_scoped_access import PASSWORD, SECRETS

START, END = pd.Timestamp("2016-12-31"), pd.Timestamp("2017-12-31")


def _table1_by_hand(m: pd.DataFrame) -> dict[int, int]:
    """栏 1, 3, 5, 10, 11 and 14 of 2017 from the roster's own columns."""
    came = m["转入日期"].where(m["转入日期"].notna(), m["入党日期"])
    came_in = (came > START) & (came <= END)
    moved = m["转入日期"].notna() & (m["转入日期"] > m["入党日期"])
    left = (m["减少日期"] > START) & (m["减少日期"] <= END)
    return {
        1: len(active_by_hand(m, START)),
        3: int((came_in & ~moved).sum()),
        5: int((came_in & moved).sum()),
        10: int((left & (m["减少原因"] == "死亡")).sum()),
        11: int((left & (m["减少原因"] == "转出")).sum()),
        14: len(active_by_hand(m, END)),
    }


def _table1(at: AppTest) -> dict[int, int]:
    (frame,) = [d.value for d in at.dataframe if "栏次" in d.value.columns]
    return dict(zip(frame["栏次"], frame["人数"], strict=True))


def _subtree(branches: pd.DataFrame, root: str) -> set[str]:
    found, frontier = {root}, {root}
    while frontier:
        frontier = set(branches.loc[branches["上级组织编号"].isin(frontier), "组织编号"])
        frontier -= found
        found |= frontier
    return found


def test_the_default_year_is_the_last_complete_one_and_table1_agrees_by_hand(
    on_sample: Callable[..., AppTest],
) -> None:
    at = on_sample("annual")
    assert at.selectbox(key="year").value == "2017"
    shown = _table1(at)
    for column, value in _table1_by_hand(read_sample()["members"]).items():
        assert shown[column] == value, column
    assert shown[13] == shown[1] + shown[2] - shown[7]
    assert metrics(at)["本年底实有数"] == f"{shown[14]:,} 名"


def test_every_check_is_shown_with_its_numbers_and_the_sample_passes_them_all(
    on_sample: Callable[..., AppTest],
) -> None:
    at = on_sample("annual")
    (checks,) = [d.value for d in at.dataframe if "关系式" in d.value.columns]
    assert len(checks) == 15
    assert set(checks["结果"]) == {"通过"}
    assert (checks["左边"] == checks["右边"]).all()
    assert metrics(at)["审核通过"] == "15 / 15"


def test_rows_the_sample_cannot_tell_are_named(on_sample: Callable[..., AppTest]) -> None:
    """The sample has no 增加方式 and only the four old 减少原因: 栏 4, 6, 9, 12."""
    at = on_sample("annual")
    (frame,) = [d.value for d in at.dataframe if "栏次" in d.value.columns]
    told = frame.set_index("栏次")["说明"]
    assert [c for c in told.index if told[c]] == [4, 6, 9, 12]
    assert any("第 4、6、9、12 栏" in i.value for i in at.info)


def test_one_partys_committee_reports_its_own_organisations(
    on_sample: Callable[..., AppTest],
) -> None:
    sample = read_sample()
    branches, members = sample["branches"], sample["members"]
    root = branches.loc[branches["组织类型"] == "党委", "组织编号"].iloc[0]
    mine = members[members["组织编号"].isin(_subtree(branches, root))]
    at = on_sample("annual", org=root)
    assert at.selectbox(key="org").value == root
    shown = _table1(at)
    assert (shown[1], shown[14]) == (
        len(active_by_hand(mine, START)),
        len(active_by_hand(mine, END)),
    )


def test_a_year_not_yet_over_says_it_runs_to_the_datas_latest_date(
    on_sample: Callable[..., AppTest],
) -> None:
    at = on_sample("annual", year="2018")
    assert any("2018年尚未结束" in w.value and "2018年11月30日" in w.value for w in at.warning)
    assert _table1(at)[14] == len(
        active_by_hand(read_sample()["members"], pd.Timestamp("2018-11-30"))
    )


def test_the_workbook_is_offered(on_sample: Callable[..., AppTest]) -> None:
    at = on_sample("annual")
    (button,) = [b for b in at.get("download_button") if "年报工作簿" in b.proto.label]
    assert button.proto.label == "下载年报工作簿（Excel）"


def test_the_english_page_has_no_chinese_but_the_datas_names(
    on_sample: Callable[..., AppTest],
) -> None:
    at = on_sample("annual", lang="en")
    texts = [text for text in visible_text(at) if HAN.search(text or "")]
    assert texts == []
    assert "Actual at the year's end" in metrics(at)


@pytest.fixture
def signed_in(monkeypatch: pytest.MonkeyPatch, small_dir: Path, tmp_path: Path):
    """The app on tests/small_dataset.py, signed in as ``user`` of
    tests/test_scoped_access.py, at the 统计年报 page with ``query``."""
    monkeypatch.setenv("DANGJIAN_DATA_DIR", str(small_dir))
    monkeypatch.setenv("DANGJIAN_STORE", str(tmp_path / "store"))

    def open_as(user: str, **query: str) -> AppTest:
        at = AppTest.from_file(MAIN, default_timeout=60)
        at.secrets = SECRETS
        for key, value in query.items():
            at.query_params[key] = value
        sign_in(at.run(), user, PASSWORD)
        at.switch_page(page_script("annual")).run()
        assert not at.exception, [e.message for e in at.exception]
        return at

    return open_as


def test_a_scoped_account_files_for_its_own_organisations_only(signed_in) -> None:
    """C1's scope (C1, C1a, C1b) on 2018-11-30: 3 active (m1 m2 m3)."""
    at = signed_in("c1_viewer", year="2018")
    assert at.selectbox(key="org").options == ["甲社区党委", "甲社区党委 · C1"]
    assert _table1(at)[14] == 3


def test_a_link_to_an_organisation_outside_the_scope_is_refused(signed_in) -> None:
    at = signed_in("c1_viewer", org="P1")
    assert [e.value for e in at.error] == [
        "无权查看该组织：链接中的组织、社区或领域不在您的管理范围内。"
    ]
    assert not at.dataframe
