"""Access control in a real browser: the login, each role's menu, links to pages a role may
not open, and the sign-out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from access.cli import user_entry
from tests.browser.harness import (
    AppServer,
    app_url,
    full_page_screenshot,
    running,
    wait_for_app_run,
    wait_for_charts,
)

PASSWORDS = {"li": "viewer-pass-1", "zhao": "editor-pass-1", "wang": "admin-pass-1"}
SCOPED_PASSWORD = "scoped-pass-1"
ROLES = {"li": ("viewer", "李明"), "zhao": ("editor", "赵芳"), "wang": ("admin", "王芳")}
VIEWER_MENU = [
    "总览",
    "党员队伍",
    "领域对比",
    "支部画像",
    "创新引领",
    "组织生活",
    "发展党员",
    "两个覆盖",
    "组织健康",
    "会议汇报",
    "统计年报",
]


@pytest.fixture(scope="module")
def guarded_server(
    chromium: str, small_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AppServer]:
    """The dashboard on the small dataset, with a viewer, an editor and an admin."""
    secrets = tmp_path_factory.mktemp("secrets") / "secrets.toml"
    secrets.write_text(
        "\n".join(user_entry(u, PASSWORDS[u], *ROLES[u]) for u in PASSWORDS), "utf-8"
    )
    scoped = user_entry("jia", "scoped-pass-1", "editor", "甲书记") + 'scope = ["C1"]\n'
    secrets.write_text(secrets.read_text("utf-8") + scoped, "utf-8")
    with running(small_dir, secrets) as server:
        yield server


def sign_in(page: Page, user: str, password: str | None = None) -> None:
    expect(page.get_by_label("用户名")).to_be_visible(timeout=60_000)
    page.get_by_label("用户名").fill(user)
    page.get_by_label("密码").fill(password or PASSWORDS[user])
    page.get_by_role("button", name="登录").click()
    wait_for_app_run(page)


def menu(page: Page) -> list[str]:
    links = page.get_by_test_id("stSidebarNav").get_by_test_id("stSidebarNavLink")
    return [text.split("\n")[-1].strip() for text in links.all_inner_texts()]


def test_the_login_screen_comes_first_and_shows_no_data(tab, guarded_server):
    page = tab.page
    page.goto(app_url(guarded_server.url))
    expect(page.get_by_label("密码")).to_be_visible(timeout=60_000)
    assert page.get_by_test_id("stMetric").count() == 0
    assert page.get_by_test_id("stSidebarNav").count() == 0
    full_page_screenshot(page, "login_zh_1920x1080")
    sign_in(page, "li", "wrong password")
    expect(page.get_by_text("用户名或密码不正确。")).to_be_visible()
    assert tab.console.errors == []


def test_a_viewer_signs_in_to_a_menu_without_the_data_pages(tab, guarded_server):
    page = tab.page
    page.goto(app_url(guarded_server.url))
    sign_in(page, "li")
    wait_for_charts(page)
    assert menu(page) == VIEWER_MENU
    expect(page.get_by_test_id("stSidebar").get_by_text("当前用户：李明（查看者）")).to_be_visible()
    full_page_screenshot(page, "signed_in_viewer_zh_1920x1080")
    assert tab.console.errors == []


def test_a_viewer_following_a_link_to_the_data_page_is_refused(tab, guarded_server):
    page = tab.page
    page.goto(app_url(guarded_server.url, "data"))
    sign_in(page, "li")
    expect(page.get_by_text("此页面需要“编辑”及以上角色，你的角色是“查看者”。")).to_be_visible()
    assert page.url.rstrip("/").endswith("/data")
    assert page.get_by_test_id("stFileUploader").count() == 0
    assert page.get_by_test_id("stDataFrame").count() == 0
    full_page_screenshot(page, "refused_viewer_zh_1920x1080")


def test_an_admin_has_the_data_and_history_pages(tab, guarded_server):
    page = tab.page
    page.goto(app_url(guarded_server.url, "history"))
    sign_in(page, "wang")
    assert menu(page) == [
        *VIEWER_MENU,
        "数据管理",
        "版本历史",
        "报送情况",
        "用户与权限",
        "查询留痕",
    ]
    expect(page.get_by_role("heading", name="版本历史")).to_be_visible()


def test_signing_out_returns_to_the_login(tab, guarded_server):
    page = tab.page
    page.goto(app_url(guarded_server.url))
    sign_in(page, "zhao")
    assert menu(page) == [*VIEWER_MENU, "数据管理"]
    page.get_by_test_id("stSidebar").get_by_role("button", name="退出登录").click()
    expect(page.get_by_label("密码")).to_be_visible()
    assert page.get_by_test_id("stSidebarNav").count() == 0


def test_a_reload_and_a_new_tab_keep_the_sign_in(tab, guarded_server):
    page = tab.page
    page.goto(app_url(guarded_server.url))
    sign_in(page, "li")
    wait_for_charts(page)
    cookie = next(c for c in page.context.cookies() if c["name"] == "dangjian_session")
    assert cookie["httpOnly"] and cookie["expires"] > 0
    page.reload()
    wait_for_charts(page)
    assert page.get_by_label("密码").count() == 0
    expect(page.get_by_test_id("stSidebar").get_by_text("当前用户：李明（查看者）")).to_be_visible()
    other = page.context.new_page()
    other.goto(app_url(guarded_server.url, "members"))
    expect(other.get_by_role("heading", name="党员队伍")).to_be_visible(timeout=60_000)
    assert other.get_by_label("密码").count() == 0
    other.close()


def test_after_signing_out_a_reload_asks_again(tab, guarded_server):
    page = tab.page
    page.goto(app_url(guarded_server.url))
    sign_in(page, "li")
    wait_for_charts(page)
    page.get_by_test_id("stSidebar").get_by_role("button", name="退出登录").click()
    expect(page.get_by_label("密码")).to_be_visible()
    page.wait_for_timeout(500)  # the cookie is cleared by the login page's image
    page.reload()
    expect(page.get_by_label("密码")).to_be_visible(timeout=60_000)
    assert [c["name"] for c in page.context.cookies()].count("dangjian_session") == 0


def test_a_scoped_account_following_a_link_outside_its_scope_is_refused(tab, guarded_server):
    page = tab.page
    page.goto(app_url(guarded_server.url, "branch") + "?branch=P1")
    sign_in(page, "jia", SCOPED_PASSWORD)
    expect(page.get_by_text("无权查看该组织", exact=False)).to_be_visible(timeout=60_000)
    assert page.get_by_text("乙科技有限公司党支部").count() == 0
    full_page_screenshot(page, "refused_scope_zh_1920x1080")
