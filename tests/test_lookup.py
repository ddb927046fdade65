"""domain.lookup.is_in: Series.isin's answers, missing values included."""

from __future__ import annotations

import pandas as pd

from domain.lookup import is_in


def _ids(*values: str | None, index: list[int] | None = None) -> pd.Series:
    return pd.Series(list(values), dtype="str", index=index)


def test_each_value_is_found_only_in_the_set() -> None:
    assert is_in(_ids("B1", "B2", None, "B3"), _ids("B1", "B3")).tolist() == [
        True,
        False,
        False,
        True,
    ]


def test_a_missing_value_is_in_a_set_that_holds_one() -> None:
    assert is_in(_ids("B1", None), _ids(None)).tolist() == [False, True]


def test_a_set_may_be_a_list_a_set_or_an_index_and_repeat_itself() -> None:
    values = _ids("B1", "B2")
    for among in (["B2", "B2"], {"B2"}, pd.Index(["B2"])):
        assert is_in(values, among).tolist() == [False, True]


def test_the_answer_keeps_the_values_index_and_an_empty_set_finds_nothing() -> None:
    found = is_in(_ids("B1", "B2", index=[5, 7]), [])
    assert found.index.tolist() == [5, 7]
    assert found.tolist() == [False, False]
