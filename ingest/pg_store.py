"""The versioned store in PostgreSQL, for many server processes on many hosts that share
nothing but the database (``DANGJIAN_STORE=postgresql://…``).

It keeps what the folder store keeps (``ingest.store``), in the tables of
``ingest.pg_schema``: each version's manifest (``store_versions``), the version shown
(``store_current``), the log (``store_log``), and each dataset's rows, typed, in a table of
its own (``ds_members``, …), under the version whose upload they are. A dataset carried
forward is not copied: the new version's manifest names the version that holds it
(``origin``), and its rows are read from there.

An import or a rollback is one transaction, under an advisory lock that every host takes
(``pg_advisory_xact_lock``): checked, written, made current and logged, or nothing at all;
a process killed half way leaves no trace, for the server rolls its transaction back.

Rows go in and come out as Arrow (ADBC's PostgreSQL driver, which speaks binary COPY), and
each column gets back the exact pandas type it was written with (recorded in the
manifest, ``dtypes``): categories with their categories, dates, nullable integers and
booleans, strings.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
from collections.abc import Iterable, Iterator, Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from adbc_driver_postgresql import dbapi

from domain.order import group_order
from ingest.migrate import require_latest
from ingest.pg_schema import quoted, stored_columns, table_of
from ingest.store import VersionStore

VERSION_ID = re.compile(r"v\d{4,}")  # as the store names its versions

STORE_LOCK = 7_140_002  # the advisory lock imports and rollbacks take, on every host
SCHEMES = ("postgresql://", "postgres://")


def is_database(location: str) -> bool:
    """Whether a store's location is a PostgreSQL database's address."""
    return str(location).startswith(SCHEMES)


def dtype_of(series: pd.Series) -> dict:
    """What ``restore`` needs to give a column back its pandas type."""
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return {"dtype": "category", "categories": [str(c) for c in dtype.categories],
                "ordered": bool(dtype.ordered)}  # fmt: skip
    return {"dtype": str(dtype)}


def restore(column: pa.ChunkedArray, spec: dict) -> pd.Series:
    """A column read back as Arrow, in the pandas type it was written with (``dtype_of``):
    a category by its codes (no string per row made), a date cast to the unit written,
    nullable integers and booleans as such."""
    column = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    if spec["dtype"] == "category":
        kind = pd.CategoricalDtype(spec["categories"], ordered=spec["ordered"])
        codes = pc.index_in(column, value_set=pa.array(spec["categories"], pa.string()))
        codes = pc.fill_null(codes, -1).to_numpy(zero_copy_only=False)
        return pd.Series(pd.Categorical.from_codes(codes, dtype=kind))
    if spec["dtype"].startswith("datetime64"):
        unit = spec["dtype"][len("datetime64[") : -1]
        return pd.Series(column.cast(pa.timestamp(unit)).to_pandas())
    mapper = _NULLABLE.get
    return column.to_pandas(types_mapper=mapper).astype(spec["dtype"])


def _arrow(frame: pd.DataFrame, version_id: str, dataset: str) -> pa.Table:
    """The rows as the dataset's table holds them: version, row number, then each stored
    column (categories as text, dates as dates; absent columns as nulls)."""
    n = len(frame)
    arrays = [pa.array(np.full(n, version_id, dtype=object), pa.string()),
              pa.array(np.arange(n, dtype=np.int64))]  # fmt: skip
    names = ["version_id", "row_no"]
    for column, sql in stored_columns(dataset):
        target = _ARROW[sql]
        if column in frame.columns:
            values = frame[column]
            if isinstance(values.dtype, pd.CategoricalDtype):
                values = values.astype("object")
            if sql == "date":
                array = pa.array(pd.to_datetime(values).dt.date.to_numpy(), pa.date32(),
                                 from_pandas=True)  # fmt: skip
            else:
                array = pa.array(values, type=target, from_pandas=True)
        else:
            array = pa.nulls(n, target)
        arrays.append(array)
        names.append(column)
    return pa.Table.from_arrays(arrays, names=names)


_ARROW = {
    "text": pa.string(),
    "date": pa.date32(),
    "bigint": pa.int64(),
    "double precision": pa.float64(),
    "boolean": pa.bool_(),
}


class PostgresStore(VersionStore):
    """The store in the PostgreSQL database at ``uri`` (migrated: ``ingest.migrate``)."""

    def __init__(self, uri: str) -> None:
        self.uri = self.location = uri
        self._held = threading.local()  # the lock's connection, in the thread that holds it
        require_latest(uri)

    @property
    def _conn(self) -> dbapi.Connection | None:
        return getattr(self._held, "conn", None)

    @_conn.setter
    def _conn(self, conn: dbapi.Connection | None) -> None:
        self._held.conn = conn

    @contextlib.contextmanager
    def _connection(self) -> Iterator[dbapi.Connection]:
        """The lock's connection while it is held (so that an import reads what it
        writes), else a connection of its own for one read."""
        if self._conn is not None:
            yield self._conn
            return
        with dbapi.connect(self.uri) as conn:
            try:
                yield conn
            finally:
                conn.rollback()  # reads only

    def _query(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        with self._connection() as conn, conn.cursor() as cursor:
            cursor.execute(sql, parameters or None)
            return cursor.fetchall()

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        with dbapi.connect(self.uri) as conn:
            with conn.cursor() as cursor:
                cursor.execute(f"SELECT pg_advisory_xact_lock({STORE_LOCK})")
            self._conn = conn
            try:
                yield
                conn.commit()
            except BaseException:
                conn.rollback()
                raise
            finally:
                self._conn = None

    def current(self) -> str | None:
        rows = self._query("SELECT version_id FROM store_current")
        return rows[0][0] if rows else None

    def manifests(self) -> list[dict]:
        rows = self._query("SELECT manifest::text FROM store_versions ORDER BY id")
        return [json.loads(text) for (text,) in rows]

    def has(self, version_id: str) -> bool:
        return bool(self._query("SELECT 1 FROM store_versions WHERE id = $1", (version_id,)))

    def _manifest_of(self, version_id: str) -> dict:
        rows = self._query("SELECT manifest::text FROM store_versions WHERE id = $1",
                           (version_id,))  # fmt: skip
        if not rows:
            raise LookupError(f"no version {version_id}")
        return json.loads(rows[0][0])

    def table_names(self, version_id: str) -> list[str]:
        return sorted(self._manifest_of(version_id)["rows"])

    def _select(self, version_id: str, name: str, columns: Iterable[str] | None) -> tuple:
        """The query of a stored table's rows and the types of the columns it reads."""
        manifest = self._manifest_of(version_id)
        held = dict(manifest["dtypes"][name])  # the columns the version has, and their types
        wanted = list(held) if columns is None else [c for c in columns if c in held]
        origin = manifest["origin"].get(name, version_id)
        if not VERSION_ID.fullmatch(origin):
            raise ValueError(f"not a version id: {origin!r}")
        listed = ", ".join(quoted(c) for c in wanted) or "1"
        # the id written into the query, not bound: a query without parameters is sent by
        # the driver as COPY … TO STDOUT and streamed a batch at a time; one with them is
        # fetched whole first (11.3 M activities at 100×: 4.7 GB against 0.2 GB)
        sql = (f"SELECT {listed} FROM {table_of(name)} WHERE version_id = '{origin}' "
               "ORDER BY row_no")  # fmt: skip
        return sql, {c: held[c] for c in wanted}

    def read_table(
        self, version_id: str, name: str, columns: Iterable[str] | None = None
    ) -> pd.DataFrame:
        table = self.read_arrow(version_id, name, columns)
        return _frame(table, self._select(version_id, name, columns)[1])

    def read_arrow(
        self, version_id: str, name: str, columns: Iterable[str] | None = None
    ) -> pa.Table:
        """A stored table's rows as the database sends them (Arrow, in stored order; a
        category as its text, before ``restore``)."""
        sql, _ = self._select(version_id, name, columns)
        with self._connection() as conn, conn.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetch_arrow_table()

    def read_batches(self, version_id: str, name: str) -> Iterator[pd.DataFrame]:
        """A stored table's rows in its stored order, a batch at a time (as the database
        sends them), so that a copy of a large table never holds the whole of it."""
        sql, types = self._select(version_id, name, None)
        with self._connection() as conn, conn.cursor() as cursor:
            cursor.execute(sql)
            for batch in cursor.fetch_record_batch():
                yield _frame(pa.Table.from_batches([batch]), types)

    def _write_version(self, tables: Mapping[str, pd.DataFrame], manifest: dict) -> None:
        assert self._conn is not None, "a version is written under the lock"
        version_id = manifest["id"]
        uploaded = [n for n, origin in manifest["origin"].items() if origin == version_id]
        # every dataset's column types, those carried forward as their origin has them
        dtypes = {name: {c: dtype_of(tables[name][c]) for c in tables[name].columns}
                  for name in manifest["rows"]}  # fmt: skip
        full = {**manifest, "dtypes": dtypes}
        with self._conn.cursor() as cursor:
            cursor.execute("INSERT INTO store_versions (id, manifest) VALUES ($1, $2::json)",
                           (version_id, json.dumps(full, ensure_ascii=False)))  # fmt: skip
            branches, orders = group_order(tables)
            for name in uploaded:
                if name == "branches":
                    frame = branches
                else:
                    order = orders[name][0]
                    frame = tables[name] if order is None else tables[name].iloc[order]
                cursor.adbc_ingest(table_of(name), _arrow(frame, version_id, name),
                                   mode="append")  # fmt: skip

    def _set_current(self, version_id: str) -> None:
        assert self._conn is not None, "the current version is set under the lock"
        with self._conn.cursor() as cursor:
            cursor.execute(
                "INSERT INTO store_current (only_row, version_id) VALUES (true, $1) "
                "ON CONFLICT (only_row) DO UPDATE SET version_id = excluded.version_id",
                (version_id,),
            )

    def log(self) -> list[dict]:
        rows = self._query("SELECT event::text FROM store_log ORDER BY seq")
        return [json.loads(text) for (text,) in rows]

    def _append_log(self, event: dict) -> None:
        assert self._conn is not None, "the log is written under the lock"
        with self._conn.cursor() as cursor:
            cursor.execute("INSERT INTO store_log (event) VALUES ($1::json)",
                           (json.dumps(event, ensure_ascii=False),))  # fmt: skip


_NULLABLE = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}


def _frame(table: pa.Table, types: Mapping[str, dict]) -> pd.DataFrame:
    """Rows read as Arrow, each column in the pandas type it was written with
    (``restore``), one column at a time, its Arrow copy let go once converted."""
    if not types:
        return pd.DataFrame(index=pd.RangeIndex(table.num_rows))
    columns = {}
    for name in types:
        columns[name] = restore(table.column(name), types[name])
        table = table.drop_columns([name])
    return pd.DataFrame(columns)
