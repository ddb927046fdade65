"""The versioned store: import → history → rollback, and nothing lost on failure; the
behaviours every store has run on both backends, a folder and PostgreSQL (``new_store``)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from domain.contract import DATASETS
from ingest import load_dataset
from ingest.store import Store, VersionStore
from tests.app_script import MAIN, page_script
from tests.conftest import SALT

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(params=[1_000_000, 3], ids=["at-once", "in-pieces"])
def rows_per_write(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """A version written whole, and three rows at a time (ingest.store.ROWS_PER_WRITE)."""
    monkeypatch.setattr("ingest.store.ROWS_PER_WRITE", request.param)
    return request.param


def test_an_import_becomes_the_current_version_unchanged(
    small_dir: Path, tmp_path: Path, new_store: Callable[..., VersionStore], rows_per_write: int
) -> None:
    store = new_store()
    result = store.publish([small_dir], by="组织办", salt=SALT)
    assert result.ok and result.version.id == "v0001"
    assert store.current() == "v0001"
    direct = load_dataset([small_dir], salt=SALT).tables
    stored = store.load()
    assert set(stored) == set(direct)
    for name, frame in direct.items():  # the same rows, kept grouped by organisation
        key = DATASETS[name].id_field.name
        pd.testing.assert_frame_equal(
            stored[name].sort_values(key, ignore_index=True),
            frame.sort_values(key, ignore_index=True),
        )


def test_a_version_keeps_each_organisations_rows_together(
    small_dir: Path, tmp_path: Path, new_store: Callable[..., VersionStore], rows_per_write: int
) -> None:
    store = new_store()
    store.publish([small_dir], by="a", salt=SALT)
    members = store.load()["members"]
    # organisations in (sector, community, id) order: 社区 甲社区 C1a, C1b; then 非公企业
    # 乙社区 P1, P2 (tests/small_dataset.py)
    assert members["branch_id"].tolist() == ["C1a"] * 3 + ["C1b"] + ["P1"] * 3 + ["P2"]


def test_the_manifest_records_who_what_and_the_files_hashes(
    small_dir: Path, tmp_path: Path, new_store: Callable[..., VersionStore]
) -> None:
    version = new_store().publish([small_dir], by="组织办", salt=SALT).version
    members = small_dir / "members.csv"
    entry = next(s for s in version.sources if s["file"] == "members.csv")
    assert entry["sha256"] == hashlib.sha256(members.read_bytes()).hexdigest()
    assert entry["bytes"] == members.stat().st_size
    assert version.by == "组织办"
    assert version.rows == {"branches": 5, "members": 8, "patents": 2, "participation": 4}


def test_an_invalid_import_leaves_the_store_as_it_was(
    small_dir: Path, tmp_path: Path, new_store: Callable[..., VersionStore]
) -> None:
    store = new_store()
    store.publish([small_dir], by="a", salt=SALT)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "branches.csv").write_text("组织编号,组织名称\nB1,甲\n", encoding="utf-8")
    (bad / "members.csv").write_text("党员编号\n", encoding="utf-8")
    result = store.publish([bad], by="b", salt=SALT)
    assert not result.ok and result.report.problems
    assert store.current() == "v0001"
    assert [v.id for v in store.versions()] == ["v0001"]


def test_an_import_failing_half_way_leaves_no_trace(
    small_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path / "s")
    store.publish([small_dir], by="a", salt=SALT)
    import ingest.store

    original = ingest.store.write_parquet
    calls = []

    def failing(*args: object) -> None:
        calls.append(1)
        if len(calls) == 2:  # the second table
            raise OSError("disk full")
        original(*args)

    monkeypatch.setattr(ingest.store, "write_parquet", failing)
    with pytest.raises(OSError, match="disk full"):
        store.publish([small_dir], by="b", salt=SALT)
    assert store.current() == "v0001"
    assert [v.id for v in store.versions()] == ["v0001"]
    assert not [p for p in store.root.iterdir() if p.name.startswith(".tmp-")]


def test_two_imports_at_once_make_two_whole_versions(
    small_dir: Path, tmp_path: Path, new_store: Callable[..., VersionStore]
) -> None:
    store = new_store()
    results = []
    threads = [
        threading.Thread(
            target=lambda: results.append(store.publish([small_dir], by="x", salt=SALT))
        )
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.version.id for r in results) == ["v0001", "v0002"]
    assert store.current() in {"v0001", "v0002"}
    for version in store.versions():
        assert len(store.load(version.id)["members"]) == 8


def test_rollback_shows_an_earlier_version_and_keeps_the_later(
    small_dir: Path, tmp_path: Path, new_store: Callable[..., VersionStore]
) -> None:
    store = new_store()
    store.publish([small_dir], by="a", salt=SALT)
    store.publish([small_dir], by="b", salt=SALT)
    assert store.current() == "v0002"
    store.rollback("v0001", by="王芳")
    assert store.current() == "v0001"
    assert [v.id for v in store.versions()] == ["v0001", "v0002"]
    with pytest.raises(LookupError):
        store.rollback("v0009", by="王芳")


def test_a_rollback_without_the_operators_name_is_refused(
    small_dir: Path, tmp_path: Path, new_store: Callable[..., VersionStore]
) -> None:
    store = new_store()
    store.publish([small_dir], by="a", salt=SALT)
    store.publish([small_dir], by="b", salt=SALT)
    with pytest.raises(ValueError):
        store.rollback("v0001", by=" ")
    assert store.current() == "v0002"
    assert [e["action"] for e in store.log()] == ["import", "import"]


def test_the_log_records_each_import_and_rollback_in_order(
    small_dir: Path, tmp_path: Path, new_store: Callable[..., VersionStore]
) -> None:
    store = new_store()
    store.publish([small_dir], by="组织办", salt=SALT)
    store.publish([small_dir], by="组织办", salt=SALT)
    store.rollback("v0001", by="王芳")
    events = [(e["action"], e["version"], e["by"], e["previous"]) for e in store.log()]
    assert events == [
        ("import", "v0001", "组织办", None),
        ("import", "v0002", "组织办", "v0001"),  # the version it replaced
        ("rollback", "v0001", "王芳", "v0002"),
    ]


def test_command_line_import_uses_the_checks_exit_codes(small_dir: Path, tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "ingest", "import", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )

    store = tmp_path / "s"
    done = run(str(small_dir), "--store", str(store), "--by", "组织办")
    assert done.returncode == 0, done.stderr
    assert "v0001" in done.stdout
    assert Store(store).current() == "v0001"
    bad = tmp_path / "empty.csv"
    bad.write_text("", encoding="utf-8")
    assert run(str(bad), "--store", str(store), "--by", "组织办").returncode == 1
    assert run(str(tmp_path / "missing"), "--store", str(store), "--by", "组织办").returncode == 2
    assert run(str(small_dir), "--store", str(store)).returncode == 2  # no --by
    assert Store(store).current() == "v0001"


def test_the_dashboard_shows_the_stores_current_version(
    small_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    store = tmp_path / "s"
    Store(store).publish([small_dir], by="a", salt=SALT)
    monkeypatch.delenv("DANGJIAN_DATA_DIR", raising=False)
    monkeypatch.setenv("DANGJIAN_STORE", str(store))
    at = AppTest.from_file(MAIN, default_timeout=60).run()
    assert not at.exception
    assert any("数据仓库 v0001 版" in c.value for c in at.caption)
    assert {m.label: m.value for m in at.metric}["在册党员"] == "5 名"


def test_command_line_rollback(small_dir: Path, tmp_path: Path) -> None:
    store = tmp_path / "s"
    Store(store).publish([small_dir], by="a", salt=SALT)
    Store(store).publish([small_dir], by="b", salt=SALT)

    def run(*args: str, answer: str = "") -> int:
        return subprocess.run(
            [sys.executable, "-m", "ingest", "rollback", *args, "--store", str(store)],
            cwd=ROOT,
            capture_output=True,
            input=answer.encode(),
            timeout=120,
        ).returncode

    assert run("v0001", "--by", "王芳", answer="n\n") == 1 and Store(store).current() == "v0002"
    assert run("v0001") == 2 and Store(store).current() == "v0002"  # no --by
    assert run("v0001", "--by", "王芳", answer="y\n") == 0 and Store(store).current() == "v0001"
    assert run("v0002", "--by", "王芳", "--yes") == 0 and Store(store).current() == "v0002"
    assert run("v0042", "--by", "王芳", "--yes") == 2 and Store(store).current() == "v0002"
    rollbacks = [(e["version"], e["by"]) for e in Store(store).log() if e["action"] == "rollback"]
    assert rollbacks == [("v0001", "王芳"), ("v0002", "王芳")]


def test_the_history_page_compares_two_versions_headline_figures(
    small_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    store = tmp_path / "s"
    Store(store).publish([small_dir], by="a", salt=SALT)
    fewer = tmp_path / "fewer"
    fewer.mkdir()
    for path in small_dir.glob("*.csv"):
        lines = path.read_text("utf-8").splitlines(keepends=True)
        if path.name == "members.csv":  # drop m8 (active on D): 5 active → 4
            lines = [line for line in lines if not line.startswith("m8,")]
        (fewer / path.name).write_text("".join(lines), "utf-8")
    Store(store).publish([fewer], by="b", salt=SALT)
    monkeypatch.delenv("DANGJIAN_DATA_DIR", raising=False)
    monkeypatch.setenv("DANGJIAN_STORE", str(store))
    at = AppTest.from_file(MAIN, default_timeout=60).run()
    at.switch_page(page_script("history")).run()
    assert not at.exception
    (table,) = [d.value for d in at.dataframe if "指标" in d.value]
    row = table.set_index("指标").loc["在册党员"]
    assert (row["v0001"], row["v0002"]) == ("5", "4")
