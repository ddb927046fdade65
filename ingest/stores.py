"""Which store, and a version of it as a folder the dashboard reads.

The store's location is ``DANGJIAN_STORE`` or a command's ``--store``: a folder (the
default, for one machine) or a ``postgresql://`` address (for many hosts that share
nothing but the database).

The dashboard reads a version as a folder of Parquet files (memory-mapped, a column at a
time). A folder store's versions are such folders already. A database's version is
copied once per host into a local cache (``DANGJIAN_CACHE``, else a folder of the system's
temporary directory) the first time a process on that host needs it, read from the
database as Arrow, written whole under a temporary name and renamed into place; versions
never change, so the copy never goes stale, and the version shown is asked of the database
on every run.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from domain.order import group_order
from ingest.pg_store import PostgresStore, is_database
from ingest.problems import Report
from ingest.store import (
    ImportResult,
    Step,
    Store,
    VersionStore,
    is_version_folder,
    no_part_of_nothing,
    store_location,
    write_parquet,
)
from ingest.within import Within

CACHE_ENV = "DANGJIAN_CACHE"
_DATABASES: dict[str, PostgresStore] = {}  # one per address and process: its schema checked once


def open_store(location: str | Path | None = None) -> VersionStore:
    """The store at ``location`` (default: ``store_location()``): a ``postgresql://``
    address, else a folder."""
    location = str(location or store_location())
    if is_database(location):
        if location not in _DATABASES:
            _DATABASES[location] = PostgresStore(location)
        return _DATABASES[location]
    return Store(Path(location))


def access_location(location: str | None = None) -> str:
    """Where the sign-in records are kept (accounts, failed sign-ins, the audit trail:
    ``access.pg_ledger.open_ledger``): in the database of a database store, so that every
    host shares them; in a folder store's own folder."""
    location = str(location or store_location())
    return location if is_database(location) else str(Path(location))


def shown_location(location: str) -> str:
    """A store's location as the dashboard may show it: a database's address without its
    password."""
    if not is_database(location):
        return str(Path(location).resolve())
    scheme, _, rest = location.partition("://")
    who, at, where = rest.rpartition("@")
    user = who.split(":", 1)[0]
    return f"{scheme}://{user}{at}{where}" if at else location


def cache_root(location: str) -> Path:
    """Where this host keeps its copies of a database store's versions: one folder per
    database (named by a hash of its address, which may hold a password)."""
    base = Path(os.environ.get(CACHE_ENV) or Path(tempfile.gettempdir()) / "dangjian-cache")
    return base / hashlib.sha256(location.encode()).hexdigest()[:16]


@contextlib.contextmanager
def _host_lock(folder: Path) -> Iterator[None]:
    """One process of this host copies a version at a time (the others then find it)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def version_folder(store: VersionStore, version_id: str) -> Path:
    """The version as a folder of Parquet files and its manifest: the folder store's own,
    or this host's copy of a database's (made now if it has none)."""
    if isinstance(store, Store):
        return store.versions_dir / version_id
    root = cache_root(store.location)
    folder = root / version_id
    if is_version_folder(folder):
        return folder
    with _host_lock(root):
        if is_version_folder(folder):
            return folder
        manifest = next(m for m in store.manifests() if m["id"] == version_id)
        manifest = {k: v for k, v in manifest.items() if k != "dtypes"}
        tmp = root / f".tmp-{uuid.uuid4().hex}"
        try:
            tmp.mkdir()
            _copy_apart(store.location, version_id, tmp)
            (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
            tmp.rename(folder)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp)
    return folder


class CopyError(RuntimeError):
    """A host's copy of a database version could not be made."""


def _copy_apart(location: str, version_id: str, folder: Path) -> None:
    """``_write_copy`` in a process of its own (``python -m ingest.stores``), so that the
    server's process never holds what reading the version from the database costs (at
    100× the sample, several GB for a minute): it reads only the Parquet copy after."""
    done = subprocess.run(
        [sys.executable, "-m", "ingest.stores", location, version_id, str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        raise CopyError(f"copying {version_id} from the database failed: {last}")


def _write_copy(store: VersionStore, version_id: str, folder: Path) -> None:
    """The version's tables into ``folder`` as the folder store writes them
    (``write_grouped``: rows grouped by organisation), one table at a time, so that a
    process holds no more than the largest table while it copies."""
    names = store.table_names(version_id)
    branches = store.read_table(version_id, "branches")
    ids = {n: store.read_table(version_id, n, ["branch_id"]) for n in names if n != "branches"}
    grouped, orders = group_order({"branches": branches, **ids})
    del ids
    write_parquet(grouped, None, folder / "branches.parquet")
    for name, (order, _) in orders.items():
        path = folder / f"{name}.parquet"
        if (  # a database's table already grouped: streamed as it comes
            order is None
            and isinstance(store, PostgresStore)
            and _write_batches(store.read_batches(version_id, name), path)
        ):
            continue
        write_parquet(store.read_table(version_id, name), order, path)


def _write_batches(batches: Iterator[pd.DataFrame], path: Path) -> bool:
    """Frames of one table, in order, into one Parquet file as the folder store writes it;
    whether there was any (an empty table is written by ``write_parquet``)."""
    writer = None
    try:
        for frame in batches:
            part = pa.Table.from_pandas(frame, preserve_index=False)
            if writer is None:
                writer = pq.ParquetWriter(path, part.schema)
            writer.write_table(part.cast(writer.schema))
    finally:
        if writer is not None:
            writer.close()
    return writer is not None


def current_version_folder(location: str | None = None) -> Path | None:
    """The current version of the store at ``location`` as a folder (``version_folder``),
    or None for an empty store (or a folder store that does not exist yet)."""
    location = str(location or store_location())
    if not is_database(location) and not Path(location).exists():
        return None
    store = open_store(location)
    current = store.current()
    return version_folder(store, current) if current else None


def copy_store(source: VersionStore, target: VersionStore) -> list[str]:
    """Every version of ``source`` into the empty store ``target``, as it was (ids,
    manifests, the rows of each dataset it brought), then its current version and its log:
    how a sub-district's folder store moves into a city's database. The ids copied."""
    if target.manifests():
        raise ValueError("the target store is not empty / 目标数据仓库不是空的")
    copied = []
    with target._lock():
        for manifest in source.manifests():
            tables = source.load(manifest["id"])
            own = dict.fromkeys(manifest["rows"], manifest["id"])  # an early version's
            target._write_version(tables, {**manifest, "origin": manifest.get("origin") or own})
            copied.append(manifest["id"])
        current = source.current()
        if current is not None:
            target._set_current(current)
        for event in source.log():
            target._append_log(event)
    return copied


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
    store = open_store(root)
    if scope and version is None:
        return Checked(no_part_of_nothing(), (), version, ())
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
    return open_store(root).publish(
        [Path(folder)], by=by, remove=remove, expected=expected, scope=scope
    )


if __name__ == "__main__":  # _copy_apart's process: LOCATION VERSION FOLDER
    _write_copy(open_store(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
