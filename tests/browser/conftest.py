"""Fixtures for the browser tests: Chromium, a server per dataset, a fresh page per test.

Without Chromium the browser tests skip with the reason on a developer's machine; in CI
(``CI=true``) they fail instead, so a green CI always means the browser tests ran.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from access import tokens
from access.accounts import new_account
from access.ledger import Entry, Ledger
from access.passwords import hash_password
from ingest.store import Store
from tests.browser.harness import (
    LAUNCH_ARGS,
    NARROW,
    PHONE_USER_AGENT,
    SIZES,
    AppServer,
    Console,
    find_chromium,
    running,
)
from tests.conftest import SALT, csv_text
from tests.small_dataset import SMALL

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def chromium() -> str:
    path = find_chromium()
    if path is None:
        reason = (
            "no Chromium: install it with `apt-get install -y chromium fonts-noto-cjk` "
            "(or set CHROMIUM_PATH)"
        )
        if IN_CI:
            pytest.fail(f"CI must run the browser tests, but there is {reason}")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def sample_server(chromium: str) -> Iterator[AppServer]:
    """The dashboard on the bundled sample."""
    with running(None) as server:
        yield server


@pytest.fixture(scope="session")
def small_server(chromium: str, small_dir: Path) -> Iterator[AppServer]:
    """The dashboard on the hand-checkable dataset of tests/small_dataset.py."""
    with running(small_dir) as server:
        yield server


class Tab:
    """A page in a fresh browser context, with its console watched."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console = Console(page)


@pytest.fixture
def new_tab(browser: Browser) -> Iterator[Callable[..., Tab]]:
    """new_tab(viewport="1920x1080") → a Tab in its own context (no shared cookies or
    session), which accepts downloads."""
    contexts = []

    def make(viewport: str = "1920x1080") -> Tab:
        width, height = SIZES[viewport]
        phone = width <= NARROW  # a phone's browser: touch, and the page's meta viewport
        context = browser.new_context(
            viewport={"width": width, "height": height},
            accept_downloads=True,
            locale="zh-CN",
            is_mobile=phone,
            has_touch=phone,
            user_agent=PHONE_USER_AGENT if phone else None,
        )
        contexts.append(context)
        return Tab(context.new_page())

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def tab(new_tab: Callable[..., Tab]) -> Tab:
    return new_tab()


@dataclass(frozen=True)
class Guarded:
    """A server with accounts: ``server``, and a sign-in cookie per account name."""

    server: AppServer
    cookies: dict[str, str]


GUARDED_SECRET = "the browser tests' secret"


@pytest.fixture(scope="session")
def guarded(
    chromium: str, small_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Guarded]:
    """The dashboard on a store of the small dataset with accounts: wang (admin of the
    whole), jia (editor of C1, in the settings) and yi (editor of P1, in the store); jia has
    sent C1's members once; a few sign-ins and a member list are on the audit trail."""
    root = tmp_path_factory.mktemp("guarded")
    store, secrets = root / "store", root / "secrets.toml"
    Store(store).publish([small_dir], by="组织办", salt=SALT)
    c1 = small_dir.parent / "c1-update"
    c1.mkdir(exist_ok=True)
    rows = [r for r in SMALL["members"] if r["组织编号"] in {"C1", "C1a", "C1b"}]
    (c1 / "members.csv").write_text(csv_text(rows), "utf-8")
    Store(store).publish([c1], by="甲书记", salt=SALT, scope=("C1",))
    hashes = {"wang": hash_password("admin-pass-1"), "jia": hash_password("scoped-pass-1")}
    secrets.write_text(
        f'[access]\nsecret = "{GUARDED_SECRET}"\n\n'
        f'[access.users.wang]\npassword = "{hashes["wang"]}"\nrole = "admin"\nname = "王芳"\n\n'
        f'[access.users.jia]\npassword = "{hashes["jia"]}"\nrole = "editor"\nname = "甲书记"\n'
        'scope = ["C1"]\n',
        "utf-8",
    )
    ledger = Ledger(store)
    yi, _ = new_account("yi", "乙书记", "editor", ("P1",))
    ledger.put([yi], by="wang")
    for who, action, scope, page, org in (
        ("wang", "sign_in", "", "login", ""),
        ("jia", "sign_in", "C1", "login", ""),
        ("jia", "member_list", "C1", "branch", "C1a"),
        ("yi", "sign_in_failed", "", "login", ""),
    ):
        ledger.record(Entry(who, action, scope, "198.51.100.7", page, org))
    cookies = {
        name: tokens.sign(tokens.new_ticket(name, password_hash), GUARDED_SECRET)
        for name, password_hash in hashes.items()
    }
    with running(None, secrets, store) as server:
        yield Guarded(server, cookies)
