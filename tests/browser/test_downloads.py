"""A chart's data, downloaded from the browser, as Excel users open it."""

from __future__ import annotations

import csv
import io

from tests.browser.harness import download as download_from
from tests.browser.harness import metric_cards, open_page


def test_trend_csv_download_has_a_bom_chinese_headers_and_the_cards_figure(tab, sample_server):
    page = tab.page
    open_page(page, sample_server.url)
    card = metric_cards(page)["在册党员"]
    box = page.get_by_test_id("stExpander").filter(has_text="查看数据").first
    box.locator("summary").click()
    download = download_from(page, box.get_by_role("button", name="CSV", exact=True))
    raw = download.path().read_bytes()

    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel shows the Chinese
    assert download.suggested_filename.endswith("_全街道_2018-11-30.csv")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header, last = rows[0], rows[-1]
    assert header[0] == "日期"
    assert last[0] == "2018-11-30"  # the month-end date
    active = header.index("在册党员")
    assert f"{int(last[active]):,} 名" == card
    assert tab.console.errors == []


def test_a_branch_profiles_downloads_are_named_for_the_branch(tab, small_server):
    page = tab.page
    open_page(page, small_server.url, "branch", branch="乙科技有限公司党支部 · P1")
    box = page.get_by_test_id("stExpander").filter(has_text="查看数据").first
    box.locator("summary").click()
    download = download_from(page, box.get_by_role("button", name="CSV", exact=True))
    assert download.suggested_filename.endswith("_乙科技有限公司党支部_2018-11-30.csv")
