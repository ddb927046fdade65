"""Access control in the app (AppTest with ``at.secrets`` and ``at.user``): the login, each
role's pages, refusal by URL, member lists, uploads and rollback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from access.passwords import hash_password
from ingest.store import Store
from tests.app_script import MAIN, open_url, page_script
from tests.app_script import sign_in as sign_in_as
from tests.conftest import SALT
from tests.small_dataset import NAMES

PASSWORD = "correct horse"
HASH = hash_password(PASSWORD)
USERS = {
    "access": {
        "users": {
            "li": {"password": HASH, "role": "viewer", "name": "李明"},
            "zhao": {"password": HASH, "role": "editor", "name": "赵芳"},
            "wang": {"password": HASH, "role": "admin", "name": "王芳"},
        }
    }
}
SSO = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "test-cookie-secret",
        "client_id": "dashboard",
        "client_secret": "test-client-secret",
        "server_metadata_url": "https://sso.example.cn/.well-known/openid-configuration",
    },
    "access": {"roles": {"wang@example.cn": "admin", "zhao@example.cn": "editor"}},
}


@pytest.fixture(autouse=True)
def _fresh_login_limit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The failed-login counts are kept in the store, shared by the server's processes;
    each test starts with a store of its own."""
    monkeypatch.setenv("DANGJIAN_STORE", str(tmp_path / "access-store"))


@pytest.fixture
def small_app(monkeypatch: pytest.MonkeyPatch, small_dir: Path) -> Callable[..., AppTest]:
    monkeypatch.setenv("DANGJIAN_DATA_DIR", str(small_dir))

    def make(secrets: dict) -> AppTest:
        at = AppTest.from_file(MAIN, default_timeout=60)
        at.secrets = secrets
        return at

    return make


def sign_in(at: AppTest, user: str, password: str = PASSWORD) -> AppTest:
    return sign_in_as(at, user, password)


def shown_text(at: AppTest) -> str:
    parts = [str(getattr(e, "value", "")) for e in at.main]
    parts += [d.value.to_string() for d in at.dataframe]
    return "\n".join(parts)


# --------------------------------------------------------------------------- off by default


def test_without_users_no_login_is_asked_and_every_page_opens(
    monkeypatch: pytest.MonkeyPatch, small_dir: Path
) -> None:
    monkeypatch.setenv("DANGJIAN_DATA_DIR", str(small_dir))
    at = AppTest.from_file(MAIN, default_timeout=60).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["总览"]
    at.switch_page(page_script("history")).run()
    assert [t.value for t in at.title] == ["版本历史"] and not at.error


# --------------------------------------------------------------------------- the login


def test_with_users_the_app_asks_for_a_login_and_shows_no_data(small_app) -> None:
    at = small_app(USERS).run()
    assert not at.exception
    assert [w.label for w in at.text_input] == ["用户名", "密码"]
    assert not at.metric and not at.dataframe and not at.get("plotly_chart")


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(small_app) -> None:
    at = sign_in(small_app(USERS).run(), "li", "wrong password")
    assert [e.value for e in at.error] == ["用户名或密码不正确。"]
    assert not at.metric
    unknown = sign_in(small_app(USERS).run(), "nobody")
    assert [e.value for e in unknown.error] == ["用户名或密码不正确。"]


def test_the_right_password_opens_the_overview_and_names_the_user(small_app) -> None:
    at = sign_in(small_app(USERS).run(), "li")
    assert not at.exception
    assert [t.value for t in at.title] == ["总览"]
    assert {m.label: m.value for m in at.metric}["在册党员"] == "5 名"
    assert "当前用户：李明（查看者）" in [c.value for c in at.sidebar.caption]


def test_five_failed_logins_lock_the_name_even_with_the_right_password(small_app) -> None:
    at = small_app(USERS).run()
    for _ in range(5):
        sign_in(at, "zhao", "wrong password")
    assert "登录失败次数过多" in sign_in(at, "zhao").error[0].value
    assert not at.metric
    other = sign_in(small_app(USERS).run(), "wang")  # another name is not locked
    assert [t.value for t in other.title] == ["总览"]


def test_behind_a_trusted_proxy_failed_logins_are_counted_per_client(
    small_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five failures from one client, each with another name, lock that client out; a
    client behind the same proxy is not (nginx appends the client to X-Forwarded-For)."""
    from app import login

    secrets = {"access": {**USERS["access"], "trusted_proxies": ["127.0.0.1"]}}
    client = {"header": "198.51.100.7"}
    monkeypatch.setattr(login, "request_origin", lambda: (None, client["header"]))
    at = small_app(secrets).run()
    for name in ("a", "b", "c", "d", "e"):
        sign_in(at, name, "wrong password")
    assert "登录失败次数过多" in sign_in(at, "wang").error[0].value
    client["header"] = "192.0.2.1, 198.51.100.8"  # another client (the first part forged)
    other = sign_in(small_app(secrets).run(), "wang")
    assert [t.value for t in other.title] == ["总览"]


def test_signing_out_returns_to_the_login(small_app) -> None:
    at = sign_in(small_app(USERS).run(), "li")
    at.button(key="logout").click().run()
    assert [w.label for w in at.text_input] == ["用户名", "密码"]
    assert not at.metric


def test_settings_with_a_plain_text_password_close_the_app_with_a_reason(small_app) -> None:
    at = small_app({"access": {"users": {"li": {"password": "123456", "role": "viewer"}}}}).run()
    assert not at.exception
    shown = at.error[0].value.replace("\\", "")  # as rendered: markdown escapes removed
    assert "明文" in shown and "[access.users.li]" in shown
    assert not at.text_input and not at.metric


# --------------------------------------------------------------------------- each role


def test_a_viewer_is_refused_the_data_and_history_pages_by_url(small_app) -> None:
    at = sign_in(small_app(USERS).run(), "li")
    for path, title, needed in (("data", "数据管理", "编辑"), ("history", "版本历史", "管理员")):
        open_url(at, path)
        assert not at.exception
        assert [t.value for t in at.title] == [title]
        assert [e.value for e in at.error] == [
            f"此页面需要“{needed}”及以上角色，你的角色是“查看者”。"
        ]
        assert not at.get("file_uploader") and not at.dataframe and not at.selectbox


def test_a_viewer_sees_a_branch_without_its_member_list(small_app) -> None:
    at = sign_in(small_app(USERS).run(), "li")
    at.switch_page(page_script("branch")).run()
    at.selectbox(key="branch").select("C1").run()
    assert "党员名单仅向编辑和管理员角色显示。" in [c.value for c in at.caption]
    assert not any("姓名" in d.value.columns for d in at.dataframe)  # the charts' data only
    text = shown_text(at)
    assert "赵*芳" not in text
    assert not any(name in text for name in NAMES)


def test_an_editor_sees_the_member_list_masked_and_can_upload(small_app) -> None:
    at = sign_in(small_app(USERS).run(), "zhao")
    at.switch_page(page_script("branch")).run()
    at.selectbox(key="branch").select("C1").run()
    assert sorted(at.dataframe[-1].value["姓名"]) == sorted(["赵*芳", "钱*", "孙*娘"])
    at.switch_page(page_script("data")).run()
    assert not at.error
    assert len(at.get("file_uploader")) == 1


def test_an_editor_is_refused_the_history_page(small_app) -> None:
    at = sign_in(small_app(USERS).run(), "zhao")
    open_url(at, "history")
    assert [e.value for e in at.error] == ["此页面需要“管理员”及以上角色，你的角色是“编辑”。"]
    assert not at.dataframe


@pytest.fixture
def two_versions(small_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store of two versions of the small dataset, v0002 current, shown by the app."""
    store = tmp_path / "s"
    Store(store).publish([small_dir], by="a", salt=SALT)
    Store(store).publish([small_dir], by="b", salt=SALT)
    monkeypatch.delenv("DANGJIAN_DATA_DIR")
    monkeypatch.setenv("DANGJIAN_STORE", str(store))
    return store


def test_an_admin_rolls_back_from_the_history_page(small_app, two_versions: Path) -> None:
    store = two_versions
    at = sign_in(small_app(USERS).run(), "wang")
    at.switch_page(page_script("history")).run()
    assert not at.exception and not at.error
    assert at.selectbox(key="rollback_to").options == ["v0001"]
    assert at.button(key="rollback").disabled  # not before the confirmation is ticked
    at.checkbox(key="rollback_sure").check().run()
    at.button(key="rollback").click().run()
    assert Store(store).current() == "v0001"
    assert [t.value for t in at.toast] == ["已回退：当前版本为 v0001"]
    assert any("数据仓库 v0001 版" in c.value for c in at.caption)
    last = Store(store).log()[-1]
    assert (last["action"], last["version"], last["previous"], last["by"]) == (
        "rollback",
        "v0001",
        "v0002",
        "王芳",
    )
    log = at.dataframe[-1].value
    assert log.iloc[0][["操作", "版本", "此前版本", "操作人"]].tolist() == [
        "回退",
        "v0001",
        "v0002",
        "王芳",
    ]


# --------------------------------------------------------------------------- single sign-on


def test_single_sign_on_asks_to_sign_in_first(small_app) -> None:
    at = small_app(SSO)
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["统一身份认证登录"]
    assert not at.metric and not at.text_input


def test_single_sign_on_gives_the_role_listed_for_the_email(small_app) -> None:
    at = small_app(SSO)
    at.user = {"is_logged_in": True, "email": "Zhao@example.cn", "name": "赵芳"}
    at.run()
    assert [t.value for t in at.title] == ["总览"]
    assert "当前用户：赵芳（编辑）" in [c.value for c in at.sidebar.caption]
    open_url(at, "history")
    assert "你的角色是“编辑”" in at.error[0].value


def test_single_sign_on_refuses_an_unlisted_email_without_a_default_role(small_app) -> None:
    at = small_app(SSO)
    at.user = {"is_logged_in": True, "email": "someone@else.cn"}
    at.run()
    assert "someone@else.cn" in at.error[0].value and "尚未分配" in at.error[0].value
    assert not at.metric


def test_a_rollback_needs_the_operators_name(small_app, two_versions: Path) -> None:
    store = two_versions
    at = sign_in(small_app(USERS).run(), "wang")
    at.switch_page(page_script("history")).run()
    at.text_input(key="rollback_by").set_value(" ").run()
    at.checkbox(key="rollback_sure").check().run()
    at.button(key="rollback").click().run()
    assert [e.value for e in at.error] == ["请先填写操作人：每次回退都记录由谁操作。"]
    assert Store(store).current() == "v0002"


@pytest.fixture
def sample_app(monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """The app on the bundled sample (which has a 发展党员 ledger), with ``secrets``."""
    monkeypatch.delenv("DANGJIAN_DATA_DIR", raising=False)

    def make(secrets: dict) -> AppTest:
        at = AppTest.from_file(MAIN, default_timeout=60)
        at.secrets = secrets
        return at

    return make


def test_a_viewer_sees_counts_of_the_people_due_not_their_names(sample_app) -> None:
    at = sign_in(sample_app(USERS).run(), "li")
    at.switch_page(page_script("development")).run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert any(c.startswith("本季度内培养考察满一年的入党积极分子") for c in captions)
    assert not any("姓名" in d.value.columns for d in at.dataframe)


def test_an_editor_sees_the_people_due_with_masked_names(sample_app) -> None:
    at = sign_in(sample_app(USERS).run(), "zhao")
    at.switch_page(page_script("development")).run()
    (due,) = [d.value for d in at.dataframe if "姓名" in d.value.columns]
    assert len(due) > 0
    assert all("*" in name for name in due["姓名"])
