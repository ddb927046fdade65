"""组织生活 Organisational life in a real browser."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.harness import chart_titled, open_page, shoot_every_view


def test_orglife_renders_at_both_sizes_in_both_languages(new_tab, sample_server):
    shoot_every_view(new_tab, sample_server, "orglife")


def test_calendar_draws_a_cell_for_each_day(tab, small_server):
    page = tab.page
    open_page(page, small_server.url, "orglife")
    calendar = chart_titled(page, "组织生活日历")
    expect(calendar.locator("g.hm image")).to_have_count(1)
    labels = calendar.locator("g.xtick text").all_text_contents()
    # Dec 2017 to Nov 2018 (D = 30 Nov), every other month back from the last: upright
    assert labels == ["1月", "3月", "5月", "7月", "9月", "11月"]
