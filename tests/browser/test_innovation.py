"""创新引领 Innovation in a real browser."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.harness import chart_titled, open_page, shoot_every_view


def test_innovation_renders_at_both_sizes_in_both_languages(new_tab, sample_server):
    shoot_every_view(new_tab, sample_server, "innovation")


def test_zhaoxin_reads_correctly_on_the_sample(tab, sample_server):
    """The forum report: 昭信集团 300+ applications, close to 50 invention patents granted."""
    page = tab.page
    open_page(page, sample_server.url, "innovation")
    expect(page.get_by_text("昭信集团党委").first).to_be_attached()
    scatter = chart_titled(page, "组织生活参与率与专利申请")
    expect(scatter).to_have_count(1)
    expect(page.get_by_text("只说明相关，不说明组织生活带来了创新")).to_be_visible()
