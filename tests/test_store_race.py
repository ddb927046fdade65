"""Two imports at once never undo each other: each is planned, checked and published against
the version that is current under the store's lock, so the second to finish carries the
first's change forward, and the log names the version each one replaced. The imports run
in two real processes released together by a barrier.

The store starts with the small dataset without its patents (v0001). One process imports
the patents alone; the other the organisations and a roster without m8. Whichever lands
second, the current version holds both: 2 patents and 7 members.
"""

from __future__ import annotations

import multiprocessing as mp
import shutil
from pathlib import Path

import pytest

from ingest.store import CARRIED, Store
from tests.conftest import SALT

ROUNDS = 3


def _publish(root: str, folder: str, by: str, barrier, results) -> None:
    barrier.wait(timeout=60)
    result = Store(Path(root)).publish([Path(folder)], by=by, salt=SALT)
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
    updates: dict[str, Path], tmp_path: Path, round_: int
) -> None:
    root = tmp_path / f"store-{round_}"
    store = Store(root)
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
