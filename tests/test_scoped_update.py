"""An organisation's own monthly update (``Store.publish(scope=…)``, ``ingest.within``):
it replaces the records of its part of the sub-district and keeps every other, and refuses
a row outside its part (tests/small_dataset.py: C1 holds C1, C1a, C1b and members m1 m2
m3 m7; P1 holds P1, and P2 is not under it)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from ingest.store import REPLACED, Store
from ingest.stores import check_folder
from tests.conftest import SALT, csv_text
from tests.small_dataset import SMALL

C1 = {"C1", "C1a", "C1b"}


@pytest.fixture
def store(tmp_path: Path, small_dir: Path) -> Store:
    """A store whose current version is the small dataset."""
    store = Store(tmp_path / "store")
    store.publish([small_dir], by="组织办", salt=SALT)
    return store


def _files(folder: Path, tables: dict[str, list[dict[str, str]]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        (folder / f"{name}.csv").write_text(csv_text(rows), encoding="utf-8")
    return folder


def _of(name: str, ids: set[str]) -> list[dict[str, str]]:
    return [dict(r) for r in SMALL[name] if r["组织编号"] in ids]


def _members_by_branch(store: Store) -> dict[str, list[str]]:
    members = store.load()["members"]
    out: dict[str, list[str]] = {}
    for member, branch in zip(members["member_id"], members["branch_id"], strict=True):
        out.setdefault(str(branch), []).append(str(member))
    return {b: sorted(m) for b, m in sorted(out.items())}


def test_an_update_replaces_its_parts_members_and_keeps_the_others(
    store: Store, tmp_path: Path
) -> None:
    members = [r for r in _of("members", C1) if r["党员编号"] != "m7"]  # m7's record dropped
    new = dict(members[0], 党员编号="m9", 姓名="冯九")
    files = _files(tmp_path / "c1", {"members": [*members, new]})
    done = store.publish([files], by="甲书记", salt=SALT, scope=("C1",))
    assert done.ok, [p.message_en for p in done.report.problems]
    assert _members_by_branch(store) == {
        "C1a": ["m1", "m2", "m9"],
        "C1b": ["m3"],
        "P1": ["m4", "m5", "m8"],
        "P2": ["m6"],
    }
    step = next(s for s in done.steps if s.dataset == "members")
    assert (step.action, step.rows_before, step.rows_after, step.added, step.left) == (
        REPLACED, 4, 4, 1, 1,
    )  # fmt: skip


def test_the_datasets_it_does_not_bring_are_carried_whole(store: Store, tmp_path: Path) -> None:
    before = store.load()
    files = _files(tmp_path / "c1", {"members": _of("members", C1)})
    store.publish([files], by="甲书记", salt=SALT, scope=("C1",))
    after = store.load()
    for name in ("branches", "patents", "participation"):
        assert len(after[name]) == len(before[name]), name


def test_the_version_says_whose_update_it_is(store: Store, tmp_path: Path) -> None:
    files = _files(tmp_path / "c1", {"members": _of("members", C1)})
    done = store.publish([files], by="甲书记", salt=SALT, scope=("C1",))
    assert done.version is not None
    assert done.version.scope == ("C1",) and done.version.uploaded == ("members",)
    assert store.log()[-1]["scope"] == ["C1"]


def test_a_row_of_an_organisation_outside_the_part_is_an_error_at_that_row(
    store: Store, tmp_path: Path
) -> None:
    rows = [*_of("participation", C1), *_of("participation", {"P1"})]
    files = _files(tmp_path / "c1", {"participation": rows})
    done = store.publish([files], by="甲书记", salt=SALT, scope=("C1",))
    assert not done.ok and store.current() == "v0001"
    found = [(p.code, p.row, p.value) for p in done.report.problems]
    p1_row = 2 + next(i for i, r in enumerate(rows) if r["组织编号"] == "P1")
    p1_id = rows[p1_row - 2]["活动编号"]  # P1's own activity: its id is held outside too
    assert found == [("scope.outside_row", p1_row, "P1"), ("scope.id_elsewhere", p1_row, p1_id)]


def test_a_member_held_by_an_organisation_outside_the_part_is_refused_without_naming_it(
    store: Store, tmp_path: Path
) -> None:
    moved = dict(next(r for r in SMALL["members"] if r["党员编号"] == "m4"), 组织编号="C1a")
    files = _files(tmp_path / "c1", {"members": [*_of("members", C1), moved]})
    done = store.publish([files], by="甲书记", salt=SALT, scope=("C1",))
    assert not done.ok
    problem = done.report.problems[0]
    assert (problem.code, problem.value) == ("scope.member_elsewhere", "m4")
    assert "P1" not in problem.message_zh and "乙科技" not in problem.message_zh


LEDGER = (
    "人员编号,组织编号,姓名,性别,出生日期,申请入党日期,确定入党积极分子日期,"
    "确定发展对象日期,接收预备党员日期,上级党委审批日期,党员编号\n"
)


def test_a_ledger_row_naming_an_outside_member_is_the_same_error_as_no_member(
    store: Store, tmp_path: Path
) -> None:
    """m4 (P1) and a member id nobody holds get the same answer: a part cannot learn who is a
    member outside it, nor their 入党日期."""
    folder = tmp_path / "c1"
    folder.mkdir()
    (folder / "发展党员.csv").write_text(
        LEDGER
        + "d1,C1a,冯一,男,1990-01-01,2016-01-01,2016-07-01,2017-07-01,2017-12-01,2017-12-20,m4\n"
        + "d2,C1a,冯二,男,1990-01-01,2016-01-01,2016-07-01,2017-07-01,2017-12-01,2017-12-20,m99\n",
        "utf-8",
    )
    done = store.publish([folder], by="甲书记", salt=SALT, scope=("C1",))
    found = [(p.code, p.row) for p in done.report.problems]
    assert found == [("ref.unknown_member", 2), ("ref.unknown_member", 3)]


def test_a_new_organisation_cannot_take_another_communitys_两新组织(
    store: Store, tmp_path: Path
) -> None:
    """A 党委 of the 社区 sector in 乙社区 whose id sorts before every other would become
    乙社区's 社区党委, and its units would change hands."""
    grab = dict(SMALL["branches"][0], 组织编号="A0", 组织名称="假社区党委", 上级组织编号="C1",
                所在社区="乙社区")  # fmt: skip
    files = _files(tmp_path / "c1", {"branches": [*_of("branches", C1), grab]})
    done = store.publish([files], by="甲书记", salt=SALT, scope=("C1",))
    assert not done.ok
    assert [(p.code, p.row) for p in done.report.problems] == [("scope.committee", 5)]


def test_a_new_organisation_under_the_part_may_come_with_its_members(
    store: Store, tmp_path: Path
) -> None:
    third = dict(SMALL["branches"][1], 组织编号="C1c", 组织名称="甲社区第三党支部")
    branches = [*_of("branches", C1), third]
    tenth = dict(SMALL["members"][0], 党员编号="m10", 组织编号="C1c", 姓名="陈十")
    members = [*_of("members", C1), tenth]
    files = _files(tmp_path / "c1", {"branches": branches, "members": members})
    done = store.publish([files], by="甲书记", salt=SALT, scope=("C1",))
    assert done.ok, [p.message_en for p in done.report.problems]
    assert sorted(store.load()["branches"]["branch_id"]) == ["C1", "C1a", "C1b", "C1c", "P1", "P2"]
    assert _members_by_branch(store)["C1c"] == ["m10"]


def test_a_branches_file_without_the_parts_own_organisation_is_refused(
    store: Store, tmp_path: Path
) -> None:
    files = _files(tmp_path / "c1", {"branches": _of("branches", {"C1a", "C1b"})})
    done = store.publish([files], by="甲书记", salt=SALT, scope=("C1",))
    assert not done.ok
    assert "scope.root_missing" in [p.code for p in done.report.problems]


def test_the_check_plans_the_parts_rows(store: Store, tmp_path: Path) -> None:
    files = _files(tmp_path / "p1", {"members": _of("members", {"P1"})[:2]})
    checked = check_folder(str(store.root), str(files), (), store.current(), ("P1",))
    assert checked.ok
    step = checked.steps[0]
    assert (step.dataset, step.rows_before, step.rows_after, step.left) == ("members", 3, 2, 1)
    assert checked.carryable == ()


def _update(args: tuple[str, str, str]) -> bool:
    root, folder, scope = args
    store = Store(Path(root))
    return store.publish([Path(folder)], by=scope, salt=SALT, scope=(scope,)).ok


def test_two_parts_updating_at_once_both_land(store: Store, tmp_path: Path) -> None:
    c1 = [r for r in _of("members", C1) if r["党员编号"] != "m7"]
    p1 = [r for r in _of("members", {"P1"}) if r["党员编号"] != "m5"]
    jobs = [
        (str(store.root), str(_files(tmp_path / "c1", {"members": c1})), "C1"),
        (str(store.root), str(_files(tmp_path / "p1", {"members": p1})), "P1"),
    ]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        assert pool.map(_update, jobs) == [True, True]
    assert _members_by_branch(store) == {
        "C1a": ["m1", "m2"], "C1b": ["m3"], "P1": ["m4", "m8"], "P2": ["m6"],
    }  # fmt: skip
