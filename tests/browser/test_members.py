"""党员队伍 Members in a real browser."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.harness import chart_titled, open_page, shoot_every_view


def test_members_renders_at_both_sizes_in_both_languages(new_tab, sample_server):
    shoot_every_view(new_tab, sample_server, "members")


def test_members_gender_chart_shows_the_hand_worked_counts(tab, small_server):
    open_page(tab.page, small_server.url, "members")
    gender = chart_titled(tab.page, "性别")
    expect(gender).to_have_count(1)
    # tests/small_dataset.py on D: 男 2 (m2 m4), 女 3 (m1 m3 m8) → 40.0% and 60.0%
    texts = gender.locator("svg text").all_text_contents()
    assert {"男", "女", "40.0%", "60.0%"} <= set(texts)
