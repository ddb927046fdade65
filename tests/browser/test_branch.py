"""支部画像 Branch profile in a real browser."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.harness import open_page, shoot_every_view


def test_branch_renders_at_both_sizes_in_both_languages(new_tab, sample_server):
    shoot_every_view(new_tab, sample_server, "branch")


def test_branch_picked_in_the_box_shows_its_figures(tab, small_server):
    page = tab.page
    open_page(page, small_server.url, "branch", branch="乙科技有限公司党支部 · P1")
    expect(page.get_by_role("heading", name="乙科技有限公司党支部")).to_be_visible()
    labels = page.get_by_test_id("stMetricLabel").all_inner_texts()
    values = page.get_by_test_id("stMetricValue").all_inner_texts()
    # P1 on D: m4 (full) and m8 (probationary) are active
    assert dict(zip(labels, values, strict=True))["在册党员"] == "2 名"
