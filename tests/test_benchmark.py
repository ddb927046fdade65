"""The scale benchmark (benchmarks/run.py) at a tiny scale: it runs end to end and reports
every measure the full run reports. The full run (1×, 10×, 100×) is not part of CI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "overview",
    "members",
    "sectors",
    "branch",
    "innovation",
    "orglife",
    "development",
    "coverage",
    "alerts",
    "present",
    "data",
    "history",
]


def test_the_benchmark_reports_every_measure_for_every_page(
    small_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "results.json"
    args = ["--data", str(small_dir), "--label", "tiny", "--repeat", "1", "--out", str(out)]
    done = subprocess.run(
        [sys.executable, "benchmarks/run.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    table = [line for line in done.stdout.splitlines() if line.startswith("|")]
    titles = [line.split("|")[1].strip() for line in table[2:]]
    expected = [f"rows: {n}" for n in ("branches", "members", "participation", "patents")]
    expected += [
        "check the CSVs (s)",
        "import the CSVs into the store (s)",
        "first load from the store, cold, median of 3 (s)",
        "first load, warm (s)",
    ]
    for page in PAGES:
        expected += [
            f"{page}: first run (s)",
            f"{page}: rerun, median (s)",
            f"{page}: filter change, median (s)",
        ]
    expected += ["largest chart, any page (KB)", "PPTX export (s)", "HTML export (s)"]
    expected += [f"peak memory: {s} (MB)" for s in ("check", "import", "app", "exports")]
    assert titles == expected
    assert table[0].split("|")[2].strip() == "tiny"

    result = json.loads(out.read_text("utf-8"))["results"]["tiny"]
    # tests/small_dataset.py: 5 organisations, 8 members, 2 patents, 4 activities
    assert result["rows"] == {"branches": 5, "members": 8, "participation": 4, "patents": 2}
    for page in PAGES:
        figures = result["pages"][page]
        assert 0 < figures["first_s"] < 60 and 0 < figures["rerun_s"] < 60
    assert result["pages"]["overview"]["largest_chart_bytes"] > 1000  # charts were drawn
    assert result["app_peak_mb"] > 50
