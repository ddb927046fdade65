"""Names from a spreadsheet are data: markup in them is shown as text, never run or rendered."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.harness import AppServer, chart_titled, open_page, running_small_with

# Markdown, HTML that would run script, plotly's own label markup, and a LaTeX formula.
BRANCH = '**粗体**<img src=x onerror="window.__pwned=1">支部 [链接](https://example.com) $x^2$'
COMMUNITY = "<b>乙</b>社区<br>_斜体_"
JOINER = "\u2060"  # the word joiner that keeps an address from becoming a link


def _make_hostile(tables: dict[str, list[dict[str, str]]]) -> None:
    for row in tables["branches"]:
        if row["组织编号"] == "P1":
            row["组织名称"] = BRANCH
        if row["所在社区"] == "乙社区":
            row["所在社区"] = COMMUNITY


@pytest.fixture(scope="module")
def hostile_server(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    with running_small_with(tmp_path_factory.mktemp("hostile"), _make_hostile) as server:
        yield server


def _nothing_ran_or_rendered(page: Page) -> None:
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("img[src='x']").count() == 0
    main = page.get_by_test_id("stMain")
    assert main.locator("strong", has_text="粗体").count() == 0
    # no link at all: neither one hidden behind text nor a bare address made into one
    assert main.locator("a", has_text="链接").count() == 0
    assert main.locator("a[href*='example.com']").count() == 0


def test_branch_name_with_markup_is_shown_as_typed(tab, hostile_server):
    page = tab.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_page(page, hostile_server.url, "branch", branch=f"{BRANCH} · P1")
    heading = page.get_by_test_id("stHeading").filter(has_text="粗体")
    expect(heading).to_be_visible()
    assert heading.inner_text().replace(JOINER, "").strip() == BRANCH  # joiners are unseen
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text="成立")).to_contain_text(
        COMMUNITY
    )
    _nothing_ran_or_rendered(page)
    assert dialogs == []
    assert tab.console.errors == []


def test_community_name_with_markup_is_plain_text_in_charts_and_banner(tab, hostile_server):
    page = tab.page
    open_page(page, hostile_server.url, "sectors", by="社区", community=COMMUNITY)
    chart = chart_titled(page, "每百人指标")
    texts = chart.first.locator("svg text").all_text_contents()
    assert COMMUNITY in texts
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text="当前范围")).to_have_text(
        f"当前范围：{COMMUNITY}"
    )
    _nothing_ran_or_rendered(page)
    assert page.get_by_test_id("stMain").locator("b", has_text="乙").count() == 0
    assert tab.console.errors == []


def test_overview_headline_names_the_community_as_typed(tab, hostile_server):
    page = tab.page
    open_page(page, hostile_server.url, community=COMMUNITY)
    expect(page.get_by_test_id("stMain").get_by_role("heading", level=4)).to_contain_text(COMMUNITY)
    _nothing_ran_or_rendered(page)
