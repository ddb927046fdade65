"""数据管理 Data in a real browser: the page, and a template that opens as a workbook."""

from __future__ import annotations

import io

import openpyxl

from domain.contract import DATASETS
from tests.browser.harness import download, open_page, shoot_every_view


def test_data_renders_at_both_sizes_in_both_languages(new_tab, sample_server):
    shoot_every_view(new_tab, sample_server, "data", with_charts=False)


def test_members_template_downloads_with_the_contracts_headers(tab, small_server):
    page = tab.page
    open_page(page, small_server.url, "data")
    file = download(page, page.get_by_role("button", name="党员.xlsx", exact=True))
    assert file.suggested_filename == "党员模板.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(file.path().read_bytes())).worksheets[0]
    assert [c.value for c in sheet[1]] == [f.zh for f in DATASETS["members"].fields if f.stored]
    assert tab.console.errors == []
