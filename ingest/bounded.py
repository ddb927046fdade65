"""Work on a stranger's file in a process of its own, within a time and a memory limit.

The 数据管理 page checks and imports what anyone uploads. A file can be made to cost far
more than its size (a workbook whose one far cell makes the reader ask for 512 GB and
abort, a sheet of millions of tiny cells): run in the server's own process, it would take
every session's memory or end the server. ``run_bounded`` runs the work in a fresh
process (spawned, not forked: the server has threads), watches its resident memory and
its time, and stops it at either limit, so the server and everyone else's sessions go on;
the person is told which limit the file passed. A refused run leaves the store as it was:
a version is written whole into a temporary folder and made current only at the end.
"""

from __future__ import annotations

import multiprocessing as mp
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

SECONDS = 240  # a file at the upload limit is checked in about 16 s (benchmarks/README.md)
MEMORY_BYTES = 4 * 2**30  # resident memory: 1.4 GB for a 50 MB workbook at the limit
POLL = 0.1  # seconds between looks at the worker


class LimitError(Exception):
    """The work did not finish within the limits: ``code`` is ``upload.too_slow``,
    ``upload.too_much_memory`` or ``upload.crashed`` (the catalogue's messages), with the
    limit as ``limit``."""

    def __init__(self, code: str, limit: str) -> None:
        self.code, self.limit = code, limit
        super().__init__(f"{code}: {limit}")


class WorkerError(Exception):
    """The work raised an exception in its process: ``detail`` is its traceback."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(detail.strip().splitlines()[-1] if detail.strip() else "error")


def _work(out: Connection, fn: Callable[..., Any], args: tuple) -> None:
    try:
        result = ("ok", fn(*args))
    except MemoryError:
        result = ("memory", None)
    except BaseException:  # everything reaches the parent, which decides
        result = ("error", traceback.format_exc())
    out.send(result)
    out.close()


def _resident(pid: int) -> int:
    """The process's resident memory in bytes (0 where /proc cannot tell)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run_bounded(
    fn: Callable[..., T],
    *args: object,
    seconds: float | None = None,
    memory: int | None = None,
) -> T:
    """``fn(*args)`` run in a spawned process and its result returned (``fn``, ``args`` and
    the result must pickle). Raises LimitError when it runs longer than ``seconds`` or
    holds more than ``memory`` bytes (it is stopped), or dies without an answer (an abort
    in a library); WorkerError when ``fn`` raises."""
    seconds = SECONDS if seconds is None else seconds
    memory = MEMORY_BYTES if memory is None else memory
    context = mp.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    worker = context.Process(target=_work, args=(send, fn, args), daemon=True)
    worker.start()
    send.close()
    deadline = time.monotonic() + seconds
    try:
        while not receive.poll(POLL):
            if not worker.is_alive():
                raise LimitError("upload.crashed", f"{memory / 2**30:.0f} GB")
            if time.monotonic() > deadline:
                raise LimitError("upload.too_slow", f"{seconds:.0f} s")
            if worker.pid is not None and _resident(worker.pid) > memory:
                raise LimitError("upload.too_much_memory", f"{memory / 2**30:.0f} GB")
        try:
            kind, value = receive.recv()
        except EOFError:  # it died as it answered
            raise LimitError("upload.crashed", f"{memory / 2**30:.0f} GB") from None
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join(timeout=10)
        receive.close()
    if kind == "memory":
        raise LimitError("upload.too_much_memory", f"{memory / 2**30:.0f} GB")
    if kind == "error":
        raise WorkerError(value)
    return value
