"""Addresses as people use them: a bookmark opened on a freshly started server, a reload, a
page typed in the address bar mid-session, the root address, and the language switch,
which keeps every filter in the address bar."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.harness import (
    AppServer,
    open_address,
    running,
    wait_for_app_run,
    wait_for_charts,
)


@pytest.fixture
def fresh_server(chromium: str, small_dir) -> Iterator[AppServer]:
    """A server no session has opened yet."""
    with running(small_dir) as server:
        yield server


def _query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def _heading(page: Page, name: str) -> None:
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)


def _sector_chips(page: Page) -> str:
    return page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first.inner_text()


def test_a_bookmark_opens_its_page_on_a_fresh_server_and_after_a_reload(tab, fresh_server):
    page = tab.page
    open_address(page, f"{fresh_server.url}/sectors?lang=en&sector=private_enterprise")
    _heading(page, "Sectors")
    assert "Private enterprises" in _sector_chips(page)
    page.reload()
    wait_for_app_run(page)
    wait_for_charts(page)
    _heading(page, "Sectors")
    assert "Private enterprises" in _sector_chips(page)
    assert _query(page) == {"lang": ["en"], "sector": ["private_enterprise"]}
    assert tab.console.errors == []


def test_a_page_typed_in_the_address_bar_after_another_opens(tab, small_server):
    page = tab.page
    open_address(page, f"{small_server.url}/members")
    _heading(page, "党员队伍")
    open_address(page, f"{small_server.url}/overview")
    _heading(page, "总览")
    open_address(page, f"{small_server.url}/branch?branch=C1")
    _heading(page, "支部画像")


def test_the_root_address_opens_the_overview_with_its_filters(tab, small_server):
    page = tab.page
    open_address(page, f"{small_server.url}/?lang=en&sector=community")
    _heading(page, "Overview")
    assert urlsplit(page.url).path == "/overview"
    assert _query(page) == {"lang": ["en"], "sector": ["community"]}


def test_the_language_switch_keeps_every_filter_in_the_address_bar(tab, small_server):
    page = tab.page
    open_address(page, f"{small_server.url}/members?sector=private_enterprise&freq=Q")
    _heading(page, "党员队伍")
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    wait_for_app_run(page)
    wait_for_charts(page)
    _heading(page, "Members")
    query = _query(page)
    assert query == {"lang": ["en"], "sector": ["private_enterprise"], "freq": ["Q"]}
    assert "Private enterprises" in _sector_chips(page)
