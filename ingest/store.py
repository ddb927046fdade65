"""The versioned store: every valid import kept as a version, nothing ever lost.

A version is a folder ``versions/v0001/`` holding one Parquet file per dataset (already
typed, 身份证号 already hashed, phones already dropped) and ``manifest.json`` (when, by
whom, the source files' names, sizes and SHA-256, row counts, and for each dataset the
version whose upload it holds).

An import need not bring every dataset: the monthly roster update uploads 党组织 and 党员
only. The datasets it does not bring are **carried forward** from the current version,
unless it asks to remove them, and the new version is checked as a whole (records kept
from the current version must still name organisations of the new branches table).

``CURRENT`` names the version the dashboard shows; ``log.jsonl`` records every import and
rollback (when, by whom, which version). Publishing is atomic: the version is written to a
temporary folder and renamed into place, then ``CURRENT`` is replaced; an import that fails
or is abandoned leaves both untouched. A lock file serialises imports and rollbacks, and an
import reads the current version only under it (see ``Store.publish``).
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
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from domain.clock import local_time
from domain.contract import DATASETS
from domain.order import group_order
from ingest import lean
from ingest.load import LoadResult, collect_files, load_dataset
from ingest.problems import Report, problem
from ingest.within import Within

STORE_ENV = "DANGJIAN_STORE"
DEFAULT_STORE = Path(__file__).resolve().parent.parent / "store"  # git-ignored


@dataclass(frozen=True)
class Version:
    id: str
    created: str  # ISO 8601, UTC: when it was imported (bookkeeping, never a figure)
    by: str
    sources: tuple[dict, ...]  # {"file", "bytes", "sha256"}
    rows: dict[str, int]
    origin: dict[str, str]  # dataset -> the version whose upload it holds (itself if uploaded)
    scope: tuple[str, ...] = ()  # the organisations an update of part was of; () the whole
    uploaded: tuple[str, ...] = ()  # the datasets its files brought


REPLACED, ADDED, CARRIED, REMOVED = "replaced", "added", "carried", "removed"
ANY_VERSION = object()  # ``Store.publish``'s default: plan against whatever is current


def _version_id(expected: object) -> str | None:
    """A version expected current, as its id (None: no version at all)."""
    return expected if isinstance(expected, str) else None


@dataclass(frozen=True)
class Step:
    """What an import does to one dataset: ``action`` is REPLACED (uploaded, the current
    version had it), ADDED (uploaded, new), CARRIED (kept from ``origin``) or REMOVED (the
    current version had it; the new one will not). Rows before and after; for members,
    the members added and left (by member_id)."""

    dataset: str
    action: str
    rows_before: int
    rows_after: int
    origin: str | None = None
    added: int | None = None
    left: int | None = None


@dataclass(frozen=True)
class ImportResult:
    version: Version | None  # None when the files did not pass the check
    report: Report
    steps: tuple[Step, ...] = ()  # what the import did (or would have done) to each dataset

    @property
    def ok(self) -> bool:
        return self.version is not None


class StoreChangedError(Exception):
    """A rollback refused because another version became current after the person
    confirmed: ``problem`` says who changed it, from which version to which, and when."""

    def __init__(self, report: Report) -> None:
        self.problem = report.problems[0]
        super().__init__(self.problem.message_en)


def store_location() -> str:
    """Where the store is: DANGJIAN_STORE (a folder, or a postgresql:// address), else the
    project's store/ folder (``ingest.stores.open_store``)."""
    return os.environ.get(STORE_ENV) or str(DEFAULT_STORE)


class VersionStore:
    """What every store does, whatever holds it: plan, check, publish, roll back.

    A backend gives the primitives: the lock under which an import or a rollback runs
    (``_lock``), the current version, the versions' manifests, a stored table, writing a
    version, the log. ``Store`` keeps them in a folder (the default, for one machine);
    ``ingest.pg_store.PostgresStore`` in a PostgreSQL database that many hosts share.
    """

    location: str  # where the store is: a folder's path, or a database's address

    # -- the primitives a backend gives ------------------------------------------------
    def _lock(self) -> contextlib.AbstractContextManager[None]:
        """Held from reading the current version to logging the new one: one import or
        rollback at a time; on a database, also the transaction that makes it all or
        nothing."""
        raise NotImplementedError

    def current(self) -> str | None:
        """The id of the version shown, or None for an empty store."""
        raise NotImplementedError

    def manifests(self) -> list[dict]:
        """Every version's manifest, oldest first."""
        raise NotImplementedError

    def has(self, version_id: str) -> bool:
        """Whether the store holds the version ``version_id``."""
        return any(m["id"] == version_id for m in self.manifests())

    def table_names(self, version_id: str) -> list[str]:
        """The datasets the version holds, sorted by name."""
        raise NotImplementedError

    def read_table(
        self, version_id: str, name: str, columns: Iterable[str] | None = None
    ) -> pd.DataFrame:
        """A table of the version, typed as it was written, in its stored row order
        (``columns``: those of them it has; None: all)."""
        raise NotImplementedError

    def _write_version(self, tables: Mapping[str, pd.DataFrame], manifest: dict) -> None:
        """Write ``tables`` as the version ``manifest["id"]``, whole or not at all (under
        the lock). Tables are passed grouped (``group_order``) where they need it."""
        raise NotImplementedError

    def _set_current(self, version_id: str) -> None:
        raise NotImplementedError

    def log(self) -> list[dict]:
        """Every import and rollback, oldest first: {"when", "action" ("import" or
        "rollback"), "version", "by", "previous" (the version shown before), "scope" (an
        update of part)}."""
        raise NotImplementedError

    def _append_log(self, event: dict) -> None:
        raise NotImplementedError

    # -- what every store does ---------------------------------------------------------
    def _next_id(self) -> str:
        """The next version's id (under the lock): v0001, v0002, …"""
        numbers = [int(m["id"][1:]) for m in self.manifests()]
        return f"v{1 + max(numbers, default=0):04d}"

    def versions(self) -> list[Version]:
        """Every version, oldest first."""
        return [_version(manifest) for manifest in self.manifests()]

    def version(self, version_id: str) -> Version:
        return next(v for v in self.versions() if v.id == version_id)

    def load(self, version: str | None = None) -> dict[str, pd.DataFrame]:
        """The typed tables of ``version`` (default: the current one)."""
        chosen = version or self.current()
        if chosen is None:
            raise LookupError("the store has no version yet")
        return {name: self.read_table(chosen, name) for name in self.table_names(chosen)}

    def _chosen(self, version: str | object | None) -> str | None:
        """``version``, or the current one when it is ANY_VERSION."""
        return self.current() if version is ANY_VERSION else _version_id(version)

    def carried(
        self, remove: Iterable[str] = (), version: str | object | None = ANY_VERSION
    ) -> Mapping[str, pd.DataFrame]:
        """The tables of ``version`` (default: the current one) an import keeps unless it
        brings them: all but ``remove``; none for an empty store (None). Each table is read
        when first asked for, so an import that brings every dataset reads none."""
        current = self._chosen(version)
        if current is None:
            return {}
        removed = set(remove)
        names = [n for n in self.table_names(current) if n not in removed]
        return LazyTables(partial(self.read_table, current), names)

    def check(
        self,
        paths: Iterable[Path],
        salt: str | None = None,
        remove: Iterable[str] = (),
        version: str | object | None = ANY_VERSION,
        scope: tuple[str, ...] = (),
    ) -> LoadResult:
        """Check files as an import would: with the other datasets of ``version`` (default:
        the current one) carried forward (``carried``); with ``scope`` (组织编号), as an
        update of those organisations' part only (``ingest.within``). The result's tables
        are the uploaded ones only."""
        carried = self.carried(() if scope else remove, version)
        within = Within(scope, carried) if scope else None
        return load_dataset([Path(p) for p in paths], salt=salt, carried=carried, within=within)

    def plan_within(self, uploaded: Mapping[str, pd.DataFrame], within: Within) -> list[Step]:
        """What an update of part of the sub-district (``within``) does to that part of each
        dataset: its rows before and after (the rest are kept as they are)."""
        steps = []
        for name in DATASETS:
            new = uploaded.get(name)
            if new is None:
                continue
            before = within.scope_rows(name)
            added = left = None
            if name == "members" and "members" in within.current:
                old = within.current["members"]
                ids_old = set(old["member_id"]) - set(within.outside("members")["member_id"])
                ids_new = set(new["member_id"])
                added, left = len(ids_new - ids_old), len(ids_old - ids_new)
            action = REPLACED if name in within.current else ADDED
            steps.append(Step(name, action, before, len(new), None, added, left))
        return steps

    def plan(
        self,
        uploaded: Mapping[str, pd.DataFrame],
        remove: Iterable[str] = (),
        version: str | object | None = ANY_VERSION,
    ) -> list[Step]:
        """What importing ``uploaded`` (checked tables) on top of ``version`` (default: the
        current one) would do to each dataset, in the contract's order; datasets neither
        there nor uploaded are left out."""
        current = self._chosen(version)
        version = self.version(current) if current else None
        rows = version.rows if version else {}
        removed = set(remove)
        steps = []
        for name in DATASETS:
            new = uploaded.get(name)
            if new is not None:
                added = left = None
                if name == "members":
                    ids_new = set(new["member_id"])
                    ids_old = set()
                    if "members" in rows and current is not None:
                        old = self.read_table(current, "members", ["member_id"])
                        ids_old = set(old["member_id"])
                    added, left = len(ids_new - ids_old), len(ids_old - ids_new)
                action = REPLACED if name in rows else ADDED
                steps.append(Step(name, action, rows.get(name, 0), len(new), None, added, left))
            elif name in rows and name in removed:
                steps.append(Step(name, REMOVED, rows[name], 0))
            elif name in rows and version is not None:
                origin = version.origin.get(name, version.id)
                steps.append(Step(name, CARRIED, rows[name], rows[name], origin))
        return steps

    def publish(
        self,
        paths: Iterable[Path],
        by: str,
        salt: str | None = None,
        remove: Iterable[str] = (),
        expected: str | object | None = ANY_VERSION,
        scope: tuple[str, ...] = (),
    ) -> ImportResult:
        """Check the files; if they pass, keep them as a new version and make it current.
        With ``scope`` (组织编号), the files are an update of those organisations' part only:
        each dataset they bring replaces that part's rows and keeps the others
        (``ingest.within``), and ``remove`` does not apply.
        The datasets they do not bring are carried forward from the current version, but
        those named in ``remove`` (see ``check``); the whole is checked before anything is
        written.

        Everything, from reading the current version to logging the new one, happens under
        the store's lock: two imports at once are made one after the other, the second
        planned, checked and carried forward from the first's version, and the log names
        the version each one truly replaced. ``expected``, the version a person's plan was
        checked against (None: an empty store), refuses the import with ``store.changed``,
        writing nothing, when another import or a rollback has made another version current
        since: the plan they confirmed is not the one that would be carried out."""
        paths = [Path(p) for p in paths]
        with self._lock():
            current = self.current()
            if expected is not ANY_VERSION and expected != current:
                return ImportResult(None, self._changed(_version_id(expected), current))
            remove = () if scope else remove
            carried = self.carried(remove, current)
            within = Within(scope, carried) if scope and current else None
            if scope and current is None:
                return ImportResult(None, no_part_of_nothing())
            origin_before = self.version(current).origin if current else {}
            result: LoadResult = load_dataset(paths, salt=salt, carried=carried, within=within)
            both = sorted(set(remove) & set(result.report.files))
            for name in both:  # uploaded and to be removed: say which is meant
                result.report.add(problem("dataset.removed_and_uploaded", result.report.files[name],
                                          dataset=f"{DATASETS[name].zh} {name}"))  # fmt: skip
            if not result.ok:
                return ImportResult(None, result.report)
            if within is not None:
                steps = tuple(self.plan_within(result.tables, within))
                uploaded = {n: within.merged(n, t) for n, t in result.tables.items()}
            else:
                steps = tuple(self.plan(result.tables, remove, current))
                uploaded = dict(result.tables)
            kept = {name: carried[name] for name in carried if name not in result.tables}
            tables = {**uploaded, **kept}
            sources = [
                {"file": p.name, "bytes": p.stat().st_size, "sha256": _sha256(p)}
                for p, _ in collect_files(paths, Report())
            ]
            manifest = self._manifest(tables, set(result.tables), origin_before, current, by,
                                      sources, scope)  # fmt: skip
            self._write_version(tables, manifest)
            self._set_current(manifest["id"])
            self._log("import", manifest["id"], by, previous=current, scope=scope)
        return ImportResult(_version(manifest), result.report, steps)

    def _changed(
        self, expected: str | None, current: str | None, code: str = "store.changed"
    ) -> Report:
        """The report of an import (or rollback) refused because ``current`` is no longer
        ``expected``: who made it current, and when (the log's last word on it)."""
        log = reversed(self.log())
        last: dict[str, Any] = next((e for e in log if e["version"] == current), {})
        report = Report()
        report.add(problem(code, "", expected=expected or "—",
                           current=current or "—", by=last.get("by") or "—",
                           when=local_time(last["when"]) if "when" in last else "—"))  # fmt: skip
        return report

    def _manifest(
        self,
        tables: Mapping[str, pd.DataFrame],
        uploaded: set[str],
        origin_before: Mapping[str, str],
        current: str | None,
        by: str,
        sources: list[dict],
        scope: tuple[str, ...] = (),
    ) -> dict:
        """The next version's manifest (under the lock): its id, when, by whom, the source
        files, each dataset's rows and origin (the version whose upload it holds: itself for
        those uploaded), the scope of an update of part, and the datasets uploaded."""
        version_id = self._next_id()
        rows = {name: len(tables[name]) for name in DATASETS if name in tables}
        return {
            "id": version_id,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "by": by,
            "sources": sources,
            "rows": rows,
            "origin": {
                name: version_id if name in uploaded else origin_before.get(name, current)
                for name in rows
            },
            "scope": list(scope),
            "uploaded": sorted(uploaded),
        }

    def rollback(
        self, version_id: str, by: str, expected: str | object | None = ANY_VERSION
    ) -> None:
        """Show an earlier (or later) version again; no version is deleted. ``by``, the
        operator, is recorded in the log and must not be blank. ``expected``, the version
        that was current when the person confirmed, refuses the rollback with
        StoreChangedError, changing nothing, when another has been made current since."""
        if not by.strip():
            raise ValueError("a rollback needs the operator's name / 回退须填写操作人")
        if not self.has(version_id):
            raise LookupError(f"no version {version_id}")
        with self._lock():
            before = self.current()
            if expected is not ANY_VERSION and expected != before:
                raise StoreChangedError(
                    self._changed(_version_id(expected), before, "store.changed_rollback")
                )
            self._set_current(version_id)
            self._log("rollback", version_id, by, previous=before)

    def _log(
        self,
        action: str,
        version_id: str,
        by: str,
        previous: str | None = None,
        scope: tuple[str, ...] = (),
    ) -> None:
        event: dict[str, object] = {
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "action": action,
            "version": version_id,
            "by": by,
            "previous": previous,
        }
        if scope:
            event["scope"] = list(scope)
        self._append_log(event)


class Store(VersionStore):
    """The store in a folder: ``versions/v0001/`` (a Parquet file per dataset and
    ``manifest.json``), ``CURRENT``, ``log.jsonl`` and a lock file (see the module's
    docstring). For one machine, or processes on one disk."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.location = str(self.root)
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
        path = self.root / "CURRENT"
        return path.read_text("utf-8").strip() or None if path.exists() else None

    def manifests(self) -> list[dict]:
        if not self.versions_dir.is_dir():
            return []
        return [
            json.loads((folder / "manifest.json").read_text("utf-8"))
            for folder in sorted(self.versions_dir.glob("v[0-9]*"))
        ]

    def has(self, version_id: str) -> bool:
        return (self.versions_dir / version_id / "manifest.json").exists()

    def table_names(self, version_id: str) -> list[str]:
        return [p.stem for p in sorted((self.versions_dir / version_id).glob("*.parquet"))]

    def read_table(
        self, version_id: str, name: str, columns: Iterable[str] | None = None
    ) -> pd.DataFrame:
        folder = self.versions_dir / version_id
        if columns is None:
            return pd.read_parquet(folder / f"{name}.parquet")
        return read_version_columns(folder, name, columns)

    def _write_version(self, tables: Mapping[str, pd.DataFrame], manifest: dict) -> None:
        """Into a temporary folder, renamed into place whole."""
        self.versions_dir.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f".tmp-{uuid.uuid4().hex}"
        try:
            tmp.mkdir()
            write_grouped(tables, tmp)
            (tmp / "manifest.json").write_text(
                json.dumps(manifest, ensure_ascii=False, indent=2), "utf-8"
            )
            tmp.rename(self.versions_dir / manifest["id"])
        finally:
            if tmp.exists():
                shutil.rmtree(tmp)

    def _set_current(self, version_id: str) -> None:
        tmp = self.root / f".CURRENT-{uuid.uuid4().hex}"
        tmp.write_text(version_id + "\n", "utf-8")
        tmp.replace(self.root / "CURRENT")

    def log(self) -> list[dict]:
        path = self.root / "log.jsonl"
        if not path.exists():
            return []
        lines = path.read_text("utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def _append_log(self, event: dict) -> None:
        with (self.root / "log.jsonl").open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(event, ensure_ascii=False) + "\n")


def _version(manifest: dict) -> Version:
    """A manifest as a Version."""
    rows = manifest["rows"]
    return Version(
        id=manifest["id"],
        created=manifest["created"],
        by=manifest["by"],
        sources=tuple(manifest["sources"]),
        rows=rows,
        origin=manifest.get("origin") or dict.fromkeys(rows, manifest["id"]),
        scope=tuple(manifest.get("scope") or ()),
        uploaded=tuple(manifest.get("uploaded") or ()),
    )


class LazyTables(Mapping[str, pd.DataFrame]):
    """A stored version's tables by name, each read (``read(name)``) when first used."""

    def __init__(self, read: Callable[[str], pd.DataFrame], names: Iterable[str]) -> None:
        self.read, self.names = read, list(names)
        self._read: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self.names:
            raise KeyError(name)
        if name not in self._read:
            self._read[name] = self.read(name)
        return self._read[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def no_part_of_nothing() -> Report:
    """An update of part of the sub-district needs a current version to be part of."""
    report = Report()
    report.add(problem("scope.no_version", ""))
    return report


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def is_version_folder(folder: Path) -> bool:
    """The folder holds a stored version: its manifest, written before the version's folder
    takes its name (a folder found to hold one is not asked again: a version never
    changes)."""
    name = str(folder)
    if name in _VERSION_FOLDERS:
        return True
    found = (Path(folder) / "manifest.json").is_file()
    if found:
        _VERSION_FOLDERS.add(name)
    return found


_VERSION_FOLDERS: set[str] = set()  # folders found to hold a version


ROWS_PER_WRITE = 1_000_000  # rows converted to Arrow at a time when a version is written


def write_grouped(tables: Mapping[str, pd.DataFrame], folder: Path) -> None:
    """One Parquet file per table in ``folder``, rows grouped by organisation (see
    ``metrics.scope.Grouped``) so that the dashboard's filters are slices. Written
    ROWS_PER_WRITE rows at a time, so that neither a sorted copy of a table nor the whole
    of it as Arrow is held beside it."""
    branches, orders = group_order(tables)
    write_parquet(branches, None, folder / "branches.parquet")
    for name, (order, _) in orders.items():
        write_parquet(tables[name], order, folder / f"{name}.parquet")


def write_parquet(frame: pd.DataFrame, order: np.ndarray | None, path: Path) -> None:
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
        columns = [c for c in pq.read_schema(path).names if c not in skip]
        tables[path.stem] = read_narrowed(path, columns)
    return LoadResult(tables=tables, report=Report())


def read_narrowed(path: Path, columns: list[str]) -> pd.DataFrame:
    """``columns`` of a stored table, in the types they are shown in (``ingest.lean``).

    Read a column at a time, each freed from Arrow's pool before the next, and categories
    read as Parquet dictionaries: at 100× the activities' peak while loading is then about
    0.8 GB, not 1.4 GB (``pd.read_parquet`` decodes every column at once)."""
    table = path.stem
    parquet = pq.ParquetFile(path, read_dictionary=list(lean.CATEGORIES.get(table, ())))
    if not columns:
        return parquet.read(columns=[], use_pandas_metadata=True).to_pandas()
    out = {}
    counts = lean.COUNTS.get(table, ())
    for column in columns:
        one = parquet.read(columns=[column], use_pandas_metadata=column not in counts)
        if column in counts and pa.types.is_integer(one.schema.field(column).type):
            out[column] = lean.narrow_count_arrow(one.column(column))
        else:
            series = one.to_pandas(self_destruct=True)[column]
            out[column] = lean.narrow_column(table, column, series)
        del one
        pa.default_memory_pool().release_unused()
    return pd.DataFrame(out, copy=False)


def read_version_columns(folder: Path, table: str, columns: Iterable[str]) -> pd.DataFrame:
    """Some columns of a stored table, in its row order (those present)."""
    path = Path(folder) / f"{table}.parquet"
    present = [c for c in columns if c in pq.read_schema(path).names]
    return pd.read_parquet(path, columns=present)
