"""领域对比 Sectors in a real browser, including a click on a sector's bar."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.harness import (
    charts,
    click_mark,
    open_page,
    share_link,
    shoot_every_view,
    wait_for_app_run,
)


def test_sectors_renders_at_both_sizes_in_both_languages(new_tab, sample_server):
    shoot_every_view(new_tab, sample_server, "sectors")


def test_sectors_by_community_renders(tab, sample_server):
    open_page(tab.page, sample_server.url, "sectors", by="社区")
    assert charts(tab.page).count() == 1  # the small multiples; the sector bar is for sectors


def test_a_click_on_a_sectors_bar_filters_the_page_to_it(tab, small_server):
    page = tab.page
    open_page(page, small_server.url, "sectors")
    # the members-by-sector bar chart: 社区 3, 非公企业 2 (tests/small_dataset.py)
    bars = charts(page).first.locator("g.trace.bars g.point path")
    expect(bars).to_have_count(2)
    click_mark(page, bars.nth(1))
    wait_for_app_run(page)
    chips = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
    expect(chips).to_contain_text("非公企业")
    # the address bar keeps the old view after a programmatic change (app/url.py); the
    # sidebar's link box is what a person copies
    assert "sector=private_enterprise" in share_link(page)  # 非公企业, by its code
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text="当前范围")).to_contain_text(
        "非公企业"
    )
