"""查询留痕: every audited action leaves exactly one entry (who, scope, address, what), no
entry holds personal data, and the page filters and lists them (AppTest)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from access.ledger import Ledger
from access.passwords import hash_password
from app import audit, context
from ingest.store import Store
from tests.app_script import MAIN, open_url, page_script, sign_in
from tests.conftest import SALT
from tests.small_dataset import MEMBERS

PASSWORD = "correct horse"
HASH = hash_password(PASSWORD)
SECRETS = {
    "access": {
        "users": {
            "wang": {"password": HASH, "role": "admin", "name": "王芳"},
            "jia": {"password": HASH, "role": "editor", "name": "甲书记", "scope": ["C1"]},
        }
    }
}


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch, small_dir: Path, tmp_path: Path) -> Path:
    monkeypatch.setenv("DANGJIAN_DATA_DIR", str(small_dir))
    monkeypatch.setenv("DANGJIAN_STORE", str(tmp_path / "store"))
    return tmp_path / "store"


def _attempt(at: AppTest, user: str, password: str = PASSWORD) -> AppTest:
    return sign_in(at, user, password)


@pytest.fixture
def app() -> Callable[[], AppTest]:
    def make() -> AppTest:
        at = AppTest.from_file(MAIN, default_timeout=60)
        at.secrets = SECRETS
        return at.run()

    return make


def _actions(store: Path) -> list[tuple[str, str]]:
    """(who, action) of every entry, oldest first."""
    return [(e["who"], e["action"]) for e in reversed(Ledger(store).trail())]


def test_a_sign_in_and_a_sign_out_leave_one_entry_each(app, store: Path) -> None:
    at = _attempt(app(), "jia")
    at.sidebar.button(key="logout").click().run()
    assert _actions(store) == [("jia", "sign_in"), ("jia", "sign_out")]
    signed_in = Ledger(store).trail()[-1]
    assert signed_in["scope"] == "C1" and signed_in["page"] == "login"


def test_a_failed_sign_in_under_a_name_that_is_no_account_keeps_no_name(app, store: Path) -> None:
    _attempt(app(), "correct horse")  # a password typed into the name box
    assert _actions(store) == [("", "sign_in_failed")]


def test_failed_sign_ins_and_the_lockout_leave_one_entry_each(app, store: Path) -> None:
    at = app()
    for _ in range(5):
        _attempt(at, "jia", "wrong password")
    _attempt(at, "jia")
    assert _actions(store) == [("jia", "sign_in_failed")] * 5 + [("jia", "locked_out")]


def test_a_member_list_looked_at_is_one_entry_however_often_it_reruns(app, store: Path) -> None:
    at = _attempt(app(), "jia")
    at.switch_page(page_script("branch")).run()
    at.selectbox(key="branch").select("C1a").run()
    at.run()
    at.run()
    lists = [e for e in reversed(Ledger(store).trail()) if e["action"] == "member_list"]
    shown = [e["organisation"] for e in lists]
    assert shown[-1] == "C1a" and len(shown) == len(set(shown))  # each once
    assert {(e["who"], e["scope"], e["page"]) for e in lists} == {("jia", "C1", "branch")}


def test_a_download_is_recorded_when_its_file_is_made(store: Path) -> None:
    st.session_state[context._KEY] = context.Context(
        lang="zh", folder="f", version="v", sample=False, scope=context.Scope(),
        as_of=pd.Timestamp("2018-11-30"), start=pd.Timestamp("2013-01-01"),
        latest=pd.Timestamp("2018-11-30"), earliest=pd.Timestamp("2000-01-01"),
        role="viewer", user="甲书记", login="jia", address="198.51.100.7",
    )  # fmt: skip
    made = audit.on_download(lambda: b"bytes", "present", "汇报.pptx", "export")
    assert Ledger(store).trail() == []  # drawing the button records nothing
    assert made() == b"bytes"
    entry = Ledger(store).trail()[0]
    assert (entry["who"], entry["action"], entry["page"], entry["detail"]) == (
        "jia",
        "export",
        "present",
        "汇报.pptx",
    )
    assert entry["address"] == "198.51.100.7"
    del st.session_state[context._KEY]


def test_a_rollback_is_recorded_with_its_version(
    app, small_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    versions = tmp_path / "versions-store"
    Store(versions).publish([small_dir], by="a", salt=SALT)
    Store(versions).publish([small_dir], by="b", salt=SALT)
    monkeypatch.delenv("DANGJIAN_DATA_DIR", raising=False)
    monkeypatch.setenv("DANGJIAN_STORE", str(versions))
    at = _attempt(app(), "wang")
    at.switch_page(page_script("history")).run()
    at.checkbox(key="rollback_sure").check().run()
    at.button(key="rollback").click().run()
    entry = next(e for e in Ledger(versions).trail() if e["action"] == "rollback")
    assert (entry["who"], entry["detail"]) == ("wang", "version|v0001")


def test_an_account_change_is_recorded(app, store: Path) -> None:
    at = _attempt(app(), "wang")
    at.switch_page(page_script("accounts")).run()
    next(w for w in at.text_input if w.label == "用户名").input("yi")
    next(b for b in at.button if b.label.startswith("添加")).click().run()
    entry = Ledger(store).trail()[0]
    assert (entry["who"], entry["action"], entry["detail"]) == ("wang", "account", "add|yi|viewer")


def test_no_entry_holds_a_members_name(app, store: Path) -> None:
    at = _attempt(app(), "jia")
    at.switch_page(page_script("branch")).run()
    at.selectbox(key="branch").select("C1a").run()
    text = repr(Ledger(store).trail())
    names = [m["姓名"] for m in MEMBERS]
    assert not [n for n in names if n in text]


def test_the_page_lists_and_filters_the_entries_in_words(app, store: Path) -> None:
    _attempt(app(), "jia", "wrong password")
    _attempt(app(), "jia")
    at = _attempt(app(), "wang")
    at.switch_page(page_script("audit")).run()
    assert not at.exception, [e.message for e in at.exception]
    shown = at.dataframe[0].value
    assert shown["操作"].tolist() == ["登录", "登录", "登录失败"]
    assert shown["管理范围"].tolist() == ["全街道", "甲社区党委", "—"]
    next(m for m in at.multiselect if m.label == "操作").select("sign_in_failed").run()
    assert at.dataframe[0].value["用户"].tolist() == ["jia"]


def test_a_scoped_admin_cannot_open_the_page(app, store: Path) -> None:
    secrets = {"access": {"users": {"c": {"password": HASH, "role": "admin", "scope": ["C1"]}}}}
    at = AppTest.from_file(MAIN, default_timeout=60)
    at.secrets = secrets
    at = open_url(_attempt(at.run(), "c"), "audit")
    assert not at.dataframe
