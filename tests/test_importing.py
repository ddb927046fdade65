"""The 数据管理 page's upload flow (app/importing.py): nothing is left in the temporary
directory after a check that passes, one that fails, a refused zip, or a confirmation; and
a confirmation against a version another import has replaced is refused and checked again.
Run outside a browser, with Streamlit's session state in bare mode."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import streamlit as st

from app import importing
from ingest.store import Store
from ingest.upload import UploadError
from tests.conftest import SALT
from tests.test_bounded import abort, sleep


@dataclass
class Upload:
    """What the uploader holds for a file."""

    name: str
    data: bytes

    def getvalue(self) -> bytes:
        return self.data


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary directory the flow unpacks into, and an empty store of its own."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("DANGJIAN_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("DANGJIAN_ID_SALT", SALT)
    st.session_state.clear()
    return folder


def _files(folder: Path) -> list[Upload]:
    return [Upload(p.name, p.read_bytes()) for p in sorted(folder.glob("*.csv"))]


def test_a_check_that_passes_leaves_no_folder(temp: Path, small_dir: Path) -> None:
    item = importing.check(_files(small_dir))
    assert item["error"] is None and item["result"].ok
    assert list(temp.iterdir()) == []
    assert item["result"].tables == {}  # the session keeps the report, not the tables


def test_a_check_that_fails_leaves_no_folder(temp: Path) -> None:
    item = importing.check([Upload("members.csv", "党员编号,性别\nM1,X\n".encode())])
    assert item["error"] is None and not item["result"].ok
    assert list(temp.iterdir()) == []


def test_a_refused_zip_leaves_no_folder(temp: Path) -> None:
    item = importing.check([Upload("数据.zip", b"PK\x03\x04 not a zip")])
    assert item["error"] is not None and item["error"].code == "upload.bad_zip"
    assert list(temp.iterdir()) == []


def test_a_confirmation_leaves_no_folder_and_makes_a_version(temp: Path, small_dir: Path) -> None:
    files = _files(small_dir)
    importing.check(files)
    done = importing.confirm("组织办", files)
    assert done.version == "v0001" and done.refused is None
    assert list(temp.iterdir()) == []
    assert importing.pending() is None


def test_a_confirmation_after_another_import_is_refused_and_checked_again(
    temp: Path, small_dir: Path, tmp_path: Path
) -> None:
    files = _files(small_dir)
    importing.check(files)
    Store(tmp_path / "store").publish([small_dir], by="王芳", salt=SALT)  # lands meanwhile
    done = importing.confirm("组织办", files)
    assert done.version is None and done.refused.code == "store.changed"
    assert "王芳" in done.refused.message_zh
    assert Store(tmp_path / "store").current() == "v0001"
    assert importing.pending()["based_on"] == "v0001"  # checked again against it
    assert list(temp.iterdir()) == []
    assert importing.confirm("组织办", files).version == "v0002"


def test_a_reader_dying_on_an_upload_is_an_error_for_the_person_not_for_the_server() -> None:
    with pytest.raises(UploadError) as info:
        importing.bounded(abort)
    assert info.value.code == "upload.crashed" and "当前数据不变" in info.value.message_zh


def test_a_check_past_its_time_is_stopped_and_said(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ingest.bounded.SECONDS", 1)
    with pytest.raises(UploadError) as info:
        importing.bounded(sleep, 60)
    assert info.value.code == "upload.too_slow" and "1 s" in info.value.message_zh
