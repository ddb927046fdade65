"""统计年报 Annual statistics in a real browser."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.harness import chart_titled, open_page, shoot_every_view


def test_annual_renders_at_both_sizes_in_both_languages(new_tab, sample_server):
    shoot_every_view(new_tab, sample_server, "annual")


def test_annual_renders_on_a_phone_in_both_languages(new_tab, sample_server):
    shoot_every_view(new_tab, sample_server, "annual", viewports=("390x844",))


def test_the_waterfall_the_checks_and_the_workbook_show_on_the_sample(tab, sample_server):
    page = tab.page
    open_page(page, sample_server.url, "annual")
    expect(chart_titled(page, "全街道2017年党员数变化（表一）")).to_have_count(1)
    expect(page.get_by_text("表内表间关系审核", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="下载年报工作簿（Excel）")).to_be_visible()
    assert tab.console.errors == []
