"""Files a person uploads: unpacked into a folder for checking, within limits, so that a
huge file or a hostile zip is refused with a clear message and nothing is written."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path, PurePosixPath

from ingest.problems import message
from ingest.read import TABLE_SUFFIXES

MAX_FILE_BYTES = 50 * 2**20  # one uploaded file
MAX_ZIP_MEMBERS = 20
MAX_ZIP_TOTAL = 200 * 2**20  # all the files in a zip, unpacked


class UploadError(Exception):
    """An upload refused as a whole; ``message_zh`` and ``message_en`` say why (the
    catalogue's ``upload.*`` messages, ``i18n.problems``)."""

    def __init__(self, code: str, **kw: object) -> None:
        self.code = code
        self.message_zh, self.message_en = message(code, **kw)
        super().__init__(self.message_en)


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
            raise UploadError("upload.too_large", name=name, limit=_mb(MAX_FILE_BYTES))
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
        raise UploadError("upload.bad_zip", name=name) from exc
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if len(infos) > MAX_ZIP_MEMBERS:
        raise UploadError("upload.too_many", name=name, n=len(infos), limit=MAX_ZIP_MEMBERS)
    if sum(i.file_size for i in infos) > MAX_ZIP_TOTAL:
        raise UploadError("upload.unpacks_too_large", name=name, limit=_mb(MAX_ZIP_TOTAL))
    out = []
    for info in infos:
        path = PurePosixPath(info.filename)
        if path.is_absolute() or ".." in path.parts:
            raise UploadError("upload.outside", name=name, path=info.filename)
        out.append((path.name, archive.read(info)))
    return out
