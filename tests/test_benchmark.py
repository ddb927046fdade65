"""The scale benchmark (benchmarks/run.py), as a smoke run on the small dataset and one
page: it runs end to end, counts the dataset's rows as they are, and gives every measure it
reports a number. The full run (1×, 10×, 100×, every page) is not part of CI; its figures
are in benchmarks/README.md."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NUMBER = re.compile(r"^[\d,]+(\.\d+)?$")


def _smoke_run(data: Path, out: Path) -> subprocess.CompletedProcess[str]:
    args = ["--data", str(data), "--label", "tiny", "--repeat", "1", "--pages", "overview"]
    return subprocess.run(
        [sys.executable, "benchmarks/run.py", *args, "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def test_a_smoke_run_counts_the_rows_and_measures_the_page(small_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    done = _smoke_run(small_dir, out)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(out.read_text("utf-8"))["results"]["tiny"]
    # tests/small_dataset.py: 5 organisations, 8 members, 2 patents, 4 activities
    assert result["rows"] == {"branches": 5, "members": 8, "participation": 4, "patents": 2}
    assert list(result["pages"]) == ["overview"]
    overview = result["pages"]["overview"]
    assert overview["first_s"] > 0 and overview["rerun_s"] > 0 and overview["filter_s"] > 0
    assert overview["largest_chart_bytes"] > 1000  # charts were drawn
    assert result["app_peak_mb"] > 50

    table = [line for line in done.stdout.splitlines() if line.startswith("|")]
    assert table[0].split("|")[2].strip() == "tiny"
    values = [line.split("|")[2].strip() for line in table[2:]]
    assert values and all(NUMBER.match(v) for v in values), values
