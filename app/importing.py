"""The upload-check-confirm flow of the 数据管理 page: an upload is unpacked and checked in a
folder of its own; it becomes a version of the store only when the user confirms."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from domain.contract import DATASETS
from ingest import LoadResult
from ingest.problems import Problem
from ingest.read import UPLOAD_TYPES
from ingest.store import CARRIED, Store, store_dir
from ingest.upload import UploadError, unpack

PENDING = "_pending_upload"
ROUND = "_upload_round"  # confirmed imports in this session
REMOVE = "upload_remove"  # the widget choosing datasets not to carry forward


__all__ = [
    "UPLOAD_TYPES",
    "Confirmed",
    "carries",
    "check",
    "confirm",
    "drop",
    "pending",
    "recheck",
    "removable",
    "uploader_key",
]


def check(files: list) -> dict:
    """Unpack and check the uploaded files as an import would (the datasets they do not
    bring carried forward from the current version); remember them until confirmed or
    replaced. Returns {"error": UploadError | None, "result": LoadResult | None,
    "folder": Path | None, "names", "remove": (), "steps": the import's plan}."""
    drop()
    folder = Path(tempfile.mkdtemp(prefix="dangjian-upload-"))
    names = [f.name for f in files]
    try:
        unpack([(f.name, f.getvalue()) for f in files], folder / "files")
    except UploadError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        failed = {"error": exc, "result": None, "folder": None, "names": names, "remove": ()}
        st.session_state[PENDING] = failed  # shown until other files are chosen
        return failed
    pending = {"error": None, "folder": folder, "names": names}
    st.session_state[PENDING] = pending
    return recheck(())


def recheck(remove: tuple[str, ...]) -> dict:
    """Check the pending upload again with ``remove`` (datasets not to carry forward),
    against the version current now, which the item remembers (``based_on``): confirming
    publishes only if it is still the current one."""
    item = st.session_state[PENDING]
    store = Store(store_dir())
    current = store.current()
    result: LoadResult = store.check([item["folder"] / "files"], remove=remove, version=current)
    rows = store.version(current).rows if current else {}
    item |= {
        "result": result,
        "remove": remove,
        "based_on": current,
        "steps": store.plan(result.tables, remove, current) if result.ok else [],
        "carryable": [name for name in rows if name not in result.report.files],
    }
    return item


def removable(item: dict) -> list[str]:
    """The datasets the pending upload may leave out: those it would carry forward, and
    those already chosen, in the contract's order."""
    chosen = set(item.get("carryable", ())) | set(item["remove"])
    return [name for name in DATASETS if name in chosen]


def carries(item: dict) -> bool:
    """The checked upload leaves some dataset as it is in the current version."""
    return any(step.action == CARRIED for step in item["steps"])


def pending() -> dict | None:
    return st.session_state.get(PENDING)


def uploader_key() -> str:
    """The uploader's widget key: a new one after each confirmed import, so the uploader
    comes back empty and the same files cannot be confirmed twice."""
    return f"upload_files_{st.session_state.get(ROUND, 0)}"


@dataclass(frozen=True)
class Confirmed:
    """What confirming did: ``version``, the new current version, or ``refused``, the
    problem that stopped it (another import or a rollback made another version current
    since the check: the upload is checked again against it and stays pending)."""

    version: str | None = None
    refused: Problem | None = None


def confirm(by: str) -> Confirmed:
    """Publish the pending upload as a new version, if the version it was checked against
    is still the current one; the uploader is then emptied (see ``uploader_key``). If it is
    not, nothing is written and the upload is checked again against the new current
    version, for the person to look over and confirm again."""
    item = st.session_state.get(PENDING)
    if not item or not item["result"] or not item["result"].ok:
        return Confirmed()
    outcome = Store(store_dir()).publish(
        [item["folder"] / "files"], by=by, remove=item["remove"], expected=item["based_on"]
    )
    if not outcome.ok:
        refused = outcome.report.sorted_problems()[0]
        recheck(item["remove"])
        return Confirmed(refused=refused)
    drop()
    st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1
    return Confirmed(version=outcome.version.id)


def drop() -> None:
    st.session_state.pop(REMOVE, None)
    item = st.session_state.pop(PENDING, None)
    if item and item.get("folder"):
        shutil.rmtree(item["folder"], ignore_errors=True)
