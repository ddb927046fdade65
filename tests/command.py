"""Running the project's command lines as a person would: ``python -m MODULE ARGS`` from
the project's root, text in UTF-8, output captured."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_module(
    module: str, *args: str, env: dict[str, str] | None = None, timeout: float | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m module args`` (``env``: the whole environment, when given)."""
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", env=env, timeout=timeout,
    )  # fmt: skip
