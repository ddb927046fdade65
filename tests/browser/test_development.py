"""发展党员 Development in a real browser."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.harness import chart_titled, open_page, shoot_every_view


def test_development_renders_at_both_sizes_in_both_languages(new_tab, sample_server):
    shoot_every_view(new_tab, sample_server, "development")


def test_the_stages_chart_and_the_support_list_show_on_the_sample(tab, sample_server):
    page = tab.page
    open_page(page, sample_server.url, "development")
    expect(chart_titled(page, "发展党员各阶段人数（2018年11月30日）")).to_have_count(1)
    expect(page.get_by_text("程序检查", exact=True)).to_be_visible()
    assert tab.console.errors == []
