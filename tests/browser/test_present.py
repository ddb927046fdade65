"""会议汇报 Presenting in a real browser: the slideshow advances, the exports download."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect
from pptx import Presentation

from i18n import t
from report.slides import OUTLINES
from tests.browser.harness import (
    LANG_QUERY,
    download,
    layout_faults,
    open_page,
    shoot_every_view,
    wait_for_app_run,
)

# the small dataset has no 发展党员 ledger and no units register
N = len([k for k in OUTLINES["annual"] if k not in ("development", "coverage")])


def test_present_renders_at_both_sizes_in_both_languages(new_tab, sample_server):
    shoot_every_view(new_tab, sample_server, "present")


def _slide_bottoms(page, count: int) -> list[float]:
    """The bottom edge of each slide in turn, in px from the top of the window."""
    bottoms = []
    for i in range(count):
        box = page.locator(".st-key-slide").bounding_box()
        bottoms.append(box["y"] + box["height"])
        if i < count - 1:
            page.get_by_role("button", name="下一张").click()
            wait_for_app_run(page)
    return bottoms


@pytest.mark.parametrize("size", ["1366x768", "1280x720", "1920x1080"])
@pytest.mark.parametrize("outline", list(OUTLINES))
def test_every_slide_of_every_outline_fits_the_projector(new_tab, sample_server, size, outline):
    tab = new_tab(size)
    page = tab.page
    open_page(page, sample_server.url, "present")
    if outline != "annual":
        page.get_by_role("button", name="汇报提纲").click()
        page.get_by_test_id("stPopoverBody").get_by_test_id("stSelectbox").click()
        page.get_by_role("option", name=t(f"present.outline.{outline}", "zh")).click()
        wait_for_app_run(page)
        page.keyboard.press("Escape")
    height = int(size.split("x")[1])
    bottoms = _slide_bottoms(page, len(OUTLINES[outline]))
    assert [round(b) for b in bottoms if b > height] == []


def test_a_slide_on_a_phone_needs_no_sideways_scrolling(new_tab, sample_server):
    page = new_tab("390x844").page
    open_page(page, sample_server.url, "present")
    main = page.get_by_test_id("stMain")
    assert main.evaluate("e => e.scrollWidth") <= 390
    expect(page.get_by_role("heading", name="总体情况")).to_be_visible()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_slide_fits_a_phone_screen_without_a_layout_fault(new_tab, sample_server, lang):
    page = new_tab("390x844").page
    open_page(page, sample_server.url, "present", **LANG_QUERY[lang])
    for i in range(len(OUTLINES["annual"])):
        box = page.locator(".st-key-slide").bounding_box()
        assert box["height"] <= 844, f"slide {i + 1}"  # scrolled to, it is one screen
        assert layout_faults(page) == [], f"slide {i + 1}"
        if i < len(OUTLINES["annual"]) - 1:
            page.locator(".st-key-slide_next button").click()
            wait_for_app_run(page)


def _swipe(page, dx: int) -> None:
    """A finger dragged across the slide, ``dx`` px sideways, as the phone's touch screen
    reports it."""
    box = page.locator(".st-key-slide").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + 80
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 6):
        point = {"x": x + dx * step / 5, "y": y + step}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def test_a_swipe_steps_through_the_slides_on_a_phone(new_tab, small_server):
    page = new_tab("390x844").page
    open_page(page, small_server.url, "present")
    for step in ("slide_prev", "slide_next"):  # large enough for a thumb
        assert page.locator(f".st-key-{step} button").bounding_box()["height"] >= 44
    _swipe(page, -200)  # to the left: the next slide
    wait_for_app_run(page)
    expect(page.get_by_text(f"第 2 / {N} 张")).to_be_visible()
    _swipe(page, 200)
    wait_for_app_run(page)
    expect(page.get_by_text(f"第 1 / {N} 张")).to_be_visible()
    _swipe(page, -30)  # too short to be a swipe
    page.wait_for_timeout(500)
    expect(page.get_by_text(f"第 1 / {N} 张")).to_be_visible()


def test_a_presenters_clicker_steps_with_page_down_and_page_up(tab, small_server):
    page = tab.page
    open_page(page, small_server.url, "present")
    page.keyboard.press("PageDown")
    wait_for_app_run(page)
    expect(page.get_by_text(f"第 2 / {N} 张")).to_be_visible()
    page.keyboard.press("ArrowRight")
    wait_for_app_run(page)
    expect(page.get_by_text(f"第 3 / {N} 张")).to_be_visible()
    page.keyboard.press("PageUp")
    wait_for_app_run(page)
    expect(page.get_by_text(f"第 2 / {N} 张")).to_be_visible()


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
