"""组织健康 Organisational health in a real browser: the list, and its links to profiles."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from figures.display_tables import branch_link
from tests import alert_dataset
from tests.browser.harness import AppServer, open_address, open_page, running, shoot_every_view


@pytest.fixture(scope="module")
def alert_server(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    with running(alert_dataset.write(tmp_path_factory.mktemp("alerts"))) as server:
        yield server


def test_alerts_renders_at_both_sizes_in_both_languages(new_tab, sample_server):
    shoot_every_view(new_tab, sample_server, "alerts", with_charts=False)


def test_alerts_count_each_rule_once(tab, alert_server):
    page = tab.page
    open_page(page, alert_server.url, "alerts")
    expect(page.get_by_text("7 条提醒，涉及 7 个党组织")).to_be_visible()
    pills = page.get_by_test_id("stButtonGroup").last.locator("button").all_inner_texts()
    assert len(pills) == 7 and all(p.endswith("（1）") for p in pills)


@pytest.mark.parametrize(("lang", "heading"), [("zh", "支部画像"), ("en", "Branch profile")])
def test_a_warnings_profile_link_opens_that_branch(tab, alert_server, lang, heading):
    page = tab.page
    open_address(page, f"{alert_server.url}/{branch_link('H', lang)}")
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.get_by_test_id("stHeading").filter(has_text="H党支部")).to_be_visible()
    assert tab.console.errors == []
