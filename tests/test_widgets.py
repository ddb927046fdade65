"""app.widgets.figure: a figure built once per builder and arguments, shared read-only."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from app.widgets import SharedFigure, figure

CALLS: list[tuple[str, ...]] = []


def bars(counts: pd.Series, title: str = "") -> go.Figure:
    CALLS.append(tuple(counts.index))
    return go.Figure(go.Bar(x=list(counts.index), y=counts.to_numpy()), layout={"title": title})


def _sent(fig: go.Figure) -> dict:
    """What st.plotly_chart sends: the figure's dict as JSON, read back."""
    return json.loads(pio.to_json(fig.to_dict(), validate=False))


def test_a_shared_figure_sends_what_the_figure_it_was_made_from_sends() -> None:
    built = bars(pd.Series([3, 1], index=["男", "女"]), title="性别")
    assert _sent(SharedFigure(built)) == _sent(built)


def test_equal_frames_build_the_figure_once() -> None:
    CALLS.clear()
    first = figure(bars, pd.Series([5, 2], index=["甲", "乙"]), title="once")
    again = figure(bars, pd.Series([5, 2], index=["甲", "乙"]), title="once")
    assert again is first
    assert CALLS == [("甲", "乙")]


def test_a_different_value_or_argument_builds_another_figure() -> None:
    CALLS.clear()
    figure(bars, pd.Series([5, 2], index=["丙", "丁"]), title="twice")
    other_value = figure(bars, pd.Series([5, 3], index=["丙", "丁"]), title="twice")
    other_title = figure(bars, pd.Series([5, 2], index=["丙", "丁"]), title="again")
    assert len(CALLS) == 3
    assert list(other_value.data[0].y) == [5, 3]
    assert other_title.layout.title.text == "again"


def test_a_copy_of_a_shared_figure_can_change_without_changing_it() -> None:
    shared = figure(bars, pd.Series([1], index=["戊"]), title="kept")
    copy = go.Figure(shared)
    copy.update_layout(title="changed")
    assert shared.layout.title.text == "kept"
    assert _sent(shared)["layout"]["title"]["text"] == "kept"


def test_text_from_the_data_never_becomes_markup_or_a_link_in_markdown() -> None:
    from app.widgets import md_plain

    shown = md_plain("[点我](http://evil.example) 请访问 www.evil.example 或 a@evil.example")
    assert "\\[点我\\]" in shown and "\\(" in shown  # no link text
    for address in ("://", "www.", "a@"):  # each broken by an unseen word joiner
        assert address not in shown.replace("\\", "")
    assert md_plain("A" * 500, limit=100) == "A" * 100 + "…\\(\\+400\\)"
