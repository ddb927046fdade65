"""app.memo.shared: a result made once per arguments and shared; frames keyed by content;
concurrent callers of one key wait for one computation; the least recently used dropped."""

from __future__ import annotations

import contextlib
import functools
import gc
import threading
import time

import pandas as pd

from app import memo
from app.memo import Shared, shared


def test_the_same_arguments_give_the_same_object_made_once() -> None:
    calls = []

    @shared(8)
    def double(x: int, scale: int = 2) -> list[int]:
        calls.append(x)
        return [x * scale]

    first = double(3)
    assert double(3) is first and first == [6]
    assert double(3, scale=3) == [9]
    assert calls == [3, 3]


def test_equal_frames_share_a_result_and_a_changed_value_does_not() -> None:
    calls = []

    @shared(8)
    def total(frame: pd.DataFrame) -> int:
        calls.append(1)
        return int(frame["n"].sum())

    assert total(pd.DataFrame({"n": [1, 2]})) == 3
    assert total(pd.DataFrame({"n": [1, 2]})) == 3
    assert total(pd.DataFrame({"n": [1, 5]})) == 6
    assert len(calls) == 2


def test_frames_inside_a_tuple_are_keyed_by_content() -> None:
    calls = []

    @shared(8)
    def first(parts: tuple) -> str:
        calls.append(1)
        return str(parts[1])

    first(("a", pd.Series([1])))
    first(("a", pd.Series([1])))
    first(("a", pd.Series([2])))
    assert len(calls) == 2


def test_concurrent_callers_of_one_key_wait_for_one_computation() -> None:
    calls = []

    def slow(x: int) -> int:
        calls.append(x)
        time.sleep(0.2)
        return x + 1

    memo = Shared(slow, 8)
    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(memo(1))) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [2] * 10
    assert calls == [1]


def test_the_least_recently_used_result_is_dropped_beyond_the_size() -> None:
    calls = []

    @shared(2)
    def same(x: int) -> int:
        calls.append(x)
        return x

    same(1), same(2), same(1)  # 1 used last: 2 is the least recently used
    same(3)  # drops 2
    same(1)
    same(2)  # made again
    assert calls == [1, 2, 3, 2]


def test_a_failed_computation_is_not_kept() -> None:
    calls = []

    @shared(2)
    def flaky(x: int) -> int:
        calls.append(x)
        if len(calls) == 1:
            raise ValueError("first time")
        return x

    with contextlib.suppress(ValueError):
        flaky(1)
    assert flaky(1) == 1
    assert calls == [1, 1]


def test_lists_and_dicts_are_keyed_by_their_items() -> None:
    calls = []

    @shared(8)
    def count(items: list, names: dict) -> int:
        calls.append(1)
        return len(items) + len(names)

    assert count([1, 2], {"a": [3]}) == 3
    assert count([1, 2], {"a": [3]}) == 3
    assert count([1, 2], {"a": [4]}) == 3
    assert count([2, 1], {"a": [3]}) == 3
    assert len(calls) == 3


def test_a_partial_made_again_is_the_same_key() -> None:
    calls = []

    def scaled(x: int, by: int) -> int:
        calls.append(x)
        return x * by

    @shared(8)
    def apply(function: object, x: int) -> int:
        return function(x)  # type: ignore[operator]  # a callable by the test's own making

    assert apply(functools.partial(scaled, by=2), 3) == 6
    assert apply(functools.partial(scaled, by=2), 3) == 6
    assert apply(functools.partial(scaled, by=5), 3) == 15
    assert calls == [3, 3]


def test_a_frame_is_pickled_once_while_it_lives(monkeypatch) -> None:
    pickled = []
    real = memo.pickle.dumps
    monkeypatch.setattr(memo.pickle, "dumps", lambda v, **k: pickled.append(1) or real(v, **k))
    frame = pd.DataFrame({"n": [1, 2]})
    first = memo.frame_key(frame)
    assert memo.frame_key(frame) == first
    assert len(pickled) == 1


def test_a_new_frame_equal_to_a_dead_one_has_its_key_and_the_dead_ones_entry_is_gone() -> None:
    frame = pd.Series([3, 4], index=["a", "b"])
    key, ident = memo.frame_key(frame), id(frame)
    del frame
    gc.collect()
    assert ident not in memo._DIGESTS
    assert memo.frame_key(pd.Series([3, 4], index=["a", "b"])) == key
    assert memo.frame_key(pd.Series([3, 5], index=["a", "b"])) != key
