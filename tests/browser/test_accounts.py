"""用户与权限 in a real browser: the page at every size in both languages, and an account
made there whose owner signs in with the one-time password and must change it."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.harness import hold_sign_in, open_page, shoot_every_view, wait_for_app_run


def test_accounts_renders_at_every_size_in_both_languages(new_tab, guarded):
    shoot_every_view(new_tab, guarded.server, "accounts", with_charts=False,
                     cookie=guarded.cookies["wang"],
                     viewports=("1920x1080", "1366x768", "390x844"))  # fmt: skip


def test_an_account_made_here_signs_in_once_with_its_one_time_password(new_tab, guarded):
    admin = new_tab().page
    hold_sign_in(admin, guarded.server.url, guarded.cookies["wang"])
    open_page(admin, guarded.server.url, "accounts")
    form = admin.get_by_test_id("stForm").first
    form.get_by_role("textbox", name="用户名").fill("bing")
    form.get_by_role("textbox", name="姓名").fill("丙书记")
    form.get_by_role("button", name="添加并生成一次性密码").click()
    wait_for_app_run(admin)
    expect(admin.get_by_text("只显示这一次", exact=False)).to_be_visible()
    password = admin.get_by_test_id("stMain").get_by_test_id("stCode").first.inner_text().strip()
    assert len(password) == 12

    owner = new_tab().page
    open_page(owner, guarded.server.url)
    owner.get_by_label("用户名").fill("bing")
    owner.get_by_label("密码").fill(password)
    owner.get_by_role("button", name="登录").click()
    wait_for_app_run(owner)
    expect(owner.get_by_text("这是管理员设置的一次性密码", exact=False)).to_be_visible()
    owner.get_by_label("当前密码").fill(password)
    owner.get_by_label("新密码（至少 8 个字符）").fill("bing's own password")
    owner.get_by_label("再次输入新密码").fill("bing's own password")
    owner.get_by_role("button", name="保存新密码").click()
    wait_for_app_run(owner)
    expect(owner.get_by_role("heading", name="总览")).to_be_visible(timeout=60_000)
