"""A phone: told from its browser's User-Agent, and a slide's chart drawn for its width."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from app.device import phone_agent
from app.widgets import CELL_PAD_PX, HAN_PX, LATIN_PX, table_width
from figures.theme import PHONE_CHART_PX, PHONE_LINE_PX, for_phone, phone_height

WECHAT_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50 NetType/WIFI Language/zh_CN"
)
ANDROID_PHONE = (
    "Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/118.0 Mobile Safari/537.36"
)
IPAD = (
    "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Safari/604.1"
)
WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36"
)


def test_wechat_on_an_iphone_and_an_android_phone_are_phones() -> None:
    assert phone_agent({"User-Agent": WECHAT_IPHONE})
    assert phone_agent({"user-agent": ANDROID_PHONE})


def test_a_tablet_and_a_desktop_are_not_phones() -> None:
    assert not phone_agent({"User-Agent": IPAD})
    assert not phone_agent({"User-Agent": WINDOWS})
    assert not phone_agent({})


def _quarters() -> go.Figure:
    periods = [f"{y}年第{q}季度" for y in (2016, 2017, 2018) for q in (1, 2, 3, 4)]
    fig = go.Figure(go.Scatter(x=periods, y=list(range(12))))
    shown = periods[::3]  # 4 ticks
    texts = [p[:5] + "<br>" + p[5:] for p in shown]
    fig.update_xaxes(tickmode="array", tickvals=shown, ticktext=texts)
    return fig


def test_a_phone_keeps_the_first_and_last_of_long_period_ticks() -> None:
    fig = _quarters()
    fig.update_xaxes(ticktext=["2016年<br>第1季度", "2016年<br>第4季度", "2017年<br>第3季度",
                               "2018年<br>第2季度（至11月）"])  # fmt: skip
    axis = for_phone(fig).layout.xaxis
    assert list(axis.tickvals) == ["2016年第1季度", "2018年第2季度"]
    assert list(axis.ticktext) == ["2016年<br>第1季度", "2018年<br>第2季度（至11月）"]


def test_a_phone_keeps_three_short_period_ticks_first_middle_last() -> None:
    fig = _quarters()  # ticks 1, 4, 7, 10 of 12; widest line 第1季度 = 8 wide
    axis = for_phone(fig).layout.xaxis
    assert list(axis.tickvals) == ["2016年第1季度", "2017年第3季度", "2018年第2季度"]


def test_the_figure_given_is_left_as_it_was() -> None:
    fig = _quarters()
    for_phone(fig)
    assert len(fig.layout.xaxis.tickvals) == 4


def test_long_bar_labels_wrap_and_make_the_chart_taller() -> None:
    labels = ["Election overdue", "Units should form their own organisation", "Ageing branch"]
    fig = go.Figure(go.Bar(x=[6, 12, 28], y=labels, orientation="h"))
    phone = for_phone(fig)
    assert list(phone.layout.yaxis.ticktext) == [
        "Election overdue",
        "Units should form their<br>own organisation",
        "Ageing branch",
    ]
    assert list(phone.data[0].x) == [6, 12, 28]  # the figures themselves unchanged
    # three categories, each two lines tall
    assert phone_height(phone) == max(PHONE_CHART_PX, 140 + PHONE_LINE_PX * 2 * 3)


def test_short_bar_labels_and_other_charts_keep_the_phone_height() -> None:
    fig = go.Figure(go.Bar(x=[1, 2], y=["社区", "楼宇"], orientation="h"))
    assert for_phone(fig).layout.yaxis.ticktext is None
    assert phone_height(for_phone(fig)) == PHONE_CHART_PX
    assert phone_height(go.Figure(go.Pie(values=[1, 2]))) == PHONE_CHART_PX


def test_many_short_bars_still_get_a_line_each() -> None:
    fig = go.Figure(go.Bar(x=list(range(12)), y=[f"第{i}项" for i in range(12)], orientation="h"))
    assert phone_height(for_phone(fig)) == 140 + PHONE_LINE_PX * 12


def test_a_tables_width_is_its_widest_texts_with_padding() -> None:
    frame = pd.DataFrame({"领域": ["社区", "楼宇"], "党员数": [1234, 56]})
    # 领域: 2 Han characters, as wide as its cells; 党员数: 3 Han, wider than "1,234"
    expected = (2 * HAN_PX + CELL_PAD_PX) + (3 * HAN_PX + CELL_PAD_PX)
    assert 5 * LATIN_PX < 3 * HAN_PX
    assert table_width(frame) == expected


def test_a_number_is_as_wide_as_it_is_shown_with_its_separators() -> None:
    frame = pd.DataFrame({"n": [12345678]})  # shown 12,345,678: 10 characters
    assert table_width(frame) == 10 * LATIN_PX + CELL_PAD_PX
