"""报送情况, and the scoped upload it reports on: an editor of 甲社区党委 (C1) uploads on
数据管理, which replaces C1's records only; the street's admin then sees who has reported
(AppTest on a store holding tests/small_dataset.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from access.ledger import Ledger
from access.passwords import hash_password
from app.reporting import table
from ingest.store import Store, Version
from tests.app_script import app_as, open_url, page_script
from tests.conftest import SALT, csv_text
from tests.small_dataset import SMALL

PASSWORD = "correct horse"
HASH = hash_password(PASSWORD)
SECRETS = {
    "access": {
        "users": {
            "wang": {"password": HASH, "role": "admin", "name": "王芳"},
            "jia": {"password": HASH, "role": "editor", "name": "甲书记", "scope": ["C1"]},
            "yi": {"password": HASH, "role": "editor", "name": "乙书记", "scope": ["P1"]},
        }
    }
}
BRANCHES = pd.DataFrame(
    {
        "branch_id": ["C1", "C1a", "P1", "Q1"],
        "name": ["甲社区党委", "甲社区第一党支部", "乙科技有限公司党支部", "丁集团党委"],
        "org_type": ["党委", "党支部", "党支部", "党委"],
        "parent_id": [None, "C1", None, None],
    }
)


def _version(vid: str, created: str, by: str, scope: tuple[str, ...], uploaded: tuple) -> Version:
    rows = {"branches": 4, "members": 8}
    return Version(vid, created, by, (), rows, dict.fromkeys(rows, vid), scope, uploaded)


VERSIONS = [
    _version("v0001", "2026-11-02T01:00:00+00:00", "组织办", (), ("branches", "members")),
    _version("v0002", "2026-12-03T02:30:00+00:00", "甲书记", ("C1",), ("members",)),
]


def test_the_table_lists_account_organisations_then_top_level_committees() -> None:
    shown = table(VERSIONS, BRANCHES, ["P1", "C1"], "zh", pd.Timestamp("2026-12-05"))
    assert shown["组织"].tolist() == [
        "甲社区党委 · C1",
        "乙科技有限公司党支部 · P1",
        "丁集团党委 · Q1",
    ]


def test_an_organisation_that_updated_its_part_this_month_is_reported() -> None:
    shown = table(VERSIONS, BRANCHES, ["C1", "P1"], "zh", pd.Timestamp("2026-12-05"))
    assert shown["本月报送"].tolist() == ["已报送", "未报送", "未报送"]


def test_each_dataset_shows_its_last_update_for_the_organisation() -> None:
    shown = table(VERSIONS, BRANCHES, ["C1", "P1"], "zh", pd.Timestamp("2026-12-05"))
    c1, p1 = shown.iloc[0], shown.iloc[1]
    assert c1["党员"] == "2026-12-03 10:30 · v0002 · 甲书记"  # 北京时间
    assert c1["党组织"] == "2026-11-02 09:00 · v0001 · 组织办"
    assert p1["党员"] == "2026-11-02 09:00 · v0001 · 组织办"  # C1's update is not P1's


def test_last_months_update_is_not_this_months() -> None:
    shown = table(VERSIONS, BRANCHES, ["C1"], "zh", pd.Timestamp("2027-01-04"))
    assert shown["本月报送"].tolist()[0] == "未报送"


# --------------------------------------------------------------------------- in the app


@pytest.fixture
def store(small_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "store"
    Store(root).publish([small_dir], by="组织办", salt=SALT)
    monkeypatch.delenv("DANGJIAN_DATA_DIR", raising=False)
    monkeypatch.setenv("DANGJIAN_STORE", str(root))
    return root


@pytest.fixture
def sign_in(store: Path) -> Callable[[str], AppTest]:
    def open_as(user: str) -> AppTest:
        return app_as(SECRETS, user, PASSWORD, timeout=120)

    return open_as


def _members_csv(ids: set[str], extra: list[dict[str, str]] | None = None) -> bytes:
    rows = [*(r for r in SMALL["members"] if r["组织编号"] in ids), *(extra or [])]
    return csv_text(rows).encode("utf-8")


def _upload(at: AppTest, content: bytes) -> AppTest:
    at.switch_page(page_script("data")).run()
    uploader = at.get("file_uploader")[0]
    uploader.set_value(("members.csv", content, "text/csv"))
    return at.run()


def test_a_scoped_editor_is_told_the_upload_replaces_its_part_only(sign_in) -> None:
    at = sign_in("jia")
    at.switch_page(page_script("data")).run()
    assert any("甲社区党委" in i.value and "只替换范围内" in i.value for i in at.info)
    assert len(at.get("file_uploader")) == 1


def test_a_row_of_another_organisation_is_refused_at_its_row(sign_in, store: Path) -> None:
    p1 = next(r for r in SMALL["members"] if r["党员编号"] == "m4")
    at = _upload(sign_in("jia"), _members_csv({"C1", "C1a", "C1b"}, [p1]))
    assert [e.value for e in at.error] == [
        "上传的文件未通过检查，当前数据保持不变。请按下列问题修改文件后重新上传。"
    ]
    problems = next(d.value for d in at.dataframe if "问题" in d.value.columns)
    row = problems[problems["问题"].str.contains("不在您的管理范围")]
    assert row["行"].tolist() == [str(2 + 4)]  # after C1's four members, on the fifth data row
    assert "P1" in row.iloc[0]["问题"]
    assert Store(store).current() == "v0001"
    refused = [e for e in Ledger(store).trail() if e["action"] == "import_failed"]
    assert [(e["who"], e["organisation"]) for e in refused] == [("jia", "members.csv")]


def test_a_scoped_upload_lands_and_is_reported(sign_in, store: Path) -> None:
    c1 = {"C1", "C1a", "C1b"}
    rows = [r for r in SMALL["members"] if r["组织编号"] in c1 and r["党员编号"] != "m7"]
    at = _upload(sign_in("jia"), csv_text(rows).encode("utf-8"))
    plan = at.dataframe[0].value.to_string()
    assert "4" in plan and "3" in plan  # C1's 4 member rows become 3
    next(b for b in at.button if b.label == "确认导入").click().run()
    assert Store(store).current() == "v0002"
    assert Store(store).version("v0002").scope == ("C1",)
    members = Store(store).load()["members"]
    assert sorted(members["member_id"]) == ["m1", "m2", "m3", "m4", "m5", "m6", "m8"]
    imported = [e for e in Ledger(store).trail() if e["action"] == "import"]
    assert [(e["who"], e["scope"], e["organisation"], e["detail"]) for e in imported] == [
        ("jia", "C1", "members.csv", "version|v0002")
    ]

    admin = open_url(sign_in("wang"), "reporting")
    shown = admin.dataframe[0].value
    by_org = dict(zip(shown["组织"], shown["本月报送"], strict=True))
    assert by_org == {"甲社区党委 · C1": "已报送", "乙科技有限公司党支部 · P1": "未报送"}


def test_a_scoped_admin_cannot_open_the_reporting_page(sign_in) -> None:
    at = open_url(sign_in("jia"), "reporting")
    assert not at.dataframe
