"""Streamlit's own words show in Chinese in the Chinese UI (i18n/streamlit_ui.py): the
uploader's button and limits, the multiselect's 全选 and 没有匹配项, the chart's 全屏, the
page-not-found dialog; and stay Streamlit's English in the English UI."""

from __future__ import annotations

import json

from playwright.sync_api import Page, expect

from tests.browser.harness import open_page, wait_for_app_run

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
    page.goto(f"{small_server.url}/no-such-page")
    # read as soon as it shows: a reconnect under load (the websocket's ping missed)
    # closes Streamlit's dialogs and opens the main page, whose run finds no page missing
    shown_in_chinese = f"() => ({SHOWN})({json.dumps(NOT_FOUND)}) === '找不到页面'"
    page.wait_for_function(shown_in_chinese, timeout=60_000)


# What a screen reader reads and a copy copies: the attributes that name a control, and
# every text node outside icons, charts, code and hidden parts; Latin words allowed in the
# Chinese UI are file types, product names, the switch to English, and the test dataset's
# folder name ("small") in the data-source line.
LEFT_IN_ENGLISH = r"""(allowed) => {
  const words = new Set();
  const latin = /[A-Za-z]{2,}/g;
  const root = document.querySelector('[data-testid="stApp"]');
  const skip = 'script, style, svg, code, pre, [aria-hidden="true"], .js-plotly-plot, '
    + '[data-testid="stIconMaterial"], [data-testid="stDataFrame"], [data-testid="stCode"], '
    + 'details:not([open]) > :not(summary)';  // a folded part is neither read nor copied
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    if (node.parentElement.closest(skip)) continue;
    for (const w of node.textContent.match(latin) || []) if (!allowed.includes(w)) words.add(w);
  }
  for (const el of root.querySelectorAll('[aria-label], [placeholder], [title]')) {
    if (el.closest('.js-plotly-plot')) continue;
    for (const a of ['aria-label', 'placeholder', 'title'])
      for (const w of (el.getAttribute(a) || '').match(latin) || [])
        if (!allowed.includes(w)) words.add(a + ': ' + w);
  }
  return [...words];
}"""
ALLOWED = ["CSV", "ODS", "TSV", "TXT", "XLS", "XLSM", "XLSX", "ZIP", "MB", "Excel", "PNG",
           "PPT", "PowerPoint", "WPS", "Word", "Markdown", "English", "Language",
           "xlsx", "xls", "zip", "csv", "md", "docx", "pptx", "html", "small"]  # fmt: skip


def test_no_english_is_left_for_a_screen_reader_or_a_copy_in_chinese(tab, small_server):
    page = tab.page
    left = {}
    for name in ("overview", "members", "sectors", "branch", "data", "present"):
        open_page(page, small_server.url, name)
        words = page.evaluate(LEFT_IN_ENGLISH, ALLOWED)
        if words:
            left[name] = words
    assert left == {}


def test_streamlits_controls_have_chinese_accessible_names(tab, small_server):
    page = tab.page
    open_page(page, small_server.url, "data")
    expect(page.get_by_role("button", name="“截至日期”的说明")).to_have_count(1)
    expect(page.get_by_role("navigation", name="页面导航")).to_have_count(1)
    zone = page.get_by_test_id("stFileUploaderDropzone").first
    expect(zone.get_by_test_id("stBaseButton-secondary")).to_have_accessible_name("上传文件")
    expect(zone.get_by_test_id("stFileUploaderDropzoneInput")).to_have_accessible_name(
        "选择要上传的文件"
    )
    assert "Upload" not in zone.inner_text()  # what a copy of it copies


def test_switching_to_english_gives_streamlits_names_back(tab, small_server):
    page = tab.page
    open_page(page, small_server.url, "overview")
    expect(page.get_by_role("navigation", name="页面导航")).to_have_count(1)
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    wait_for_app_run(page)
    expect(page.get_by_role("navigation", name="App pages")).to_have_count(1)
    expect(page.get_by_role("button", name="Help for As of")).to_have_count(1)
