"""An account's scope below the app: the organisations it holds (``queries.scope.within``),
the 两新组织 that belong to it, the settings that name it, the accounts sheet, and the
command line's ``--scope`` (tests/small_dataset.py, worked by hand)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from access.config import AccessConfigError, read_config
from access.passwords import DUMMY_HASH
from ingest.accounts import read_accounts
from metrics.scope import in_communities
from queries.scope import Scope, grouped, restrict, within
from tests.command import run_module

BRANCHES = pd.DataFrame(
    {
        "branch_id": ["C1", "C1a", "C1b", "P1", "P2", "J1"],
        "name": ["甲社区党委", "甲社区第一党支部", "甲社区第二党支部", "乙科技有限公司党支部",
                 "丙商贸有限公司党支部", "甲社区第二党支部"],
        "org_type": ["党委", "党支部", "党支部", "党支部", "党支部", "党支部"],
        "sector": ["社区", "社区", "社区", "非公企业", "非公企业", "非公企业"],
        "community": ["甲社区", "甲社区", "甲社区", "乙社区", "乙社区", "乙社区"],
        "parent_id": [None, "C1", "C1", None, "P1", None],
    }
)  # fmt: skip


def test_a_scope_holds_the_organisation_and_everything_under_it() -> None:
    scope, missing = within(BRANCHES, ("C1",))
    assert scope.branch_ids == ("C1", "C1a", "C1b") and missing == ()
    assert scope.names == ("甲社区党委",)


def test_a_dissolved_organisation_under_the_scope_is_in_it() -> None:
    scope, _ = within(BRANCHES, ("P1",))
    assert scope.branch_ids == ("P1", "P2")  # P2 is under P1 here


def test_an_organisation_not_in_the_data_is_reported_and_shows_nothing() -> None:
    scope, missing = within(BRANCHES, ("X9",))
    assert missing == ("X9",)
    assert not scope.is_everything
    tables = {"branches": BRANCHES}
    assert len(restrict(grouped(tables), scope)["branches"]) == 0


def test_no_organisations_is_the_whole_sub_district() -> None:
    assert within(BRANCHES, ())[0].is_everything


UNITS = pd.DataFrame(
    {
        "unit_id": ["u1", "u2", "u3", "u4"],
        "community": ["甲社区", "甲社区", "乙社区", "乙社区"],
        "branch_id": [None, "P1", "P1", None],
    }
)


def test_a_community_committee_has_every_unit_of_its_community() -> None:
    scope, _ = within(BRANCHES, ("C1",))
    assert in_communities(UNITS, scope, BRANCHES)["unit_id"].tolist() == ["u1", "u2"]


def test_an_organisation_has_the_units_it_covers_wherever_they_are() -> None:
    scope, _ = within(BRANCHES, ("P1",))
    assert in_communities(UNITS, scope, BRANCHES)["unit_id"].tolist() == ["u2", "u3"]


def test_the_sidebars_community_narrows_an_accounts_units() -> None:
    scope, _ = within(BRANCHES, ("P1",))
    narrowed = Scope(communities=("乙社区",), branch_ids=scope.branch_ids)
    assert in_communities(UNITS, narrowed, BRANCHES)["unit_id"].tolist() == ["u3"]


# --------------------------------------------------------------------------- settings


def test_a_users_scope_is_read_from_the_settings() -> None:
    config = read_config(
        {"access": {"users": {"li": {"password": _hash(), "role": "viewer", "scope": ["C1"]}}}}
    )
    assert config.users["li"].scope == ("C1",)


def test_a_scope_that_is_not_a_list_of_ids_is_refused_with_where() -> None:
    with pytest.raises(AccessConfigError, match=r"\[access.users.li\]: scope"):
        read_config(
            {"access": {"users": {"li": {"password": _hash(), "role": "viewer", "scope": [1]}}}}
        )


def test_single_sign_on_scopes_are_read_by_email() -> None:
    config = read_config(
        {
            "auth": {"redirect_uri": "x"},
            "access": {"roles": {"Chen@x.cn": "editor"}, "scopes": {"Chen@x.cn": ["C1"]}},
        }
    )
    assert config.oidc_scope("chen@x.cn") == ("C1",) and config.oidc_scope("li@x.cn") == ()


def test_session_hours_outside_the_range_are_refused() -> None:
    with pytest.raises(AccessConfigError, match="session_hours"):
        read_config({"access": {"session_hours": 0}})
    assert read_config({"access": {"session_hours": 8}}).session_hours == 8


def _hash() -> str:
    return DUMMY_HASH


# --------------------------------------------------------------------------- the accounts sheet


def _sheet(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["用户名", "姓名", "角色", "管理范围"])
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_scope_by_ids_or_full_names_in_any_separator() -> None:
    rows, report = read_accounts(
        _sheet([["a", "A", "编辑", "C1、乙科技有限公司党支部"], ["b", "", "viewer", "C1\nP1"]]),
        "s.xlsx", BRANCHES, set(),
    )  # fmt: skip
    assert report.ok
    assert [(r.name, r.display, r.role, r.scope) for r in rows] == [
        ("a", "A", "editor", ("C1", "P1")),
        ("b", "b", "viewer", ("C1", "P1")),
    ]


def test_a_blank_scope_or_全街道_is_the_whole_sub_district() -> None:
    rows, _ = read_accounts(_sheet([["a", "", "管理员", ""], ["b", "", "查看者", "全街道"]]),
                            "s.xlsx", BRANCHES, set())  # fmt: skip
    assert [r.scope for r in rows] == [(), ()]


@pytest.mark.parametrize(
    ("row", "column", "code"),
    [
        (["a b", "", "编辑", ""], "用户名", "account.bad_name"),
        (["wang", "", "编辑", ""], "用户名", "account.in_settings"),
        (["a", "", "书记", ""], "角色", "value.category"),
        (["a", "", "编辑", "甲社区第二党支部"], "管理范围", "ref.ambiguous_branch_name"),
        (["a", "", "编辑", "无此组织"], "管理范围", "account.unknown_organisation"),
        (["", "", "编辑", ""], "用户名", "value.required"),
    ],
)
def test_each_bad_cell_is_reported_at_its_row_and_column(row, column, code) -> None:
    rows, report = read_accounts(_sheet([row]), "s.xlsx", BRANCHES, {"wang"})
    assert rows == []
    assert [(p.code, p.row, p.column) for p in report.problems] == [(code, 2, column)]


def test_a_repeated_name_is_reported_with_its_first_row() -> None:
    _, report = read_accounts(_sheet([["a", "", "编辑", ""], ["a", "", "编辑", ""]]),
                              "s.xlsx", BRANCHES, set())  # fmt: skip
    assert [(p.code, p.row) for p in report.problems] == [("id.duplicate", 3)]
    assert "第 2 行" in report.problems[0].message_zh


def test_a_sheet_without_the_role_column_is_refused() -> None:
    book = openpyxl.Workbook()
    book.active.append(["用户名", "姓名"])
    book.active.append(["a", "A"])
    buffer = io.BytesIO()
    book.save(buffer)
    _, report = read_accounts(buffer.getvalue(), "s.xlsx", BRANCHES, set())
    assert [p.code for p in report.problems] == ["column.missing"]


# --------------------------------------------------------------------------- the command line


def test_the_summary_of_a_scope_counts_its_members(small_dir: Path) -> None:
    done = run_module("report", "summary", "--data", str(small_dir), "--scope", "C1", "--json")
    summary = json.loads(done.stdout)
    assert summary["members"]["active"] == 3  # m1 m2 m3, by hand
    assert summary["scope"] == {"ids": ["C1"], "zh": "甲社区党委", "en": "甲社区党委"}


def test_the_briefing_of_a_scope_is_titled_with_its_name(small_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.md"
    done = run_module("report", "briefing", "--data", str(small_dir), "--scope", "P1",
                      "--out", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = out.read_text("utf-8")
    assert "乙科技有限公司党支部" in text and "全街道" not in text


def test_an_unknown_scope_is_a_usage_error(small_dir: Path) -> None:
    done = run_module("report", "summary", "--data", str(small_dir), "--scope", "X9")
    assert done.returncode == 2 and "X9" in done.stderr
