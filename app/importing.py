"""The upload-check-confirm flow of the 数据管理 page: an upload is unpacked and checked in a
folder of its own; it becomes a version of the store only when the user confirms.

The folder lasts one step: it is made for a check (or the import on confirming) and removed
as soon as that step ends, whether it passed, failed or raised. Between steps the uploaded
files live only in the uploader, as Streamlit keeps them, and the session keeps the check's
report and plan, not its tables; nothing is left in the temporary directory after a check,
after an error, or when a session ends.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

import streamlit as st

from domain.contract import DATASETS
from ingest import LoadResult
from ingest.bounded import LimitError, WorkerError, run_bounded
from ingest.problems import Problem
from ingest.read import UPLOAD_TYPES
from ingest.store import CARRIED, store_location
from ingest.stores import check_folder, open_store, publish_folder
from ingest.upload import UploadError, unpack

PENDING = "_pending_upload"
ROUND = "_upload_round"  # confirmed imports in this session
REMOVE = "upload_remove"  # the widget choosing datasets not to carry forward
FOLDER_PREFIX = "dangjian-upload-"
LOG = logging.getLogger(__name__)
T = TypeVar("T")


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


class Uploaded(Protocol):
    """What Streamlit's uploader gives for a file (``UploadedFile``)."""

    name: str

    def getvalue(self) -> bytes: ...


@contextlib.contextmanager
def unpacked(files: Sequence[Uploaded]) -> Iterator[Path]:
    """The uploaded files unpacked (``ingest.upload.unpack``) into a temporary folder that
    is removed when the block ends, however it ends. Raises UploadError."""
    folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX))
    try:
        unpack([(f.name, f.getvalue()) for f in files], folder / "files")
        yield folder / "files"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def check(files: Sequence[Uploaded], scope: tuple[str, ...] = ()) -> dict:
    """Unpack and check the uploaded files as an import would (the datasets they do not
    bring carried forward from the current version; with ``scope``, as an update of those
    organisations' part only: ``ingest.within``); remember the outcome until confirmed or
    replaced. Returns {"error": UploadError | None, "result": LoadResult | None (its
    report only), "names", "remove": (), "scope", "based_on", "steps": the import's plan,
    "carryable"}."""
    drop()
    st.session_state[PENDING] = {
        "error": None, "names": [f.name for f in files], "remove": (), "scope": scope,
    }  # fmt: skip
    return recheck((), files)


def recheck(remove: tuple[str, ...], files: Sequence[Uploaded]) -> dict:
    """Check the uploaded ``files`` again with ``remove`` (datasets not to carry forward),
    against the version current now, which the item remembers (``based_on``): confirming
    publishes only if it is still the current one."""
    item = st.session_state[PENDING]
    root = store_location()
    current = open_store(root).current()
    try:
        with unpacked(files) as folder:
            checked = bounded(check_folder, str(root), str(folder), remove, current,
                              item["scope"])  # fmt: skip
    except UploadError as exc:
        item |= {"error": exc, "result": None, "remove": remove}
        return item  # shown until other files are chosen
    item |= {
        "error": None,
        "result": LoadResult({}, checked.report),  # the tables are not kept between runs
        "remove": remove,
        "based_on": checked.based_on,
        "steps": list(checked.steps),
        "carryable": list(checked.carryable),
    }
    return item


def bounded(fn: Callable[..., T], *args: object) -> T:
    """``ingest.bounded.run_bounded``: the work on the upload in a process of its own,
    within a time and a memory limit; a limit passed, or a failure, as an UploadError."""
    try:
        return run_bounded(fn, *args)
    except LimitError as exc:
        raise UploadError(exc.code, limit=exc.limit) from None
    except WorkerError as exc:
        LOG.error("checking an upload failed:\n%s", exc.detail)
        raise UploadError("upload.failed") from None


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


def confirm(by: str, files: Sequence[Uploaded], scope: tuple[str, ...] = ()) -> Confirmed:
    """Publish the uploaded ``files`` as a new version, if the version they were checked
    against is still the current one; the uploader is then emptied (see ``uploader_key``).
    If it is not, nothing is written and the files are checked again against the new
    current version, for the person to look over and confirm again; so too when the
    account's ``scope`` has changed since the check."""
    item = st.session_state.get(PENDING)
    if not item or not item["result"] or not item["result"].ok:
        return Confirmed()
    if tuple(item["scope"]) != tuple(scope):  # the account's scope changed since the check
        item["scope"] = tuple(scope)
        recheck(item["remove"], files)
        return Confirmed()
    root = store_location()
    try:
        with unpacked(files) as folder:
            outcome = bounded(publish_folder, root, str(folder), by, item["remove"],
                              item["based_on"], item["scope"])  # fmt: skip
    except UploadError as exc:  # a limit passed on the way: shown as the upload's error
        item |= {"error": exc, "result": None}
        return Confirmed()
    if not outcome.ok:
        refused = outcome.report.sorted_problems()[0]
        recheck(item["remove"], files)
        return Confirmed(refused=refused)
    drop()
    st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1
    return Confirmed(version=outcome.version.id)


def drop() -> None:
    """Forget the pending upload (there is no folder to remove: see the module's note)."""
    st.session_state.pop(REMOVE, None)
    st.session_state.pop(PENDING, None)
