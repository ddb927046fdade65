"""Streamlit's own words show in Chinese in the Chinese UI (i18n/streamlit_ui.py): the
uploader's button and limits, the multiselect's 全选 and 没有匹配项, the chart's 全屏, the
page-not-found dialog; and stay Streamlit's English in the English UI."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.harness import open_address, open_page

SHOWN = """(selector) => {
  const e = document.querySelector(selector);
  if (!e) return null;
  const after = getComputedStyle(e, '::after').content;
  const hidden = parseFloat(getComputedStyle(e).fontSize) === 0;
  return hidden ? after.replace(/^"|"$/g, '') : e.textContent;
}"""
UPLOAD_BUTTON = '[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p'
UPLOAD_LIMIT = '[data-testid="stFileUploaderDropzoneInstructions"] span'
SELECT_ALL = '[data-key="__select_all__"] > div'
NO_RESULTS = '[role="option"][style*="contents"] > span'
NOT_FOUND = '[role="dialog"] h2[slot="title"]'


def _shown(page: Page, selector: str) -> str | None:
    """The text a person sees in the element: its ::after content where its own is hidden."""
    return page.evaluate(SHOWN, selector)


def _open_sector_menu(page: Page) -> None:
    page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first.click()
    page.wait_for_timeout(300)


def test_the_uploader_speaks_chinese(tab, small_server):
    page = tab.page
    open_page(page, small_server.url, "data")
    assert _shown(page, UPLOAD_BUTTON) == "上传文件"
    assert _shown(page, UPLOAD_LIMIT).startswith("每个文件不超过 50MB · CSV、")


def test_the_uploader_speaks_english_in_english(tab, small_server):
    page = tab.page
    open_page(page, small_server.url, "data", lang="en")
    assert _shown(page, UPLOAD_BUTTON) == "Upload"


def test_the_sector_menu_says_select_all_and_no_results_in_chinese(tab, small_server):
    page = tab.page
    open_page(page, small_server.url)
    _open_sector_menu(page)
    assert _shown(page, SELECT_ALL) == "全选"
    page.keyboard.type("没有这个领域")
    page.wait_for_timeout(300)
    assert _shown(page, NO_RESULTS) == "没有匹配项"


def test_the_chart_toolbar_says_fullscreen_in_chinese(tab, small_server):
    page = tab.page
    open_page(page, small_server.url)
    chart = page.get_by_test_id("stPlotlyChart").first
    box = chart.bounding_box()
    page.mouse.move(box["x"] + box["width"] - 30, box["y"] + 20)
    page.wait_for_timeout(500)
    content = page.evaluate(
        """() => { const b = document.querySelector('.modebar-btn[data-title="Fullscreen"]');
                   return b ? getComputedStyle(b, '::after').content : null }"""
    )
    assert content == '"全屏"'


def test_an_address_that_is_no_page_says_so_in_chinese(tab, small_server):
    page = tab.page
    open_address(page, f"{small_server.url}/no-such-page")
    page.get_by_role("dialog").wait_for()
    assert _shown(page, NOT_FOUND) == "找不到页面"
