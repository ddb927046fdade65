"""The code passes ruff's lint and format checks as configured in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_ruff_lint_passes() -> None:
    done = _ruff("check", ".")
    assert done.returncode == 0, done.stdout


def test_ruff_format_is_applied() -> None:
    done = _ruff("format", "--check", ".")
    assert done.returncode == 0, done.stdout
