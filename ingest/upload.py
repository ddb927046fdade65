"""Files a person uploads: unpacked into a folder for checking, within limits, so that a
huge file or a hostile zip is refused with a clear message naming it and nothing is left.

A zip is read from its central directory and each table in it streamed to disk a block at
a time, never held whole: a member may unpack to no more than an uploaded file may be
(MAX_FILE_BYTES), nor to more than MAX_RATIO times its packed size (a CSV packs 5–15
times; a zip bomb thousands), and all of them together to no more than MAX_ZIP_TOTAL. A
member whose bytes are not what the directory declares (a false size, a bad checksum) is
refused as it is read. Encrypted members, zips inside zips, and two tables of one name in
different folders of a zip are refused with what to do instead.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from ingest.problems import message, printable
from ingest.read import TABLE_SUFFIXES

MAX_FILE_BYTES = 50 * 2**20  # one uploaded file, and one file unpacked from a zip
MAX_ZIP_MEMBERS = 20  # files in a zip
MAX_ZIP_ENTRIES = 200  # entries of any kind: files, folders, macOS's __MACOSX copies
MAX_ZIP_TOTAL = 200 * 2**20  # all the files in a zip, unpacked
MAX_RATIO = 100  # a zipped file's unpacked size ÷ its packed size
BLOCK = 2**20  # bytes unpacked at a time
ARCHIVE_SUFFIXES = frozenset({".zip", ".rar", ".7z", ".gz", ".tgz", ".tar", ".bz2", ".xz"})
_IGNORED = ("__MACOSX/",)  # the resource forks macOS's Finder adds to a zip


class UploadError(Exception):
    """An upload refused as a whole; ``message_zh`` and ``message_en`` say why (the
    catalogue's ``upload.*`` messages, ``i18n.problems``)."""

    def __init__(self, code: str, **kw: object) -> None:
        self.code = code
        kw = {k: printable(v) if isinstance(v, str) else v for k, v in kw.items()}
        self.message_zh, self.message_en = message(code, **kw)  # type: ignore[arg-type]  # placeholders only: no column or value
        super().__init__(self.message_en)


def _mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB"


def unpack(files: list[tuple[str, bytes]], dest: Path) -> list[Path]:
    """Write the uploaded files (a zip is opened, not recursively) into ``dest``; return the
    table files written. Raises UploadError, leaving nothing in ``dest``, when a file is too
    large, two files share a name, none is a table, or a zip is not a zip, is damaged,
    encrypted, nested, has too many or too large members or a path outside the folder."""
    made = not dest.exists()
    dest.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        _unpack(files, dest, written)
        if not any(p.suffix.lower() in TABLE_SUFFIXES for p in written):
            names = "、".join(name for name, _ in files)
            raise UploadError("upload.no_tables", names=names)
    except OSError:  # the server's disk, not the upload: full, or not writable
        _remove(written, dest, made)
        raise UploadError("upload.not_saved") from None
    except BaseException:
        _remove(written, dest, made)
        raise
    return [p for p in written if p.suffix.lower() in TABLE_SUFFIXES]


def _remove(written: list[Path], dest: Path, made: bool) -> None:
    """Undo a refused upload: every file written, and ``dest`` if ``unpack`` made it."""
    for path in written:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
    if made:
        shutil.rmtree(dest, ignore_errors=True)


NAME_BYTES = 200  # a file name on disk, in UTF-8 (Linux allows 255; a suffix fits after)
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # controls, bidi


def disk_name(name: str) -> str:
    """The name an uploaded file is written under: its own, with control and bidi
    characters replaced, and cut in the middle (its start, …, its last characters and
    suffix) where it is longer than NAME_BYTES in UTF-8 — Linux refuses a name of more than
    255 bytes, about 85 Chinese characters."""
    name = _UNSAFE.sub("_", name)
    if len(name.encode()) <= NAME_BYTES:
        return name
    path = PurePosixPath(name)
    suffix, stem = path.suffix[:16], path.stem
    head, tail = stem[: len(stem) - 12], stem[len(stem) - 12 :]
    while len(f"{head}…{tail}{suffix}".encode()) > NAME_BYTES:
        head = head[:-1]
    return f"{head}…{tail}{suffix}"


def _unpack(files: list[tuple[str, bytes]], dest: Path, written: list[Path]) -> None:
    origin: dict[str, str] = {}  # file name written → where it came from (for a clash)

    def claim(name: str, source: str) -> Path:
        name = disk_name(name)
        if name in origin:
            raise UploadError("upload.same_name", name=name, first=origin[name], second=source)
        origin[name] = source
        return dest / name

    for name, data in files:
        if len(data) > MAX_FILE_BYTES:
            raise UploadError("upload.too_large", name=name, limit=_mb(MAX_FILE_BYTES))
        if name.lower().endswith(".zip"):
            _unzip(name, data, claim, written)
        elif Path(name).suffix.lower() in TABLE_SUFFIXES:
            path = claim(PurePosixPath(name).name, name)
            path.write_bytes(data)
            written.append(path)


def _open(name: str, data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise UploadError("upload.bad_zip", name=name) from None


def _tables_of(name: str, archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The members of ``archive`` that are tables, after the checks of its directory: not
    too many entries, no path outside the archive, no archive inside it."""
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:  # folders and macOS's resource forks included
        raise UploadError("upload.too_many", name=name, n=len(entries), limit=MAX_ZIP_ENTRIES)
    infos = [i for i in entries if not i.is_dir() and not i.filename.startswith(_IGNORED)]
    if len(infos) > MAX_ZIP_MEMBERS:
        raise UploadError("upload.too_many", name=name, n=len(infos), limit=MAX_ZIP_MEMBERS)
    tables = []
    for info in infos:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts:
            raise UploadError("upload.outside", name=name, path=info.filename)
        suffix = path.suffix.lower()
        if suffix in ARCHIVE_SUFFIXES:
            raise UploadError("upload.nested", name=name, member=info.filename)
        if suffix in TABLE_SUFFIXES and not path.name.startswith("."):
            tables.append(info)  # not notes, pictures or hidden files
    return tables


def _check_member(name: str, info: zipfile.ZipInfo) -> None:
    """A table member is refused if encrypted, larger than a file may be, or packed more
    than MAX_RATIO times (as its directory entry says)."""
    if info.flag_bits & 0x1:
        raise UploadError("upload.encrypted", name=name, member=info.filename)
    declared = info.file_size
    if declared > MAX_FILE_BYTES:
        raise UploadError("upload.member_too_large", name=name, member=info.filename,
                          limit=_mb(MAX_FILE_BYTES))  # fmt: skip
    if declared > MAX_RATIO * max(info.compress_size, 1):
        raise UploadError("upload.ratio", name=name, member=info.filename, limit=MAX_RATIO)


def _unzip(name: str, data: bytes, claim, written: list[Path]) -> None:
    archive = _open(name, data)
    total = 0
    for info in _tables_of(name, archive):
        _check_member(name, info)
        total += info.file_size
        if total > MAX_ZIP_TOTAL:
            raise UploadError("upload.unpacks_too_large", name=name, limit=_mb(MAX_ZIP_TOTAL))
        path = PurePosixPath(info.filename.replace("\\", "/"))
        target = claim(path.name, f"{name}/{info.filename}")
        written.append(target)
        _stream(archive, info, target, name)


def _stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, name: str) -> None:
    """Unpack one member into ``target`` a BLOCK at a time, no further than it declares
    (zipfile stops there and checks the CRC): a member whose bytes are not what the
    directory says is refused as damaged."""
    try:
        with archive.open(info) as source, target.open("wb") as out:
            shutil.copyfileobj(source, out, BLOCK)
    except NotImplementedError:  # a compression method zipfile cannot read (a RuntimeError)
        raise UploadError("upload.method", name=name, member=info.filename) from None
    except RuntimeError:  # zipfile: "File … is encrypted, password required"
        raise UploadError("upload.encrypted", name=name, member=info.filename) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError):
        raise UploadError("upload.bad_member", name=name, member=info.filename) from None
