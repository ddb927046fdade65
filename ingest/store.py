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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from domain.clock import local_time
from domain.contract import DATASETS
from domain.order import group_order
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
            rows = manifest["rows"]
            out.append(
                Version(
                    id=manifest["id"],
                    created=manifest["created"],
                    by=manifest["by"],
                    sources=tuple(manifest["sources"]),
                    rows=rows,
                    origin=manifest.get("origin") or dict.fromkeys(rows, manifest["id"]),
                    scope=tuple(manifest.get("scope") or ()),
                    uploaded=tuple(manifest.get("uploaded") or ()),
                )
            )
        return out

    def version(self, version_id: str) -> Version:
        return next(v for v in self.versions() if v.id == version_id)

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
        folder = self.versions_dir / current
        names = [p.stem for p in sorted(folder.glob("*.parquet")) if p.stem not in removed]
        return LazyTables(folder, names)

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
                    if "members" in rows:
                        folder = self.versions_dir / str(current)
                        ids_old = set(
                            read_version_columns(folder, "members", ["member_id"]).iloc[:, 0]
                        )
                    added, left = len(ids_new - ids_old), len(ids_old - ids_new)
                action = REPLACED if name in rows else ADDED
                steps.append(Step(name, action, rows.get(name, 0), len(new), None, added, left))
            elif name in rows and name in removed:
                steps.append(Step(name, REMOVED, rows[name], 0))
            elif name in rows and version is not None:
                origin = version.origin.get(name, version.id)
                steps.append(Step(name, CARRIED, rows[name], rows[name], origin))
        return steps

    def load(self, version: str | None = None) -> dict[str, pd.DataFrame]:
        """The typed tables of ``version`` (default: the current one)."""
        chosen = version or self.current()
        if chosen is None:
            raise LookupError("the store has no version yet")
        folder = self.versions_dir / chosen
        return {p.stem: pd.read_parquet(p) for p in sorted(folder.glob("*.parquet"))}

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
                return ImportResult(None, _no_part_of_nothing())
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
            version_id = self._write(tables, set(result.tables), origin_before, current, by,
                                     sources, scope)  # fmt: skip
            self._set_current(version_id)
            self._log("import", version_id, by, previous=current, scope=scope)
        return ImportResult(self.version(version_id), result.report, steps)

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

    def _write(
        self,
        tables: Mapping[str, pd.DataFrame],
        uploaded: set[str],
        origin_before: Mapping[str, str],
        current: str | None,
        by: str,
        sources: list[dict],
        scope: tuple[str, ...] = (),
    ) -> str:
        """Write ``tables`` as the next version (under the lock, which the caller holds):
        into a temporary folder, renamed into place whole. Its id."""
        self.versions_dir.mkdir(parents=True, exist_ok=True)
        number = 1 + max((int(v.name[1:]) for v in self.versions_dir.glob("v[0-9]*")), default=0)
        version_id = f"v{number:04d}"
        tmp = self.root / f".tmp-{uuid.uuid4().hex}"
        try:
            tmp.mkdir()
            rows = {name: len(tables[name]) for name in DATASETS if name in tables}
            write_grouped(tables, tmp)
            origin = {
                name: version_id if name in uploaded else origin_before.get(name, current)
                for name in rows
            }
            manifest = {
                "id": version_id,
                "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "by": by,
                "sources": sources,
                "rows": rows,
                "origin": origin,
                "scope": list(scope),
                "uploaded": sorted(uploaded),
            }
            (tmp / "manifest.json").write_text(
                json.dumps(manifest, ensure_ascii=False, indent=2), "utf-8"
            )
            tmp.rename(self.versions_dir / version_id)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp)
        return version_id

    def rollback(
        self, version_id: str, by: str, expected: str | object | None = ANY_VERSION
    ) -> None:
        """Show an earlier (or later) version again; no version is deleted. ``by``, the
        operator, is recorded in the log and must not be blank. ``expected``, the version
        that was current when the person confirmed, refuses the rollback with
        StoreChangedError, changing nothing, when another has been made current since."""
        if not by.strip():
            raise ValueError("a rollback needs the operator's name / 回退须填写操作人")
        if not (self.versions_dir / version_id / "manifest.json").exists():
            raise LookupError(f"no version {version_id}")
        with self._lock():
            before = self.current()
            if expected is not ANY_VERSION and expected != before:
                raise StoreChangedError(
                    self._changed(_version_id(expected), before, "store.changed_rollback")
                )
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
        with (self.root / "log.jsonl").open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(event, ensure_ascii=False) + "\n")

    def _set_current(self, version_id: str) -> None:
        tmp = self.root / f".CURRENT-{uuid.uuid4().hex}"
        tmp.write_text(version_id + "\n", "utf-8")
        tmp.replace(self.root / "CURRENT")


class LazyTables(Mapping[str, pd.DataFrame]):
    """A stored version's tables by name, each read from its Parquet file when first used."""

    def __init__(self, folder: Path, names: Iterable[str]) -> None:
        self.folder, self.names = folder, list(names)
        self._read: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self.names:
            raise KeyError(name)
        if name not in self._read:
            self._read[name] = pd.read_parquet(self.folder / f"{name}.parquet")
        return self._read[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


@dataclass(frozen=True)
class Checked:
    """An upload checked as an import on top of ``based_on`` would be (``check_folder``):
    its report, the plan, and the datasets it could leave out (carried otherwise)."""

    report: Report
    steps: tuple[Step, ...]
    based_on: str | None
    carryable: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.report.ok


def check_folder(
    root: str,
    folder: str,
    remove: tuple[str, ...],
    version: str | None,
    scope: tuple[str, ...] = (),
) -> Checked:
    """``Store.check`` and the plan of the files in ``folder`` against ``version`` of the
    store at ``root`` (as an update of ``scope``'s part when it names organisations): a
    function of paths and names, so that it runs in a process of its own
    (``ingest.bounded``) and returns only what pickles small (no tables)."""
    store = Store(Path(root))
    if scope and version is None:
        return Checked(_no_part_of_nothing(), (), version, ())
    result = store.check([Path(folder)], remove=remove, version=version, scope=scope)
    rows = store.version(version).rows if version else {}
    if not result.ok:
        steps: tuple[Step, ...] = ()
    elif scope:
        steps = tuple(store.plan_within(result.tables, Within(scope, store.carried((), version))))
    else:
        steps = tuple(store.plan(result.tables, remove, version))
    carryable = () if scope else tuple(n for n in rows if n not in result.report.files)
    return Checked(result.report, steps, version, carryable)


def publish_folder(
    root: str,
    folder: str,
    by: str,
    remove: tuple[str, ...],
    expected: str | None,
    scope: tuple[str, ...] = (),
) -> ImportResult:
    """``Store.publish`` of the files in ``folder`` into the store at ``root`` if
    ``expected`` is still current (see ``check_folder`` for why it takes names)."""
    return Store(Path(root)).publish(
        [Path(folder)], by=by, remove=remove, expected=expected, scope=scope
    )


def _no_part_of_nothing() -> Report:
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
