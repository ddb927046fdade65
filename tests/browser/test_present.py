"""会议汇报 Presenting in a real browser: the slideshow advances, the exports download."""

from __future__ import annotations

import io

from playwright.sync_api import expect
from pptx import Presentation

from report.slides import OUTLINES
from tests.browser.harness import download, open_page, shoot_every_view, wait_for_app_run

N = len(OUTLINES["annual"])


def test_present_renders_at_both_sizes_in_both_languages(new_tab, sample_server):
    shoot_every_view(new_tab, sample_server, "present")


def test_the_slideshow_opens_with_the_sidebar_collapsed_and_advances(tab, small_server):
    page = tab.page
    open_page(page, small_server.url, "present")
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    expect(page.get_by_text(f"第 1 / {N} 张")).to_be_visible()
    expect(page.get_by_role("heading", name="总体情况")).to_be_visible()
    page.get_by_role("button", name="下一张").click()
    wait_for_app_run(page)
    expect(page.get_by_text(f"第 2 / {N} 张")).to_be_visible()
    expect(page.get_by_role("heading", name="党员队伍变化")).to_be_visible()
    page.get_by_role("button", name="上一张").click()
    wait_for_app_run(page)
    expect(page.get_by_text(f"第 1 / {N} 张")).to_be_visible()
    assert tab.console.errors == []


def test_export_buttons_deliver_the_deck_and_the_web_page(tab, small_server):
    page = tab.page
    open_page(page, small_server.url, "present")
    page.get_by_role("button", name="生成导出文件").click()
    wait_for_app_run(page)
    pptx = download(page, page.get_by_role("button", name="PPT 幻灯片"))
    assert pptx.suggested_filename == "党建工作汇报_全街道_2018-11-30.pptx"
    deck = Presentation(io.BytesIO(pptx.path().read_bytes()))
    assert len(deck.slides) == 1 + N
    web = download(page, page.get_by_role("button", name="离线网页"))
    assert web.path().read_text("utf-8").startswith("<!DOCTYPE html>")
    assert tab.console.errors == []
