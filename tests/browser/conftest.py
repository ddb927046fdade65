"""Fixtures for the browser tests: Chromium, a server per dataset, a fresh page per test.

Without Chromium the browser tests skip with the reason on a developer's machine; in CI
(``CI=true``) they fail instead, so a green CI always means the browser tests ran.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.harness import (
    LAUNCH_ARGS,
    SIZES,
    AppServer,
    Console,
    find_chromium,
    running,
)

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
        context = browser.new_context(
            viewport={"width": width, "height": height},
            accept_downloads=True,
            locale="zh-CN",
        )
        contexts.append(context)
        return Tab(context.new_page())

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def tab(new_tab: Callable[..., Tab]) -> Tab:
    return new_tab()
