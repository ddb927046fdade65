"""A city on one database: two dashboard processes that share nothing but a PostgreSQL
store (each with its own folder for its copies of versions, as two hosts would have): an
import through one shown by the other on its next run, a rollback too; an account made on
one signs in on the other, into one audit trail."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from playwright.sync_api import expect

from access.accounts import new_account
from access.pg_ledger import PostgresLedger
from ingest.migrate import migrate
from ingest.pg_store import PostgresStore
from tests.browser.harness import AppServer, metric_cards, open_page, wait_for_app_run
from tests.conftest import SALT


@pytest.fixture
def two_hosts(postgres_server, small_dir):
    uri = postgres_server.create_database()
    migrate(uri)
    PostgresStore(uri).publish([small_dir], by="组织办", salt=SALT)
    servers = [AppServer(database=uri).start(), AppServer(database=uri).start()]
    try:
        yield uri, servers
    finally:
        for server in servers:
            server.stop()


def _fewer(small_dir: Path, folder: Path) -> Path:
    """The small dataset without member m8 (active on D): 5 active members → 4."""
    folder.mkdir()
    for path in small_dir.glob("*.csv"):
        lines = path.read_text("utf-8").splitlines(keepends=True)
        if path.name == "members.csv":
            lines = [line for line in lines if not line.startswith("m8,")]
        (folder / path.name).write_text("".join(lines), "utf-8")
    return folder


def _shows(page, base: str, version: str, active: str) -> None:
    open_page(page, base)
    expect(page.get_by_text(f"数据仓库 {version} 版")).to_be_visible()
    assert metric_cards(page)["在册党员"] == active


def test_an_import_through_one_host_shows_on_the_other_without_a_restart(
    new_tab, two_hosts, small_dir, tmp_path
):
    uri, (first, second) = two_hosts
    pages = [new_tab().page, new_tab().page]
    for page, server in zip(pages, (first, second), strict=True):
        _shows(page, server.url, "v0001", "5 名")
    # an import through the first host's 数据管理 page
    page = pages[0]
    open_page(page, first.url, "data")
    files = sorted(_fewer(small_dir, tmp_path / "fewer").glob("*.csv"))
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(
        [str(p) for p in files]
    )
    wait_for_app_run(page)
    page.get_by_label("导入人（记入版本记录）").fill("组织办")
    page.get_by_role("button", name="确认导入").click()
    wait_for_app_run(page)
    assert PostgresStore(uri).current() == "v0002"
    _shows(pages[1], second.url, "v0002", "4 名")  # the other host, on its next run
    # a rollback made elsewhere (the command line of a third host): both follow
    PostgresStore(uri).rollback("v0001", by="王芳")
    for page, server in zip(pages, (first, second), strict=True):
        _shows(page, server.url, "v0001", "5 名")
    assert not any((server.store / "versions").exists() for server in (first, second))


def test_an_account_made_on_one_host_signs_in_on_the_other(new_tab, two_hosts):
    uri, (_, second) = two_hosts
    entry, password = new_account("li", "李明", "viewer", ())
    entry = replace(entry, must_change=False)  # its password already changed
    PostgresLedger(uri).put([entry], by="组织办")  # as the first host's 用户与权限 page does
    page = new_tab().page
    open_page(page, second.url)  # the other host asks for a sign-in from now on
    expect(page.get_by_label("用户名")).to_be_visible(timeout=60_000)
    page.get_by_label("用户名").fill("li")
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    wait_for_app_run(page)
    expect(page.get_by_text("李明")).to_be_visible()
    assert [e["action"] for e in PostgresLedger(uri).trail()] == ["sign_in"]  # one trail
