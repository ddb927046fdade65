"""The report commands choose their data as the app does: --data (a folder or a store
version), else DANGJIAN_DATA_DIR, else the store's current version, else the sample."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

from ingest.store import Store
from tests.conftest import SALT

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_ACTIVE = 10_595  # README and data/README.md: active members of the sample on D
SMALL_ACTIVE = 5  # tests/small_dataset.py: m1, m2, m3, m4, m8 on 2018-11-30


def _report(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "DANGJIAN_DATA_DIR"}
    return subprocess.run(
        [sys.executable, "-m", "report", *args],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", env=environ | (env or {}),
    )  # fmt: skip


def _active(done: subprocess.CompletedProcess) -> int:
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["members"]["active"]


@pytest.fixture
def store(tmp_path: Path, small_dir: Path) -> Path:
    """A store whose current version (v0001) is the small dataset."""
    Store(tmp_path / "store").publish([small_dir], by="组织办", salt=SALT)
    return tmp_path / "store"


def test_without_data_or_a_store_the_summary_is_of_the_sample() -> None:
    assert _active(_report("summary", "--json")) == SAMPLE_ACTIVE


def test_without_data_the_summary_is_of_the_stores_current_version(store: Path) -> None:
    done = _report("summary", "--json", env={"DANGJIAN_STORE": str(store)})
    assert _active(done) == SMALL_ACTIVE


def test_the_data_folder_setting_wins_over_the_store(store: Path, small_dir: Path) -> None:
    env = {"DANGJIAN_STORE": str(store), "DANGJIAN_DATA_DIR": str(ROOT / "data" / "sample")}
    assert _active(_report("summary", "--json", env=env)) == SAMPLE_ACTIVE


def test_data_given_wins_over_the_setting(small_dir: Path) -> None:
    env = {"DANGJIAN_DATA_DIR": str(ROOT / "data" / "sample")}
    assert _active(_report("summary", "--data", str(small_dir), "--json", env=env)) == 5


def test_data_may_name_a_store_version(store: Path) -> None:
    done = _report("summary", "--data", "v0001", "--json", env={"DANGJIAN_STORE": str(store)})
    assert _active(done) == SMALL_ACTIVE


def test_a_version_the_store_does_not_have_is_a_usage_error(store: Path) -> None:
    done = _report("summary", "--data", "v0009", env={"DANGJIAN_STORE": str(store)})
    assert done.returncode == 2
    assert "v0009" in done.stderr and "Traceback" not in done.stderr


def test_a_monthly_deck_of_the_current_version_names_it(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    done = _report("deck", "--out", str(out), env={"DANGJIAN_STORE": str(store)})
    assert done.returncode == 0, done.stderr
    notes = Presentation(str(out)).slides[0].notes_slide.notes_text_frame.text
    assert notes.endswith("数据来源：数据仓库 v0001 版")
