"""Which data a surface shows: the app, the summary command and every export choose alike.

1. ``--data`` when given: a folder of files (or one file), or a version of the store by its
   id (``v0003``);
2. else the folder named by DANGJIAN_DATA_DIR;
3. else the store's current version (``ingest.store``);
4. else the bundled sample (SAMPLE_DIR).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ingest.lean import narrowed
from ingest.load import LoadResult, load_dataset
from ingest.store import is_version_folder, load_version_folder
from ingest.stores import current_version_folder, open_store, version_folder

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "sample"
DATA_DIR_ENV = "DANGJIAN_DATA_DIR"
VERSION_ID = re.compile(r"v\d{4,}")


@dataclass(frozen=True)
class Source:
    """The data chosen: a folder of files, a stored version or the sample."""

    path: Path

    @property
    def is_sample(self) -> bool:
        return is_sample(self.path)

    @property
    def is_stored(self) -> bool:
        return is_version_folder(self.path)


class UnknownVersionError(LookupError):
    """``--data`` names a version the store does not have."""


def is_sample(path: Path) -> bool:
    return Path(path).resolve() == SAMPLE_DIR  # resolved as the module is loaded


def folder_wins() -> bool:
    """DANGJIAN_DATA_DIR is set: it is shown, whatever the store holds."""
    return bool(os.environ.get(DATA_DIR_ENV))


def choose(given: str | Path | None = None) -> Source:
    """The data to show (see the module's docstring). A ``given`` that is not a path but
    looks like a version id is looked up in the store; UnknownVersionError if it has none."""
    if given is not None:
        path = Path(given)
        if not path.exists() and VERSION_ID.fullmatch(str(given)):
            store = open_store()
            if not store.has(str(given)):
                raise UnknownVersionError(str(given))
            return Source(version_folder(store, str(given)).resolve())
        return Source(path.resolve())
    if folder_wins():
        return Source(Path(os.environ[DATA_DIR_ENV]).resolve())
    current = current_version_folder()
    if current is not None:
        return Source(current.resolve())
    return Source(SAMPLE_DIR.resolve())


def load(source: Source, salt: str | None = None) -> LoadResult:
    """The tables of ``source``: a stored version read as stored (checked when imported),
    else the files read and checked (``ingest.load_dataset``)."""
    if source.is_stored:
        return load_version_folder(source.path)
    result = load_dataset([source.path], salt=salt)
    return replace(result, tables=narrowed(result.tables)) if result.ok else result
