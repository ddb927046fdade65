"""Every page reads on a phone and nothing is cut off on a laptop: the geometry of each page
(``harness.layout_faults``) at the sizes the page tests do not shoot, in both languages, and
the sidebar closing after a page is chosen on a phone. The page tests check the same at
1920×1080, 1366×768 and 390×844 (``harness.shoot_every_view``)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from app.navigation import NAMES
from tests.browser.harness import (
    LANG_QUERY,
    folded_sections,
    layout_faults,
    open_page,
    unfold_sections,
)

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
            if unfold_sections(tab.page):  # on a phone: each folded section opened too
                faults += [f"{name} {lang} unfolded: {f}" for f in layout_faults(tab.page)]
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


# the long pages, and the section each folds on a phone
LONG_PAGES = {"members": "队伍结构", "development": "程序检查", "coverage": "应建未建单位"}


@pytest.mark.parametrize("name", list(LONG_PAGES))
def test_a_long_page_opens_on_a_phone_with_its_sections_folded(new_tab, sample_server, name):
    page = new_tab("390x844").page
    open_page(page, sample_server.url, name)
    folded = folded_sections(page)
    n = folded.count()
    assert n >= 3
    assert LONG_PAGES[name] in " ".join(folded.locator(":scope > summary").all_inner_texts())
    # the first screen shows the headline figures: the first cards' top inside it
    first_card = page.get_by_test_id("stMetric").first
    assert first_card.bounding_box()["y"] < 844
    folded.first.locator(":scope > summary").click()  # a tap opens it
    expect(folded).to_have_count(n - 1)


def test_a_laptop_shows_the_same_sections_unfolded_under_their_headings(new_tab, sample_server):
    page = new_tab("1366x768").page
    open_page(page, sample_server.url, "members")
    assert folded_sections(page).count() == 0
    expect(page.get_by_role("heading", name="队伍结构")).to_be_visible()


def test_a_wide_table_says_it_scrolls_sideways_on_a_phone_only(new_tab, sample_server):
    for viewport, said in (("390x844", 1), ("1366x768", 0)):
        page = new_tab(viewport).page
        open_page(page, sample_server.url, "sectors")
        expect(page.get_by_text(re.compile("左右滑动"))).to_have_count(said)


AXIS_RANGES = """(chart) => {
  const plot = chart.querySelector('.js-plotly-plot');
  return JSON.stringify([plot._fullLayout.xaxis.range, plot._fullLayout.yaxis.range]);
}"""


def test_dragging_a_finger_up_a_chart_scrolls_the_page_not_the_chart(new_tab, sample_server):
    page = new_tab("390x844").page
    open_page(page, sample_server.url, "members")
    chart = page.get_by_test_id("stPlotlyChart").first
    chart.scroll_into_view_if_needed()
    main = page.get_by_test_id("stMain")
    top = main.evaluate("e => e.scrollTop")
    ranges = chart.evaluate(AXIS_RANGES)
    box = chart.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.6
    cdp = page.context.new_cdp_session(page)  # a finger on the plot, dragged 300 px up
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 11):
        point = {"x": x, "y": y - 30 * step}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_timeout(500)
    assert main.evaluate("e => e.scrollTop") > top + 100  # the page moved
    assert chart.evaluate(AXIS_RANGES) == ranges  # the chart neither zoomed nor panned
