"""The store in PostgreSQL: what only a database store promises (the behaviours every store
has run on both backends in tests/test_store.py and tests/test_store_race.py). The same
frames as the folder store; a dataset carried forward referenced, not copied; an import
all or nothing, even killed half way; two processes importing at once; migrations from an
empty database and from the previous schema; a backup round trip."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from adbc_driver_postgresql import dbapi

from domain.contract import DATASETS
from ingest.lean import narrowed
from ingest.migrate import LATEST, SchemaError, migrate, migrations, schema_version
from ingest.pg_schema import stored_columns, table_of
from ingest.pg_store import PostgresStore
from ingest.store import Store, is_version_folder, load_version_folder
from ingest.stores import copy_store, current_version_folder, shown_location
from tests.conftest import SALT
from tests.postgres import Postgres

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"


@pytest.fixture
def database(postgres_server: Postgres) -> str:
    """A fresh, migrated database's address."""
    uri = postgres_server.create_database()
    migrate(uri)
    return uri


def _rows(uri: str, sql: str) -> list[tuple]:
    with dbapi.connect(uri) as conn, conn.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def _some_of(small_dir: Path, tmp_path: Path, names: tuple[str, ...]) -> Path:
    """A folder with only some of the small dataset's files (an update of some datasets)."""
    folder = tmp_path / "some"
    folder.mkdir()
    for name in names:
        shutil.copy(small_dir / f"{name}.csv", folder / f"{name}.csv")
    return folder


def test_the_sample_comes_back_exactly_as_the_folder_store_gives_it(
    database: str, tmp_path: Path
) -> None:
    PostgresStore(database).publish([SAMPLE], by="组织办", salt=SALT)
    Store(tmp_path / "s").publish([SAMPLE], by="组织办", salt=SALT)
    from_db, from_folder = PostgresStore(database).load(), Store(tmp_path / "s").load()
    assert list(from_db) == list(from_folder)
    for name, frame in from_folder.items():  # the same rows, order, columns and types
        pd.testing.assert_frame_equal(from_db[name], frame, check_exact=True)


def test_a_carried_forward_dataset_is_referenced_not_copied(
    database: str, small_dir: Path, tmp_path: Path
) -> None:
    store = PostgresStore(database)
    store.publish([small_dir], by="a", salt=SALT)
    result = store.publish([_some_of(small_dir, tmp_path, ("branches", "members"))], by="b",
                           salt=SALT)  # fmt: skip
    assert result.ok and result.version.origin["participation"] == "v0001"
    copies = _rows(database, f"SELECT count(*) FROM {table_of('participation')} "
                             "WHERE version_id = 'v0002'")  # fmt: skip
    assert copies == [(0,)]  # no row written twice
    pd.testing.assert_frame_equal(
        store.load("v0002")["participation"], store.load("v0001")["participation"]
    )
    assert result.version.rows["participation"] == 4


@pytest.mark.parametrize("step", ["_write_version", "_set_current", "_append_log"])
def test_a_failure_at_any_step_of_an_import_leaves_nothing(
    database: str, small_dir: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    store = PostgresStore(database)
    store.publish([small_dir], by="a", salt=SALT)
    original = getattr(PostgresStore, step)

    def then_fail(self: PostgresStore, *args: object) -> None:
        original(self, *args)  # the step done, inside the transaction
        raise OSError("the connection dropped")

    monkeypatch.setattr(PostgresStore, step, then_fail)
    with pytest.raises(OSError):
        store.publish([small_dir], by="b", salt=SALT)
    monkeypatch.undo()
    assert store.current() == "v0001"
    assert [v.id for v in store.versions()] == ["v0001"]
    assert [e["version"] for e in store.log()] == ["v0001"]
    for name in DATASETS:  # no row of the failed version anywhere
        left = _rows(database, f"SELECT count(*) FROM {table_of(name)} WHERE version_id <> 'v0001'")
        assert left == [(0,)], name


IMPORT = """
import sys
from pathlib import Path
from ingest.pg_store import PostgresStore
from tests.conftest import SALT
result = PostgresStore(sys.argv[1]).publish([Path(sys.argv[2])], by=sys.argv[3], salt=SALT)
print(result.version.id if result.ok else "refused", flush=True)
"""


def _importing(uri: str, folder: Path, by: str) -> subprocess.Popen[str]:
    """An import in a process of its own, as another server host would run it."""
    return subprocess.Popen([sys.executable, "-c", IMPORT, uri, str(folder), by], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip


def _whole(store: PostgresStore) -> None:
    """Every version the store lists has every row its manifest counts."""
    for version in store.versions():
        tables = store.load(version.id)
        assert {n: len(t) for n, t in tables.items()} == version.rows, version.id


HALTED = """
import sys, time
from pathlib import Path
from ingest.pg_store import PostgresStore
from tests.conftest import SALT
step = sys.argv[3]
original = getattr(PostgresStore, step)
def halt(self, *args):
    original(self, *args)
    print("halted", flush=True)  # the step done inside the transaction: kill me now
    time.sleep(120)
setattr(PostgresStore, step, halt)
PostgresStore(sys.argv[1]).publish([Path(sys.argv[2])], by="killed", salt=SALT)
"""


@pytest.mark.parametrize("step", ["_write_version", "_set_current", "_append_log"])
def test_kill_9_at_any_moment_of_an_import_leaves_the_current_version_whole(
    database: str, small_dir: Path, step: str
) -> None:
    store = PostgresStore(database)
    store.publish([small_dir], by="a", salt=SALT)
    process = subprocess.Popen([sys.executable, "-c", HALTED, database, str(small_dir), step],
                               cwd=ROOT, stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert process.stdout.readline().strip() == "halted"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    for _ in range(50):  # until the server has seen the connection go and rolled it back
        if not _rows(database, "SELECT 1 FROM pg_stat_activity WHERE state LIKE 'idle in%'"):
            break
        time.sleep(0.1)
    assert store.current() == "v0001"
    assert [v.id for v in store.versions()] == ["v0001"]
    assert [e["version"] for e in store.log()] == ["v0001"]
    _whole(store)
    assert store.publish([small_dir], by="b", salt=SALT).version.id == "v0002"  # not stuck


def test_two_hosts_importing_at_once_make_two_whole_versions_one_after_the_other(
    database: str, small_dir: Path
) -> None:
    processes = [_importing(database, small_dir, by) for by in ("甲", "乙")]
    outputs = [p.communicate(timeout=120)[0].strip() for p in processes]
    assert sorted(outputs) == ["v0001", "v0002"]
    store = PostgresStore(database)
    events = [(e["version"], e["previous"]) for e in store.log()]
    assert events == [("v0001", None), ("v0002", "v0001")]  # the second replaced the first
    _whole(store)


def test_migrations_bring_an_empty_database_to_the_latest_schema(
    postgres_server: Postgres,
) -> None:
    uri = postgres_server.create_database()
    assert schema_version(uri) == 0
    with pytest.raises(SchemaError):
        PostgresStore(uri)
    assert migrate(uri) == [f"{n:04d}_{name}" for n, name, _ in migrations()]
    assert schema_version(uri) == LATEST
    assert migrate(uri) == []  # run again: nothing to do


def test_migrating_from_the_previous_schema_keeps_what_it_holds(
    postgres_server: Postgres,
) -> None:
    uri = postgres_server.create_database()
    migrate(uri, upto=LATEST - 1)
    with dbapi.connect(uri) as conn, conn.cursor() as cursor:
        cursor.execute("INSERT INTO store_versions (id, manifest) VALUES ('v0001', '{}')")
        conn.commit()
    with pytest.raises(SchemaError):
        PostgresStore(uri)
    assert migrate(uri) == [f"{n:04d}_{name}" for n, name, _ in migrations() if n == LATEST]
    assert _rows(uri, "SELECT id FROM store_versions") == [("v0001",)]


def test_the_dataset_tables_have_the_columns_the_contract_implies(database: str) -> None:
    for name in DATASETS:
        found = _rows(
            database,
            "SELECT column_name, data_type FROM information_schema.columns "
            f"WHERE table_name = '{table_of(name)}' ORDER BY ordinal_position",
        )
        expected = [("version_id", "text"), ("row_no", "bigint"), *stored_columns(name)]
        assert found == expected, name
    assert ("id_number",) not in _rows(database, "SELECT column_name FROM "
                                       "information_schema.columns")  # fmt: skip


def test_a_backup_restored_into_an_empty_database_gives_the_same_figures(
    postgres_server: Postgres, database: str, small_dir: Path
) -> None:
    store = PostgresStore(database)
    store.publish([small_dir], by="组织办", salt=SALT)
    store.publish([small_dir], by="王芳", salt=SALT)
    store.rollback("v0001", by="王芳")
    before = (store.current(), store.log(), {v.id: store.load(v.id) for v in store.versions()})
    dump = postgres_server.folder / "backup.dump"
    name = database.rsplit("/", 1)[1]
    postgres_server.tool("pg_dump", "-h", "127.0.0.1", "-p", str(postgres_server.port),
                         "-U", postgres_server.user, "-Fc", "-f", str(dump), name)  # fmt: skip
    postgres_server.tool("dropdb", "-h", "127.0.0.1", "-p", str(postgres_server.port),
                         "-U", postgres_server.user, name)  # fmt: skip
    postgres_server.tool("createdb", "-h", "127.0.0.1", "-p", str(postgres_server.port),
                         "-U", postgres_server.user, name)  # fmt: skip
    postgres_server.tool("pg_restore", "-h", "127.0.0.1", "-p", str(postgres_server.port),
                         "-U", postgres_server.user, "-d", name, str(dump))  # fmt: skip
    restored = PostgresStore(database)
    assert restored.current() == before[0] == "v0001"
    assert restored.log() == before[1]
    for version_id, tables in before[2].items():
        for table, frame in tables.items():
            pd.testing.assert_frame_equal(restored.load(version_id)[table], frame)


def test_the_command_line_migrates_and_imports_into_a_database(
    postgres_server: Postgres, small_dir: Path
) -> None:
    uri = postgres_server.create_database()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "ingest", *args, "--store", uri], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)  # fmt: skip

    early = run("import", str(small_dir), "--by", "组织办")
    assert early.returncode == 2 and "migrate" in early.stderr  # said, not a traceback
    assert "Traceback" not in early.stderr
    assert run("migrate").returncode == 0
    done = run("import", str(small_dir), "--by", "组织办")
    assert done.returncode == 0, done.stderr
    assert PostgresStore(uri).current() == "v0001"


def test_an_unreachable_database_is_an_error_in_words(tmp_path: Path) -> None:
    gone = "postgresql://nobody@127.0.0.1:1/none"
    done = subprocess.run([sys.executable, "-m", "ingest", "migrate", "--store", gone],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 2
    assert "数据库出错" in done.stderr and "Traceback" not in done.stderr


def test_a_folder_store_copied_into_a_database_keeps_every_version_and_the_log(
    database: str, small_dir: Path, tmp_path: Path
) -> None:
    folder = Store(tmp_path / "s")
    folder.publish([small_dir], by="组织办", salt=SALT)
    folder.publish([_some_of(small_dir, tmp_path, ("branches", "members"))], by="王芳", salt=SALT)
    folder.rollback("v0001", by="王芳")
    target = PostgresStore(database)
    assert copy_store(folder, target) == ["v0001", "v0002"]
    assert target.current() == "v0001" and target.log() == folder.log()
    assert [v.rows for v in target.versions()] == [v.rows for v in folder.versions()]
    for version in folder.versions():
        for name, frame in folder.load(version.id).items():
            key = DATASETS[name].id_field.name
            pd.testing.assert_frame_equal(
                target.load(version.id)[name].sort_values(key, ignore_index=True),
                frame.sort_values(key, ignore_index=True),
            )
    with pytest.raises(ValueError):
        copy_store(folder, target)  # only into an empty store


def test_each_host_reads_a_database_version_from_a_copy_of_its_own(
    database: str, small_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DANGJIAN_CACHE", str(tmp_path / "cache"))
    store = PostgresStore(database)
    store.publish([small_dir], by="a", salt=SALT)
    folder = current_version_folder(database)
    assert folder is not None and folder.is_relative_to(tmp_path / "cache")
    assert is_version_folder(folder) and "dtypes" not in (folder / "manifest.json").read_text()
    copied = load_version_folder(folder).tables  # shown in the narrow types (ingest.lean)
    for name, frame in narrowed(store.load()).items():
        pd.testing.assert_frame_equal(copied[name], frame)
    store.rollback("v0001", by="王芳")  # the same version again: the same copy
    assert current_version_folder(database) == folder
    store.publish([small_dir], by="b", salt=SALT)  # another host's import: seen on the next ask
    assert current_version_folder(database).name == "v0002"


def test_a_database_address_is_shown_without_its_password() -> None:
    shown = shown_location("postgresql://dangjian:s3cret@db.example:5432/dangjian")
    assert shown == "postgresql://dangjian@db.example:5432/dangjian"
