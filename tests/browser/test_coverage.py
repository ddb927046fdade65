"""两个覆盖 Coverage in a real browser."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.harness import (
    chart_titled,
    metric_cards,
    open_page,
    share_link,
    shoot_every_view,
    wait_for_app_run,
)


def test_coverage_renders_at_both_sizes_in_both_languages(new_tab, sample_server):
    shoot_every_view(new_tab, sample_server, "coverage")


def test_choosing_a_building_narrows_the_cards_and_the_link_keeps_it(tab, sample_server):
    page = tab.page
    open_page(page, sample_server.url, "coverage")
    expect(chart_titled(page, "两新组织的三项覆盖率")).to_have_count(1)
    before = metric_cards(page)["非公企业党组织覆盖率"]
    page.get_by_test_id("stMain").get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name="承业大厦", exact=True).click()
    wait_for_app_run(page)
    after = metric_cards(page)["非公企业党组织覆盖率"]
    assert after != before
    assert "building=%E6%89%BF%E4%B8%9A%E5%A4%A7%E5%8E%A6" in share_link(page)
    assert tab.console.errors == []
