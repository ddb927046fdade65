"""A sign-in lasts in the browser (a signed, expiring token in an HttpOnly cookie), and ends
at once everywhere when the account is disabled, its password changes, it signs out or the
time is up. The browser test of a real reload is tests/browser/test_sign_in.py."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlencode

import pytest
from starlette.requests import Request
from starlette.responses import Response
from streamlit.testing.v1 import AppTest

from access import tokens
from access.accounts import new_account, with_password
from access.config import check_password
from access.ledger import Entry, Ledger
from app import login, routes
from tests.app_script import MAIN

SECRET = "a server secret for the tests"
TICKET = tokens.Ticket("wang", "0123456789abcdef", "token-1")


# --------------------------------------------------------------------------- the token


def test_a_signed_token_reads_back_as_its_ticket() -> None:
    read = tokens.read(tokens.sign(TICKET, SECRET), SECRET, 3600)
    assert read is not None
    assert (read.user, read.fingerprint, read.token) == ("wang", "0123456789abcdef", "token-1")
    assert abs(read.issued - time.time()) < 5


def test_a_token_signed_with_another_secret_is_refused() -> None:
    assert tokens.read(tokens.sign(TICKET, "another secret"), SECRET, 3600) is None


def test_a_token_whose_name_is_changed_is_refused() -> None:
    _, stamp, signature = tokens.sign(TICKET, SECRET).split(".")
    other = tokens.sign(tokens.Ticket("lisi", TICKET.fingerprint, TICKET.token), "x")
    assert tokens.read(f"{other.split('.')[0]}.{stamp}.{signature}", SECRET, 3600) is None


def test_an_expired_token_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    signed = tokens.sign(TICKET, SECRET)
    later = time.time() + 13 * 3600
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: later)
    assert tokens.read(signed, SECRET, 12 * 3600) is None


def test_a_hand_over_token_is_not_a_sign_in_token_and_lasts_two_minutes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    handover = tokens.sign(TICKET, SECRET, handover=True)
    assert tokens.read(handover, SECRET, 3600) is None
    assert tokens.read(tokens.sign(TICKET, SECRET), SECRET, 3600, handover=True) is None
    assert tokens.read(handover, SECRET, 0, handover=True) is not None
    later = time.time() + tokens.HANDOVER + 5
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: later)
    assert tokens.read(handover, SECRET, 0, handover=True) is None


def test_a_password_change_changes_the_fingerprint() -> None:
    entry, _ = new_account("li", "李明", "viewer", ())
    changed = with_password(entry, "a brand new password")
    assert tokens.fingerprint(entry.password_hash) != tokens.fingerprint(changed.password_hash)


# --------------------------------------------------------------------------- the routes


class Client:
    """Calls the routes as the server would, with a request built by hand."""

    def get(self, path: str, params: dict | None = None, headers: dict | None = None) -> Response:
        scope = {
            "type": "http",
            "method": "GET",
            "scheme": "http",
            "path": path,
            "query_string": urlencode(params or {}).encode(),
            "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
            "server": ("127.0.0.1", 8501),
        }
        route = {"/_auth/keep": routes.keep, "/_auth/end": routes.end}[path]
        # in a thread of its own: a test run may hold an event loop in this one (Playwright's)
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, route(Request(scope))).result()


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Client:
    monkeypatch.setenv("DANGJIAN_STORE", str(tmp_path / "store"))
    monkeypatch.setattr(login, "_secrets", lambda: {"access": {"secret": SECRET}})
    return Client()


def test_the_keep_route_sets_an_http_only_cookie_for_twelve_hours(client: Client) -> None:
    handover = tokens.sign(TICKET, SECRET, handover=True)
    answer = client.get("/_auth/keep", params={"t": handover})
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/gif"
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"{tokens.COOKIE}=")
    assert "HttpOnly" in cookie and "Max-Age=43200" in cookie and "SameSite=lax" in cookie
    value = cookie.split(";")[0].split("=", 1)[1]
    assert tokens.read(value, SECRET, 43200) is not None


def test_the_keep_route_refuses_a_bad_or_missing_token(client: Client) -> None:
    for params in ({"t": "not a token"}, {}, {"t": tokens.sign(TICKET, SECRET)}):
        assert "set-cookie" not in client.get("/_auth/keep", params=params).headers


def test_over_https_the_cookie_is_secure(client: Client) -> None:
    handover = tokens.sign(TICKET, SECRET, handover=True)
    answer = client.get(
        "/_auth/keep", params={"t": handover}, headers={"X-Forwarded-Proto": "https"}
    )
    assert "Secure" in answer.headers["set-cookie"]


def test_the_end_route_clears_the_cookie(client: Client) -> None:
    cookie = client.get("/_auth/end").headers["set-cookie"]
    assert cookie.startswith(f'{tokens.COOKIE}=""') and "Max-Age=0" in cookie


# --------------------------------------------------------------------------- in the app


@pytest.fixture
def app_with(
    monkeypatch: pytest.MonkeyPatch, small_dir: Path, tmp_path: Path
) -> Callable[..., AppTest]:
    """The app on the small dataset whose browser sends ``cookie`` (None: no cookie), with
    a store account ``li`` (viewer of C1) whose password is 'correct horse'."""
    monkeypatch.setenv("DANGJIAN_DATA_DIR", str(small_dir))
    monkeypatch.setenv("DANGJIAN_STORE", str(tmp_path / "store"))
    entry, _ = new_account("li", "李明", "viewer", ("C1",))
    Ledger(tmp_path / "store").put([with_password(entry, "correct horse")], by="test")

    def make(cookie: str | None) -> AppTest:
        monkeypatch.setattr(login, "browser_cookie", lambda: cookie)
        at = AppTest.from_file(MAIN, default_timeout=60)
        at.secrets = {"access": {"secret": SECRET}}
        return at.run()

    return make


def _change_li(store: Path, **changes: object) -> None:
    """Change the stored account li as an admin would (``dataclasses.replace``)."""
    entry = Ledger(store).account("li")
    assert entry is not None
    Ledger(store).put([replace(entry, **changes)], by="admin")


def _cookie_for(user: str, store: Path) -> str:
    entry = Ledger(store).account(user)
    assert entry is not None
    ticket = tokens.new_ticket(entry.name, entry.password_hash)
    return tokens.sign(ticket, SECRET)


def test_a_new_session_with_the_cookie_is_signed_in(app_with, tmp_path: Path) -> None:
    at = app_with(_cookie_for("li", tmp_path / "store"))
    assert "login_user" not in [w.key for w in at.text_input]  # no sign-in form
    assert {m.label: m.value for m in at.metric}["在册党员"] == "3 名"  # C1's scope


def test_without_the_cookie_the_sign_in_form_is_shown(app_with) -> None:
    at = app_with(None)
    assert [w.label for w in at.text_input] == ["用户名", "密码"]


def test_a_forged_cookie_is_not_a_sign_in(app_with) -> None:
    forged = tokens.sign(tokens.Ticket("li", "0" * 16, "x"), "not the server's secret")
    assert [w.label for w in app_with(forged).text_input] == ["用户名", "密码"]


def test_a_disabled_account_is_signed_out_on_its_next_run(app_with, tmp_path: Path) -> None:
    store = tmp_path / "store"
    at = app_with(_cookie_for("li", store))
    assert at.metric
    _change_li(store, enabled=False)
    at.run()
    assert not at.metric
    assert [i.value for i in at.info] == ["该账户已停用或已删除，请联系管理员。"]


def test_a_changed_password_ends_every_session_of_the_account(app_with, tmp_path: Path) -> None:
    store = tmp_path / "store"
    at = app_with(_cookie_for("li", store))
    entry = Ledger(store).account("li")
    assert entry is not None
    Ledger(store).put([with_password(entry, "another password")], by="li")
    at.run()
    assert not at.metric
    assert [i.value for i in at.info] == ["密码已更改，请用新密码重新登录。"]


def test_a_changed_scope_takes_effect_on_the_next_run(app_with, tmp_path: Path) -> None:
    store = tmp_path / "store"
    at = app_with(_cookie_for("li", store))
    _change_li(store, scope=("P1",))
    at.run()
    assert {m.label: m.value for m in at.metric}["在册党员"] == "2 名"


def test_signing_out_ends_the_sign_in_in_every_session(app_with, tmp_path: Path) -> None:
    store = tmp_path / "store"
    cookie = _cookie_for("li", store)
    first, second = app_with(cookie), app_with(cookie)
    first.sidebar.button(key="logout").click().run()
    assert [w.label for w in first.text_input] == ["用户名", "密码"]
    second.run()  # another tab of the same browser
    assert not second.metric
    assert [i.value for i in second.info] == ["您已退出登录。"]
    assert not app_with(cookie).metric  # and a reload with the old cookie


def test_a_sign_in_past_its_hours_ends(app_with, tmp_path: Path, monkeypatch) -> None:
    at = app_with(_cookie_for("li", tmp_path / "store"))
    assert at.metric
    later = time.time() + 12 * 3600 + 60
    monkeypatch.setattr(login.time, "time", lambda: later)
    at.run()
    assert not at.metric
    assert [i.value for i in at.info] == ["登录已过期，请重新登录。"]


def test_signing_in_on_the_page_hands_the_cookie_over_for_a_minute(
    app_with, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = app_with(None)
    at.text_input(key="login_user").input("li")
    next(w for w in at.text_input if w.label == "密码").input("correct horse")
    at.button[0].click().run()
    images = [h.proto.body for h in at.get("html") if "/_auth/keep?t=" in h.proto.body]
    assert len(images) == 1
    handover = images[0].split("t=", 1)[1].split('"', 1)[0]
    ticket = tokens.read(handover, SECRET, 0, handover=True)
    assert ticket is not None and ticket.user == "li"
    later = time.time() + 61
    monkeypatch.setattr(login.time, "time", lambda: later)
    at.run()
    assert not [h for h in at.get("html") if "/_auth/keep" in h.proto.body]
    assert at.metric  # still signed in


def test_a_person_changes_their_own_password_from_the_sidebar(app_with, tmp_path: Path) -> None:
    store = tmp_path / "store"
    at = app_with(_cookie_for("li", store))
    at.sidebar.button(key="own_pw").click().run()
    next(w for w in at.text_input if w.label == "当前密码").input("correct horse")
    next(w for w in at.text_input if w.key == "new_password").input("a better password")
    next(w for w in at.text_input if w.label == "再次输入新密码").input("a better password")
    next(b for b in at.button if b.label == "保存新密码").click().run()
    assert [t.value for t in at.toast] == ["密码已修改。"]
    entry = Ledger(store).account("li")
    assert entry is not None and check_password(entry, "a better password") is not None
    assert at.metric  # this session goes on, signed in with the new password
    assert not [w for w in at.text_input if w.label == "当前密码"]  # the dialog closed


def test_a_hand_over_sets_a_cookie_once(client: Client) -> None:
    handover = tokens.sign(TICKET, SECRET, handover=True)
    assert "set-cookie" in client.get("/_auth/keep", params={"t": handover}).headers
    again = client.get("/_auth/keep", params={"t": handover})  # a copy from a log, say
    assert "set-cookie" not in again.headers


def test_an_account_disabled_and_enabled_again_needs_a_new_sign_in(
    app_with, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store"
    earlier = time.time() - 10
    with monkeypatch.context() as m:  # signed in ten seconds ago
        m.setattr("itsdangerous.timed.time.time", lambda: earlier)
        cookie = _cookie_for("li", store)
    assert app_with(cookie).metric
    ledger = Ledger(store)
    ledger.end_all("li")  # what disabling it does (app.accounts.change)
    assert not app_with(cookie).metric
    assert app_with(_cookie_for("li", store)).metric  # a sign-in made after it holds


def test_a_session_resumed_from_the_cookie_is_one_sign_in_on_the_trail(
    app_with, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    at = app_with(_cookie_for("li", store))
    at.run()
    at.run()
    entries = [(e["who"], e["action"], e["detail"]) for e in Ledger(store).trail()]
    assert entries == [("li", "sign_in", "resumed")]


def test_the_ledger_and_the_servers_secret_are_for_the_servers_owner_only(
    tmp_path: Path,
) -> None:
    ledger = Ledger(tmp_path)
    secret = ledger.secret()
    ledger.record(Entry("li", "sign_in"))
    assert (tmp_path / "access.sqlite3").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "access-secret").stat().st_mode & 0o777 == 0o600
    assert secret.encode() not in (tmp_path / "access.sqlite3").read_bytes()
