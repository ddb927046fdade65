"""Uploads: unpacked within limits, hostile zips refused whole; what an import changes."""

from __future__ import annotations

import io
import tomllib
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from ingest import upload
from ingest.upload import UploadError, unpack
from metrics.changes import changes

ROOT = Path(__file__).resolve().parent.parent


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def test_files_and_zipped_tables_land_in_the_folder(tmp_path: Path) -> None:
    files = [
        ("members.csv", "党员编号\n".encode()),
        ("all.zip", _zip({"data/branches.csv": b"a", "readme.pdf": b"%PDF", "专利.xlsx": b"PK"})),
    ]
    written = unpack(files, tmp_path)
    assert sorted(p.name for p in written) == ["branches.csv", "members.csv", "专利.xlsx"]
    assert not (tmp_path / "readme.pdf").exists()


def test_a_zip_reaching_outside_the_folder_is_refused_and_nothing_written(tmp_path: Path) -> None:
    files = [("members.csv", b"x"), ("evil.zip", _zip({"../../branches.csv": b"x"}))]
    with pytest.raises(UploadError, match="outside"):
        unpack(files, tmp_path / "in")
    assert not (tmp_path / "in").exists()


def test_a_zip_with_too_many_files_is_refused(tmp_path: Path) -> None:
    many = _zip({f"t{i}.csv": b"x" for i in range(upload.MAX_ZIP_MEMBERS + 1)})
    with pytest.raises(UploadError) as info:
        unpack([("many.zip", many)], tmp_path)
    assert "最多 20 个" in info.value.message_zh


def test_a_zip_unpacking_too_large_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(upload, "MAX_ZIP_TOTAL", 1000)
    with pytest.raises(UploadError, match="unpacks to more"):
        unpack([("big.zip", _zip({"members.csv": b"0" * 1001}))], tmp_path)


def test_a_file_too_large_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(upload, "MAX_FILE_BYTES", 10)
    with pytest.raises(UploadError, match="larger than"):
        unpack([("members.csv", b"x" * 11)], tmp_path)


def test_a_zip_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UploadError, match="not a zip"):
        unpack([("data.zip", b"not a zip")], tmp_path)


def test_changes_by_hand(small: dict) -> None:
    new = dict(small)
    members = small["members"][small["members"]["member_id"] != "m8"]  # m8 removed
    extra = small["members"][small["members"]["member_id"] == "m4"].assign(member_id="m9")
    new["members"] = pd.concat([members, extra], ignore_index=True)  # m9 added (as m4)
    got = changes(small, new)
    assert (got["members_added"], got["members_removed"]) == (1, 1)
    assert (got["branches_added"], got["branches_removed"]) == (0, 0)
    # on 2018-11-30: before m1 m2 m3 m4 m8 = 5; after m1 m2 m3 m4 m9 = 5
    assert (got["active_before"], got["active_after"]) == (5, 5)
    assert (got["rows_before_members"], got["rows_after_members"]) == (8, 8)


def test_the_servers_upload_limit_is_the_ingest_limit() -> None:
    """Streamlit refuses larger files in the browser; ingest refuses them on the server."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["server"]["maxUploadSize"] * 2**20 == upload.MAX_FILE_BYTES


def test_problems_table_leaves_what_a_problem_lacks_blank_and_rows_unformatted() -> None:
    from app.widgets import problems_table
    from ingest.problems import Report, problem

    report = Report()
    report.add(problem("dataset.missing", "", dataset="党组织 branches", names="branches.csv"))
    report.add(
        problem(
            "value.date_impossible",
            "participation.csv",
            row=54321,
            column="活动日期",
            column_en="活动日期 (date)",
            value="2018-13-45",
        )
    )
    table = problems_table(report, "zh").set_index("文件")
    assert table.loc["", ["行", "列", "值"]].tolist() == ["", "", ""]
    assert table.loc["participation.csv", "行"] == "54321"
