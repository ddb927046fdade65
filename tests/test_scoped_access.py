"""An account with a scope sees its organisations only (AppTest on tests/small_dataset.py).

By hand, on D = 2018-11-30: the scope C1 (甲社区党委) holds C1, C1a and C1b: 3
organisations, 3 active members (m1 m2 m3), 1 probationary (m2), 1 new this year (m2). The
scope P1 holds P1 alone: 1 organisation, 2 active (m4 m8). The whole: 5 active.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from access.passwords import hash_password
from tests.app_script import (
    MAIN,
    charts,
    metrics,
    open_url,
    page_script,
    sign_in,
    visible_text,
)

PASSWORD = "correct horse"
HASH = hash_password(PASSWORD)


def _user(role: str, scope: list[str] | None = None) -> dict:
    entry = {"password": HASH, "role": role, "name": f"{role} {scope}"}
    return {**entry, "scope": scope} if scope is not None else entry


SECRETS = {
    "access": {
        "users": {
            "c1_viewer": _user("viewer", ["C1"]),
            "c1_editor": _user("editor", ["C1"]),
            "c1_admin": _user("admin", ["C1"]),
            "p1_viewer": _user("viewer", ["P1"]),
            "both": _user("viewer", ["C1", "P1"]),
            "gone": _user("viewer", ["X9"]),
            "street": _user("admin"),
        }
    }
}


@pytest.fixture
def signed_in(
    monkeypatch: pytest.MonkeyPatch, small_dir: Path, tmp_path: Path
) -> Callable[..., AppTest]:
    """The app on the small dataset, signed in as ``user``, opened with ``query``."""
    monkeypatch.setenv("DANGJIAN_DATA_DIR", str(small_dir))
    monkeypatch.setenv("DANGJIAN_STORE", str(tmp_path / "store"))

    def open_as(user: str, page: str = "overview", **query: str | list[str]) -> AppTest:
        at = AppTest.from_file(MAIN, default_timeout=60)
        at.secrets = SECRETS
        for key, value in query.items():
            at.query_params[key] = value
        sign_in(at.run(), user, PASSWORD)
        if page != "overview":
            at.switch_page(page_script(page)).run()
        assert not at.exception, [e.message for e in at.exception]
        return at

    return open_as


def _cards(at: AppTest) -> dict[str, str]:
    return metrics(at)


def test_a_scoped_account_sees_its_organisations_figures_on_the_overview(signed_in) -> None:
    at = signed_in("c1_viewer")
    cards = _cards(at)
    assert cards["党组织"] == "3 个"
    assert cards["在册党员"] == "3 名"
    assert cards["预备党员"] == "1 名"


def test_another_scope_sees_other_figures(signed_in) -> None:
    cards = _cards(signed_in("p1_viewer"))
    assert cards["党组织"] == "1 个"
    assert cards["在册党员"] == "2 名"


def test_an_account_with_two_organisations_sees_both(signed_in) -> None:
    assert _cards(signed_in("both"))["在册党员"] == "5 名"


def test_the_headline_names_the_scope_not_the_whole_sub_district(signed_in) -> None:
    at = signed_in("c1_viewer")
    captions = [c.value for c in at.caption]
    assert "当前范围：甲社区党委" in captions


def test_the_sidebar_offers_only_sectors_and_communities_within_the_scope(signed_in) -> None:
    at = signed_in("c1_viewer")
    by_label = {m.label: m.options for m in at.sidebar.multiselect}
    assert by_label["所属领域"] == ["社区"]
    assert by_label["所在社区"] == ["甲社区"]


def test_the_branch_picker_offers_only_the_scopes_organisations(signed_in) -> None:
    at = signed_in("c1_viewer", "branch")
    picker = next(s for s in at.selectbox if s.label.startswith("选择党组织"))
    assert sorted(o.rsplit(" · ", 1)[-1] for o in picker.options) == ["C1", "C1a", "C1b"]


def test_a_link_to_a_community_outside_the_scope_is_refused(signed_in) -> None:
    at = signed_in("c1_viewer", community="乙社区")
    assert [e.value for e in at.error] == [
        "无权查看该组织：链接中的组织、社区或领域不在您的管理范围内。"
    ]
    assert not at.metric and not at.get("plotly_chart")


def test_a_link_to_a_sector_outside_the_scope_is_refused(signed_in) -> None:
    at = signed_in("c1_viewer", sector="private_enterprise")
    assert "无权查看该组织" in at.error[0].value
    assert not at.metric


def test_the_refusal_leads_back_to_the_accounts_own_view(signed_in) -> None:
    at = signed_in("c1_viewer", community="乙社区")
    next(b for b in at.button if b.label == "返回本组织视图").click().run()
    assert not at.error
    assert _cards(at)["在册党员"] == "3 名"


def test_a_link_to_an_organisation_outside_the_scope_is_refused(signed_in) -> None:
    at = signed_in("c1_viewer", "branch", branch="P1")
    assert "无权查看该组织" in at.error[0].value
    assert not at.metric
    assert "乙科技有限公司党支部" not in [s.value for s in at.subheader]


def test_a_link_to_an_organisation_inside_the_scope_opens_it(signed_in) -> None:
    at = signed_in("c1_viewer", "branch", branch="C1b")
    assert not at.error
    assert "甲社区第二党支部" in [s.value for s in at.subheader]


def test_the_whole_sub_district_account_is_not_refused_any_link(signed_in) -> None:
    at = signed_in("street", "branch", branch="P1")
    assert not at.error
    assert "乙科技有限公司党支部" in [s.value for s in at.subheader]


def test_a_scoped_editor_sees_the_member_list_of_its_scope_only(signed_in) -> None:
    at = signed_in("c1_editor", "branch", branch="C1")
    shown = "\n".join(d.value.to_string() for d in at.dataframe)
    assert "赵*芳" in shown  # m1, of C1a under C1
    assert "李*" not in shown and "王*妹" not in shown  # P1's m4 and m8


def test_a_scoped_editor_uploads_for_its_part_only(signed_in) -> None:
    at = signed_in("c1_editor", "data")
    assert len(at.get("file_uploader")) == 1
    assert any("甲社区党委" in i.value and "其他组织的数据保持不变" in i.value for i in at.info)


def test_a_scoped_admin_is_refused_the_pages_about_the_whole_store(signed_in) -> None:
    for page in ("history", "accounts", "audit"):
        at = open_url(signed_in("c1_admin"), page)
        assert [e.value for e in at.error] == [
            "此页面面向管理范围为全街道的账户；您的账户只能查看本组织的数据。"
        ], page


def test_an_account_whose_organisations_are_gone_sees_nothing(signed_in) -> None:
    at = signed_in("gone")
    assert "X9" in at.error[0].value
    assert not at.metric


def test_the_sector_comparison_lists_the_scopes_sectors_only(signed_in) -> None:
    at = signed_in("p1_viewer", "sectors")
    shown = "\n".join(d.value.to_string() for d in at.dataframe)
    assert "非公企业" in shown and "社区" not in shown


OUTSIDE = ("乙科技有限公司党支部", "丙商贸有限公司党支部", "乙社区")  # P1, P2 and their community


@pytest.mark.parametrize(
    "page",
    ["overview", "members", "sectors", "branch", "innovation", "orglife", "development",
     "coverage", "alerts", "present", "data"],
)  # fmt: skip
def test_no_page_names_anything_outside_the_scope(signed_in, page: str) -> None:
    at = signed_in("c1_editor", page)
    shown = "\n".join(
        [*visible_text(at), *(d.value.to_string() for d in at.dataframe), *map(str, charts(at))]
    )
    assert [name for name in OUTSIDE if name in shown] == []
