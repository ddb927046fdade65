"""The monthly update: only some datasets uploaded, the others carried forward, the whole
checked; through the store and the command line.

The small dataset (tests/small_dataset.py): 5 organisations, 8 members, 2 patents of P1,
4 activities (a2 held by P1).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from ingest.store import ADDED, CARRIED, REMOVED, REPLACED, Store
from tests.command import run_module
from tests.conftest import SALT

ROOT = Path(__file__).resolve().parent.parent


def _roster_only(small_dir: Path, folder: Path, drop: tuple[str, ...] = ()) -> Path:
    """branches.csv and members.csv of the small dataset, without the rows whose first cell
    is in ``drop`` (members by 党员编号, organisations by 组织编号)."""
    folder.mkdir()
    for name in ("branches.csv", "members.csv"):
        lines = (small_dir / name).read_text("utf-8").splitlines(keepends=True)
        kept = [line for line in lines if line.split(",")[0] not in drop]
        (folder / name).write_text("".join(kept), "utf-8")
    return folder


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return run_module("ingest", *args, env={**os.environ, "DANGJIAN_ID_SALT": SALT}, timeout=120)


def test_a_roster_only_update_keeps_patents_and_activities(small_dir: Path, tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.publish([small_dir], by="组织办", salt=SALT)
    result = store.publish(
        [_roster_only(small_dir, tmp_path / "m", ("m8",))], by="组织办", salt=SALT
    )
    assert result.ok
    tables = store.load()
    assert (len(tables["patents"]), len(tables["participation"]), len(tables["members"])) == (
        2,
        4,
        7,
    )
    assert result.version.origin == {
        "branches": "v0002",
        "members": "v0002",
        "patents": "v0001",
        "participation": "v0001",
    }


def test_the_plan_says_what_happens_to_each_dataset(small_dir: Path, tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.publish([small_dir], by="a", salt=SALT)
    result = store.publish([_roster_only(small_dir, tmp_path / "m", ("m8",))], by="b", salt=SALT)
    steps = {s.dataset: s for s in result.steps}
    assert (
        steps["branches"].action,
        steps["branches"].rows_before,
        steps["branches"].rows_after,
    ) == (
        REPLACED,
        5,
        5,
    )
    assert (steps["members"].rows_before, steps["members"].rows_after) == (8, 7)
    assert (steps["members"].added, steps["members"].left) == (0, 1)  # m8 left
    assert (steps["patents"].action, steps["patents"].origin) == (CARRIED, "v0001")
    assert (steps["participation"].action, steps["participation"].rows_after) == (CARRIED, 4)


def test_carried_data_keeps_the_version_it_came_from(small_dir: Path, tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.publish([small_dir], by="a", salt=SALT)
    store.publish([_roster_only(small_dir, tmp_path / "m1")], by="b", salt=SALT)
    third = store.publish([_roster_only(small_dir, tmp_path / "m2")], by="c", salt=SALT)
    assert third.version.origin["patents"] == "v0001"
    assert {s.dataset: s.origin for s in third.steps if s.action == CARRIED} == {
        "patents": "v0001",
        "participation": "v0001",
    }


def test_a_dataset_asked_to_be_removed_is_not_carried(small_dir: Path, tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.publish([small_dir], by="a", salt=SALT)
    roster = _roster_only(small_dir, tmp_path / "m")
    result = store.publish([roster], by="b", salt=SALT, remove=["participation"])
    assert sorted(store.load()) == ["branches", "members", "patents"]
    assert {s.dataset: s.action for s in result.steps}["participation"] == REMOVED


def test_the_first_import_adds_every_dataset(small_dir: Path, tmp_path: Path) -> None:
    result = Store(tmp_path / "s").publish([small_dir], by="a", salt=SALT)
    assert {s.action for s in result.steps} == {ADDED}
    assert {s.dataset: s.added for s in result.steps}["members"] == 8


def test_records_kept_whose_organisation_is_gone_are_reported_by_their_id(
    small_dir: Path, tmp_path: Path
) -> None:
    store = Store(tmp_path / "s")
    store.publish([small_dir], by="a", salt=SALT)
    # P1 is gone from the new list, with its members m4 m5 m8; its patents and a2 are not
    roster = _roster_only(small_dir, tmp_path / "m", ("P1", "m4", "m5", "m8"))
    result = store.publish([roster], by="b", salt=SALT)
    assert not result.ok and store.current() == "v0001"
    found = [p for p in result.report.problems if p.code == "ref.carried_unknown_branch"]
    assert sorted(p.record for p in found) == [
        "专利号 CN201510000001.1",
        "专利号 CN201820000002.2",
        "活动编号 a2",
    ]
    assert all("P1" in p.message_zh and p.severity == "error" for p in found)


def test_removing_the_dataset_that_is_out_of_step_lets_the_update_through(
    small_dir: Path, tmp_path: Path
) -> None:
    store = Store(tmp_path / "s")
    store.publish([small_dir], by="a", salt=SALT)
    roster = _roster_only(small_dir, tmp_path / "m", ("P1", "m4", "m5", "m8"))
    result = store.publish([roster], by="b", salt=SALT, remove=["patents", "participation"])
    assert result.ok and sorted(store.load()) == ["branches", "members"]


def test_an_update_with_only_activities_keeps_the_roster(small_dir: Path, tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.publish([small_dir], by="a", salt=SALT)
    only = tmp_path / "p"
    only.mkdir()
    (only / "participation.csv").write_text((small_dir / "participation.csv").read_text("utf-8"))
    result = store.publish([only], by="b", salt=SALT)
    assert result.ok
    assert {s.dataset: s.action for s in result.steps} == {
        "branches": CARRIED,
        "members": CARRIED,
        "patents": CARRIED,
        "participation": REPLACED,
    }


def test_the_command_line_round_trip(small_dir: Path, tmp_path: Path) -> None:
    store = tmp_path / "s"
    assert _cli("import", str(small_dir), "--store", str(store), "--by", "组织办").returncode == 0
    roster = _roster_only(small_dir, tmp_path / "m", ("m8",))
    done = _cli("import", str(roster), "--store", str(store), "--by", "组织办")
    assert done.returncode == 0, done.stderr
    assert (
        "专利 patents" in done.stdout
        and "沿用 v0001 carried forward from v0001: 2 行" in done.stdout
    )
    assert "减少 1 left" in done.stdout
    assert len(Store(store).load()["patents"]) == 2
    done = _cli(
        "import", str(roster), "--store", str(store), "--by", "组织办", "--remove", "patents"
    )
    assert done.returncode == 0 and "移除 removed" in done.stdout
    assert "patents" not in Store(store).load()
    done = _cli("rollback", "v0002", "--store", str(store), "--by", "王芳", "--yes")
    assert done.returncode == 0
    assert len(Store(store).load()["patents"]) == 2
    manifest = json.loads((store / "versions" / "v0003" / "manifest.json").read_text("utf-8"))
    assert [s["file"] for s in manifest["sources"]] == ["branches.csv", "members.csv"]


def test_the_command_line_refuses_an_unknown_dataset_to_remove(
    small_dir: Path, tmp_path: Path
) -> None:
    done = _cli(
        "import", str(small_dir), "--store", str(tmp_path / "s"), "--by", "a", "--remove", "x"
    )
    assert done.returncode == 2 and "No such dataset" in done.stderr


@pytest.mark.parametrize("second", ["党员名册.csv", "roster.csv"])
def test_two_files_claiming_one_dataset_are_refused_with_both_names(
    second: str, small_dir: Path, tmp_path: Path
) -> None:
    store = Store(tmp_path / "s")
    store.publish([small_dir], by="a", salt=SALT)
    roster = _roster_only(small_dir, tmp_path / "m")
    (roster / second).write_text((roster / "members.csv").read_text("utf-8"), "utf-8")
    result = store.publish([roster], by="b", salt=SALT)
    assert not result.ok and store.current() == "v0001"
    (p,) = [p for p in result.report.problems if p.code == "file.duplicate_dataset"]
    assert {p.file, p.message_zh.split("与 ")[1].split(" 是")[0]} == {"members.csv", second}


def test_a_dataset_both_uploaded_and_removed_is_refused(small_dir: Path, tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.publish([small_dir], by="a", salt=SALT)
    roster = _roster_only(small_dir, tmp_path / "m")
    result = store.publish([roster], by="b", salt=SALT, remove=["members"])
    assert not result.ok and store.current() == "v0001"
    (p,) = [p for p in result.report.problems if p.code == "dataset.removed_and_uploaded"]
    assert p.file == "members.csv"


def test_the_command_line_takes_a_dataset_to_remove_by_its_chinese_name(
    small_dir: Path, tmp_path: Path
) -> None:
    store = tmp_path / "s"
    _cli("import", str(small_dir), "--store", str(store), "--by", "a")
    roster = _roster_only(small_dir, tmp_path / "m")
    done = _cli("import", str(roster), "--store", str(store), "--by", "a", "--remove", "专利")
    assert done.returncode == 0 and "patents" not in Store(store).load()


def test_carried_records_out_of_step_point_to_the_way_out(small_dir: Path, tmp_path: Path) -> None:
    store = tmp_path / "s"
    _cli("import", str(small_dir), "--store", str(store), "--by", "a")
    roster = _roster_only(small_dir, tmp_path / "m", ("P1", "m4", "m5", "m8"))
    done = _cli("import", str(roster), "--store", str(store), "--by", "a")
    assert done.returncode == 1
    assert "--remove" in done.stdout and "“P1”" in done.stdout


def test_a_roster_that_drops_a_member_the_kept_ledger_names_is_refused(
    small_dir: Path, tmp_path: Path
) -> None:
    first = tmp_path / "first"
    first.mkdir()
    for f in small_dir.iterdir():
        (first / f.name).write_bytes(f.read_bytes())
    (first / "development.csv").write_text(
        "人员编号,组织编号,姓名,性别,出生日期,申请入党日期,确定入党积极分子日期,"
        "确定发展对象日期,接收预备党员日期,党员编号\n"
        "P1,C1a,钱五,男,1990-12-01,2015-01-01,2015-06-01,2017-01-01,2018-03-01,m2\n",
        "utf-8",
    )
    store = Store(tmp_path / "s")
    assert store.publish([first], by="a", salt=SALT).ok
    # m2 is left out of the new roster; the ledger kept from v0001 still names m2
    result = store.publish([_roster_only(small_dir, tmp_path / "m", ("m2",))], by="b", salt=SALT)
    assert not result.ok and store.current() == "v0001"
    (found,) = [p for p in result.report.problems if p.code == "ref.carried_unknown_member"]
    assert (found.record, found.value, found.column) == ("人员编号 P1", "m2", "党员编号")
    assert found.file == "（沿用）发展党员"
