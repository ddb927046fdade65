"""The load benchmark (benchmarks/load.py) at N = 2: it starts a server, two sessions open a
page together over Streamlit's websocket, and each gets the page without an error. The full
run (N up to 20, every page) is not part of CI; its figures are in benchmarks/README.md."""

from __future__ import annotations

import ast
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.load import NGINX
from tests.conftest import IN_CI

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_two_sessions_open_a_page_together_without_errors(small_dir: Path) -> None:
    args = ["--data", str(small_dir), "--sessions", "2", "--pages", "overview,members"]
    done = subprocess.run(
        [sys.executable, "benchmarks/load.py", *args, "--port", str(_free_port())],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    rows = [line.split("|")[1:-1] for line in done.stdout.splitlines()[2:] if line.startswith("|")]
    assert [(r[0].strip(), r[1].strip(), r[6].strip()) for r in rows] == [
        ("overview", "2", "0"),
        ("members", "2", "0"),
    ]


def test_sessions_reach_two_servers_through_the_citys_proxy(small_dir: Path) -> None:
    if NGINX is None and not IN_CI:
        pytest.skip("nginx is not installed here (CI installs it)")
    ports = ["--port", str(_free_port()), "--proxy-port", str(_free_port())]
    args = ["--data", str(small_dir), "--sessions", "6", "--pages", "overview",
            "--processes", "2", *ports]  # fmt: skip
    done = subprocess.run(
        [sys.executable, "benchmarks/load.py", *args], cwd=ROOT, capture_output=True,
        text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    lines = done.stdout.splitlines()
    row = lines[2].split("|")[1:-1]
    assert (row[0].strip(), row[1].strip(), row[6].strip()) == ("overview", "6", "0")
    (spread,) = [x for x in lines if x.startswith("sessions per server: ")]
    # the six sessions' websockets through nginx, each to the server with the fewest open
    # connections: three each
    assert sorted(ast.literal_eval(spread.split(": ", 1)[1]).values()) == [3, 3]
