"""The versioned store: every valid import kept as a version, nothing ever lost.

A version is a folder ``versions/v0001/`` holding one Parquet file per dataset (already
typed, 身份证号 already hashed, phones already dropped) and ``manifest.json`` (when, by
whom, the source files' names, sizes and SHA-256, row counts). ``CURRENT`` names the
version the dashboard shows; ``log.jsonl`` records every import and rollback (when, by
whom, which version). Publishing is atomic: the version is written to a temporary
folder and renamed into place, then ``CURRENT`` is replaced; an import that fails or is
abandoned leaves both untouched. A lock file serialises imports.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ingest.load import LoadResult, collect_files, load_dataset
from ingest.problems import Report
from metrics.scope import group_order

STORE_ENV = "DANGJIAN_STORE"
DEFAULT_STORE = Path(__file__).resolve().parent.parent / "store"  # git-ignored


@dataclass(frozen=True)
class Version:
    id: str
    created: str  # ISO 8601, UTC: when it was imported (bookkeeping, never a figure)
    by: str
    sources: tuple[dict, ...]  # {"file", "bytes", "sha256"}
    rows: dict[str, int]


@dataclass(frozen=True)
class ImportResult:
    version: Version | None  # None when the files did not pass the check
    report: Report

    @property
    def ok(self) -> bool:
        return self.version is not None


def store_dir() -> Path:
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


class Store:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.versions_dir = self.root / "versions"

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / ".lock").open("w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def current(self) -> str | None:
        """The id of the version shown, or None for an empty store."""
        path = self.root / "CURRENT"
        return path.read_text("utf-8").strip() or None if path.exists() else None

    def versions(self) -> list[Version]:
        """Every version, oldest first."""
        if not self.versions_dir.is_dir():
            return []
        out = []
        for folder in sorted(self.versions_dir.glob("v[0-9]*")):
            manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
            out.append(
                Version(
                    id=manifest["id"],
                    created=manifest["created"],
                    by=manifest["by"],
                    sources=tuple(manifest["sources"]),
                    rows=manifest["rows"],
                )
            )
        return out

    def load(self, version: str | None = None) -> dict[str, pd.DataFrame]:
        """The typed tables of ``version`` (default: the current one)."""
        chosen = version or self.current()
        if chosen is None:
            raise LookupError("the store has no version yet")
        folder = self.versions_dir / chosen
        return {p.stem: pd.read_parquet(p) for p in sorted(folder.glob("*.parquet"))}

    def publish(self, paths: Iterable[Path], by: str, salt: str | None = None) -> ImportResult:
        """Check the files; if they pass, keep them as a new version and make it current."""
        paths = [Path(p) for p in paths]
        result: LoadResult = load_dataset(paths, salt=salt)
        if not result.ok:
            return ImportResult(None, result.report)
        sources = [
            {"file": p.name, "bytes": p.stat().st_size, "sha256": _sha256(p)}
            for p, _ in collect_files(paths, Report())
        ]
        with self._lock():
            self.versions_dir.mkdir(parents=True, exist_ok=True)
            number = 1 + max(
                (int(v.name[1:]) for v in self.versions_dir.glob("v[0-9]*")), default=0
            )
            version_id = f"v{number:04d}"
            tmp = self.root / f".tmp-{uuid.uuid4().hex}"
            try:
                tmp.mkdir()
                rows = {name: len(frame) for name, frame in result.tables.items()}
                write_grouped(result.tables, tmp)
                manifest = {
                    "id": version_id,
                    "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    "by": by,
                    "sources": sources,
                    "rows": rows,
                }
                (tmp / "manifest.json").write_text(
                    json.dumps(manifest, ensure_ascii=False, indent=2), "utf-8"
                )
                tmp.rename(self.versions_dir / version_id)
            finally:
                if tmp.exists():
                    shutil.rmtree(tmp)
            self._set_current(version_id)
            self._log("import", version_id, by)
        version = next(v for v in self.versions() if v.id == version_id)
        return ImportResult(version, result.report)

    def rollback(self, version_id: str, by: str = "") -> None:
        """Show an earlier (or later) version again; no version is deleted."""
        if not (self.versions_dir / version_id / "manifest.json").exists():
            raise LookupError(f"no version {version_id}")
        with self._lock():
            before = self.current()
            self._set_current(version_id)
            self._log("rollback", version_id, by, previous=before)

    def log(self) -> list[dict]:
        """Every import and rollback, oldest first: {"when", "action" ("import" or
        "rollback"), "version", "by", "previous" (rollbacks: the version shown before)}."""
        path = self.root / "log.jsonl"
        if not path.exists():
            return []
        lines = path.read_text("utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def _log(self, action: str, version_id: str, by: str, previous: str | None = None) -> None:
        event = {
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "action": action,
            "version": version_id,
            "by": by,
            "previous": previous,
        }
        with (self.root / "log.jsonl").open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(event, ensure_ascii=False) + "\n")

    def _set_current(self, version_id: str) -> None:
        tmp = self.root / f".CURRENT-{uuid.uuid4().hex}"
        tmp.write_text(version_id + "\n", "utf-8")
        tmp.replace(self.root / "CURRENT")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def is_version_folder(folder: Path) -> bool:
    return (Path(folder) / "manifest.json").is_file()


ROWS_PER_WRITE = 1_000_000  # rows converted to Arrow at a time when a version is written


def write_grouped(tables: Mapping[str, pd.DataFrame], folder: Path) -> None:
    """One Parquet file per table in ``folder``, rows grouped by organisation (see
    ``metrics.scope.Grouped``) so that the dashboard's filters are slices. Written
    ROWS_PER_WRITE rows at a time, so that neither a sorted copy of a table nor the whole
    of it as Arrow is held beside it."""
    branches, orders = group_order(tables)
    _write_parquet(branches, None, folder / "branches.parquet")
    for name, (order, _) in orders.items():
        _write_parquet(tables[name], order, folder / f"{name}.parquet")


def _write_parquet(frame: pd.DataFrame, order: np.ndarray | None, path: Path) -> None:
    schema = pa.Schema.from_pandas(frame.iloc[:0], preserve_index=False)
    with pq.ParquetWriter(path, schema) as writer:
        for start in range(0, len(frame), ROWS_PER_WRITE):
            rows = slice(start, start + ROWS_PER_WRITE)
            part = frame.iloc[rows] if order is None else frame.iloc[order[rows]]
            writer.write_table(pa.Table.from_pandas(part, schema=schema, preserve_index=False))


def load_version_folder(
    folder: Path, without: Mapping[str, Iterable[str]] | None = None
) -> LoadResult:
    """A stored version as ``load_dataset`` returns a checked folder (it was checked on
    import, and versions never change); ``without`` names columns not to read, per table."""
    folder = Path(folder)
    tables = {}
    for path in sorted(folder.glob("*.parquet")):
        skip = set((without or {}).get(path.stem, ()))
        columns = [c for c in pq.read_schema(path).names if c not in skip] if skip else None
        tables[path.stem] = pd.read_parquet(path, columns=columns)
    return LoadResult(tables=tables, report=Report())


def read_version_columns(folder: Path, table: str, columns: Iterable[str]) -> pd.DataFrame:
    """Some columns of a stored table, in its row order (those present)."""
    path = Path(folder) / f"{table}.parquet"
    present = [c for c in columns if c in pq.read_schema(path).names]
    return pd.read_parquet(path, columns=present)


def current_folder(root: Path | None = None) -> Path | None:
    """The current version's folder in the store, if the store has one."""
    store = Store(root or store_dir())
    current = store.current()
    return store.versions_dir / current if current else None
