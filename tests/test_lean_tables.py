"""The app keeps participation's ids and titles out of the tables every filter copies
(app/cached.py SET_ASIDE); they still reach the 数据管理 page's completeness report, in the
contract's column order, from a folder and from a stored version alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from domain.contract import DATASETS
from ingest.store import Store
from tests.app_script import MAIN, page_script
from tests.conftest import SALT


def _participation_completeness(at: AppTest) -> list[tuple[str, str]]:
    (table,) = [d.value for d in at.dataframe if "已填写" in d.value.columns]
    rows = table[table["数据集"] == "组织生活与活动（行）"]
    return list(zip(rows["列"], rows["已填写"], strict=True))


def _expected() -> list[tuple[str, str]]:
    # tests/small_dataset.py: 4 activities, every column filled but 应到人数 (a4: blank)
    return [
        (f.zh, "75.0%" if f.name == "expected" else "100.0%")
        for f in DATASETS["participation"].fields
        if f.stored
    ]


@pytest.mark.parametrize("source", ["folder", "store"])
def test_set_aside_columns_reach_the_completeness_report(
    source: str, small_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if source == "folder":
        monkeypatch.setenv("DANGJIAN_DATA_DIR", str(small_dir))
    else:
        Store(tmp_path / "s").publish([small_dir], by="a", salt=SALT)
        monkeypatch.delenv("DANGJIAN_DATA_DIR", raising=False)
        monkeypatch.setenv("DANGJIAN_STORE", str(tmp_path / "s"))
    at = AppTest.from_file(MAIN, default_timeout=60).run()
    at.switch_page(page_script("data")).run()
    assert not at.exception
    assert _participation_completeness(at) == _expected()


def test_the_pages_tables_leave_ids_and_titles_out(small_dir: Path) -> None:
    from app import cached

    tables = cached.tables(str(small_dir), "v", cached.Scope())
    assert "title" not in tables["participation"].columns
    assert "activity_id" not in tables["participation"].columns
    assert len(tables["participation"]) == 4


def test_completeness_follows_the_filters_for_set_aside_columns_too(
    small_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(tmp_path / "s").publish([small_dir], by="a", salt=SALT)
    monkeypatch.delenv("DANGJIAN_DATA_DIR", raising=False)
    monkeypatch.setenv("DANGJIAN_STORE", str(tmp_path / "s"))
    at = AppTest.from_file(MAIN, default_timeout=60)
    at.query_params["sector"] = "社区"
    at.run()
    at.switch_page(page_script("data")).run()
    # 社区: a1, a3, a4 (C1a); 应到人数 blank for a4 only
    shown = dict(_participation_completeness(at))
    assert shown["活动编号"] == shown["活动名称"] == "100.0%"
    assert shown["应到人数"] == "66.7%"
    rows = {m.label: m.value for m in at.metric}
    assert rows["组织生活与活动（行）"] == "3"
