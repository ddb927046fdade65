"""The PostgreSQL store's schema, brought up to date: the migrations of
``ingest/migrations/`` (``NNNN_name.sql``, plain SQL) applied in order, each in a
transaction of its own and recorded in ``schema_migrations``; two hosts migrating at
once take turns (an advisory lock). ``python -m ingest migrate --store postgresql://…``."""

from __future__ import annotations

import re
from pathlib import Path

from adbc_driver_postgresql import dbapi

FOLDER = Path(__file__).resolve().parent / "migrations"
NAMED = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
MIGRATE_LOCK = 7_140_001  # the advisory lock migrations take (pg_advisory_xact_lock)


class SchemaError(Exception):
    """The database's schema is not the one this version of the dashboard needs."""


def migrations() -> list[tuple[int, str, Path]]:
    """Every migration: (number, name, file), in order."""
    found = []
    for path in sorted(FOLDER.glob("*.sql")):
        match = NAMED.match(path.name)
        if match:
            found.append((int(match[1]), match[2], path))
    return found


LATEST = max(number for number, _, _ in migrations())


def statements(sql: str) -> list[str]:
    """A migration's statements: its text without comment lines, split at each ";" that
    ends a line (the migrations hold no functions, so none is inside a statement)."""
    text = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    return [part.strip() for part in re.split(r";\s*$", text, flags=re.MULTILINE) if part.strip()]


def _applied(cursor: dbapi.Cursor) -> set[int]:
    cursor.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(number integer PRIMARY KEY, name text NOT NULL, applied timestamptz DEFAULT now())"
    )
    cursor.execute("SELECT number FROM schema_migrations")
    return {row[0] for row in cursor.fetchall()}


def schema_version(uri: str) -> int:
    """The last migration applied to the database (0: none)."""
    with dbapi.connect(uri) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT to_regclass('schema_migrations') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return 0
        cursor.execute("SELECT coalesce(max(number), 0) FROM schema_migrations")
        return int(cursor.fetchone()[0])


def migrate(uri: str, upto: int | None = None) -> list[str]:
    """Apply the migrations not yet applied, up to ``upto`` (default: all); the names of
    those applied."""
    done = []
    for number, name, path in migrations():
        if upto is not None and number > upto:
            break
        with dbapi.connect(uri) as conn, conn.cursor() as cursor:
            cursor.execute(f"SELECT pg_advisory_xact_lock({MIGRATE_LOCK})")
            if number in _applied(cursor):
                conn.rollback()
                continue
            for statement in statements(path.read_text("utf-8")):
                cursor.execute(statement)
            cursor.execute(
                "INSERT INTO schema_migrations (number, name) VALUES ($1, $2)", (number, name)
            )
            conn.commit()
        done.append(f"{number:04d}_{name}")
    return done


def require_latest(uri: str) -> None:
    """Raise SchemaError unless every migration has been applied."""
    found = schema_version(uri)
    if found != LATEST:
        raise SchemaError(
            f"the database's schema is at migration {found}, this version needs {LATEST}: "
            f"run `python -m ingest migrate --store …` / 数据库结构需要升级，请先运行 migrate"
        )
