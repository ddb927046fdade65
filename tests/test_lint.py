"""The code passes ruff's lint and format checks as configured in pyproject.toml."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROOMS = ("domain", "ingest", "metrics", "queries", "figures", "report", "app", "pages", "i18n")
ROOMS += ("access", "dashboard")
IMPORTS = (ast.Import, ast.ImportFrom)


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


def test_the_layers_hold() -> None:
    """import-linter's contracts in pyproject.toml: each room imports only those below it
    (pages → app → report → figures → queries → metrics → ingest → domain); pages import no
    room that computes; i18n and access stand alone; nothing below figures knows Streamlit
    or plotly; app reaches metrics only through queries."""
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command;"
         " sys.exit(lint_imports_command())"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "6 kept, 0 broken" in done.stdout


def test_no_import_is_hidden_inside_a_function() -> None:
    """Every import at the top of its module, where import-linter and a reader see it."""
    hidden = []
    for folder in ROOMS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    inner = [
                        n for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom)
                    ]
                    hidden += [f"{path.relative_to(ROOT)}:{n.lineno}" for n in inner]
    assert hidden == []


def test_the_type_checker_passes() -> None:
    """mypy, as configured in pyproject.toml, over domain, ingest, metrics and queries."""
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success: no issues found" in done.stdout


def test_every_type_ignore_says_why() -> None:
    """Every comment silencing the type checker names its error code and gives its reason."""
    pattern = re.compile(r"#\s*type:\s*ignore(?!\[[\w\-, ]+\]\s+#\s*\S)")
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in (*ROOMS, "data", "tests", "benchmarks")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert found == []
