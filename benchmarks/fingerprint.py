"""The cost of the dataset's version key on a plain folder: the first call (a hash of every
file's bytes) and a rerun (names, sizes and modification times only).

    python benchmarks/fingerprint.py /tmp/x100      # a folder from data/generate.py --scale 100
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time
from pathlib import Path

from app.cached import fingerprint


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    logging.getLogger("streamlit").setLevel(logging.ERROR)  # no runtime here: caches in memory
    size = sum(p.stat().st_size for p in args.folder.iterdir() if p.is_file())
    start = time.perf_counter()
    fingerprint(args.folder)
    first = time.perf_counter() - start
    reruns = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        fingerprint(args.folder)
        reruns.append(time.perf_counter() - start)
    print("| folder | MB | first call (ms) | rerun, median (ms) | rerun, max (ms) |")
    print("|---|---|---|---|---|")
    print(
        f"| {args.folder.name} | {size / 1e6:,.0f} | {first * 1000:,.0f} |"
        f" {statistics.median(reruns) * 1000:.3f} | {max(reruns) * 1000:.3f} |"
    )


if __name__ == "__main__":
    main()
