"""Two imports at once never undo each other: each is planned, checked and published against
the version that is current under the store's lock, so the second to finish carries the
first's change forward, and the log names the version each one replaced. The imports run
in two real processes released together by a barrier.

The store starts with the small dataset without its patents (v0001). One process imports
the patents alone; the other the organisations and a roster without m8. Whichever lands
second, the current version holds both: 2 patents and 7 members.

Every test runs on both backends (``new_location``: a folder, and a PostgreSQL database,
where the lock is an advisory lock that holds across hosts).
"""

from __future__ import annotations

import multiprocessing as mp
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ingest import cli
from ingest.store import CARRIED, StoreChangedError
from ingest.stores import open_store
from tests.app_script import MAIN, page_script
from tests.conftest import SALT

ROUNDS = 3


def _publish(root: str, folder: str, by: str, barrier, results) -> None:
    barrier.wait(timeout=60)
    result = open_store(root).publish([Path(folder)], by=by, salt=SALT)
    results.put((by, result.version.id if result.ok else None, [
        (s.dataset, s.action, s.origin) for s in result.steps
    ]))  # fmt: skip


@pytest.fixture
def updates(small_dir: Path, tmp_path: Path) -> dict[str, Path]:
    """The first version's files, the patents alone, and the roster update."""
    first, patents, roster = (tmp_path / n for n in ("first", "patents", "roster"))
    for folder in (first, patents, roster):
        folder.mkdir()
    for name in ("branches.csv", "members.csv", "participation.csv"):
        shutil.copy(small_dir / name, first / name)
    shutil.copy(small_dir / "patents.csv", patents / "patents.csv")
    shutil.copy(small_dir / "branches.csv", roster / "branches.csv")
    lines = (small_dir / "members.csv").read_text("utf-8").splitlines(keepends=True)
    (roster / "members.csv").write_text("".join(ln for ln in lines if not ln.startswith("m8,")))
    return {"first": first, "patents": patents, "roster": roster}


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_imports_released_together_keep_both_changes(
    updates: dict[str, Path], new_location: Callable[..., str], round_: int
) -> None:
    root = new_location(f"store-{round_}")
    store = open_store(root)
    assert store.publish([updates["first"]], by="组织办", salt=SALT).version.id == "v0001"
    context = mp.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    workers = [
        context.Process(
            target=_publish, args=(str(root), str(updates[name]), name, barrier, results)
        )
        for name in ("patents", "roster")
    ]
    for worker in workers:
        worker.start()
    done = {by: (version, steps) for by, version, steps in (results.get(timeout=120)
                                                           for _ in workers)}  # fmt: skip
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0

    assert sorted(version for version, _ in done.values()) == ["v0002", "v0003"]
    assert store.current() == "v0003"
    final = store.load()
    assert len(final["patents"]) == 2  # the patents import's change
    assert sorted(final["members"]["member_id"]) == [f"m{i}" for i in range(1, 8)]  # m8 gone
    imports = [e for e in store.log() if e["action"] == "import"]
    assert [(e["version"], e["previous"]) for e in imports] == [
        ("v0001", None),
        ("v0002", "v0001"),
        ("v0003", "v0002"),
    ]
    # the second to land says truly what it carried: the first's change, from its version
    second = next(by for by, (version, _) in done.items() if version == "v0003")
    carried = {d: origin for d, action, origin in done[second][1] if action == CARRIED}
    if second == "roster":
        assert carried["patents"] == "v0002"
    else:
        assert carried["members"] == "v0002"


def test_a_rollback_confirmed_against_a_version_since_replaced_changes_nothing(
    small_dir: Path, new_location: Callable[..., str]
) -> None:
    store = open_store(new_location())
    for by in ("组织办", "组织办", "王芳"):
        store.publish([small_dir], by=by, salt=SALT)
    # confirmed while v0002 was current; 王芳's v0003 has landed since
    with pytest.raises(StoreChangedError) as info:
        store.rollback("v0001", by="李明", expected="v0002")
    assert store.current() == "v0003"
    assert [e["action"] for e in store.log()] == ["import"] * 3
    assert "王芳" in info.value.problem.message_zh and "由 v0002 改为 v0003" in (
        info.value.problem.message_zh
    )
    store.rollback("v0001", by="李明", expected="v0003")
    assert store.current() == "v0001"


def test_the_command_line_rolls_back_only_the_version_it_asked_about(
    small_dir: Path,
    new_location: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = new_location()
    for _ in range(2):
        open_store(root).publish([small_dir], by="组织办", salt=SALT)

    def answer_while_another_lands(question: str) -> str:
        open_store(root).publish([small_dir], by="王芳", salt=SALT)  # lands during the question
        return "y"

    monkeypatch.setattr(cli, "_ask", answer_while_another_lands)
    code = cli.main(["rollback", "v0001", "--by", "李明", "--store", root])
    assert code == 1 and open_store(root).current() == "v0003"
    assert "由 v0002 改为 v0003" in capsys.readouterr().err


def test_the_history_page_refuses_a_rollback_ticked_before_another_import(
    small_dir: Path,
    new_location: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    root = new_location()
    for _ in range(2):
        open_store(root).publish([small_dir], by="组织办", salt=SALT)
    monkeypatch.delenv("DANGJIAN_DATA_DIR", raising=False)
    monkeypatch.setenv("DANGJIAN_STORE", root)
    monkeypatch.setenv("DANGJIAN_CACHE", str(tmp_path / "cache"))
    at = AppTest.from_file(MAIN, default_timeout=60).run()
    at.switch_page(page_script("history")).run()
    at.text_input(key="rollback_by").input("李明")
    at.checkbox(key="rollback_sure").check().run()  # v0002 current: roll back to v0001
    open_store(root).publish([small_dir], by="王芳", salt=SALT)  # v0003 lands meanwhile
    at.button(key="rollback").click().run()
    assert not at.exception
    assert open_store(root).current() == "v0003"
    assert any("由 v0002 改为 v0003" in w.value for w in at.warning)
    assert not at.checkbox(key="rollback_sure").value  # to be ticked again, knowingly
