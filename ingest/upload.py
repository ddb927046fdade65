"""Files a person uploads: unpacked into a folder for checking, within limits, so that a
huge file or a hostile zip is refused with a clear message and nothing is written."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path, PurePosixPath

from ingest.read import TABLE_SUFFIXES

MAX_FILE_BYTES = 50 * 2**20  # one uploaded file
MAX_ZIP_MEMBERS = 20
MAX_ZIP_TOTAL = 200 * 2**20  # all the files in a zip, unpacked


class UploadError(Exception):
    """An upload refused as a whole; ``message_zh`` and ``message_en`` say why."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_zh, self.message_en = message_zh, message_en


def _mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB"


def unpack(files: list[tuple[str, bytes]], dest: Path) -> list[Path]:
    """Write the uploaded files (a zip is opened, not recursively) into ``dest``; return the
    table files written. Raises UploadError, having written nothing, when a file is too
    large, a zip has too many or too large members or a path outside the folder, or a
    zip is not a zip."""
    planned: list[tuple[str, bytes]] = []
    for name, data in files:
        if len(data) > MAX_FILE_BYTES:
            raise UploadError(
                f"文件“{name}”大于 {_mb(MAX_FILE_BYTES)}，未接收",
                f"{name} is larger than {_mb(MAX_FILE_BYTES)} and was not accepted",
            )
        if name.lower().endswith(".zip"):
            planned += _members(name, data)
        else:
            planned.append((PurePosixPath(name).name, data))
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in planned:
        if Path(name).suffix.lower() in TABLE_SUFFIXES:
            path = dest / name
            path.write_bytes(data)
            written.append(path)
    return written


def _members(name: str, data: bytes) -> list[tuple[str, bytes]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UploadError(f"“{name}”不是有效的 zip 压缩包", f"{name} is not a zip archive") from exc
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if len(infos) > MAX_ZIP_MEMBERS:
        raise UploadError(
            f"“{name}”含 {len(infos)} 个文件，最多 {MAX_ZIP_MEMBERS} 个",
            f"{name} holds {len(infos)} files; at most {MAX_ZIP_MEMBERS} are accepted",
        )
    if sum(i.file_size for i in infos) > MAX_ZIP_TOTAL:
        raise UploadError(
            f"“{name}”解压后大于 {_mb(MAX_ZIP_TOTAL)}",
            f"{name} unpacks to more than {_mb(MAX_ZIP_TOTAL)}",
        )
    out = []
    for info in infos:
        path = PurePosixPath(info.filename)
        if path.is_absolute() or ".." in path.parts:
            raise UploadError(
                f"“{name}”中的路径“{info.filename}”指向文件夹之外",
                f"{name} holds a path outside its folder: {info.filename}",
            )
        out.append((path.name, archive.read(info)))
    return out
