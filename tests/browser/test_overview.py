"""总览 Overview in a real browser."""

from __future__ import annotations

import pandas as pd

from tests.browser.harness import open_page, shoot_every_view

SAMPLE = "data/sample"


def _active_on(day: str) -> int:
    """Active members of the sample on ``day``, by the contract's definition, in plain pandas."""
    m = pd.read_csv(f"{SAMPLE}/members.csv", dtype=str, encoding="utf-8-sig")
    d = pd.Timestamp(day)
    since = pd.to_datetime(m["转入日期"].fillna(m["入党日期"]))
    left = pd.to_datetime(m["减少日期"])
    return int(((since <= d) & (left.isna() | (left > d))).sum())


def test_overview_renders_at_both_sizes_in_both_languages(new_tab, sample_server):
    shoot_every_view(new_tab, sample_server, "overview")


def test_overview_card_shows_the_samples_active_members(tab, sample_server):
    open_page(tab.page, sample_server.url)
    values = tab.page.get_by_test_id("stMetricValue").all_inner_texts()
    assert f"{_active_on('2018-11-30'):,} 名" in values


def test_overview_cards_show_the_hand_worked_figures(tab, small_server):
    open_page(tab.page, small_server.url)
    labels = tab.page.get_by_test_id("stMetricLabel").all_inner_texts()
    values = tab.page.get_by_test_id("stMetricValue").all_inner_texts()
    cards = dict(zip(labels, values, strict=True))
    # tests/small_dataset.py: 5 active (m1 m2 m3 m4 m8), 2 probationary, 1 new in 2018
    assert cards["在册党员"] == "5 名"
    assert cards["预备党员"] == "2 名"


def test_chart_toolbar_tooltips_follow_the_language(tab, sample_server):
    page = tab.page
    english = {"lang": "English"}
    for query, expected in (({}, "下载图片（PNG）"), (english, "Download plot as a PNG")):
        open_page(page, sample_server.url, "overview", **query)
        button = page.locator(".modebar-btn[data-title]").first
        button.wait_for(state="attached")
        assert button.get_attribute("data-title") == expected
