"""How the dashboard's cost grows with the data: 1×, 10×, 100× the sub-district.

    python benchmarks/run.py --scales 1,10,100 [--repeat 5] [--work DIR]
    python benchmarks/run.py --data DIR [--label tiny]     # one dataset you name

For each scale, ``data/generate.py --scale K`` writes the CSVs (kept in --work and reused),
then each measurement runs in a fresh Python process of its own, so that caches start cold
and the peak memory (RSS) is that step's:

- check: ``python -m ingest check`` on the CSVs; import: the same files kept as a version
  of a store of their own (``ingest.store.Store.publish``);
- cold: AppTest on dashboard/view.py showing that store's version, its first run in a fresh
  process (median of 3 processes: the disk cache makes single runs vary);
- app: the same again (warm: its caches filled), then for every page its first run,
  reruns (median of --repeat) and a change of the sector filter (median of --repeat; each
  change picks a choice of one, two or three sectors in turn, never picked before in the
  run, so it misses every cache), and the largest chart on the page (bytes of figure JSON
  sent to the browser);
- exports: the meeting deck built from the version and rendered as PPTX and as HTML.

Prints a Markdown table (seconds, MB) and writes the numbers to --out
(default benchmarks/results.json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from app.navigation import NAMES as PAGES
from app.navigation import page_file

ROOT = Path(__file__).resolve().parent.parent

SEED = 2018


def _peak_mb() -> float:
    """This process's peak resident memory, MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


# --------------------------------------------------------------------------- the steps
# Each runs in a child process (``run.py --step NAME ...``) and prints one JSON object.


def step_check(data: Path) -> dict:
    from ingest import load_dataset

    seconds = _timed(lambda: load_dataset([data]))
    return {"check_s": seconds, "check_peak_mb": _peak_mb()}


def step_import(data: Path, store: Path) -> dict:
    from ingest.store import Store

    holder: dict = {}
    seconds = _timed(lambda: holder.setdefault("r", Store(store).publish([data], by="bench")))
    if not holder["r"].ok:
        raise SystemExit(f"the benchmark data did not pass the check: {data}")
    return {"import_s": seconds, "import_peak_mb": _peak_mb()}


def _largest_chart(at: object) -> int:
    specs = [len(chart.proto.spec.encode("utf-8")) for chart in at.get("plotly_chart")]
    return max(specs, default=0)


def sector_choices(sectors: list[str]) -> list[list[str]]:
    """Every choice of one, two or three sectors, taking turns (one, two, three, one, …) so
    that every page's filter changes mix small and large selections."""
    from itertools import combinations, zip_longest

    by_size = [[list(c) for c in combinations(sectors, n)] for n in (1, 2, 3)]
    return [c for turn in zip_longest(*by_size) for c in turn if c is not None]


def step_app(store: Path, repeat: int, names: list[str]) -> dict:
    os.environ.pop("DANGJIAN_DATA_DIR", None)
    os.environ["DANGJIAN_STORE"] = str(store)
    from streamlit.testing.v1 import AppTest

    from i18n import t

    script = str(ROOT / "dashboard" / "view.py")

    def fresh() -> AppTest:
        return AppTest.from_file(script, default_timeout=900)

    cold = _timed(fresh().run)
    warm = _timed(fresh().run)
    pages = {}
    choices: list[list[str]] = []
    for page in names:
        at = fresh()
        at.run()
        first = _timed(lambda at=at, page=page: at.switch_page(str(page_file(page))).run())
        titles = [x.value for x in at.title]  # the slideshow has none
        if at.exception or at.error or titles[:1] not in ([], [t(f"page.{page}", "zh")]):
            raise SystemExit(f"{page} did not open: {[e.message for e in at.exception]}")
        largest = _largest_chart(at)
        reruns = [_timed(at.run) for _ in range(repeat)]
        changes = []
        for _ in range(repeat):
            sector = at.sidebar.multiselect[0]
            choices = choices or sector_choices(list(sector.options))
            choice = choices.pop(0)
            changes.append(_timed(lambda s=sector, c=choice: s.set_value(c).run()))
            largest = max(largest, _largest_chart(at))
        if at.exception:
            raise SystemExit(f"{page}: {[e.message for e in at.exception]}")
        pages[page] = {
            "first_s": first,
            "rerun_s": statistics.median(reruns),
            "filter_s": statistics.median(changes),
            "largest_chart_bytes": largest,
        }
    return {"app_cold_s": cold, "app_warm_s": warm, "app_peak_mb": _peak_mb(), "pages": pages}


def step_cold(store: Path) -> dict:
    os.environ.pop("DANGJIAN_DATA_DIR", None)
    os.environ["DANGJIAN_STORE"] = str(store)
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard" / "view.py"), default_timeout=900)
    seconds = _timed(at.run)
    if at.exception:
        raise SystemExit(f"the first run failed: {[e.message for e in at.exception]}")
    return {"cold_s": seconds}


def step_exports(store: Path) -> dict:
    from domain.definitions import as_of_date
    from ingest.store import Store
    from report.exports import render
    from report.slides import build_deck

    tables = Store(store).load()
    on = as_of_date(tables)
    holder: dict = {}
    deck_s = _timed(
        lambda: holder.setdefault("deck", build_deck(tables, on, "zh", "全街道", "benchmark"))
    )
    pptx_s = _timed(lambda: render(holder["deck"], "zh", "pptx"))
    html_s = _timed(lambda: render(holder["deck"], "zh", "html"))
    return {
        "deck_s": deck_s,
        "pptx_s": deck_s + pptx_s,
        "html_s": deck_s + html_s,
        "exports_peak_mb": _peak_mb(),
    }


def run_step(*args: str) -> dict:
    """``run.py --step ...`` in a fresh process; its JSON result."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--step", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"step {args[0]} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- one dataset


def count_rows(data: Path) -> dict[str, int]:
    """Data rows per CSV file (lines after the header)."""
    rows = {}
    for path in sorted(data.glob("*.csv")):
        with path.open("rb") as handle:
            lines = sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 24), b""))
        rows[path.stem] = lines - 1
    return rows


def generated(scale: int, work: Path) -> Path:
    """The CSVs for ``scale`` copies of the sample (written once, then reused)."""
    folder = work / f"scale-{scale}"
    marker = folder / "generated.json"
    if marker.exists() and json.loads(marker.read_text()) == {"seed": SEED, "scale": scale}:
        return folder
    subprocess.run(
        [sys.executable, "data/generate.py", "--scale", str(scale), "--out", str(folder)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    marker.write_text(json.dumps({"seed": SEED, "scale": scale}))
    return folder


def measure(data: Path, repeat: int, pages: list[str]) -> dict:
    """Every measurement for the CSVs in ``data``."""
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        store = Path(tmp)
        result = {"rows": count_rows(data)}
        result |= run_step("check", str(data))
        result |= run_step("import", str(data), str(store))
        colds = [run_step("cold", str(store))["cold_s"] for _ in range(3)]
        result["app_cold_s"] = statistics.median(colds)
        result["app_cold_runs_s"] = colds
        result |= {
            k: v
            for k, v in run_step("app", str(store), str(repeat), ",".join(pages)).items()
            if k != "app_cold_s"
        }
        result |= run_step("exports", str(store))
    return result


# --------------------------------------------------------------------------- the table


def _s(x: float) -> str:
    return f"{x:.2f}"


def table_rows(results: dict[str, dict]) -> list[tuple[str, list[str]]]:
    """(measure, value per dataset) for the Markdown table."""
    labels = list(results)
    first = results[labels[0]]
    rows: list[tuple[str, list[str]]] = [
        (f"rows: {name}", [f"{results[k]['rows'].get(name, 0):,}" for k in labels])
        for name in first["rows"]
    ]
    for key, title in (
        ("check_s", "check the CSVs (s)"),
        ("import_s", "import the CSVs into the store (s)"),
        ("app_cold_s", "first load from the store, cold, median of 3 (s)"),
        ("app_warm_s", "first load, warm (s)"),
    ):
        rows.append((title, [_s(results[k][key]) for k in labels]))
    for page in first["pages"]:
        for key, title in (
            ("first_s", "first run (s)"),
            ("rerun_s", "rerun, median (s)"),
            ("filter_s", "filter change, median (s)"),
        ):
            rows.append((f"{page}: {title}", [_s(results[k]["pages"][page][key]) for k in labels]))
    rows.append(
        (
            "largest chart, any page (KB)",
            [
                f"{max(p['largest_chart_bytes'] for p in results[k]['pages'].values()) / 1024:.0f}"
                for k in labels
            ],
        )
    )
    for key, title in (("pptx_s", "PPTX export (s)"), ("html_s", "HTML export (s)")):
        rows.append((title, [_s(results[k][key]) for k in labels]))
    for key, title in (
        ("check_peak_mb", "peak memory: check (MB)"),
        ("import_peak_mb", "peak memory: import (MB)"),
        ("app_peak_mb", "peak memory: app (MB)"),
        ("exports_peak_mb", "peak memory: exports (MB)"),
    ):
        rows.append((title, [f"{results[k][key]:,.0f}" for k in labels]))
    return rows


def markdown(results: dict[str, dict]) -> str:
    labels = list(results)
    lines = ["| measure | " + " | ".join(labels) + " |", "|---" * (len(labels) + 1) + "|"]
    lines += [f"| {title} | " + " | ".join(values) + " |" for title, values in table_rows(results)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100", help="comma-separated, e.g. 1,10,100")
    parser.add_argument("--data", type=Path, help="measure this folder of CSVs instead")
    parser.add_argument("--label", default=None, help="the column name for --data")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated page names")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "dangjian-bench")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.json")
    parser.add_argument("--step", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.step:
        name, *rest = args.step
        if name == "check":
            out = step_check(Path(rest[0]))
        elif name == "import":
            out = step_import(Path(rest[0]), Path(rest[1]))
        elif name == "app":
            out = step_app(Path(rest[0]), int(rest[1]), rest[2].split(","))
        elif name == "cold":
            out = step_cold(Path(rest[0]))
        else:
            out = step_exports(Path(rest[0]))
        print(json.dumps(out))
        return 0

    pages = args.pages.split(",")
    results: dict[str, dict] = {}
    if args.data:
        results[args.label or args.data.name] = measure(args.data, args.repeat, pages)
    else:
        args.work.mkdir(parents=True, exist_ok=True)
        for scale in (int(s) for s in args.scales.split(",")):
            print(f"scale {scale}×…", file=sys.stderr, flush=True)
            results[f"{scale}×"] = measure(generated(scale, args.work), args.repeat, pages)
    report = markdown(results)
    print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    machine = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }
    args.out.write_text(
        json.dumps({"machine": machine, "repeat": args.repeat, "results": results}, indent=2),
        "utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
