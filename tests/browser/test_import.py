"""Importing in a real browser: upload, check, confirm, and the dashboard shows the new data;
a failing upload changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ingest.store import Store
from tests.browser.harness import AppServer, metric_cards, open_page, running, wait_for_app_run


@pytest.fixture
def fresh_server(chromium: str) -> Iterator[AppServer]:
    """The sample, and an empty store of its own."""
    with running(None) as server:
        yield server


def _upload(page, paths: list[Path]) -> None:
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(
        [str(p) for p in paths]
    )
    wait_for_app_run(page)


def test_a_valid_upload_confirmed_becomes_the_data_shown(tab, fresh_server, small_dir):
    page = tab.page
    open_page(page, fresh_server.url, "data")
    _upload(page, sorted(small_dir.glob("*.csv")))
    expect(page.get_by_text("检查通过。确认后将成为当前数据：")).to_be_visible()
    page.get_by_role("button", name="确认导入").click()  # no name yet: refused, nothing kept
    expect(page.get_by_text("请先填写导入人")).to_be_visible()
    assert Store(fresh_server.store).current() is None
    page.get_by_label("导入人（记入版本记录）").fill("组织办")
    page.get_by_role("button", name="确认导入").click()
    wait_for_app_run(page)
    assert Store(fresh_server.store).current() == "v0001"
    assert Store(fresh_server.store).versions()[0].by == "组织办"
    # the uploader comes back empty: the same files cannot be confirmed a second time
    expect(page.get_by_role("button", name="确认导入")).to_have_count(0)
    expect(page.get_by_test_id("stFileUploaderFile")).to_have_count(0)
    open_page(page, fresh_server.url)
    expect(page.get_by_text("数据仓库 v0001 版")).to_be_visible()
    cards = metric_cards(page)
    assert cards["在册党员"] == "5 名"  # tests/small_dataset.py, no longer the sample
    assert tab.console.errors == []


def test_a_failing_upload_shows_its_problems_and_changes_nothing(tab, fresh_server, tmp_path):
    page = tab.page
    bad = tmp_path / "members.csv"
    bad.write_text(
        "党员编号,组织编号,性别,出生日期,入党日期\nM1,B9,男,2018-13-45,2010-01-01\n", "utf-8"
    )
    open_page(page, fresh_server.url, "data")
    _upload(page, [bad])
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text(
        "上传的文件未通过检查，当前数据保持不变"
    )
    expect(page.get_by_text("检查未通过")).to_be_visible()
    expect(page.get_by_role("button", name="下载问题清单（Excel）")).to_be_visible()
    assert Store(fresh_server.store).current() is None
    assert tab.console.errors == []


def test_a_broken_zip_is_refused_with_its_reason(tab, fresh_server, tmp_path):
    page = tab.page
    broken = tmp_path / "数据.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    open_page(page, fresh_server.url, "data")
    _upload(page, [broken])
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text(
        "“数据.zip”不是有效的 zip 压缩包"
    )
    assert Store(fresh_server.store).current() is None
    assert tab.console.errors == []
