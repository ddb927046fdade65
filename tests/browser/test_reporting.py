"""报送情况 in a real browser: the page at every size in both languages, and a scoped
account's view of its own part."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.harness import (
    full_page_screenshot,
    hold_sign_in,
    metric_cards,
    open_page,
    shoot_every_view,
)


def test_reporting_renders_at_every_size_in_both_languages(new_tab, guarded):
    shoot_every_view(new_tab, guarded.server, "reporting", with_charts=False,
                     cookie=guarded.cookies["wang"],
                     viewports=("1920x1080", "1366x768", "390x844"))  # fmt: skip


def test_a_scoped_account_sees_its_part_on_the_overview(new_tab, guarded):
    for viewport in ("1920x1080", "390x844"):
        page = new_tab(viewport).page
        hold_sign_in(page, guarded.server.url, guarded.cookies["jia"])
        open_page(page, guarded.server.url)
        expect(page.get_by_text("当前范围：甲社区党委")).to_be_visible()
        assert metric_cards(page)["在册党员"] == "3 名"
        full_page_screenshot(page, f"overview_scoped_zh_{viewport}")
