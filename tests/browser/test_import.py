"""Importing in a real browser: upload, check, confirm, and the dashboard shows the new data;
a failing upload changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ingest.store import Store
from tests import official_forms as forms
from tests.browser.harness import AppServer, metric_cards, open_page, running, wait_for_app_run
from tests.conftest import SALT


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
    expect(page.get_by_text("检查通过。确认后将成为当前数据")).to_be_visible()
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
    expect(page.get_by_text("导入完成：已保存为 v0001 版。")).to_be_visible()  # and stays
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


def _confirm(page, by: str = "组织办") -> None:
    page.get_by_label("导入人（记入版本记录）").fill(by)
    page.get_by_role("button", name="确认导入").click()
    wait_for_app_run(page)


def test_a_roster_only_upload_keeps_patents_and_activities_until_rolled_back(
    tab, fresh_server, small_dir, tmp_path
):
    page = tab.page
    Store(fresh_server.store).publish([small_dir], by="组织办", salt=SALT)
    roster = tmp_path / "roster"
    roster.mkdir()
    for name in ("branches.csv", "members.csv"):
        lines = (small_dir / name).read_text("utf-8").splitlines(keepends=True)
        (roster / name).write_text("".join(ln for ln in lines if not ln.startswith("m8,")))
    open_page(page, fresh_server.url, "data")
    _upload(page, sorted(roster.glob("*.csv")))
    plan = page.get_by_test_id("stDataFrame").first
    expect(plan).to_contain_text("沿用 v0001 的数据")  # 专利 and 组织生活与活动
    expect(plan).to_contain_text("以上传的文件替换")
    _confirm(page)
    assert Store(fresh_server.store).current() == "v0002"
    assert len(Store(fresh_server.store).load()["patents"]) == 2
    open_page(page, fresh_server.url)
    cards = metric_cards(page)
    assert cards["在册党员"] == "4 名"  # m8 left with the new roster
    assert cards["授权专利"] != "无数据" and cards["组织生活参与率"] != "无数据"
    open_page(page, fresh_server.url, "history")
    page.get_by_label("操作人（记入操作记录）").fill("王芳")
    page.get_by_text("我确认：所有用户将看到 v0001 的数据").click()
    wait_for_app_run(page)
    page.get_by_role("button", name="回退到 v0001").click()
    wait_for_app_run(page)
    assert Store(fresh_server.store).current() == "v0001"
    assert Store(fresh_server.store).log()[-1]["by"] == "王芳"
    assert tab.console.errors == []


def test_the_official_roster_and_organisation_list_upload_unmodified(
    tab, fresh_server, tmp_path, small_dir
):
    page = tab.page
    roster = forms.write_roster_xls(tmp_path / "党员基本信息汇总表.xls")
    orgs = forms.write_orgs_xls(tmp_path / "党组织.xls")
    open_page(page, fresh_server.url, "data")
    _upload(page, [roster, orgs])
    expect(page.get_by_text("检查通过。确认后将成为当前数据")).to_be_visible()
    # the warnings are shown, not only the verdict: 手机号, 固定电话 and 家庭住址 dropped,
    # 王小红's 转为正式党员日期 assumed, 党组织所在单位情况 passed over, the top
    # organisation's parent outside the list
    expect(page.get_by_text("6 条提醒（不影响导入）")).to_be_visible()
    _confirm(page)
    assert Store(fresh_server.store).current() == "v0001"
    open_page(page, fresh_server.url)
    expect(page.get_by_text("数据仓库 v0001 版 · 截至 2018年10月8日")).to_be_visible()
    cards = metric_cards(page)
    assert (cards["在册党员"], cards["预备党员"]) == ("6 名", "2 名")  # tests/official_forms.py
    # the next import, in the same tab without a reload: the as-of date moves to the new
    # data's latest date (the small dataset's 2018-11-30), it does not stay at 2018-10-08
    open_page(page, fresh_server.url, "data")
    _upload(page, sorted(small_dir.glob("*.csv")))
    _confirm(page)
    page.get_by_test_id("stSidebarNav").get_by_text("总览", exact=True).click()
    wait_for_app_run(page)
    expect(page.get_by_text("数据仓库 v0002 版 · 截至 2018年11月30日")).to_be_visible()
    assert tab.console.errors == []


def test_a_confirmation_after_another_import_landed_is_checked_again_first(
    tab, fresh_server, small_dir, tmp_path
):
    page = tab.page
    store = Store(fresh_server.store)
    first, patents, roster = (tmp_path / n for n in ("first", "patents", "roster"))
    for folder in (first, patents, roster):
        folder.mkdir()
    for name in ("branches.csv", "members.csv", "participation.csv"):
        (first / name).write_bytes((small_dir / name).read_bytes())
    (patents / "patents.csv").write_bytes((small_dir / "patents.csv").read_bytes())
    (roster / "branches.csv").write_bytes((small_dir / "branches.csv").read_bytes())
    lines = (small_dir / "members.csv").read_text("utf-8").splitlines(keepends=True)
    (roster / "members.csv").write_text("".join(ln for ln in lines if not ln.startswith("m8,")))
    store.publish([first], by="组织办", salt=SALT)

    open_page(page, fresh_server.url, "data")
    _upload(page, [patents / "patents.csv"])
    expect(page.get_by_test_id("stDataFrame").first).to_contain_text("沿用 v0001 的数据")
    store.publish([roster], by="王芳", salt=SALT)  # lands while the plan is on screen
    _confirm(page)
    expect(page.get_by_test_id("stAlertContentWarning")).to_contain_text(
        "王芳 于"  # who changed the data, and from which version to which
    )
    expect(page.get_by_test_id("stAlertContentWarning")).to_contain_text("由 v0001 改为 v0002")
    assert store.current() == "v0002"  # nothing published on the stale plan
    expect(page.get_by_test_id("stDataFrame").first).to_contain_text("沿用 v0002 的数据")
    _confirm(page)
    assert store.current() == "v0003"
    final = store.load()
    assert len(final["patents"]) == 2 and "m8" not in set(final["members"]["member_id"])
    assert store.log()[-1]["previous"] == "v0002"
    assert tab.console.errors == []
