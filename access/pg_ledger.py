"""What access keeps, in the PostgreSQL database of a city's store (``DANGJIAN_STORE=
postgresql://…``), so that every host shares it: the same records as ``access.ledger``
keeps in SQLite on one machine (accounts, failed and ended sign-ins, the signing secret,
the audit trail), in the ``access_*`` tables its migration made (``ingest/migrations/
0003_access.sql``). A disabled account, a changed password or a failed sign-in counts at
once on every host; the audit trail is append-only (a trigger refuses any change)."""

from __future__ import annotations

import contextlib
import json
import secrets
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from adbc_driver_postgresql import dbapi

from access.config import UserEntry
from access.ledger import Entry, Ledger, _entry, _now_iso

AUDIT_COLUMNS = ("id", "at", "who", "scope", "address", "action", "page", "organisation",
                 "detail")  # fmt: skip


class PostgresLedger(Ledger):
    """``access.ledger.Ledger`` in the database at ``uri``."""

    def __init__(self, uri: str, clock: Callable[[], float] = time.time) -> None:
        self.uri = uri
        self.clock = clock

    @contextlib.contextmanager
    def _cursor(self, write: bool = False) -> Iterator[dbapi.Cursor]:
        """A cursor in a transaction of its own: committed after a write, else let go."""
        with dbapi.connect(self.uri) as conn, conn.cursor() as cursor:
            try:
                yield cursor
            except BaseException:
                conn.rollback()
                raise
            if write:
                conn.commit()
            else:
                conn.rollback()

    def _rows(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        with self._cursor() as cursor:
            cursor.execute(sql, parameters or None)
            return cursor.fetchall()

    def secret(self) -> str:
        """A random secret made once, in the database (every host signs alike)."""
        with self._cursor(write=True) as cursor:
            cursor.execute(
                "INSERT INTO access_settings VALUES ('secret', $1) ON CONFLICT DO NOTHING",
                (secrets.token_urlsafe(48),),
            )
            cursor.execute("SELECT value FROM access_settings WHERE key = 'secret'")
            return str(cursor.fetchone()[0])

    def accounts(self) -> list[UserEntry]:
        rows = self._rows("SELECT name, display, role, scope, password_hash, enabled, "
                          "must_change FROM access_accounts ORDER BY name")  # fmt: skip
        return [_entry(row) for row in rows]

    def account(self, name: str) -> UserEntry | None:
        rows = self._rows("SELECT name, display, role, scope, password_hash, enabled, "
                          "must_change FROM access_accounts WHERE name = $1", (name,))  # fmt: skip
        return _entry(rows[0]) if rows else None

    def has_accounts(self) -> bool:
        return bool(self._rows("SELECT 1 FROM access_accounts LIMIT 1"))

    def put(self, entries: Sequence[UserEntry], by: str) -> None:
        with self._cursor(write=True) as cursor:
            for e in entries:
                cursor.execute(
                    "INSERT INTO access_accounts VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                    "ON CONFLICT (name) DO UPDATE SET display = excluded.display, "
                    "role = excluded.role, scope = excluded.scope, "
                    "password_hash = excluded.password_hash, enabled = excluded.enabled, "
                    "must_change = excluded.must_change, changed_at = excluded.changed_at, "
                    "changed_by = excluded.changed_by",
                    (e.name, e.display, e.role, json.dumps(list(e.scope)), e.password_hash,
                     bool(e.enabled), bool(e.must_change), _now_iso(), by),
                )  # fmt: skip

    def wait(self, keys: Sequence[str], max_failures: int, window: float) -> float:
        now = self.clock()
        waits = [0.0]
        for key in keys:
            sql = "SELECT at FROM access_failures WHERE key = $1 AND at > $2 ORDER BY at"
            times = [r[0] for r in self._rows(sql, (key, now - window))]
            if len(times) >= max_failures:
                waits.append(times[-max_failures] + window - now)
        return max(waits)

    def failed(self, keys: Sequence[str], window: float) -> None:
        now = self.clock()
        with self._cursor(write=True) as cursor:
            cursor.execute("DELETE FROM access_failures WHERE at <= $1", (now - window,))
            for key in keys:
                cursor.execute("INSERT INTO access_failures VALUES ($1, $2)", (key, now))

    def succeeded(self, keys: Sequence[str]) -> None:
        with self._cursor(write=True) as cursor:
            for key in keys:
                cursor.execute("DELETE FROM access_failures WHERE key = $1", (key,))

    def end(self, token: str) -> None:
        with self._cursor(write=True) as cursor:
            cursor.execute("INSERT INTO access_ended VALUES ($1, $2) ON CONFLICT DO NOTHING",
                           (token, self.clock()))  # fmt: skip

    def end_all(self, name: str) -> None:
        with self._cursor(write=True) as cursor:
            cursor.execute("INSERT INTO access_ended_all VALUES ($1, $2) ON CONFLICT (name) "
                           "DO UPDATE SET at = excluded.at", (name, self.clock()))  # fmt: skip

    def ended_until(self, name: str) -> float:
        rows = self._rows("SELECT at FROM access_ended_all WHERE name = $1", (name,))
        return float(rows[0][0]) if rows else 0.0

    def hand_over(self, token: str) -> bool:
        with self._cursor(write=True) as cursor:
            cursor.execute("DELETE FROM access_handed WHERE at < $1", (self.clock() - 3600,))
            cursor.execute("INSERT INTO access_handed VALUES ($1, $2) ON CONFLICT DO NOTHING "
                           "RETURNING token", (token, self.clock()))  # fmt: skip
            return bool(cursor.fetchall())

    def ended(self, token: str) -> bool:
        return bool(self._rows("SELECT 1 FROM access_ended WHERE token = $1", (token,)))

    def record(self, entry: Entry) -> None:
        with self._cursor(write=True) as cursor:
            cursor.execute(
                "INSERT INTO access_audit (at, who, scope, address, action, page, "
                "organisation, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                (_now_iso(), entry.who, entry.scope, entry.address, entry.action, entry.page,
                 entry.organisation, entry.detail),
            )  # fmt: skip

    def trail(self, limit: int = 100_000) -> list[dict[str, object]]:
        listed = ", ".join(AUDIT_COLUMNS)
        rows = self._rows(f"SELECT {listed} FROM access_audit ORDER BY id DESC LIMIT $1",
                          (limit,))  # fmt: skip
        return [dict(zip(AUDIT_COLUMNS, row, strict=True)) for row in rows]


def open_ledger(location: str, clock: Callable[[], float] = time.time) -> Ledger:
    """The access records of a store: in its database for a ``postgresql://`` store, else
    ``access.sqlite3`` in the folder ``location``."""
    if location.startswith(("postgresql://", "postgres://")):
        return PostgresLedger(location, clock)
    return Ledger(Path(location), clock)
