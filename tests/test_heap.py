"""app.heap: freed memory is handed back once after a version is loaded, not on every run,
and nowhere without glibc's malloc_trim."""

from __future__ import annotations

from app.heap import Trimmer, give_back


def test_a_trim_only_once_after_it_is_asked_for() -> None:
    calls: list[int] = []
    trimmer = Trimmer(lambda pad: calls.append(pad) or 1)
    assert trimmer() is False  # a run that loaded nothing
    trimmer.request()
    assert trimmer() is True
    assert trimmer() is False
    assert calls == [0]


def test_without_malloc_trim_nothing_is_done() -> None:
    trimmer = Trimmer(None)
    trimmer.request()
    assert trimmer() is False


def test_this_machine_trims() -> None:
    # Debian's glibc has malloc_trim: the server's trimmer is live here
    assert give_back.trim is not None
