"""The dataset's version key for a plain folder: stable, changed by any change to a file,
and cheap on a rerun (no file is read again while names, sizes and times stand)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app import cached


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "branches.csv").write_text("组织编号\nB1\n", "utf-8")
    (folder / "members.csv").write_text("党员编号\nM1\n", "utf-8")
    return folder


def test_the_same_files_give_the_same_key(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    assert cached.fingerprint(folder) == cached.fingerprint(folder)


def test_an_unchanged_folder_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    first = cached.fingerprint(folder)

    def refuse(self: Path) -> bytes:
        raise AssertionError(f"{self.name} read again")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert cached.fingerprint(folder) == first


def test_a_file_rewritten_changes_the_key(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    first = cached.fingerprint(folder)
    path = folder / "members.csv"
    path.write_text("党员编号\nM2\n", "utf-8")  # same size: the time tells
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert cached.fingerprint(folder) != first


def test_a_file_added_changes_the_key(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    first = cached.fingerprint(folder)
    (folder / "patents.csv").write_text("专利号\nP1\n", "utf-8")
    assert cached.fingerprint(folder) != first


def test_a_file_touched_but_unchanged_keeps_the_key(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    first = cached.fingerprint(folder)
    path = folder / "members.csv"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert cached.fingerprint(folder) == first  # hashed again: the bytes are the same
