"""The upload-check-confirm flow of the 数据管理 page: an upload is unpacked and checked in a
folder of its own; it becomes a version of the store only when the user confirms."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import streamlit as st

from ingest import LoadResult, load_dataset
from ingest.store import Store, store_dir
from ingest.upload import UploadError, unpack

PENDING = "_pending_upload"
ROUND = "_upload_round"  # confirmed imports in this session


def check(files: list) -> dict:
    """Unpack and check the uploaded files; remember them until confirmed or replaced.
    Returns {"error": UploadError | None, "result": LoadResult | None, "folder": Path}."""
    drop()
    folder = Path(tempfile.mkdtemp(prefix="dangjian-upload-"))
    try:
        unpack([(f.name, f.getvalue()) for f in files], folder / "files")
    except UploadError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        failed = {"error": exc, "result": None, "folder": None, "names": [f.name for f in files]}
        st.session_state[PENDING] = failed  # shown until other files are chosen
        return failed
    result: LoadResult = load_dataset([folder / "files"])
    pending = {"error": None, "result": result, "folder": folder, "names": [f.name for f in files]}
    st.session_state[PENDING] = pending
    return pending


def pending() -> dict | None:
    return st.session_state.get(PENDING)


def uploader_key() -> str:
    """The uploader's widget key: a new one after each confirmed import, so the uploader
    comes back empty and the same files cannot be confirmed twice."""
    return f"upload_files_{st.session_state.get(ROUND, 0)}"


def confirm(by: str) -> str | None:
    """Publish the pending upload as a new version; its id, or None if there is none.
    The uploader is emptied (see ``uploader_key``)."""
    item = st.session_state.get(PENDING)
    if not item or not item["result"] or not item["result"].ok:
        return None
    outcome = Store(store_dir()).publish([item["folder"] / "files"], by=by)
    drop()
    st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1
    return outcome.version.id if outcome.ok else None


def drop() -> None:
    item = st.session_state.pop(PENDING, None)
    if item and item.get("folder"):
        shutil.rmtree(item["folder"], ignore_errors=True)
