"""版本历史 Versions in a real browser: the page, and a rollback that changes what every
page shows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ingest.store import Store
from tests.browser.harness import (
    AppServer,
    metric_cards,
    open_page,
    shoot_every_view,
    wait_for_app_run,
)
from tests.conftest import SALT


@pytest.fixture(scope="module")
def two_versions(
    chromium: str, small_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AppServer]:
    """A store holding v0001 (the small dataset) and v0002 (the same without member m8)."""
    fewer = tmp_path_factory.mktemp("fewer")
    for path in small_dir.glob("*.csv"):
        lines = path.read_text("utf-8").splitlines(keepends=True)
        if path.name == "members.csv":
            lines = [line for line in lines if not line.startswith("m8,")]
        (fewer / path.name).write_text("".join(lines), "utf-8")
    store = tmp_path_factory.mktemp("store")
    Store(store).publish([small_dir], by="组织办", salt=SALT)
    Store(store).publish([fewer], by="组织办", salt=SALT)
    server = AppServer(store=store).start()
    try:
        yield server
    finally:
        server.stop()


def test_history_renders_at_both_sizes_in_both_languages(new_tab, two_versions):
    shoot_every_view(new_tab, two_versions, "history", with_charts=False)


def test_a_rollback_changes_what_the_dashboard_shows(tab, two_versions):
    page = tab.page
    open_page(page, two_versions.url, "history")
    expect(page.get_by_text("数据仓库 v0002 版")).to_be_visible()
    expect(page.get_by_role("button", name="回退到 v0001")).to_be_disabled()
    page.get_by_label("操作人（记入操作记录）").fill("王芳")
    page.get_by_text("我确认：所有用户将看到 v0001 的数据").click()
    wait_for_app_run(page)
    page.get_by_role("button", name="回退到 v0001").click()
    wait_for_app_run(page)
    assert Store(two_versions.store).current() == "v0001"
    open_page(page, two_versions.url)
    expect(page.get_by_text("数据仓库 v0001 版")).to_be_visible()
    cards = metric_cards(page)
    assert cards["在册党员"] == "5 名"  # m8 is back: 4 in v0002, 5 in v0001
    assert tab.console.errors == []
