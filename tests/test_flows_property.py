"""Inflow and outflow add up, on rosters made at random: for any roster, as-of date, first
day and period length, the active members at the end of each period minus those at its
start are that period's inflow minus its outflow, and this year's movement is one set of
numbers on the overview's card, the trend slide, the briefing and the summary.

The rosters are valid as ``ingest`` admits them (转入日期 after 入党日期, 减少日期 not before
the member arrived); their dates fall on both sides of the as-of date. Every expected value
is counted here, member by member, from the dates."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.contract import LEFT_REASONS
from metrics.membership import flows
from queries.members import this_year
from queries.overview import cards
from queries.summary import headline
from report.briefing import briefing_markdown
from report.slides import Deck, build_slide

FIRST = pd.Timestamp("2014-01-01")
DAYS = 2400  # the rosters' dates run from FIRST to mid-2020


@st.composite
def person(draw: st.DrawFn) -> dict[str, object]:
    joined = FIRST + pd.Timedelta(days=draw(st.integers(0, DAYS)))
    moved = draw(st.none() | st.integers(1, 900))
    registered = None if moved is None else joined + pd.Timedelta(days=moved)
    arrived = registered or joined
    gone = draw(st.none() | st.integers(0, 900))
    left = None if gone is None else arrived + pd.Timedelta(days=gone)
    reason = None if left is None else draw(st.sampled_from([*LEFT_REASONS, None]))
    return {"joined_on": joined, "registered_on": registered, "left_on": left,
            "left_reason": reason}  # fmt: skip


@pytest.fixture(scope="module")
def template(small: dict) -> pd.DataFrame:
    """One typed member row of the small dataset, for its columns and their types."""
    return small["members"].iloc[[0]]


def roster(template: pd.DataFrame, people: list[dict[str, object]]) -> pd.DataFrame:
    """``people`` as a typed members table: the template's row once per person, with the
    person's dates and an id of their own."""
    m = template.loc[template.index.repeat(len(people))].reset_index(drop=True)
    m["member_id"] = pd.array([f"p{i}" for i in range(len(people))], dtype=m["member_id"].dtype)
    for column in ("joined_on", "registered_on", "left_on"):
        m[column] = pd.Series([p[column] for p in people], dtype=m[column].dtype)
    m["full_on"] = (m["joined_on"] + pd.DateOffset(years=1)).astype(m["full_on"].dtype)
    m["left_reason"] = pd.Series([p["left_reason"] for p in people], dtype=m["left_reason"].dtype)
    return m


def active_by_hand(people: list[dict[str, object]], day: pd.Timestamp) -> int:
    arrived = [p["registered_on"] or p["joined_on"] for p in people]
    return sum(
        a <= day and (p["left_on"] is None or p["left_on"] > day)
        for a, p in zip(arrived, people, strict=True)
    )


def moves_by_hand(people: list[dict[str, object]], start: pd.Timestamp, end: pd.Timestamp):
    """(new, transfer_in, left by reason) from ``start`` to ``end``, both included."""
    new = sum(p["registered_on"] is None and start <= p["joined_on"] <= end for p in people)
    moved = sum(p["registered_on"] is not None and start <= p["registered_on"] <= end
                for p in people)  # fmt: skip
    left = dict.fromkeys(LEFT_REASONS, 0)
    for p in people:
        if p["left_on"] is not None and start <= p["left_on"] <= end:
            left[p["left_reason"] or "其他"] += 1
    return new, moved, left


rosters = st.lists(person(), min_size=1, max_size=25)
days = st.integers(0, DAYS).map(lambda n: FIRST + pd.Timedelta(days=n))


@settings(max_examples=400, deadline=None)
@given(people=rosters, on=days, back=st.integers(0, 2000), freq=st.sampled_from("MQY"))
def test_each_period_s_net_movement_is_the_change_in_active_members(
    template: pd.DataFrame, people: list, on: pd.Timestamp, back: int, freq: str
) -> None:
    start = on - pd.Timedelta(days=back)
    f = flows(roster(template, people), start, on, freq)
    assert (f["active_end"] - f["active_start"] == f["inflow"] - f["outflow"]).all()
    assert f["active_start"].iat[0] == active_by_hand(people, start - pd.Timedelta(days=1))
    assert f["active_end"].iat[-1] == active_by_hand(people, on)
    new, moved, left = moves_by_hand(people, start, on)
    assert (int(f["new"].sum()), int(f["transfer_in"].sum())) == (new, moved)
    assert {r: int(f[r].sum()) for r in LEFT_REASONS} == left


@settings(max_examples=60, deadline=None)
@given(people=rosters, on=days)
def test_this_year_is_one_set_of_numbers_on_every_surface(
    small: dict, template: pd.DataFrame, people: list, on: pd.Timestamp
) -> None:
    tables = {"branches": small["branches"], "members": roster(template, people)}
    new, moved, left = moves_by_hand(people, pd.Timestamp(on.year, 1, 1), on)
    year = this_year(tables["members"], on)
    assert (year.new, year.transfer_in, year.left) == (new, moved, left)

    (card,) = [c for c in cards(tables, on) if c.name == "new"]
    assert card.value == new
    summary = headline(tables, on)["members"]
    assert summary["new_this_year"] == new
    assert summary["this_year"] == {"new": new, "transfer_in": moved, "left": left}

    slide = build_slide(tables, on, "zh", "全街道", "trend")
    shown = [value for _, value in slide.figures]
    assert shown == [f"{new:,} 名", f"{moved:,} 名", f"{sum(left.values()):,} 名"]
    deck = Deck("t", "s", on, "src", (slide,))
    briefing = briefing_markdown(deck, "zh").replace("\u2060", "")
    assert f"发展党员{new:,}名" in briefing
