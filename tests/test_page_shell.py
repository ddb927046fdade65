"""The shell around every page: each page runs in both languages; links in stable codes
reopen their view; a language switch keeps the filters; a bad dataset gets its report.

Run by Streamlit's AppTest; figures are checked against tests/small_dataset.py by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.app_script import HAN, MAIN, chart_titled, charts, metrics, open_app, trace, visible_text

PAGES = ("overview", "members", "sectors", "branch", "innovation", "orglife")


@pytest.mark.parametrize("lang", ["中文", "English"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_charts(
    on_sample: Callable[..., AppTest], page: str, lang: str
) -> None:
    at = on_sample(page, lang=lang)
    assert len(at.get("plotly_chart")) >= 2
    for spec in charts(at):
        assert spec["data"], "an empty chart"
        assert (spec["layout"].get("title") or {}).get("text"), "a chart without a title"


def test_invalid_dataset_shows_the_report_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "branches.csv").write_text(
        "组织编号,组织名称,组织类型,所属领域,成立日期\nB1,甲,党委,农村,2018-13-45\n",
        encoding="utf-8",
    )
    (tmp_path / "members.csv").write_text(
        "党员编号,组织编号,性别,出生日期,入党日期\n", encoding="utf-8"
    )
    monkeypatch.setenv("DANGJIAN_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(MAIN, default_timeout=60).run()
    assert not at.exception
    assert "数据未通过检查" in at.error[0].value
    table = at.dataframe[0].value
    assert set(table["行"].dropna().astype(int)) >= {2}
    assert any("2018-13-45" in str(v) for v in table["值"])


@pytest.mark.parametrize(
    "page",
    [
        "overview",
        "members",
        "sectors",
        "innovation",
        "orglife",
        "development",
        "coverage",
        "alerts",
        "present",
        "data",
        "history",
        "reporting",
        "accounts",
        "audit",
    ],
)
def test_switching_to_english_leaves_no_chinese(
    on_sample: Callable[..., AppTest], page: str
) -> None:
    at = on_sample(page)
    switch = next(b for b in at.get("button_group") if b.key == "lang")
    switch.set_value("en").run()
    left = [text for text in visible_text(at) if HAN.search(text or "")]
    assert left == []


def test_a_link_in_codes_reopens_the_same_view(on_small: Callable[..., AppTest]) -> None:
    at = on_small("overview", lang="en", sector="private_enterprise", asof="2017-11-30")
    assert at.sidebar.multiselect[0].value == ["private_enterprise"]
    assert at.sidebar.date_input[0].value.isoformat() == "2017-11-30"
    assert metrics(at)["Active members"] == "2"  # m4 and m5 on 2017-11-30
    assert at.title[0].value == "Overview"


def test_the_same_link_opens_the_same_view_in_either_language(
    on_small: Callable[..., AppTest],
) -> None:
    zh = on_small("overview", sector="private_enterprise", asof="2017-11-30")
    en = on_small("overview", lang="en", sector="private_enterprise", asof="2017-11-30")
    assert metrics(zh)["在册党员"] == "2 名"
    assert metrics(en)["Active members"] == "2"
    assert zh.sidebar.multiselect[0].value == en.sidebar.multiselect[0].value


@pytest.mark.parametrize(
    "query",
    [
        {"lang": "English", "sector_en": "Private enterprises"},  # before the codes, English
        {"sector": "非公企业"},  # before the codes, Chinese
    ],
    ids=["english-labels", "chinese-labels"],
)
def test_links_made_before_the_codes_still_open_their_view(
    on_small: Callable[..., AppTest], query: dict[str, str]
) -> None:
    at = on_small("overview", **query)
    assert at.sidebar.multiselect[0].value == ["private_enterprise"]
    assert at.query_params["sector"] == "private_enterprise"  # rewritten in codes


def test_the_address_bar_holds_codes_not_labels(on_small: Callable[..., AppTest]) -> None:
    at = on_small("members", lang="en")
    at.sidebar.multiselect[0].set_value(["Communities"]).run()
    next(b for b in at.get("button_group") if b.key == "freq.en").set_value("Q").run()
    assert dict(at.query_params) == {"lang": "en", "sector": "community", "freq": "Q"}


def test_the_link_to_this_view_round_trips(on_small: Callable[..., AppTest]) -> None:
    at = on_small("sectors", lang="en")
    at.sidebar.multiselect[0].set_value(["Private enterprises"]).run()
    link = urlsplit(at.sidebar.code[0].value)
    query = parse_qs(link.query)
    assert (link.path, query) == ("/sectors", {"lang": ["en"], "sector": ["private_enterprise"]})
    again = on_small("sectors", **{k: v if len(v) > 1 else v[0] for k, v in query.items()})
    assert again.sidebar.multiselect[0].value == ["private_enterprise"]
    assert again.title[0].value == "Sectors"


def test_switching_language_keeps_the_filters(on_small: Callable[..., AppTest]) -> None:
    at = on_small("members", sector="private_enterprise", freq="Y")
    switch = next(b for b in at.get("button_group") if b.key == "lang")
    switch.set_value("en").run()
    assert at.sidebar.multiselect[0].value == ["private_enterprise"]
    assert next(b for b in at.get("button_group") if b.key == "freq.en").value == "Y"
    assert dict(at.query_params) == {"lang": "en", "sector": "private_enterprise", "freq": "Y"}


def test_a_value_no_option_names_is_left_out(on_small: Callable[..., AppTest]) -> None:
    at = on_small("overview", sector=["private_enterprise", "farming"], asof="1900-01-01")
    assert at.sidebar.multiselect[0].value == ["private_enterprise"]
    assert at.sidebar.date_input[0].value.isoformat() == "2018-11-30"  # the latest date


def test_trend_start_after_the_as_of_date_is_moved_with_a_notice(
    on_small: Callable[..., AppTest],
) -> None:
    at = on_small("overview", asof="2016-06-30", period="2018年1月")
    assert any("已改为从 2011年1月 开始" in c.value for c in at.sidebar.caption)
    chart = chart_titled(at, "在册党员人数（月末）")
    assert trace(chart, "正式党员")["x"][0] == "2011年1月"


@pytest.mark.parametrize("page", ["overview", "innovation", "orglife", "alerts", "present"])
@pytest.mark.parametrize(
    "query",
    [
        {"sector": "building"},  # no enterprises, no patents
        {"sector": "community"},
        {"community": "灯湖社区"},
        {"asof": "2012-12-31"},  # before the activity records start
    ],
    ids=["buildings", "communities", "one-community", "before-records"],
)
def test_new_pages_run_on_narrow_selections(
    on_sample: Callable[..., AppTest], page: str, query: dict
) -> None:
    on_sample(page, **query)  # open_app asserts that no exception is shown


def test_the_as_of_date_follows_a_new_version_in_the_same_session(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, small_dir: Path
) -> None:
    from ingest.store import Store
    from tests import official_forms as forms
    from tests.conftest import SALT

    store = tmp_path / "s"
    official = tmp_path / "official"
    official.mkdir()
    forms.write_roster_xlsx(official / "党员基本信息汇总表.xlsx")
    forms.write_orgs_xlsx(official / "党组织.xlsx")
    Store(store).publish([official], by="a", salt=SALT)  # latest date 2018-10-08
    monkeypatch.delenv("DANGJIAN_DATA_DIR", raising=False)
    monkeypatch.setenv("DANGJIAN_STORE", str(store))
    at = open_app()
    assert any("截至 2018年10月8日" in c.value for c in at.caption)
    Store(store).publish([small_dir], by="b", salt=SALT)
    at.run()  # the same session, after the import: latest date 2018-11-30
    assert not at.exception
    assert any("v0002" in c.value and "截至 2018年11月30日" in c.value for c in at.caption)


def test_the_tables_own_export_is_off_whatever_config_the_server_was_started_with(
    on_small: Callable[..., AppTest],
) -> None:
    st.set_option("client.disableDataExport", False)  # a server started elsewhere
    on_small("overview")
    assert st.get_option("client.disableDataExport") is True
    config = (Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml").read_text()
    assert "disableDataExport = true" in config
