"""A dataset that fails the checks: the report in place of the dashboard, and nothing else."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.harness import AppServer, app_url, running, wait_for_app_run


@pytest.fixture(scope="module")
def invalid_server(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    folder = tmp_path_factory.mktemp("invalid")
    (folder / "branches.csv").write_text(
        "组织编号,组织名称,组织类型,所属领域,成立日期\nB1,甲,党委,农村,2018-13-45\n",
        encoding="utf-8",
    )
    (folder / "members.csv").write_text("党员编号,组织编号,性别,出生日期,入党日期\n", "utf-8")
    with running(folder) as server:
        yield server


@pytest.mark.parametrize("page_name", ["overview", "members"])
def test_invalid_dataset_shows_the_report_and_no_page_menu(tab, invalid_server, page_name):
    page = tab.page
    page.goto(app_url(invalid_server.url, page_name))
    wait_for_app_run(page)
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text("数据未通过检查")
    expect(page.get_by_test_id("stDataFrame")).to_be_visible()
    assert page.get_by_test_id("stSidebarNav").count() == 0  # no menu of file names
    assert page.get_by_test_id("stException").count() == 0
