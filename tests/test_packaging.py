"""The project installs from its own files: pyproject.toml declares every dependency, the
requirements files pin exact versions that satisfy it, and no module edits sys.path."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RUNTIME_DIRS = ("domain", "ingest", "metrics", "queries", "figures", "report", "app", "i18n")
RUNTIME_DIRS += ("access", "pages", "data", "dashboard")
OTHER_DIRS = ("tests", "benchmarks", "docs")


def _pins(name: str) -> dict[str, str]:
    """A lock file's ``package==version`` lines, by canonical name."""
    text = (ROOT / name).read_text(encoding="utf-8")
    found = re.findall(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", text, flags=re.MULTILINE)
    return {canonicalize_name(n): v for n, v in found}


def _declared(group: str | None = None) -> list[Requirement]:
    listed = PROJECT["dependencies"] if group is None else PROJECT["optional-dependencies"][group]
    return [Requirement(r) for r in listed]


def _python_files(*dirs: str) -> list[Path]:
    files = []
    for folder in dirs:
        files += sorted((ROOT / folder).rglob("*.py"))
    return files


def _top_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _third_party(paths: list[Path]) -> set[str]:
    """The distributions that the files' imports come from (not the standard library, not
    the project's own packages)."""
    own = set(RUNTIME_DIRS) | {"tests", "benchmarks", "docs"}
    dists = packages_distributions()
    out = set()
    for path in paths:
        for name in _top_imports(path) - own - set(sys.stdlib_module_names):
            out |= {canonicalize_name(d) for d in dists.get(name, [name])}
    return out


def test_every_runtime_dependency_is_pinned_within_its_declared_range() -> None:
    pins = _pins("requirements.txt")
    for req in _declared():
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is not pinned in requirements.txt"
        assert req.specifier.contains(pins[name]), f"{req.name}=={pins[name]} breaks {req}"


def test_every_dev_dependency_is_pinned_within_its_declared_range() -> None:
    pins = _pins("requirements-dev.txt")
    for req in _declared("dev"):
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is not pinned in requirements-dev.txt"
        assert req.specifier.contains(pins[name]), f"{req.name}=={pins[name]} breaks {req}"


def test_the_dev_lock_keeps_the_runtime_locks_versions() -> None:
    runtime, dev = _pins("requirements.txt"), _pins("requirements-dev.txt")
    assert {n: dev.get(n) for n in runtime} == runtime


def test_both_locks_install_the_project_itself() -> None:
    for name in ("requirements.txt", "requirements-dev.txt"):
        lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
        assert "-e ." in lines, f"{name} does not install the project"


def test_the_runtime_code_imports_only_declared_packages() -> None:
    declared = {canonicalize_name(r.name) for r in _declared()}
    used = _third_party(_python_files(*RUNTIME_DIRS))
    assert used <= declared, f"used but not declared: {sorted(used - declared)}"


def test_tests_benchmarks_and_docs_import_only_declared_packages() -> None:
    declared = {canonicalize_name(r.name) for r in _declared() + _declared("dev")}
    used = _third_party(_python_files(*OTHER_DIRS))
    assert used <= declared, f"used but not declared: {sorted(used - declared)}"


def test_no_module_edits_sys_path() -> None:
    edits = [
        str(path.relative_to(ROOT))
        for path in _python_files(*RUNTIME_DIRS, *OTHER_DIRS)
        if path.name != "test_packaging.py"
        and re.search(r"sys\.path\.(insert|append)", path.read_text(encoding="utf-8"))
    ]
    assert edits == []


def test_each_command_line_entry_point_names_a_main_function() -> None:
    for command, target in PROJECT["scripts"].items():
        module, _, function = target.partition(":")
        source = (ROOT / (module.replace(".", "/") + ".py")).read_text(encoding="utf-8")
        assert f"def {function}(" in source, command
