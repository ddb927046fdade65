"""Time the app as AppTest runs it: the first load, reruns, and a filter change per page.

    python benchmarks/app_timing.py [--data DIR] [--repeat 5]

Prints a Markdown table of seconds (median of --repeat runs for reruns and filter changes).
The first load is measured once, in this fresh process (cold caches).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from app.navigation import page_file

ROOT = Path(__file__).resolve().parent.parent

PAGES = ("overview", "members", "sectors", "branch", "innovation", "orglife", "alerts", "present")


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.data:
        os.environ["DANGJIAN_DATA_DIR"] = str(args.data.resolve())
    from streamlit.testing.v1 import AppTest

    script = str(ROOT / "dashboard" / "view.py")
    at = AppTest.from_file(script, default_timeout=600)
    first = _timed(at.run)
    rows = []
    for page in PAGES:
        at = AppTest.from_file(script, default_timeout=600)
        at.run()
        page_first = _timed(lambda: at.switch_page(str(page_file(page))).run())  # noqa: B023
        reruns = [_timed(at.run) for _ in range(args.repeat)]
        changes = []
        for i in range(args.repeat):
            # a different sector each time, so every change misses the cache
            choice = [
                ["社区"],
                ["国有企业"],
                ["非公企业"],
                ["楼宇"],
                ["机关事业单位"],
                ["社会组织"],
            ][i % 6]
            changes.append(_timed(lambda c=choice: at.sidebar.multiselect[0].set_value(c).run()))  # noqa: B023
        assert not at.exception, at.exception
        rows.append((page, page_first, statistics.median(reruns), statistics.median(changes)))
    print(f"first load of the app (cold caches, includes reading the data): {first:.2f} s\n")
    print("| page | first view (s) | rerun, median (s) | new filter, median (s) |")
    print("|---|---|---|---|")
    for page, page_first, rerun, change in rows:
        print(f"| {page} | {page_first:.2f} | {rerun:.2f} | {change:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
