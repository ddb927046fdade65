"""What access keeps between runs and between server processes, in one SQLite file beside
the store's versions (``<store>/access.sqlite3``): the accounts made in the app, failed
sign-ins, ended sign-ins, the server's own signing secret, and the audit trail (查询留痕).

Every server process on the machine reads and writes the same file (SQLite locks it), so a
disabled account, a changed password or a failed sign-in counts at once in all of them.
The audit trail is append-only: triggers refuse to change or delete an entry.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

from access.config import UserEntry

FILE_NAME = "access.sqlite3"
SECRET_FILE = "access-secret"  # the server's own signing secret, readable by its owner only

_SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (
    name TEXT PRIMARY KEY,
    display TEXT NOT NULL,
    role TEXT NOT NULL,
    scope TEXT NOT NULL,            -- JSON list of 组织编号; [] for all of them
    password_hash TEXT NOT NULL,    -- scrypt (access.passwords), never plain text
    enabled INTEGER NOT NULL,
    must_change INTEGER NOT NULL,   -- a one-time password, to change at the next sign-in
    changed_at TEXT NOT NULL,       -- UTC, ISO 8601
    changed_by TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS failures (key TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS failures_key ON failures (key, at);
CREATE TABLE IF NOT EXISTS ended (token TEXT PRIMARY KEY, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS ended_all (name TEXT PRIMARY KEY, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS handed (token TEXT PRIMARY KEY, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,               -- UTC, ISO 8601
    who TEXT NOT NULL,
    scope TEXT NOT NULL,
    address TEXT NOT NULL,
    action TEXT NOT NULL,
    page TEXT NOT NULL,
    organisation TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
"""

# Audit actions (their words: the catalogue's ``audit.action.<action>``).
ACTIONS = (
    "sign_in",
    "sign_in_failed",
    "locked_out",
    "sign_out",
    "password_changed",
    "member_list",
    "due_list",
    "export",
    "download",
    "import",
    "import_failed",
    "rollback",
    "account",
)


@dataclass(frozen=True)
class Entry:
    """One line of the audit trail. ``organisation``: the 组织编号 or file concerned;
    ``detail``: what was done, never personal data."""

    who: str
    action: str
    scope: str = ""
    address: str = ""
    page: str = ""
    organisation: str = ""
    detail: str = ""


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Ledger:
    """The access records of one store folder."""

    _ready: ClassVar[set[Path]] = set()  # files whose schema this process has made
    _ready_lock = threading.Lock()

    def __init__(self, folder: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(folder) / FILE_NAME
        self.clock = clock

    @contextlib.contextmanager
    def _db(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        if not self.path.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.touch(mode=0o600)  # password hashes: the server's owner only
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        con.execute("PRAGMA synchronous=NORMAL")  # WAL: a commit waits for no disk flush
        try:
            self._prepare(con)
            if write:
                con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                if write:
                    con.execute("ROLLBACK")
                raise
            if write:
                con.execute("COMMIT")
        finally:
            con.close()

    def _prepare(self, con: sqlite3.Connection) -> None:
        with self._ready_lock:
            if self.path in self._ready and self.path.exists():
                return
            con.execute("PRAGMA journal_mode=WAL")
            con.executescript(_SCHEMA)
            self._ready.add(self.path)

    # -- the server's signing secret ------------------------------------------------------

    def secret(self) -> str:
        """A random secret made once (for a server whose settings name none), in a file of
        its own beside the ledger, readable by the server's owner only: whoever reads the
        ledger (a backup, say) learns password hashes, never the means to sign a cookie."""
        path = self.path.parent / SECRET_FILE
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileExistsError):  # another process made it first
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "w") as handle:
                    handle.write(secrets.token_urlsafe(48))
        return path.read_text("utf-8").strip()

    # -- accounts -------------------------------------------------------------------------

    def accounts(self) -> list[UserEntry]:
        """Every account kept here, by name."""
        with self._db() as con:
            rows = con.execute(
                "SELECT name, display, role, scope, password_hash, enabled, must_change "
                "FROM accounts ORDER BY name"
            ).fetchall()
        return [_entry(row) for row in rows]

    def account(self, name: str) -> UserEntry | None:
        with self._db() as con:
            row = con.execute(
                "SELECT name, display, role, scope, password_hash, enabled, must_change "
                "FROM accounts WHERE name = ?",
                (name,),
            ).fetchone()
        return _entry(row) if row else None

    def has_accounts(self) -> bool:
        if not self.path.exists():
            return False
        with self._db() as con:
            return con.execute("SELECT 1 FROM accounts LIMIT 1").fetchone() is not None

    def put(self, entries: Sequence[UserEntry], by: str) -> None:
        """Add or replace accounts, all or none."""
        with self._db(write=True) as con:
            for e in entries:
                con.execute(
                    "INSERT OR REPLACE INTO accounts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        e.name,
                        e.display,
                        e.role,
                        json.dumps(list(e.scope)),
                        e.password_hash,
                        int(e.enabled),
                        int(e.must_change),
                        _now_iso(),
                        by,
                    ),
                )

    # -- failed sign-ins ------------------------------------------------------------------

    def wait(self, keys: Sequence[str], max_failures: int, window: float) -> float:
        """Seconds until every one of ``keys`` may try again: a key with ``max_failures``
        failures in the last ``window`` seconds waits until the oldest of them is that old."""
        now = self.clock()
        waits = [0.0]
        with self._db() as con:
            for key in keys:
                times = [
                    r[0]
                    for r in con.execute(
                        "SELECT at FROM failures WHERE key = ? AND at > ? ORDER BY at",
                        (key, now - window),
                    )
                ]
                if len(times) >= max_failures:
                    waits.append(times[-max_failures] + window - now)
        return max(waits)

    def failed(self, keys: Sequence[str], window: float) -> None:
        now = self.clock()
        with self._db(write=True) as con:
            con.execute("DELETE FROM failures WHERE at <= ?", (now - window,))
            con.executemany("INSERT INTO failures VALUES (?, ?)", [(k, now) for k in keys])

    def succeeded(self, keys: Sequence[str]) -> None:
        with self._db(write=True) as con:
            con.executemany("DELETE FROM failures WHERE key = ?", [(k,) for k in keys])

    # -- sign-ins ended before their time -------------------------------------------------

    def end(self, token: str) -> None:
        """The sign-in ``token`` (its id) is over, in every tab and process."""
        with self._db(write=True) as con:
            con.execute("INSERT OR IGNORE INTO ended VALUES (?, ?)", (token, self.clock()))

    def end_all(self, name: str) -> None:
        """Every sign-in of account ``name`` made until now is over (it was disabled)."""
        with self._db(write=True) as con:
            con.execute("INSERT OR REPLACE INTO ended_all VALUES (?, ?)", (name, self.clock()))

    def ended_until(self, name: str) -> float:
        """The time up to which the sign-ins of ``name`` are over (0: none ended so)."""
        if not self.path.exists():
            return 0.0
        with self._db() as con:
            row = con.execute("SELECT at FROM ended_all WHERE name = ?", (name,)).fetchone()
        return float(row[0]) if row else 0.0

    def hand_over(self, token: str) -> bool:
        """Whether the hand-over of sign-in ``token`` is its first (a hand-over is used once)."""
        with self._db(write=True) as con:
            con.execute("DELETE FROM handed WHERE at < ?", (self.clock() - 3600,))
            taken = con.execute("INSERT OR IGNORE INTO handed VALUES (?, ?)", (token, self.clock()))
            return taken.rowcount == 1

    def ended(self, token: str) -> bool:
        if not self.path.exists():
            return False
        with self._db() as con:
            found = con.execute("SELECT 1 FROM ended WHERE token = ?", (token,)).fetchone()
        return found is not None

    # -- the audit trail ------------------------------------------------------------------

    def record(self, entry: Entry) -> None:
        """Append ``entry`` to the audit trail, stamped with the time (UTC)."""
        with self._db(write=True) as con:
            con.execute(
                "INSERT INTO audit (at, who, scope, address, action, page, organisation, "
                "detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    _now_iso(),
                    entry.who,
                    entry.scope,
                    entry.address,
                    entry.action,
                    entry.page,
                    entry.organisation,
                    entry.detail,
                ),
            )

    def trail(self, limit: int = 100_000) -> list[dict[str, object]]:
        """The latest ``limit`` entries of the audit trail, newest first."""
        if not self.path.exists():
            return []
        with self._db() as con:
            con.row_factory = sqlite3.Row
            rows = con.execute("SELECT * FROM audit ORDER BY id DESC LIMIT ?", (limit,))
            return [dict(r) for r in rows]


def _entry(row: Sequence[object]) -> UserEntry:
    name, display, role, scope, password_hash, enabled, must_change = row
    return UserEntry(
        name=str(name),
        password_hash=str(password_hash),
        role=str(role),
        display=str(display),
        scope=tuple(json.loads(str(scope))),
        enabled=bool(enabled),
        must_change=bool(must_change),
        source="store",
    )
