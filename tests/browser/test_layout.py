"""Every page reads on a phone and nothing is cut off on a laptop: the geometry of each page
(``harness.layout_faults``) at the sizes the page tests do not shoot, in both languages, and
the sidebar closing after a page is chosen on a phone. The page tests check the same at
1920×1080, 1366×768 and 390×844 (``harness.shoot_every_view``)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from app.navigation import NAMES
from tests.browser.harness import LANG_QUERY, layout_faults, open_page

# The pages the sample server shows to anyone; the admin pages (versions, reporting,
# accounts, audit trail) are checked by their own modules, signed in.
OPEN_PAGES = tuple(n for n in NAMES if n not in ("history", "reporting", "accounts", "audit"))


@pytest.mark.parametrize("viewport", ["360x780", "1280x720"])
def test_every_page_is_laid_out_without_a_fault(new_tab, sample_server, viewport):
    tab = new_tab(viewport)
    faults = []
    for lang, query in LANG_QUERY.items():
        for name in OPEN_PAGES:
            open_page(tab.page, sample_server.url, name, **query)
            faults += [f"{name} {lang}: {fault}" for fault in layout_faults(tab.page)]
    assert faults == []
    assert tab.console.errors == []


def test_choosing_a_page_on_a_phone_closes_the_sidebar(new_tab, sample_server):
    page = new_tab("390x844").page
    open_page(page, sample_server.url, "overview")
    sidebar = page.get_by_test_id("stSidebar")
    if sidebar.get_attribute("data-collapsed") != "false":
        page.get_by_test_id("stExpandSidebarButton").click()
    expect(sidebar).to_have_attribute("data-collapsed", "false")
    page.get_by_test_id("stSidebarNavLink").filter(has_text="党员队伍").click()
    expect(page.get_by_role("heading", name="党员队伍")).to_be_visible()
    expect(sidebar).to_have_attribute("data-collapsed", "true")


def test_a_chart_shows_no_toolbar_on_a_phone_but_does_on_a_laptop(new_tab, sample_server):
    for viewport, shown in (("390x844", False), ("1366x768", True)):
        page = new_tab(viewport).page
        open_page(page, sample_server.url, "members")
        chart = page.get_by_test_id("stPlotlyChart").first
        bar = chart.locator(".modebar-container")
        display = bar.evaluate("e => getComputedStyle(e).display")
        assert (display != "none") is shown, (viewport, display)
