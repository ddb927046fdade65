"""Figure builders: pure functions whose traces carry exactly the data given, in fixed colours."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from domain.contract import SECTORS
from figures.charts import (
    flows_chart,
    growth_compare,
    membership_trend,
    sector_bar,
    sector_donut,
    shares_compare,
    small_multiples,
    structure_bar,
    structure_compare,
    tick_step,
)
from figures.theme import SECTOR_COLORS
from metrics.compare import compare
from metrics.membership import flows, membership_series
from metrics.structure import structure

D = pd.Timestamp("2018-11-30")
HAN = re.compile(r"[\u4e00-\u9fff]")


def _texts(fig: go.Figure) -> list[str]:
    """Every piece of text a reader sees: titles, axis titles, legend names, tick labels."""
    layout = fig.layout
    out = [layout.title.text or ""]
    out += [layout[k].title.text or "" for k in layout if k.startswith(("xaxis", "yaxis"))]
    out += [a.text or "" for a in layout.annotations]
    for trace in fig.data:
        out.append(trace.name or "")
        for attr in ("x", "y", "labels"):
            values = getattr(trace, attr, None)
            if values is not None and len(values) and isinstance(values[0], str):
                out += list(values)
    return out


def test_all_sectors_have_distinct_fixed_colours() -> None:
    assert set(SECTOR_COLORS) == set(SECTORS)
    assert len(set(SECTOR_COLORS.values())) == len(SECTORS)


def test_trend_stacks_full_and_probationary(small: dict) -> None:
    series = membership_series(small["members"], pd.Timestamp("2018-01-01"), D, "M")
    fig = membership_trend(series, "M", "zh")
    full, probationary = fig.data
    assert list(full.y) == series["full"].tolist()
    assert list(probationary.y) == series["probationary"].tolist()
    assert full.x[-1] == "2018年11月"
    assert full.stackgroup == probationary.stackgroup


def test_the_trend_starts_near_its_lowest_total_unless_asked_for_zero() -> None:
    """Totals 8,887 to 10,595: the range is 1,708, so the axis starts 854 under 8,887 at
    8,033, floored to a hundred: 8,000; from zero on request."""
    index = pd.date_range("2013-01-31", periods=2, freq="ME")
    series = pd.DataFrame({"full": [8000, 9900], "probationary": [887, 695]}, index=index)
    series["active"] = series["full"] + series["probationary"]
    assert membership_trend(series, "M", "zh").layout.yaxis.range[0] == 8000
    assert membership_trend(series, "M", "zh", from_zero=True).layout.yaxis.range[0] == 0
    small = series.assign(active=[3, 5])
    assert membership_trend(small, "M", "zh").layout.yaxis.range[0] == 0  # near 0 anyway


def test_flows_draw_outflow_below_zero(small: dict) -> None:
    f = flows(small["members"], pd.Timestamp("2017-01-01"), D, "Y")
    fig = flows_chart(f, "Y", "zh")
    by_name = {t.name: t for t in fig.data}
    assert list(by_name["转出"].y) == [-1, -1]
    assert list(by_name["死亡"].y) == [0, -1]
    assert list(by_name["净增"].y) == [0, 0]
    assert "出党" not in by_name  # no one left the Party: no empty legend entry


def test_structure_bar_labels_shares(small: dict) -> None:
    fig = structure_bar(structure(small["members"], D, "gender"), "gender", "zh")
    (bar,) = fig.data
    assert list(bar.y) == ["男", "女"]
    assert list(bar.x) == [2, 3]
    assert list(bar.text) == ["40.0%", "60.0%"]


def test_sector_bar_uses_each_sectors_colour_and_carries_its_label(small: dict) -> None:
    table = compare(small, D, "sector")
    fig = sector_bar(table["members"], "members", "en")
    (bar,) = fig.data
    assert list(bar.customdata) == list(SECTORS)
    assert list(bar.marker.color) == [SECTOR_COLORS[s] for s in SECTORS]
    assert list(bar.x)[:3] == [3, 0, 2]
    assert list(bar.y)[:2] == ["Communities", "State enterprises"]


def test_small_multiples_keep_sector_colours_in_every_panel(small: dict) -> None:
    table = compare(small, D, "sector")
    fig = small_multiples(table, ["members_per_branch", "female"], "zh")
    for trace in fig.data:
        assert list(trace.marker.color) == [SECTOR_COLORS[s] for s in SECTORS]
    assert list(fig.data[0].x)[:3] == [1.5, pytest.approx(float("nan"), nan_ok=True), 2.0]


def test_donut_colours_match_the_bars(small: dict) -> None:
    by_sector = compare(small, D, "sector")["members"]
    fig = sector_donut(by_sector, "zh")
    (pie,) = fig.data
    assert list(pie.customdata) == ["社区", "非公企业"]  # empty sectors left out
    assert list(pie.marker.colors) == [SECTOR_COLORS["社区"], SECTOR_COLORS["非公企业"]]


@pytest.mark.parametrize(
    "builder",
    ["trend", "flows", "structure", "compare", "shares", "sector", "multiples", "donut", "growth"],
)
def test_english_figures_have_no_chinese(small: dict, builder: str) -> None:
    m = small["members"]
    table = compare(small, D, "sector")
    figs = {
        "trend": lambda: membership_trend(
            membership_series(m, pd.Timestamp("2018-01-01"), D, "Q"), "Q", "en"
        ),
        "flows": lambda: flows_chart(flows(m, pd.Timestamp("2017-01-01"), D, "M"), "M", "en"),
        "structure": lambda: structure_bar(structure(m, D, "occupation"), "occupation", "en"),
        "compare": lambda: structure_compare(
            structure(m, D, "age_band"), structure(m, D, "age_band"), "a", "b", "age_band", "en"
        ),
        "shares": lambda: shares_compare(pd.DataFrame({"female": [0.5]}, index=["All"]), "en"),
        "sector": lambda: sector_bar(table["female"], "female", "en"),
        "multiples": lambda: small_multiples(table, ["members_per_branch", "new_per_100"], "en"),
        "donut": lambda: sector_donut(table["members"], "en"),
        "growth": lambda: growth_compare(
            pd.DataFrame(
                {"this": [100.0], "sector": [100.0], "all": [100.0]}, index=pd.DatetimeIndex([D])
            ),
            "非公企业",
            "en",
        ),
    }
    for text in _texts(figs[builder]()):
        assert not HAN.search(text), text


def test_tables_show_shares_as_percentages_and_dates_as_days() -> None:
    import datetime as dt

    from figures.display_tables import file_stem, localise

    frame = pd.DataFrame(
        {"female": [0.4634], "members_per_branch": [36.48275], "members": [7406]},
        index=pd.Index(["社区"], name="sector"),
    )
    shown = localise(frame, "zh", "sector")
    assert list(shown.columns) == ["所属领域", "女性占比（%）", "平均每支部党员", "在册党员"]
    assert shown.iloc[0].tolist() == ["社区", 46.3, 36.48, 7406]
    english = localise(frame, "en", "sector")
    assert list(english.columns)[1] == "Women (%)" and english.iat[0, 0] == "Communities"
    dated = localise(
        pd.Series([1], index=pd.DatetimeIndex(["2018-11-30"], name="date")), "zh", "date"
    )
    assert dated.iat[0, 0] == dt.date(2018, 11, 30)
    assert file_stem("在册党员人数（月末）", "灯湖社区的楼宇", dt.date(2018, 11, 30)) == (
        "在册党员人数（月末）_灯湖社区的楼宇_2018-11-30"
    )


def test_an_all_zero_panel_starts_at_zero(small: dict) -> None:
    table = compare(small, D, "sector").loc[["非公企业"]]
    fig = small_multiples(table, ["age_61_or_over"], "zh")
    assert list(fig.layout.xaxis.range) == [0, 1]


@pytest.mark.parametrize(
    ("n", "freq", "max_ticks", "step"),
    [
        (71, "M", 4, 24),  # 18 months would wander through the year: two years instead
        (71, "M", 6, 12),
        (30, "M", 6, 5),  # under half a year apart: as computed
        (24, "Q", 6, 4),
        (10, "Q", 6, 2),
        (6, "Y", 6, 1),
        (0, "M", 6, 1),
    ],
)
def test_time_axis_labels_are_whole_years_apart_once_a_year_or_more(
    n: int, freq: str, max_ticks: int, step: int
) -> None:
    assert tick_step(n, freq, max_ticks) == step


def test_branch_trend_labels_fall_on_the_latest_month(small: dict) -> None:
    series = membership_series(small["members"], pd.Timestamp("2013-01-01"), D, "M")
    fig = membership_trend(series, "M", "zh", max_ticks=4)
    assert list(fig.layout.xaxis.tickvals) == ["2014年11月", "2016年11月", "2018年11月"]


def test_small_multiples_leave_room_above_the_tallest_bar(small: dict) -> None:
    table = compare(small, D, "sector")
    fig = small_multiples(table, ["members_per_branch"], "zh")
    top = table["members_per_branch"].max()
    assert fig.layout.xaxis.range == (0, pytest.approx(top * 1.12))


def test_donut_names_the_total_in_its_hole_the_chinese_way() -> None:
    by_sector = pd.Series({"社区": 7406, "非公企业": 3189})  # 10,595 → 1.06万
    (zh,) = sector_donut(by_sector, "zh").layout.annotations
    (en,) = sector_donut(by_sector, "en").layout.annotations
    assert zh.text == "<b>1.06万名</b>"  # what it counts is in the title: a small ring
    assert en.text == "<b>10.6k</b>"


def test_growth_lines_carry_the_index_and_name_the_sector() -> None:
    growth = pd.DataFrame(
        {"this": [100.0, 200.0], "sector": [100.0, 100.0], "all": [100.0, 125.0]},
        index=pd.DatetimeIndex(["2018-10-31", "2018-11-30"]),
    )
    fig = growth_compare(growth, "非公企业", "zh")
    assert [trace.name for trace in fig.data] == ["本组织", "所属领域（非公企业）", "全街道"]
    assert list(fig.data[0].y) == [100.0, 200.0]
    assert list(fig.data[2].y) == [100.0, 125.0]
    assert list(fig.data[0].x) == ["2018年10月", "2018年11月"]


def _enterprises(n: int) -> pd.DataFrame:
    """n enterprise organisations E0000.. with n, n-1, .. members (E0000 has the most)."""
    return pd.DataFrame(
        {
            "branch_id": [f"E{i:04d}" for i in range(n)],
            "name": [f"企业{i:04d}党支部" for i in range(n)],
            "sector": ["非公企业" if i % 2 else "国有企业" for i in range(n)],
            "members": [n - i for i in range(n)],
            "attendance_rate": [0.5] * n,
            "activities_per_member": [1.0] * n,
            "per_100": [10.0] * n,
        }
    )


def test_the_innovation_scatter_draws_every_organisation_up_to_its_limit() -> None:
    from figures.innovation import MAX_POINTS, innovation_scatter

    fig = innovation_scatter(_enterprises(MAX_POINTS), "zh")
    assert sum(len(trace.x) for trace in fig.data) == MAX_POINTS
    assert not fig.layout.title.subtitle.text


def test_past_its_limit_the_scatter_draws_the_largest_and_says_so() -> None:
    from figures.innovation import MAX_POINTS, innovation_scatter

    fig = innovation_scatter(_enterprises(MAX_POINTS + 100), "zh")
    drawn = {name for trace in fig.data for name in trace.text}
    assert len(drawn) == MAX_POINTS
    assert "企业0000党支部" in drawn and f"企业{MAX_POINTS:04d}党支部" not in drawn
    assert fig.layout.title.subtitle.text == (
        f"图中为在册党员最多的 {MAX_POINTS} 家（共 {MAX_POINTS + 100} 家，全部见“查看数据”）"
    )
    assert len(fig.to_json()) < 1_000_000


def test_alert_rules_say_each_threshold_with_its_unit() -> None:
    from figures.display_tables import alert_rules_table

    zh = alert_rules_table("zh").set_index("提醒")["阈值"]
    assert zh["即将换届"] == "90 天内届满"  # domain/rules.py: term_due, 90 days
    assert zh["党员年龄偏大"] == "年龄中位数超过 60 岁"
    en = alert_rules_table("en").iloc[:, 1].tolist()
    assert "term ends within 90 days" in en


def test_history_times_are_shown_in_beijing_time() -> None:
    from figures.display_tables import history_table, store_log_table

    history = pd.DataFrame(
        {
            "version": ["v0002", "v0001"],
            "current": [True, False],
            "created": ["2026-11-25T20:30:00+00:00", "2026-11-25T08:30:00+00:00"],
            "by": ["组织办", "组织办"],
            "files": [("members.csv",), ("members.csv", "branches.csv")],
            "members_rows": [10, 9],
        }
    )
    shown = history_table(history, "zh")
    # UTC + 8 hours: 20:30 UTC is 04:30 the next morning in Beijing
    assert shown["导入时间（北京时间）"].tolist() == ["2026-11-26 04:30:00", "2026-11-25 16:30:00"]
    log = store_log_table(
        [
            {
                "when": "2026-11-25T08:30:00+00:00",
                "action": "import",
                "version": "v0001",
                "by": "组织办",
            }
        ],
        "en",
    )
    assert log["When (Beijing time)"].tolist() == ["2026-11-25 16:30:00"]


def test_a_panel_of_zeros_says_so_instead_of_standing_empty() -> None:
    table = pd.DataFrame(
        {"age_61_or_over": [0.0, 0.0], "female": [0.4, 0.3]}, index=["甲社区", "乙社区"]
    )
    fig = small_multiples(table, ["age_61_or_over", "female"], "zh", by="community")
    notes = [a for a in fig.layout.annotations if a.text == "各单位均为 0"]
    assert len(notes) == 1 and notes[0].xref == "x domain"  # the first panel only


def test_versions_side_by_side_show_counts_with_separators_and_dates_as_dates() -> None:
    from figures.display_tables import versions_table

    figures = {
        "v0002": {"as_of": "2018-11-30", "branches": 463, "active": 10595,
                  "probationary": 311, "patents_granted": None, "activities": 12034},
        "v0001": {"as_of": "2018-10-31", "branches": 460, "active": 10521,
                  "probationary": 305, "patents_granted": None, "activities": 11902},
    }  # fmt: skip
    zh = versions_table(figures, "zh").set_index("指标")
    assert zh.loc[:, "v0002"].tolist() == ["2018年11月30日", "463", "10,595", "311", "—", "12,034"]
    en = versions_table(figures, "en")
    assert en["v0001"].tolist() == ["31 Oct 2018", "460", "10,521", "305", "—", "11,902"]
