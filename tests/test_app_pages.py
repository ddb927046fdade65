"""Every page as the user gets it, run by Streamlit's AppTest.

Figures on screen and in the charts' data are compared with values worked out by hand (the
small dataset, tests/small_dataset.py) or computed here with plain pandas from the sample's
CSV files, never with the code under test.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from app.selection import sector_from_selection
from tests.small_dataset import NAMES

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
PAGES = ("overview", "members", "sectors", "branch", "innovation", "orglife")
HAN = re.compile(r"[\u4e00-\u9fff]")
D = pd.Timestamp("2018-11-30")


def _open(page: str = "overview", **query: str | list[str]) -> AppTest:
    at = AppTest.from_file("../dashboard.py", default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.fixture
def on_small(monkeypatch: pytest.MonkeyPatch, small_dir: Path) -> Callable[..., AppTest]:
    monkeypatch.setenv("DANGJIAN_DATA_DIR", str(small_dir))
    return _open


@pytest.fixture
def on_sample(monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    monkeypatch.delenv("DANGJIAN_DATA_DIR", raising=False)
    return _open


def _decode(values: object) -> list:
    """Plotly >= 6 sends numeric arrays as {"dtype", "bdata"} (base64)."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values or [])


def _charts(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def _chart(at: AppTest, title: str) -> dict:
    found = [c for c in _charts(at) if (c["layout"].get("title") or {}).get("text") == title]
    assert len(found) == 1, [c["layout"].get("title") for c in _charts(at)]
    return found[0]


def _trace(chart: dict, name: str) -> dict:
    return next(t for t in chart["data"] if t.get("name") == name)


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


# --------------------------------------------------------------------------- every page


@pytest.mark.parametrize("lang", ["中文", "English"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_charts(
    on_sample: Callable[..., AppTest], page: str, lang: str
) -> None:
    at = on_sample(page, lang=lang)
    assert len(at.get("plotly_chart")) >= 2
    for chart in _charts(at):
        assert chart["data"], "an empty chart"
        assert (chart["layout"].get("title") or {}).get("text"), "a chart without a title"


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
    at = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    assert not at.exception
    assert "数据未通过检查" in at.error[0].value
    table = at.dataframe[0].value
    assert set(table["行"].dropna().astype(int)) >= {2}
    assert any("2018-13-45" in str(v) for v in table["值"])


# --------------------------------------------------------------------------- figures by hand


def test_overview_cards_match_the_hand_worked_figures(on_small: Callable[..., AppTest]) -> None:
    cards = _metrics(on_small("overview"))
    assert cards["党组织"] == "4 个"
    assert cards["在册党员"] == "5 名"
    assert cards["本年发展党员"] == "1 名"
    assert cards["预备党员"] == "2 名"
    assert cards["授权专利"] == "1 项"
    assert cards["组织生活参与率"] == "75.0%"


def test_overview_headline_sentence(on_small: Callable[..., AppTest]) -> None:
    at = on_small("overview")
    assert any(
        "全街道共有党组织4个（其中党支部3个）、在册党员5名，较上年增长25.0%"
        in m.value.replace("\u2060", "")  # word joiners keep numbers with their units
        for m in at.markdown
    )


def test_trend_chart_data_ends_with_the_hand_counts(on_small: Callable[..., AppTest]) -> None:
    chart = _chart(on_small("overview"), "在册党员人数（月末）")
    assert _decode(_trace(chart, "正式党员")["y"])[-1] == 3
    assert _decode(_trace(chart, "预备党员")["y"])[-1] == 2
    assert _trace(chart, "正式党员")["x"][-1] == "2018年11月"


def test_changing_the_sector_filter_changes_the_figures(on_small: Callable[..., AppTest]) -> None:
    at = on_small("overview")
    at.sidebar.multiselect[0].set_value(["非公企业"]).run()
    cards = _metrics(at)
    assert cards["在册党员"] == "2 名"  # m4 and m8
    assert cards["党组织"] == "1 个"  # P1 (P2 dissolved)
    chart = _chart(at, "在册党员人数（月末）")
    assert _decode(_trace(chart, "正式党员")["y"])[-1] == 1


def test_members_page_structure_charts(on_small: Callable[..., AppTest]) -> None:
    at = on_small("members")
    gender = _chart(at, "性别结构")["data"][0]
    assert gender["y"] == ["男", "女"] and _decode(gender["x"]) == [2, 3]
    age = _chart(at, "年龄结构")["data"][0]
    assert dict(zip(age["y"], _decode(age["x"]), strict=True))["31至35岁"] == 2


def test_members_page_yearly_flows(on_small: Callable[..., AppTest]) -> None:
    at = on_small("members", freq="年")
    chart = _chart(at, "党员流入与流出（每年）")
    assert _trace(chart, "发展党员")["x"][-1] == "2018年1–11月"  # D = 2018-11-30: a partial year
    assert _decode(_trace(chart, "发展党员")["y"])[-1] == 1
    assert _decode(_trace(chart, "转入")["y"])[-1] == 1
    assert _decode(_trace(chart, "死亡")["y"])[-1] == -1


def test_sectors_page_per_branch_measures(on_small: Callable[..., AppTest]) -> None:
    at = on_small("sectors")
    bars = _chart(at, "在册党员（名）")["data"][0]
    assert dict(zip(bars["customdata"], _decode(bars["y"]), strict=True)) == {
        "社区": 3.0,
        "非公企业": 2.0,
    }
    table = at.dataframe[-1].value
    row = table.set_index("所属领域").loc["社区"]
    assert (row["党支部"], row["在册党员"], row["平均每支部党员"]) == (2, 3, 1.5)


def test_sectors_page_by_community(on_small: Callable[..., AppTest]) -> None:
    at = on_small("sectors", by="社区")
    table = at.dataframe[-1].value.set_index("所在社区")
    assert table["在册党员"].to_dict() == {"乙社区": 2, "甲社区": 3}


def test_branch_profile_with_masked_member_list(on_small: Callable[..., AppTest]) -> None:
    at = on_small("branch", branch="甲社区党委 · C1")
    assert _metrics(at)["在册党员"] == "3 名"  # m1, m2 (C1a) and m3 (C1b)
    members = at.dataframe[-1].value
    assert sorted(members["姓名"]) == sorted(["赵*芳", "钱*", "孙*娘"])
    shown = json.dumps([str(e.value) for e in at.main if hasattr(e, "value")], ensure_ascii=False)
    shown += "".join(members.astype(str).to_numpy().ravel())
    for name in NAMES:
        assert name not in shown


def test_branch_growth_against_its_sector_and_all_by_hand(on_small: Callable[..., AppTest]) -> None:
    chart = _chart(
        on_small("branch", branch="乙科技有限公司党支部 · P1"), "在册党员增长对比（起点 = 100）"
    )
    # base January 2013 (the trend's start): P1 has m4; 非公企业 m4 m6; all m1 m4 m6 m7.
    # On D: P1 m4 m8 → 200; 非公企业 m4 m8 → 100; all m1 m2 m3 m4 m8 → 125.
    last = {trace["name"]: _decode(trace["y"])[-1] for trace in chart["data"]}
    assert last == {"本组织": 200.0, "所属领域（非公企业）": 100.0, "全街道": 125.0}


# --------------------------------------------------------------------------- sample, independently


@pytest.fixture(scope="module")
def sample_csv() -> dict[str, pd.DataFrame]:
    """The sample read with plain pandas, dates parsed here: an independent view."""
    dates = {
        "members": ["出生日期", "入党日期", "转正日期", "转入日期", "减少日期"],
        "branches": ["成立日期", "撤销日期"],
    }
    return {
        name: pd.read_csv(
            SAMPLE / f"{name}.csv", encoding="utf-8-sig", dtype=str, parse_dates=dates[name]
        )
        for name in ("members", "branches")
    }


def _active_by_hand(m: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    start = m["转入日期"].where(m["转入日期"].notna(), m["入党日期"])
    return m[(start <= day) & (m["减少日期"].isna() | (m["减少日期"] > day))]


def test_sample_members_by_sector_chart_matches_pandas(
    on_sample: Callable[..., AppTest], sample_csv: dict
) -> None:
    active = _active_by_hand(sample_csv["members"], D)
    sectors = active.merge(sample_csv["branches"], on="组织编号")["所属领域"].value_counts()
    bars = _chart(on_sample("sectors"), "在册党员（名）")["data"][0]
    shown = dict(zip(bars["customdata"], _decode(bars["y"]), strict=True))
    assert shown == {k: float(v) for k, v in sectors.items()}


def test_sample_age_chart_matches_pandas(
    on_sample: Callable[..., AppTest], sample_csv: dict
) -> None:
    active = _active_by_hand(sample_csv["members"], D)
    birth = active["出生日期"]
    age = (
        2018
        - birth.dt.year
        - ((birth.dt.month > 11) | ((birth.dt.month == 11) & (birth.dt.day > 30)))
    )
    bars = _chart(on_sample("members"), "年龄结构")["data"][0]
    shown = dict(zip(bars["y"], _decode(bars["x"]), strict=True))
    assert shown["30岁及以下"] == int((age <= 30).sum())
    assert shown["61岁及以上"] == int((age >= 61).sum())
    assert sum(shown.values()) == len(active)


def test_summary_command_equals_the_overview_cards(on_sample: Callable[..., AppTest]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "report", "summary", "--data", str(SAMPLE), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    summary = json.loads(done.stdout)
    cards = _metrics(on_sample("overview"))
    assert cards["在册党员"] == f"{summary['members']['active']:,} 名"
    assert cards["预备党员"] == f"{summary['members']['probationary']:,} 名"
    assert cards["党组织"] == f"{summary['branches']['total']:,} 个"
    assert cards["授权专利"] == f"{summary['patents']['granted']:,} 项"


# --------------------------------------------------------------------------- language and URL


def _visible_text(at: AppTest) -> list[str]:
    texts = [
        e.value
        for kind in ("title", "header", "subheader", "caption", "markdown", "info")
        for e in getattr(at, kind)
    ]
    texts += [m.label for m in at.metric] + [e.label for e in at.expander]
    for kind in ("multiselect", "selectbox", "date_input", "select_slider", "button"):
        texts += [w.label for w in getattr(at, kind)]
    texts += [
        b.label for b in at.get("button_group") if b.key != "lang"
    ]  # the switch stays bilingual
    for chart in _charts(at):
        layout = chart["layout"]
        texts.append((layout.get("title") or {}).get("text", ""))
        texts += [
            (layout[k].get("title") or {}).get("text", "")
            for k in layout
            if k.startswith(("xaxis", "yaxis"))
        ]
        texts += [a.get("text", "") for a in layout.get("annotations", [])]
        texts += [t.get("name", "") for t in chart["data"]]
    return texts


@pytest.mark.parametrize(
    "page",
    ["overview", "members", "sectors", "innovation", "orglife", "alerts", "present", "data"],
)
def test_switching_to_english_leaves_no_chinese(
    on_sample: Callable[..., AppTest], page: str
) -> None:
    at = on_sample(page)
    switch = next(b for b in at.get("button_group") if b.key == "lang")
    switch.set_value("en").run()
    left = [text for text in _visible_text(at) if HAN.search(text or "")]
    assert left == []


def test_branch_page_in_english_keeps_only_names_in_chinese(
    on_small: Callable[..., AppTest],
) -> None:
    at = on_small("branch", lang="English", branch="甲社区党委 · C1")
    names = ("甲社区党委", "甲社区")  # the organisation's and its community's own names
    texts = [text or "" for text in _visible_text(at)]
    for name in names:
        texts = [text.replace(name, "") for text in texts]
    assert [text for text in texts if HAN.search(text)] == []
    assert any("Party committee · Communities" in text for text in texts)


def test_url_reopens_the_same_view(on_small: Callable[..., AppTest]) -> None:
    at = on_small("overview", lang="English", sector_en=["Private enterprises"], asof="2017-11-30")
    assert at.sidebar.multiselect[0].value == ["非公企业"]
    assert at.sidebar.date_input[0].value.isoformat() == "2017-11-30"
    assert _metrics(at)["Active members"] == "2"  # m4 and m5 on 2017-11-30
    assert at.title[0].value == "Overview"


def test_a_click_on_a_sector_bar_names_its_sector() -> None:
    selection = {"selection": {"points": [{"x": "Private enterprises", "customdata": "非公企业"}]}}
    assert sector_from_selection(selection) == "非公企业"
    assert sector_from_selection({"selection": {"points": []}}) is None


def test_link_to_this_view_round_trips(on_small: Callable[..., AppTest]) -> None:
    from urllib.parse import parse_qs, urlsplit

    at = on_small("sectors", lang="English")
    at.sidebar.multiselect[0].set_value(["非公企业"]).run()
    link = at.sidebar.code[0].value
    query = parse_qs(urlsplit(link).query)
    assert query == {"lang": ["English"], "sector_en": ["Private enterprises"]}
    again = on_small("sectors", **{k: v if len(v) > 1 else v[0] for k, v in query.items()})
    assert again.sidebar.multiselect[0].value == ["非公企业"]
    assert again.title[0].value == "Sectors"


def test_switching_language_keeps_the_filters(on_small: Callable[..., AppTest]) -> None:
    at = on_small("overview", sector="非公企业")
    switch = next(b for b in at.get("button_group") if b.key == "lang")
    switch.set_value("en").run()
    assert at.sidebar.multiselect[0].value == ["非公企业"]
    assert _metrics(at)["Active members"] == "2"


def test_members_page_says_when_the_filters_leave_nothing(on_small: Callable[..., AppTest]) -> None:
    at = on_small("members", sector="社区", community="乙社区")
    assert "当前筛选范围内没有党组织" in at.info[0].value
    assert not at.get("plotly_chart")


def test_trend_start_after_the_as_of_date_is_moved_with_a_notice(
    on_small: Callable[..., AppTest],
) -> None:
    at = on_small("overview", asof="2016-06-30", period="2018年1月")
    assert any("已改为从 2011年1月 开始" in c.value for c in at.sidebar.caption)
    chart = _chart(at, "在册党员人数（月末）")
    assert _trace(chart, "正式党员")["x"][0] == "2011年1月"


def test_link_to_a_branch_not_in_view_says_so(on_small: Callable[..., AppTest]) -> None:
    at = on_small(
        "branch", branch="甲社区第二党支部 · C1b", asof="2017-06-30"
    )  # founded 2018-03-01
    assert "甲社区第二党支部 · C1b" in at.info[0].value
    assert at.selectbox[0].value == "C1"


# --------------------------------------------------------------------------- topics, by hand


def test_innovation_cards_by_hand(on_small: Callable[..., AppTest]) -> None:
    cards = _metrics(on_small("innovation"))
    # tests/small_dataset.py: 2 applications, 1 granted (an invention); 1 filed in the 12
    # months to D for 5 active members; inventors 3 + 2, members among them 2 + 0
    assert cards["专利申请"] == "2 项"
    assert cards["授权专利"] == "1 项"
    assert cards["发明专利授权"] == "1 项"
    assert cards["每百名党员申请"] == "20.0"
    assert cards["党员发明人占比"] == "40.0%"


def test_innovation_chart_counts_applications_by_year_and_kind(
    on_small: Callable[..., AppTest],
) -> None:
    chart = _chart(on_small("innovation"), "专利申请（按类型）与授权，按年")
    invention = _trace(chart, "申请：发明")
    assert dict(zip(invention["x"], _decode(invention["y"]), strict=True)) == {
        "2015年": 1, "2016年": 0, "2017年": 0, "2018年": 0
    }  # fmt: skip
    assert _decode(_trace(chart, "申请：实用新型")["y"])[-1] == 1
    assert _decode(_trace(chart, "授权")["y"]) == [0, 0, 1, 0]


def test_orglife_cards_by_hand(on_small: Callable[..., AppTest]) -> None:
    cards = _metrics(on_small("orglife"))
    # 12 months to D: a1, a2, a4 (a3 is exactly a year before); attendance (2+1)/(2+2);
    # 1 of 49 rule-periods met (see test_summary); a4: 2 attendees × 3 hours, 10 non-members
    assert cards["近12个月活动（次）"] == "3"
    assert cards["组织生活参与率"] == "75.0%"
    assert cards["三会一课达标率"] == "2.0%"
    assert cards["志愿服务时长"] == "6"
    assert cards["群众参与（人次）"] == "10"


def test_orglife_support_list_names_every_branch_below_standard(
    on_small: Callable[..., AppTest],
) -> None:
    (table,) = [d.value for d in on_small("orglife").dataframe if "党组织" in d.value]
    assert sorted(table["党组织"]) == [
        "乙科技有限公司党支部",
        "甲社区第一党支部",
        "甲社区第二党支部",
    ]


@pytest.fixture
def on_alerts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., AppTest]:
    from tests import alert_dataset

    monkeypatch.setenv("DANGJIAN_DATA_DIR", str(alert_dataset.write(tmp_path / "alerts")))
    return _open


def test_alerts_page_lists_each_rule_once_with_a_profile_link(
    on_alerts: Callable[..., AppTest],
) -> None:
    from tests import alert_dataset

    at = on_alerts("alerts")
    assert [b.label for b in at.get("download_button")][:1] == ["下载这 7 条提醒（Excel）"]
    table = at.dataframe[0].value
    assert sorted(table["党组织"]) == sorted(
        f"{b}党支部" for b, _ in alert_dataset.EXPECTED.values()
    )
    row = table.set_index("提醒").loc["换届逾期"]
    assert row["情况"] == "届满日期 2018年11月1日，已逾期 29 天"
    assert row["支部画像"] == "branch?branch=A%E5%85%9A%E6%94%AF%E9%83%A8+%C2%B7+A"


def test_a_long_warnings_list_is_shown_a_page_at_a_time(
    on_alerts: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests import alert_dataset

    monkeypatch.setattr("app.widgets.PAGE_ROWS", 3)  # 7 warnings: pages of 3, 3 and 1
    at = on_alerts("alerts")
    assert len(at.dataframe[0].value) == 3
    assert at.number_input(key="alert_page").max == 3
    at.number_input(key="alert_page").set_value(3).run()
    # the 7th warning in the rules' order (tests/alert_dataset.py): ageing, at H
    assert at.dataframe[0].value["党组织"].tolist() == ["H党支部"]
    assert "第 7–7 条，共 7 条" in [c.value for c in at.caption]
    assert list(alert_dataset.EXPECTED)[-1] == "ageing"


def test_a_filter_that_shortens_the_warnings_list_goes_back_to_its_first_page(
    on_alerts: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.widgets.PAGE_ROWS", 1)
    at = on_alerts("alerts")
    at.number_input(key="alert_page").set_value(7).run()
    at.pills(key="alert_rules").set_value(["term_overdue", "term_due"]).run()
    assert not at.exception
    assert at.number_input(key="alert_page").value == 1
    assert at.dataframe[0].value["党组织"].tolist() == ["A党支部"]


def test_the_warnings_spreadsheet_holds_every_warning_without_links() -> None:
    from figures.tables import alerts_export

    found = pd.DataFrame(
        {
            "branch_id": ["A", "B"],
            "name": ["A党支部", "B党支部"],
            "org_type": ["党支部"] * 2,
            "sector": ["社区"] * 2,
            "community": ["甲社区"] * 2,
            "rule": ["term_overdue", "term_due"],
            "value": [29.0, 46.0],
            "date": pd.to_datetime(["2018-11-01", "2019-01-15"]),
        }
    )
    table = alerts_export(found, "zh")
    assert table["党组织"].tolist() == ["A党支部", "B党支部"]
    assert "支部画像" not in table.columns
    assert table["情况"].iloc[0] == "届满日期 2018年11月1日，已逾期 29 天"


def test_overview_counts_the_warnings(on_alerts: Callable[..., AppTest]) -> None:
    at = on_alerts("overview")
    assert _metrics(at)["组织健康提醒"] == "7 条"


def test_zhaoxin_patents_on_the_innovation_page_match_the_csv(
    on_sample: Callable[..., AppTest],
) -> None:
    """The forum report: 昭信集团 300+ applications, close to 50 invention patents granted.
    Counted here from the CSV files with plain pandas, following 上级组织编号 by hand."""
    b = pd.read_csv(SAMPLE / "branches.csv", dtype=str, encoding="utf-8-sig")
    p = pd.read_csv(SAMPLE / "patents.csv", dtype=str, encoding="utf-8-sig")
    parent = dict(zip(b["组织编号"], b["上级组织编号"], strict=True))
    top = b.loc[b["组织名称"] == "昭信集团党委", "组织编号"].item()

    def under_top(bid: str) -> bool:
        while isinstance(bid, str):
            if bid == top:
                return True
            bid = parent.get(bid)
        return False

    mine = p[p["组织编号"].map(under_top)]
    filed = int((pd.to_datetime(mine["申请日期"]) <= D).sum())
    inventions = int(((mine["专利类型"] == "发明") & (pd.to_datetime(mine["授权日期"]) <= D)).sum())
    assert filed >= 300 and 40 <= inventions < 50

    at = on_sample("innovation")
    (table,) = [d.value for d in at.dataframe if {"党组织", "发明专利授权"} <= set(d.value)]
    row = table.set_index("党组织").loc["昭信集团党委"]
    assert (row["申请"], row["发明专利授权"]) == (filed, inventions)


def test_present_page_opens_on_the_overview_slide_by_hand(on_small: Callable[..., AppTest]) -> None:
    at = on_small("present")
    texts = [m.value.replace("\u2060", "").replace("\\", "") for m in at.markdown]
    assert "## 总体情况" in texts
    assert any("在册党员5名，较上年增长25.0%" in text for text in texts)
    assert _metrics(at) == {"党组织": "4 个", "在册党员": "5 名", "预备党员": "2 名"}
    assert len(at.get("plotly_chart")) == 1


def test_compact_slides_fit_a_1366_by_768_projector(on_small: Callable[..., AppTest]) -> None:
    at = on_small("present")
    assert json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["height"] == 470
    at.toggle(key="slide_compact").set_value(True).run()
    texts = [m.value.replace("\u2060", "").replace("\\", "") for m in at.markdown]
    assert "### 总体情况" in texts
    assert json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["height"] == 300


@pytest.mark.parametrize("page", ["overview", "innovation", "orglife", "alerts", "present"])
@pytest.mark.parametrize(
    "query",
    [
        {"sector": "楼宇"},  # no enterprises, no patents
        {"sector": "社区"},
        {"community": "灯湖社区"},
        {"asof": "2012-12-31"},  # before the activity records start
    ],
    ids=["buildings", "communities", "one-community", "before-records"],
)
def test_new_pages_run_on_narrow_selections(
    on_sample: Callable[..., AppTest], page: str, query: dict
) -> None:
    on_sample(page, **query)  # _open asserts that no exception is shown


def test_data_page_counts_rows_and_finds_nothing_to_check_by_hand(
    on_small: Callable[..., AppTest],
) -> None:
    at = on_small("data")
    # tests/small_dataset.py: 5 organisations, 8 members, 2 patents, 4 activities
    assert _metrics(at) == {
        "党组织（行）": "5", "党员（行）": "8", "专利（行）": "2", "组织生活与活动（行）": "4"
    }  # fmt: skip
    assert [s.value for s in at.success] == ["没有需要核对的数据。"]


def test_members_shows_lost_contact_and_floating_members_by_sector(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from tests import official_forms as forms

    forms.write_roster_xlsx(tmp_path / "党员基本信息汇总表.xlsx")
    forms.write_orgs_xlsx(tmp_path / "党组织.xlsx")
    monkeypatch.setenv("DANGJIAN_DATA_DIR", str(tmp_path))
    at = _open("members")
    (caption,) = [c.value for c in at.caption if "失联党员" in c.value]
    # tests/official_forms.py: 王小红 lost contact, 李四 is away; all six in 社区
    assert "失联党员 1 名、流动党员 1 名" in caption
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    bars = {
        s["layout"]["title"]["text"]: dict(
            zip(s["data"][0]["x"], _decode(s["data"][0]["y"]), strict=True)
        )
        for s in specs
        if s["layout"].get("title", {}).get("text") in ("失联党员（名）", "流动党员（名）")
    }
    assert bars == {"失联党员（名）": {"社区": 1.0}, "流动党员（名）": {"社区": 1.0}}


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
    at = _open()
    assert any("截至 2018年10月8日" in c.value for c in at.caption)
    Store(store).publish([small_dir], by="b", salt=SALT)
    at.run()  # the same session, after the import: latest date 2018-11-30
    assert not at.exception
    assert any("v0002" in c.value and "截至 2018年11月30日" in c.value for c in at.caption)
