"""A room opening the link at once: N sessions open the same page together, against a
running server, speaking Streamlit's own websocket protocol (no browsers).

    python benchmarks/load.py                          # the sample, N = 1, 5, 10, 20, every page
    python benchmarks/load.py --store /tmp/st100 --sessions 1,20   # a store at 100×
    python benchmarks/load.py --scoped                 # each session signed in with its own scope
    python benchmarks/load.py --processes 2 --sessions 40   # two servers behind nginx

For each page and N: the N sessions connect, then all ask for the page at the same moment
(a ``rerun_script`` BackMsg with the page's name); each session's time runs from its
request to its ``script_finished`` ForwardMsg. The server is warmed first (one session per
page), so the figures are those of a room after the presenter has opened the page once.
Reported per page and N: min, median, p95 and max seconds, errors (an exception shown, a
session closed, or no answer within --timeout), and the server's resident memory per open
session (its growth while the N sessions are connected, divided by N) and its CPU time per
view (user + system while the N pages were made, divided by N: the cost of one warm view).

With ``--scoped``, every session is signed in (a signed sign-in cookie in its websocket
handshake, as a browser sends it) to an account of its own whose scope is one of the data's
top-level organisations (session i: the i-th, cycling), so N sessions ask for up to N
different scopes: the cost of scope against the same run without it. Each account has
opened each page once before the round (as the presenter has, unscoped); with ``--cold``
none has, so the round computes every scope's page for the first time.

With ``--processes K`` (K > 1), K servers on the same data listen on --port, --port + 1, …
behind nginx with the city deployment's own configuration (docs/deploy/nginx.conf: a new
session to the process with the fewest connections, then kept there by a cookie; its ports
replaced), and session i connects through it from its own address (127.0.1.i), as the
people in a room come from their own phones. Each
server is warmed directly. CPU and memory are summed over the servers; "views/s" is the
round's views divided by its wall time (from the first request to the last page).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from access import tokens
from access.accounts import new_account
from access.ledger import Ledger
from app.navigation import NAMES
from ingest.source import choose, load

ROOT = Path(__file__).resolve().parent.parent
DONE = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
# for editors and admins: not what a room opens
LIGHT = ("data", "history", "reporting", "accounts", "audit")
SECRET = "the load benchmark's secret"
NGINX = shutil.which("nginx", path=f"{os.environ.get('PATH', '')}:/usr/sbin")


@dataclass(frozen=True)
class Round:
    page: str
    sessions: int
    seconds: tuple[float, ...]
    errors: int
    mb_per_session: float
    cpu_ms_per_view: float
    wall: float  # s, from the first request to the last page

    @property
    def views_per_second(self) -> float:
        return len(self.seconds) / self.wall if self.wall else float("nan")


def percentile(values: Sequence[float], share: float) -> float:
    """The value below which ``share`` of the values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def cpu_seconds(pid: int) -> float:
    """A process's CPU time so far (user + system, s), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    """A process's resident memory (MB), from /proc; ``field="VmHWM"``: its peak."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def memory_line(pids: Sequence[int], when: str) -> str:
    """Each server's resident memory now and at its peak so far (MB), ``when``."""
    each = [f"{rss_mb(pid):,.0f} MB (peak {rss_mb(pid, 'VmHWM'):,.0f} MB)" for pid in pids]
    return f"server memory {when}: " + "; ".join(each)


class Session:
    """One browser tab's conversation with the server."""

    def __init__(self, url: str, cookie: str | None = None, address: str | None = None) -> None:
        self.url = url
        self.cookie = cookie  # a signed sign-in token, sent as the browser's cookie
        self.address = address  # the client's own address (a proxy hashes on it)
        self.socket = None

    async def connect(self) -> None:
        headers = {"Cookie": f"{tokens.COOKIE}={self.cookie}"} if self.cookie else None
        self.socket = await websockets.connect(
            self.url,
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=60,
            additional_headers=headers,
            **({"local_addr": (self.address, 0)} if self.address else {}),
        )

    async def open_page(self, page: str, query: str, timeout: float) -> tuple[float, bool]:
        """Ask for ``page``; (seconds until the script finished, whether it went well)."""
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = page
        start = time.perf_counter()
        await self.socket.send(msg.SerializeToString())
        ok = True
        try:
            async with asyncio.timeout(timeout):
                while True:
                    answer = ForwardMsg()
                    answer.ParseFromString(await self.socket.recv())
                    kind = answer.WhichOneof("type")
                    if kind == "delta" and answer.delta.new_element.WhichOneof("type") in (
                        "exception",
                    ):
                        ok = False
                    if kind == "page_not_found":
                        ok = False
                    if kind == "script_finished" and answer.script_finished == DONE:
                        return time.perf_counter() - start, ok
        except (TimeoutError, websockets.ConnectionClosed):
            return time.perf_counter() - start, False

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()


async def one_round(
    url: str,
    page: str,
    n: int,
    query: str,
    timeout: float,
    pids: Sequence[int],
    repeat: int = 1,
    cookies: Sequence[str] = (),
    addresses: Sequence[str] = (),
) -> Round:
    """N sessions open ``page`` together, ``repeat`` times over (each time after all of the
    previous have finished); session i signed in with ``cookies[i]`` when there are any,
    and connecting from ``addresses[i]`` when there are any. CPU and memory: the servers'
    (``pids``), summed."""
    sessions = [
        Session(
            url,
            cookies[i % len(cookies)] if cookies else None,
            addresses[i % len(addresses)] if addresses else None,
        )
        for i in range(n)
    ]
    before = sum(rss_mb(pid) for pid in pids)
    await asyncio.gather(*(s.connect() for s in sessions))
    cpu = sum(cpu_seconds(pid) for pid in pids)
    results = []
    started = time.perf_counter()
    for _ in range(repeat):
        results += await asyncio.gather(*(s.open_page(page, query, timeout) for s in sessions))
    wall = time.perf_counter() - started
    cpu = sum(cpu_seconds(pid) for pid in pids) - cpu
    after = sum(rss_mb(pid) for pid in pids)
    await asyncio.gather(*(s.close() for s in sessions))
    seconds = tuple(r[0] for r in results)
    errors = sum(1 for r in results if not r[1])
    return Round(page, n, seconds, errors, (after - before) / n, 1000 * cpu / len(results), wall)


class Server:
    """``streamlit run dashboard/main.py`` on a port, on ``data`` (a folder), else on the
    current version of ``store``, else on the sample (with an empty store of its own)."""

    def __init__(
        self, data: Path | None, port: int, store: Path | None = None, secrets: Path | None = None
    ) -> None:
        self.port = port
        empty = tempfile.mkdtemp(prefix="load-store-")
        env = {**os.environ, "DANGJIAN_STORE": str(store or empty)}
        if data is not None:
            env["DANGJIAN_DATA_DIR"] = str(data.resolve())
        args = [sys.executable, "-m", "streamlit", "run", "dashboard/main.py",
                "--server.headless", "true", "--server.port", str(port),
                "--browser.gatherUsageStats", "false",
                "--secrets.files", str(secrets or Path(empty) / "no-secrets.toml")]  # fmt: skip
        self.proc = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    def wait(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_stcore/health"):
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("the server did not answer")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def scoped_accounts(data: Path | None, store: Path, n: int) -> list[str]:
    """``n`` viewer accounts in ``store``'s ledger, the i-th with the i-th top-level
    organisation of the data shown as its scope (cycling); their sign-in cookies."""
    tables = load(choose(str(data) if data else None)).tables
    branches = tables["branches"]
    roots = sorted(branches.loc[branches["parent_id"].isna(), "branch_id"].astype(str))
    ledger = Ledger(store)
    cookies = []
    for i in range(n):
        entry, _ = new_account(f"load{i:02d}", f"load {i}", "viewer", (roots[i % len(roots)],))
        entry = replace(entry, must_change=False)
        ledger.put([entry], by="benchmark")
        ticket = tokens.new_ticket(entry.name, entry.password_hash)
        cookies.append(tokens.sign(ticket, SECRET))
    return cookies


class Proxy:
    """nginx in front of the servers on ``ports``, listening on ``port``, with the city
    deployment's configuration (docs/deploy/nginx.conf) and only its ports replaced."""

    CONFIG = ROOT / "docs" / "deploy" / "nginx.conf"

    def __init__(self, port: int, ports: Sequence[int]) -> None:
        self.port = port
        self.ports = list(ports)
        self.prefix = Path(tempfile.mkdtemp(prefix="load-nginx-"))
        text = self.CONFIG.read_text("utf-8")
        servers = "".join(f"        server 127.0.0.1:{p};\n" for p in ports)
        names = "".join(f'        "127.0.0.1:{p}" 127.0.0.1:{p};\n' for p in ports)
        for old, new in (
            ("        server 127.0.0.1:8501;\n        server 127.0.0.1:8502;\n", servers),
            (
                '        "127.0.0.1:8501" 127.0.0.1:8501;\n'
                '        "127.0.0.1:8502" 127.0.0.1:8502;\n',
                names,
            ),
            ("listen 8080;", f"listen {port};"),
        ):
            if old not in text:
                raise RuntimeError(f"{self.CONFIG} has changed: not found: {old!r}")
            text = text.replace(old, new)
        config = self.prefix / "nginx.conf"
        config.write_text(text, "utf-8")
        subprocess.run([str(NGINX), "-c", str(config), "-p", f"{self.prefix}/"], check=True)

    def upstreams(self) -> dict[str, int]:
        """How many websocket sessions each server was sent (from the access log)."""
        counts: dict[str, int] = {}
        log = self.prefix / "access.log"
        for entry in log.read_text("utf-8").splitlines() if log.exists() else ():
            if "/_stcore/stream" in entry:
                server = entry.rsplit("upstream=", 1)[-1]
                counts[server] = counts.get(server, 0) + 1
        return counts

    def stop(self) -> None:
        subprocess.run([str(NGINX), "-c", str(self.prefix / "nginx.conf"), "-p", f"{self.prefix}/",
                        "-s", "stop"], check=False)  # fmt: skip


async def first_view(url: str, pid: int, args: argparse.Namespace) -> str:
    """The server's first view (the overview, which loads the data); its memory then."""
    await one_round(url, "overview", 1, args.query, args.timeout * 4, [pid])
    return memory_line([pid], "after the first view")


async def warm(args: argparse.Namespace, url: str, pid: int, cookies: Sequence[str]) -> None:
    """The presenter has opened each page of one server: twice, for a figure built from a
    frame just computed is cached under another key than one built from that frame's cached
    copy (app.memo.frame_key), so a view is warm from its second opening on. Scoped, each
    account has (``cookies``; with --cold only the first, and each of the N scopes is
    computed for the first time in the round)."""
    for _ in range(2):
        for page in args.pages:
            await one_round(url, page, max(1, len(cookies)), args.query, args.timeout * 4,
                            [pid], cookies=cookies)  # fmt: skip


def sign_in_all(args: argparse.Namespace, store: Path) -> tuple[Path | None, list[str]]:
    """--scoped: the accounts' cookies and the secrets file that signs them; else none."""
    if not args.scoped:
        return None, []
    ledger = store / "access.sqlite3"
    if ledger.exists():
        raise SystemExit(f"{ledger} exists: --scoped makes its own accounts in a store without")
    cookies = scoped_accounts(args.data, store, max(args.sessions))
    secrets = store / "load-secrets.toml"
    secrets.write_text(f'[access]\nsecret = "{SECRET}"\n', "utf-8")
    return secrets, cookies


async def rounds_of(
    args: argparse.Namespace, url: str, pids: list[int], cookies: list[str], addresses: list[str]
) -> list[Round]:
    """Every N of --sessions, every page: one round each, printed as it ends."""
    rounds = []
    for n in args.sessions:
        for page in args.pages:
            done = await one_round(
                url, page, n, args.query, args.timeout, pids, args.repeat, cookies, addresses
            )
            rounds.append(done)
            print(line(done), flush=True)
    return rounds


async def run(args: argparse.Namespace) -> list[Round]:
    store = args.store or Path(tempfile.mkdtemp(prefix="load-store-"))
    secrets, cookies = sign_in_all(args, store)
    ports = [args.port + i for i in range(args.processes)]
    servers = [Server(args.data, port, store, secrets) for port in ports]
    proxy = None
    try:
        for server in servers:
            server.wait()
        pids = [server.proc.pid for server in servers]
        warmers = cookies if args.scoped and not args.cold else cookies[:1]
        notes = []
        for port, pid in zip(ports, pids, strict=True):
            notes.append(await first_view(f"ws://127.0.0.1:{port}/_stcore/stream", pid, args))
            await warm(args, f"ws://127.0.0.1:{port}/_stcore/stream", pid, warmers)
        notes.append(memory_line(pids, "after every page was opened twice"))
        if args.processes == 1:
            rounds = await rounds_of(args, f"ws://127.0.0.1:{args.port}/_stcore/stream", pids,
                                     cookies, [])  # fmt: skip
        else:
            proxy = Proxy(args.proxy_port, ports)
            addresses = [f"127.0.1.{i + 1}" for i in range(max(args.sessions))]
            url = f"ws://127.0.0.1:{args.proxy_port}/_stcore/stream"
            rounds = await rounds_of(args, url, pids, cookies, addresses)
            print(f"\nsessions per server: {proxy.upstreams()}", flush=True)
        notes.append(memory_line(pids, "after the rounds"))
        print("\n" + "\n".join(notes), flush=True)
        return rounds
    finally:
        if proxy is not None:
            proxy.stop()
        for server in servers:
            server.stop()
        if args.scoped:  # the store is left as it was found
            for path in store.glob("access.sqlite3*"):
                path.unlink()


def line(r: Round) -> str:
    s = r.seconds
    return (
        f"| {r.page} | {r.sessions} | {min(s):.2f} | {statistics.median(s):.2f} |"
        f" {percentile(s, 0.95):.2f} | {max(s):.2f} | {r.errors} | {r.mb_per_session:.1f} |"
        f" {r.cpu_ms_per_view:.0f} | {r.views_per_second:.1f} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="a folder of files (default: the sample)")
    parser.add_argument("--store", type=Path, help="a store: its current version is shown")
    parser.add_argument("--sessions", default="1,5,10,20")
    parser.add_argument("--pages", default=",".join(n for n in NAMES if n not in LIGHT))
    parser.add_argument("--query", default="", help="the URL's query string, e.g. lang=en")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--processes", type=int, default=1, help="servers behind nginx")
    parser.add_argument("--proxy-port", type=int, default=8780)
    parser.add_argument("--repeat", type=int, default=1, help="rounds per page and N")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--scoped", action="store_true", help="each session with its own scope")
    parser.add_argument("--cold", action="store_true", help="scoped: no scope opened before")
    args = parser.parse_args(argv)
    args.sessions = [int(n) for n in args.sessions.split(",")]
    args.pages = args.pages.split(",")
    print(
        "| page | sessions | min (s) | median (s) | p95 (s) | max (s) | errors | MB/session"
        " | CPU ms/view | views/s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    rounds = asyncio.run(run(args))
    return 1 if any(r.errors for r in rounds) else 0


if __name__ == "__main__":
    sys.exit(main())
