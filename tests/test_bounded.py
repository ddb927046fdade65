"""Work on an upload runs in a process of its own and is stopped at its limits: the server
goes on whatever the file does to the reader (ingest/bounded.py)."""

from __future__ import annotations

import os
import time

import pytest

from ingest.bounded import LimitError, WorkerError, run_bounded


def twice(n: int) -> int:
    return 2 * n


def hold(megabytes: int) -> int:
    held = [bytearray(2**20) for _ in range(megabytes)]
    time.sleep(5)
    return len(held)


def sleep(seconds: float) -> None:
    time.sleep(seconds)


def abort() -> None:
    os.abort()  # as a library that cannot allocate does


def fail() -> None:
    raise ValueError("a bug")


def test_the_answer_comes_back() -> None:
    assert run_bounded(twice, 21) == 42


def test_work_holding_more_memory_than_allowed_is_stopped() -> None:
    with pytest.raises(LimitError) as info:
        run_bounded(hold, 400, memory=200 * 2**20, seconds=60)
    assert info.value.code == "upload.too_much_memory"


def test_work_running_longer_than_allowed_is_stopped() -> None:
    start = time.monotonic()
    with pytest.raises(LimitError) as info:
        run_bounded(sleep, 60, seconds=1)
    assert info.value.code == "upload.too_slow"
    assert time.monotonic() - start < 30


def test_work_that_dies_is_said_to_have_crashed_and_the_caller_goes_on() -> None:
    with pytest.raises(LimitError) as info:
        run_bounded(abort)
    assert info.value.code == "upload.crashed"
    assert run_bounded(twice, 1) == 2


def test_an_exception_in_the_work_comes_back_with_its_traceback() -> None:
    with pytest.raises(WorkerError) as info:
        run_bounded(fail)
    assert "ValueError: a bug" in info.value.detail
