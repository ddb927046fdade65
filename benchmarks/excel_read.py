"""Reading a large roster workbook: calamine (what ``ingest`` uses) against openpyxl (what it
used before), side by side on the same .xlsx file.

    python benchmarks/excel_read.py --scales 1,10,80 [--repeat 3] [--work DIR]

The roster is the sample's ``members.csv`` repeated K times (member ids made unique), as
one .xlsx sheet written by openpyxl. 80× (1,047,200 rows) is the largest that one Excel
sheet holds: 100× the sample (1.31 M members) is past Excel's 1,048,576 rows, so a
roster that size cannot be one workbook sheet at all. Each measurement runs in a fresh
Python process of its own (median of --repeat), so its peak memory (RSS) is its own:

- calamine: ``ingest.read.read_table`` on the file (cells to a table of raw cells);
- openpyxl: ``load_workbook(read_only=True, data_only=True)`` and every row's values, as
  the reader did before (the same grid, before any typing);
- check: ``ingest.load_dataset`` on the workbook and the sample's branches (read, typed,
  validated).

Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_roster(path: Path, scale: int) -> int:
    """The sample's members repeated ``scale`` times as one .xlsx sheet; the rows written."""
    import csv

    import openpyxl

    with (SAMPLE / "members.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("党员")
    sheet.append(header)
    for k in range(scale):
        for row in body:
            sheet.append([f"{row[0]}-{k}", *row[1:]])
    book.save(path)
    return len(body) * scale


def step(name: str, path: Path) -> dict[str, float]:
    """One measurement, in this process: seconds (imports excluded) and peak MB. Run with
    the project on PYTHONPATH (``_child`` sets it)."""
    import openpyxl

    from ingest import load_dataset
    from ingest.read import read_table

    start = time.perf_counter()
    if name == "calamine":
        rows = len(read_table(path).cells)
    elif name == "openpyxl":
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        grid = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
        book.close()
        rows = len(grid) - 1
    else:
        result = load_dataset([path, SAMPLE / "branches.csv"], salt="bench")
        assert result.ok, result.report.to_json(limit=5)
        rows = len(result.tables["members"])
    return {"seconds": time.perf_counter() - start, "peak_mb": _peak_mb(), "rows": rows}


def _child(name: str, path: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--step", name, "--file", str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,80")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "dangjian-xlsx")
    parser.add_argument("--step")
    parser.add_argument("--file", type=Path)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(step(args.step, args.file)))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    results: dict[int, dict[str, object]] = {}
    for scale in (int(s) for s in args.scales.split(",")):
        path = args.work / f"members_x{scale}.xlsx"
        start = time.perf_counter()
        rows = write_roster(path, scale) if not path.exists() else None
        written = time.perf_counter() - start if rows is not None else None
        out: dict[str, object] = {"bytes": path.stat().st_size, "write_s": written}
        for name in ("calamine", "openpyxl", "check"):
            runs = [_child(name, path) for _ in range(args.repeat)]
            out[name] = {
                "seconds": statistics.median(r["seconds"] for r in runs),
                "peak_mb": max(r["peak_mb"] for r in runs),
                "rows": runs[0]["rows"],
            }
        results[scale] = out
        print(f"{scale}×: {json.dumps(out)}", file=sys.stderr)
    print("| measure | " + " | ".join(f"{k}×" for k in results) + " |")
    print("|---|" + "---|" * len(results))
    print("| rows | " + " | ".join(f"{r['calamine']['rows']:,}" for r in results.values()) + " |")
    sizes = " | ".join(f"{r['bytes'] / 2**20:.1f}" for r in results.values())
    print(f"| file (MB) | {sizes} |")
    for name, what in (
        ("calamine", "read with calamine (s)"),
        ("openpyxl", "read with openpyxl (s)"),
        ("check", "check: read, type, validate (s)"),
    ):
        cells = " | ".join(f"{r[name]['seconds']:.2f}" for r in results.values())
        print(f"| {what} | {cells} |")
    for name in ("calamine", "openpyxl", "check"):
        cells = " | ".join(f"{r[name]['peak_mb']:,.0f}" for r in results.values())
        print(f"| peak memory, {name} (MB) | {cells} |")
    ratio = " | ".join(
        f"{r['openpyxl']['seconds'] / r['calamine']['seconds']:.1f}×" for r in results.values()
    )
    print(f"| openpyxl ÷ calamine | {ratio} |")


if __name__ == "__main__":
    main()
