"""Uploads: unpacked within limits, hostile zips refused whole; what an import changes."""

from __future__ import annotations

import io
import tomllib
import zipfile
from pathlib import Path

import pytest

from ingest import upload
from ingest.upload import UploadError, unpack

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


def _encrypted(members: dict[str, bytes]) -> bytes:
    """A zip whose members are marked as encrypted (the flag a password sets), as a zip
    tool with a password writes them; Python cannot write one itself."""
    data = bytearray(_zip(members))
    at = data.find(b"PK\x03\x04")
    while at >= 0:  # each local header: flags at offset 6
        data[at + 6] |= 0x1
        at = data.find(b"PK\x03\x04", at + 4)
    at = data.find(b"PK\x01\x02")
    while at >= 0:  # each central directory entry: flags at offset 8
        data[at + 8] |= 0x1
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def _false_size(declared: int) -> bytes:
    """A zip whose one member (a megabyte of CSV, deflated) declares ``declared`` bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("members.csv", b"1,2,3\n" * 200_000)
    data = bytearray(out.getvalue())
    for header, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(header)
        data[at + offset : at + offset + 4] = declared.to_bytes(4, "little")
    return bytes(data)


def _refused(files: list[tuple[str, bytes]], where: Path) -> UploadError:
    with pytest.raises(UploadError) as info:
        unpack(files, where)
    assert not where.exists(), "a refused upload leaves nothing"
    return info.value


def test_a_password_protected_zip_is_refused_naming_the_file(tmp_path: Path) -> None:
    error = _refused([("数据.zip", _encrypted({"members.csv": b"x"}))], tmp_path / "in")
    assert error.code == "upload.encrypted"
    assert "“数据.zip”中的“members.csv”有密码保护" in error.message_zh


def test_a_zip_whose_sizes_are_false_is_refused_as_damaged(tmp_path: Path) -> None:
    error = _refused([("数据.zip", _false_size(100))], tmp_path / "in")
    assert error.code == "upload.bad_member"
    assert "members.csv" in error.message_en and "damaged" in error.message_en


def test_a_zip_inside_a_zip_is_refused_with_what_to_do(tmp_path: Path) -> None:
    inner = _zip({"members.csv": b"x"})
    error = _refused([("outer.zip", _zip({"data/inner.zip": inner}))], tmp_path / "in")
    assert error.code == "upload.nested"
    assert "data/inner.zip" in error.message_zh and "请先解压" in error.message_zh
    assert "/tmp" not in error.message_zh + error.message_en  # no server path


def test_two_tables_of_one_name_in_different_folders_are_refused_naming_both(
    tmp_path: Path,
) -> None:
    files = [("all.zip", _zip({"一支部/党员.csv": b"a", "二支部/党员.csv": b"b"}))]
    error = _refused(files, tmp_path / "in")
    assert error.code == "upload.same_name"
    assert "all.zip/一支部/党员.csv" in error.message_zh
    assert "all.zip/二支部/党员.csv" in error.message_zh


def test_a_file_uploaded_beside_a_zip_holding_its_name_is_refused(tmp_path: Path) -> None:
    files = [("members.csv", b"a"), ("all.zip", _zip({"members.csv": b"b"}))]
    assert _refused(files, tmp_path / "in").code == "upload.same_name"


def test_a_zip_bomb_is_refused_by_its_ratio_before_anything_is_unpacked(tmp_path: Path) -> None:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("members.csv", b"0" * 20 * 2**20)  # 20 MB of zeros: about 20 KB packed
    assert len(bomb.getvalue()) < 100_000
    error = _refused([("bomb.zip", bomb.getvalue())], tmp_path / "in")
    assert error.code == "upload.ratio"
    assert "100 倍" in error.message_zh


def test_a_member_unpacking_beyond_the_file_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(upload, "MAX_FILE_BYTES", 1000)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("members.csv", bytes(range(256)) * 8)  # 2,048 bytes, a few hundred packed
    assert len(packed.getvalue()) < 1000
    assert _refused([("big.zip", packed.getvalue())], tmp_path / "in").code == (
        "upload.member_too_large"
    )


def test_a_member_lying_about_its_size_unpacks_no_further_than_it_declares(
    tmp_path: Path,
) -> None:
    # it declares 100 bytes and holds 1.2 MB: refused, and never written out in full
    with pytest.raises(UploadError):
        unpack([("数据.zip", _false_size(100))], tmp_path / "in")
    assert not (tmp_path / "in").exists()


def test_a_macos_zip_s_resource_forks_are_passed_over(tmp_path: Path) -> None:
    files = [("mac.zip", _zip({"党员.csv": b"a", "__MACOSX/._党员.csv": b"\x00\x05"}))]
    assert [p.name for p in unpack(files, tmp_path / "in")] == ["党员.csv"]


def test_a_zip_without_tables_is_refused_without_naming_any_server_folder(tmp_path: Path) -> None:
    error = _refused(
        [("文件.zip", _zip({"说明.pdf": b"%PDF", "图/照片.jpg": b"x"}))], tmp_path / "in"
    )
    assert error.code == "upload.no_tables"
    assert "文件.zip" in error.message_zh and str(tmp_path) not in error.message_zh


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


def test_a_file_name_longer_than_the_disk_allows_is_shortened_not_a_crash(tmp_path: Path) -> None:
    long = "桂城街道" + "第一党支部" * 30 + "党员名册.csv"  # 157 characters, 471 bytes
    written = unpack([(long, b"a"), ("all.zip", _zip({long[:-4] + "2.csv": b"b"}))], tmp_path)
    names = sorted(p.name for p in written)
    assert all(len(n.encode()) <= 200 and n.endswith(".csv") for n in names)
    assert all(n.startswith("桂城街道第一党支部") and "…" in n for n in names)
    assert names[0].endswith("党员名册.csv") and names[1].endswith("党员名册2.csv")


def test_a_file_name_with_control_characters_is_written_without_them(tmp_path: Path) -> None:
    (path,) = unpack([("党员\x00\x1b.csv", b"a")], tmp_path)
    assert path.name == "党员__.csv"


def test_a_full_disk_is_said_plainly_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(self: Path, data: bytes) -> int:
        raise OSError(28, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_bytes", full)
    error = _refused([("members.csv", b"a")], tmp_path / "in")
    assert error.code == "upload.not_saved" and str(tmp_path) not in error.message_zh


def test_a_compression_method_that_cannot_be_read_is_named_not_taken_for_a_password(
    tmp_path: Path,
) -> None:
    data = bytearray(_zip({"members.csv": b"a,b\n1,2\n"}))
    for header, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):  # the method field
        at = data.find(header)
        data[at + offset : at + offset + 2] = (99).to_bytes(2, "little")  # AES / unknown
    error = _refused([("数据.zip", bytes(data))], tmp_path / "in")
    assert error.code == "upload.method" and "密码" not in error.message_zh


def test_a_zip_of_hundreds_of_thousands_of_entries_is_refused_from_its_directory(
    tmp_path: Path,
) -> None:
    many = {f"__MACOSX/._{i}.csv": b"" for i in range(upload.MAX_ZIP_ENTRIES)}
    error = _refused([("mac.zip", _zip({"党员.csv": b"a", **many}))], tmp_path / "in")
    assert error.code == "upload.too_many"


def test_a_file_name_with_a_right_to_left_override_is_written_without_it(tmp_path: Path) -> None:
    (path,) = unpack([("vsc.\u202e党员.csv", b"a")], tmp_path)
    assert path.name == "vsc._党员.csv"
