"""The city's proxy (docs/deploy/nginx.conf, run by benchmarks/load.py's Proxy with its ports
replaced) in front of two real dashboard processes: a browser's first request is answered
with a cookie naming the process that served it, every later request carrying the cookie
goes back to that process, and a cookie naming anything else is never followed."""

from __future__ import annotations

import re
import socket
import time
import urllib.request
from collections.abc import Iterator

import pytest

from benchmarks.load import NGINX, Proxy, Server
from tests.conftest import IN_CI


def _free_ports(n: int) -> list[int]:
    sockets = [socket.socket() for _ in range(n)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


@pytest.fixture(scope="module")
def proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxy]:
    if NGINX is None and not IN_CI:
        pytest.skip("nginx is not installed here (CI installs it)")
    store = tmp_path_factory.mktemp("proxy-store")
    first, second, front = _free_ports(3)
    servers = [Server(None, port, store) for port in (first, second)]
    started = None
    try:
        for server in servers:
            server.wait()
        started = Proxy(front, [first, second])
        yield started
    finally:
        if started is not None:
            started.stop()
        for server in servers:
            server.stop()


def _get(proxy: Proxy, path: str, cookie: str | None = None) -> tuple[int, str | None]:
    """(status, the dangjian_node cookie the answer sets)."""
    request = urllib.request.Request(f"http://127.0.0.1:{proxy.port}{path}")
    if cookie is not None:
        request.add_header("Cookie", f"dangjian_node={cookie}")
    with urllib.request.urlopen(request, timeout=30) as answer:
        cookies = " ".join(answer.headers.get_all("Set-Cookie") or [])
        found = re.search(r"dangjian_node=([^;]*)", cookies)
        return answer.status, found.group(1) if found else None


def _served_by(proxy: Proxy, count: int = 0) -> list[str]:
    """The process that served each request in the proxy's log, once it holds ``count``
    (nginx writes a request's line as it finishes it, which can be just after the client
    has its answer)."""
    deadline = time.monotonic() + 10
    while True:
        log = (proxy.prefix / "access.log").read_text("utf-8").splitlines()
        if len(log) >= count or time.monotonic() > deadline:
            return [line.rsplit("upstream=", 1)[-1] for line in log]
        time.sleep(0.05)


def test_a_first_request_is_told_which_process_served_it(proxy: Proxy) -> None:
    before = len(_served_by(proxy))
    status, node = _get(proxy, "/")
    assert status == 200
    assert node == _served_by(proxy, before + 1)[-1]
    assert re.fullmatch(r"127\.0\.0\.1:\d+", node or "")


def test_every_later_request_with_the_cookie_goes_to_the_same_process(proxy: Proxy) -> None:
    before = len(_served_by(proxy)) + 1
    _, node = _get(proxy, "/")
    paths = ("/", "/_stcore/health", "/members", "/_stcore/host-config")
    for path in paths:
        assert _get(proxy, path, node)[1] == node
    assert set(_served_by(proxy, before + len(paths))[before:]) == {node}


def test_a_cookie_naming_another_address_is_not_followed(proxy: Proxy) -> None:
    ports = {f"127.0.0.1:{p}" for p in proxy.ports}
    before = len(_served_by(proxy))
    status, node = _get(proxy, "/_stcore/health", "203.0.113.9:80")
    assert status == 200
    assert node in ports and _served_by(proxy, before + 1)[-1] in ports
