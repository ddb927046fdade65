"""A table's data leaves the browser only through the project's own downloads, where a cell
that a spreadsheet would run as a formula is neutralised: the tables' own toolbar offers no
"Download as CSV" (it writes cells as they are), and no copying either."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.harness import AppServer, open_page, running_small_with
from tests.browser.harness import download as download_from

FORMULA = '=HYPERLINK("http://evil.example")'  # no comma: the CSV is written unquoted


def _formula_community(tables: dict[str, list[dict[str, str]]]) -> None:
    for row in tables["branches"]:
        if row["所在社区"] == "乙社区":
            row["所在社区"] = FORMULA


@pytest.fixture(scope="module")
def formula_server(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    with running_small_with(tmp_path_factory.mktemp("formula"), _formula_community) as server:
        yield server


def test_tables_have_no_toolbar_download_and_their_own_is_neutralised(tab, formula_server):
    page = tab.page
    open_page(page, formula_server.url, "sectors", by="community")
    table = page.get_by_test_id("stDataFrame").last
    table.hover()
    expect(table.get_by_test_id("stElementToolbar")).to_have_count(1)  # the toolbar is there
    expect(page.get_by_role("button", name="Download as CSV")).to_have_count(0)
    header = page.get_by_test_id("stHeading").filter(has_text="并列对比表")
    buttons = header.locator("xpath=following::*[@data-testid='stDownloadButton']")
    raw = download_from(page, buttons.first.get_by_role("button")).path().read_bytes()
    cells = [c for row in csv.reader(io.StringIO(raw.decode("utf-8-sig"))) for c in row]
    assert "'" + FORMULA in cells
    assert FORMULA not in cells
    assert tab.console.errors == []
