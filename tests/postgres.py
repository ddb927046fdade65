"""A throwaway PostgreSQL server for the tests: Debian's ``initdb`` and ``pg_ctl`` into a
temporary folder, on a free port of 127.0.0.1, stopped at the end; a fresh database per
test (``database``). As root (CI's containers) the server runs as the ``postgres`` user,
for PostgreSQL refuses to run as root."""

from __future__ import annotations

import contextlib
import getpass
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

BIN_CANDIDATES = ("/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin",
                  "/usr/lib/postgresql/15/bin")  # fmt: skip


def bin_dir() -> Path | None:
    """Where initdb and pg_ctl are: PG_BIN when set, else Debian's, else on PATH."""
    for candidate in (os.environ.get("PG_BIN"), *BIN_CANDIDATES):
        if candidate and (Path(candidate) / "initdb").is_file():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Postgres:
    """A server of its own in a temporary folder; ``uri(db)`` addresses a database."""

    def __init__(self, bin_path: Path) -> None:
        self.bin = bin_path
        self.folder = Path(tempfile.mkdtemp(prefix="dangjian-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        self.user = "postgres" if self.as_root else getpass.getuser()

    def tool(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        """One of PostgreSQL's programs (pg_dump, pg_restore, …) run against this server
        (as the server's user; files it writes belong in ``folder``)."""
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=True, capture_output=True, timeout=300)

    def start(self) -> Postgres:
        if self.as_root:
            shutil.chown(self.folder, "postgres")
        self.tool("initdb", "-D", str(self.data), "-A", "trust", "-U", self.user,
                  "-E", "UTF8", "--locale=C.UTF-8")  # fmt: skip
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.tool("pg_ctl", "-D", str(self.data), "-o", options, "-w", "-l",
                  str(self.folder / "log"), "start")  # fmt: skip
        return self

    def stop(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self.tool("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def uri(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database; its address."""
        from adbc_driver_postgresql import dbapi

        name = "t_" + uuid.uuid4().hex[:12]
        with dbapi.connect(self.uri(), autocommit=True) as conn, conn.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {name}")
        return self.uri(name)


@contextlib.contextmanager
def running() -> Iterator[Postgres]:
    found = bin_dir()
    if found is None:
        raise RuntimeError("PostgreSQL's initdb is not installed (apt-get install postgresql)")
    server = Postgres(found).start()
    try:
        yield server
    finally:
        server.stop()
