"""用户与权限: an admin of the whole sub-district adds, changes, disables and resets
accounts, and imports many from an Excel sheet; the owner changes the one-time password at
the first sign-in (AppTest on tests/small_dataset.py)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from access.ledger import Ledger
from access.passwords import hash_password
from tests.app_script import MAIN, app_as, page_script

PASSWORD = "correct horse"
SECRETS = {
    "access": {
        "secret": "tests",
        "users": {"wang": {"password": hash_password(PASSWORD), "role": "admin", "name": "王芳"}},
    }
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch, small_dir: Path, tmp_path: Path) -> Path:
    monkeypatch.setenv("DANGJIAN_DATA_DIR", str(small_dir))
    monkeypatch.setenv("DANGJIAN_STORE", str(tmp_path / "store"))
    return tmp_path / "store"


@pytest.fixture
def sign_in(store: Path) -> Callable[..., AppTest]:
    def open_as(user: str, password: str = PASSWORD) -> AppTest:
        return app_as(SECRETS, user, password)

    return open_as


def _accounts_page(at: AppTest) -> AppTest:
    at.switch_page(page_script("accounts")).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _add(at: AppTest, name: str, display: str, scope: list[str]) -> str:
    """Add an account on the page; the one-time password shown."""
    next(w for w in at.text_input if w.label == "用户名").input(name)
    next(w for w in at.text_input if w.label == "姓名").input(display)
    picker = next(m for m in at.multiselect if m.label == "管理范围")
    for branch_id in scope:
        picker.select(branch_id)
    next(b for b in at.button if b.label.startswith("添加")).click().run()
    issued = at.dataframe[0].value
    assert issued["用户名"].tolist() == [name]
    return str(issued["一次性密码"].iat[0])


def test_the_list_shows_the_settings_account_read_only(sign_in) -> None:
    at = _accounts_page(sign_in("wang"))
    listed = at.dataframe[0].value
    assert listed["用户名"].tolist() == ["wang"]
    assert listed["来源"].tolist() == ["服务器设置（只读）"]
    assert listed["管理范围"].tolist() == ["全街道"]


def test_an_added_account_gets_a_one_time_password_shown_once(sign_in, store: Path) -> None:
    at = _accounts_page(sign_in("wang"))
    password = _add(at, "cuiyi", "陈书记", ["C1"])
    assert len(password) == 12
    entry = Ledger(store).account("cuiyi")
    assert entry is not None and entry.scope == ("C1",) and entry.must_change
    assert password not in (entry.password_hash,)  # only its scrypt hash is kept
    assert entry.password_hash.startswith("scrypt$")
    at.run()
    assert "一次性密码" not in at.dataframe[0].value.columns  # shown once, then the list


def test_the_owner_must_change_the_one_time_password_then_sees_the_scope(
    sign_in, store: Path
) -> None:
    password = _add(_accounts_page(sign_in("wang")), "cuiyi", "陈书记", ["C1"])
    at = sign_in("cuiyi", password)
    assert not at.metric
    assert [s.value for s in at.subheader] == ["修改密码"]
    next(w for w in at.text_input if w.label == "当前密码").input(password)
    next(w for w in at.text_input if w.key == "new_password").input("my own password")
    next(w for w in at.text_input if w.label == "再次输入新密码").input("my own password")
    next(b for b in at.button if b.label == "保存新密码").click().run()
    assert {m.label: m.value for m in at.metric}["在册党员"] == "3 名"
    entry = Ledger(store).account("cuiyi")
    assert entry is not None and not entry.must_change


def test_a_name_already_taken_is_refused(sign_in) -> None:
    at = _accounts_page(sign_in("wang"))
    next(w for w in at.text_input if w.label == "用户名").input("wang")
    next(b for b in at.button if b.label.startswith("添加")).click().run()
    assert [e.value for e in at.error] == ["用户名“wang”已存在。"]


def test_a_disabled_account_cannot_sign_in(sign_in, store: Path) -> None:
    at = _accounts_page(sign_in("wang"))
    password = _add(at, "cuiyi", "陈书记", ["C1"])
    at.run()
    at.toggle[0].set_value(False)
    next(b for b in at.button if b.label == "保存修改").click().run()
    entry = Ledger(store).account("cuiyi")
    assert entry is not None and not entry.enabled
    refused = sign_in("cuiyi", password)
    assert [e.value for e in refused.error] == ["用户名或密码不正确。"]


def test_a_reset_password_replaces_the_old_one(sign_in, store: Path) -> None:
    at = _accounts_page(sign_in("wang"))
    first = _add(at, "cuiyi", "陈书记", ["C1"])
    at.run()
    at.button(key="reset_password").click().run()
    second = str(at.dataframe[0].value["一次性密码"].iat[0])
    assert second != first
    assert sign_in("cuiyi", first).error
    assert not sign_in("cuiyi", second).error


def _sheet(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["用户名", "姓名", "角色", "管理范围"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_sheet_makes_every_account_with_its_scope(sign_in, store: Path) -> None:
    at = _accounts_page(sign_in("wang"))
    data = _sheet(
        [
            ["jia", "甲书记", "编辑", "C1"],
            ["yi", "乙书记", "查看者", "乙科技有限公司党支部"],
            ["street2", "组织办", "管理员", ""],
        ]
    )
    at.file_uploader(key="accounts_sheet").upload("账户.xlsx", data, XLSX).run()
    assert "3 个账户，其中 3 个新建" in at.info[0].value
    at.button(key="accounts_confirm").click().run()
    made = {e.name: (e.role, e.scope) for e in Ledger(store).accounts()}
    assert made == {
        "jia": ("editor", ("C1",)),
        "yi": ("viewer", ("P1",)),
        "street2": ("admin", ()),
    }
    issued = at.dataframe[0].value
    assert sorted(issued["用户名"]) == ["jia", "street2", "yi"]


def test_a_sheet_with_a_bad_row_makes_no_account_and_says_where(sign_in, store: Path) -> None:
    at = _accounts_page(sign_in("wang"))
    data = _sheet([["jia", "甲书记", "编辑", "C1"], ["yi", "乙书记", "书记", "不存在的组织"]])
    at.file_uploader(key="accounts_sheet").upload("账户.xlsx", data, XLSX).run()
    assert at.error[0].value.startswith("账户表有误")
    problems = at.dataframe[-1].value
    assert problems["行"].tolist() == ["3", "3"]
    assert set(problems["列"]) == {"角色", "管理范围"}
    assert not Ledger(store).accounts()


def test_without_sign_in_the_page_says_how_to_turn_it_on_and_makes_no_account(
    monkeypatch: pytest.MonkeyPatch, small_dir: Path, tmp_path: Path
) -> None:
    """An account made while sign-in is off would turn it on for everyone, with nobody
    able to sign in as admin: the first admin is written in the server's settings."""
    monkeypatch.setenv("DANGJIAN_DATA_DIR", str(small_dir))
    monkeypatch.setenv("DANGJIAN_STORE", str(tmp_path / "store"))
    at = AppTest.from_file(MAIN, default_timeout=60).run()
    at.switch_page(page_script("accounts")).run()
    assert "未启用登录" in at.info[0].value
    assert not at.get("form") and not at.get("file_uploader")
