"""The sidebar's filters, the link to a view, and the language switch, as a person uses them."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.harness import (
    chart_texts,
    charts,
    choose,
    han,
    open_page,
    share_link,
    wait_for_app_run,
    wait_for_charts,
)


def _cards(page: Page) -> dict[str, str]:
    labels = page.get_by_test_id("stMetricLabel").all_inner_texts()
    values = page.get_by_test_id("stMetricValue").all_inner_texts()
    return dict(zip(labels, values, strict=True))


def _pick_sector(page: Page, sector: str) -> None:
    box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
    box.click()
    page.get_by_role("option", name=sector, exact=True).click()
    page.keyboard.press("Escape")
    wait_for_app_run(page)
    wait_for_charts(page)


def test_sector_picked_in_the_sidebar_changes_the_cards(tab, small_server):
    page = tab.page
    open_page(page, small_server.url)
    assert _cards(page)["在册党员"] == "5 名"
    _pick_sector(page, "非公企业")
    # tests/small_dataset.py: 非公企业 has P1 with m4 and m8 active on D
    assert _cards(page)["在册党员"] == "2 名"
    assert _cards(page)["预备党员"] == "1 名"
    assert tab.console.errors == []


def _all_chart_texts(page: Page) -> list[list[str]]:
    return [chart_texts(page, i) for i in range(charts(page).count())]


@pytest.mark.parametrize("copied_from", ["link box", "address bar"])
def test_link_from_a_filtered_view_reopens_it_in_a_fresh_browser(
    new_tab, small_server, copied_from
):
    first = new_tab()
    open_page(first.page, small_server.url, "members")
    _pick_sector(first.page, "非公企业")
    choose(first.page.get_by_test_id("stMain"), "季度")
    wait_for_app_run(first.page)
    wait_for_charts(first.page)
    shown = _all_chart_texts(first.page)
    link = share_link(first.page) if copied_from == "link box" else first.page.url

    second = new_tab()
    second.page.goto(link)
    second.page.locator("[data-testid='stAppViewContainer']").wait_for(state="attached")
    wait_for_app_run(second.page)
    wait_for_charts(second.page)
    expect(second.page.get_by_role("heading", name="党员队伍")).to_be_visible()
    chips = second.page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
    expect(chips).to_contain_text("非公企业")
    assert "季度" in second.page.get_by_test_id("stMain").inner_text()
    assert _all_chart_texts(second.page) == shown
    assert any("2018年第4季度（至11月）" in texts for texts in shown)  # quarterly, not monthly
    assert second.console.errors == []


def test_language_switch_turns_the_page_to_english_and_back(tab, sample_server):
    page = tab.page
    open_page(page, sample_server.url, "sectors")
    sidebar = page.get_by_test_id("stSidebar")
    choose(sidebar, "English")
    wait_for_app_run(page)
    wait_for_charts(page)
    expect(page.get_by_role("heading", name="Sectors", exact=True)).to_be_visible()
    main = page.get_by_test_id("stMain").inner_text()
    texts = [x for i in range(charts(page).count()) for x in chart_texts(page, i)]
    assert han(main) == []
    assert han(" ".join(texts)) == []
    assert han(sidebar.inner_text()) == ["语言", "中文"]  # the switch names both languages

    choose(sidebar, "中文")
    wait_for_app_run(page)
    expect(page.get_by_role("heading", name="领域对比", exact=True)).to_be_visible()
    assert tab.console.errors == []
