"""The browser tests' own rules: without Chromium they skip on a developer's machine and fail
in CI, so a green CI run always includes them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONE_BROWSER_TEST = (
    "tests/browser/test_overview.py::test_overview_cards_show_the_hand_worked_figures"
)


def _run_without_chromium(ci: str | None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CHROMIUM_PATH": "/nonexistent/chromium"}
    env.pop("CI", None)
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", ONE_BROWSER_TEST],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_browser_tests_skip_with_the_reason_when_chromium_is_missing() -> None:
    run = _run_without_chromium(ci=None)
    assert run.returncode == 0, run.stdout
    assert "1 skipped" in run.stdout
    assert "apt-get install -y chromium fonts-noto-cjk" in run.stdout


def test_browser_tests_fail_in_ci_when_chromium_is_missing() -> None:
    run = _run_without_chromium(ci="true")
    assert run.returncode == 1, run.stdout
    assert "CI must run the browser tests" in run.stdout
