"""`python -m ingest check`: readable and JSON reports, exit 0 / 1 / 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.command import run_module

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "DANGJIAN_ID_SALT": "cli-test", "PYTHONIOENCODING": "utf-8"}
    return run_module("ingest", *args, env=env)


def test_bundled_sample_is_valid() -> None:
    done = _run("check", "data/sample")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "通过 VALID" in done.stdout
    assert "Traceback" not in done.stderr


def test_invalid_dataset_exits_1_with_a_readable_bilingual_report(
    valid: dict, write_dataset
) -> None:
    valid["members"][1]["入党日期"] = "2018-13-45"
    done = _run("check", str(write_dataset(valid)))
    assert done.returncode == 1
    assert "members.csv · 第 3 行 row 3 · 党员编号 M2 · 入党日期 · “2018-13-45”" in done.stdout
    assert "不是存在的日期" in done.stdout
    assert "is not a real calendar date" in done.stdout


def test_json_report_is_machine_readable(valid: dict, write_dataset) -> None:
    valid["members"][0]["性别"] = "X"
    done = _run("check", str(write_dataset(valid)), "--json")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["ok"] is False
    assert report["errors"] == 1
    assert report["rows"] == {"branches": 3, "members": 3, "patents": 1, "participation": 1}
    (p,) = report["problems"]
    assert {k: p[k] for k in ("file", "row", "column", "value", "code")} == {
        "file": "members.csv",
        "row": 2,
        "column": "性别",
        "value": "X",
        "code": "value.category",
    }
    assert p["message_zh"] and p["message_en"]


def test_valid_json_report_exits_0(valid: dict, write_dataset) -> None:
    done = _run("check", str(write_dataset(valid)), "--json")
    assert done.returncode == 0
    assert json.loads(done.stdout)["ok"] is True


def test_many_problems_are_counted_and_the_rest_noted(valid: dict, write_dataset) -> None:
    valid["members"] = [dict(valid["members"][0], 党员编号=f"M{i}", 性别="?") for i in range(80)]
    done = _run("check", str(write_dataset(valid)), "--limit", "5")
    assert done.returncode == 1
    assert "value.category" in done.stdout and "× 80" in done.stdout
    assert "另有 75 个问题未在此列出" in done.stdout


def test_no_arguments_is_a_usage_error() -> None:
    assert _run().returncode == 2
    assert _run("check").returncode == 2
    assert _run("check", "data/sample", "--bogus").returncode == 2


def test_missing_path_is_a_usage_error() -> None:
    done = _run("check", "no/such/folder")
    assert done.returncode == 2
    assert "no/such/folder" in done.stderr


def test_docs_are_up_to_date_via_the_command() -> None:
    assert _run("docs", "--check").returncode == 0


def test_a_summary_piped_into_a_reader_that_stops_early_ends_quietly() -> None:
    done = subprocess.run(
        f"{sys.executable} -m report summary --json | head -1",
        shell=True, cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.stdout.strip() == "{"
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr
