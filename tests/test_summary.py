"""The headline figures and `python -m report summary`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from queries.summary import headline
from report.narrative import change_phrase, overview_headline
from tests.command import run_module

ROOT = Path(__file__).resolve().parent.parent
D = pd.Timestamp("2018-11-30")


def test_headline_on_the_hand_worked_dataset(small: dict) -> None:
    s = headline(small, D)
    assert s["as_of"] == "2018-11-30"
    m = s["members"]
    assert (m["active"], m["full"], m["probationary"]) == (5, 3, 2)
    assert m["gender"] == {"男": 2, "女": 3}
    assert m["age_bands"]["30岁及以下"] == 2 and m["age_bands"]["61岁及以上"] == 1
    assert sum(m["age_bands"].values()) == 5
    assert (m["minority"], m["college_or_above"]) == (1, 4)
    assert m["by_sector"]["社区"] == 3 and m["by_sector"]["非公企业"] == 2
    b = s["branches"]
    assert b["total"] == 4
    assert b["by_org_type"] == {"党委": 1, "党总支": 0, "党支部": 3}
    assert s["patents"] == {"filed": 2, "granted": 1, "granted_invention": 1}
    assert s["participation"] == {"activities": 3, "attendance_rate": 0.75}


def test_headline_a_year_earlier(small: dict) -> None:
    s = headline(small, pd.Timestamp("2017-11-30"))
    assert s["members"]["active"] == 4
    assert (
        s["branches"]["by_org_type"]["党支部"] == 2
    )  # C1a and P1; C1b is not founded, P2 dissolved
    assert s["patents"]["granted"] == 1


def test_headline_without_optional_datasets(small: dict) -> None:
    s = headline({"branches": small["branches"], "members": small["members"]}, D)
    assert s["patents"] is None and s["participation"] is None


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_module("report", *args)


def test_summary_json_has_the_documented_keys(small_dir: Path) -> None:
    done = _run("summary", "--data", str(small_dir), "--json")
    assert done.returncode == 0, done.stderr
    s = json.loads(done.stdout)
    assert s["as_of"] == "2018-11-30"
    for key in (
        "active",
        "full",
        "probationary",
        "gender",
        "age_bands",
        "occupation",
        "education",
        "minority",
        "college_or_above",
        "by_sector",
    ):
        assert key in s["members"]
    for key in ("total", "by_org_type", "by_sector"):
        assert key in s["branches"]
    assert set(s["patents"]) == {
        "filed", "granted", "granted_invention", "filed_12m", "per_100_members",
        "member_inventor_share",
    }  # fmt: skip
    assert set(s["participation"]) == {
        "activities", "attendance_rate", "volunteer_activities", "volunteer_hours",
        "mass_participation", "compliance_rate", "branches_judged", "branches_below_standard",
    }  # fmt: skip
    assert set(s["alerts"]) == {
        "term_overdue", "term_due", "few_full_members", "too_many_members", "no_activity",
        "probation_overdue", "ageing", "should_form", "development_checks", "total",
        "organisations",
    }  # fmt: skip
    assert all(isinstance(v, int) for v in s["members"]["gender"].values())


def test_summary_as_of_overrides_the_latest_date(small_dir: Path) -> None:
    s = json.loads(
        _run("summary", "--data", str(small_dir), "--json", "--as-of", "2017-11-30").stdout
    )
    assert (s["as_of"], s["members"]["active"]) == ("2017-11-30", 4)


def test_summary_text_is_readable(small_dir: Path) -> None:
    done = _run("summary", "--data", str(small_dir))
    assert done.returncode == 0
    assert "在册党员 active" in done.stdout and "5" in done.stdout
    assert "截至 as of 2018-11-30" in done.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["summary", "--data", "no/such"], 2),
        (["summary", "--data", ".", "--as-of", "x"], 2),
    ],
)
def test_summary_usage_errors(args: list[str], code: int) -> None:
    assert _run(*args).returncode == code


def test_summary_of_an_invalid_dataset_exits_1(tmp_path: Path) -> None:
    (tmp_path / "members.csv").write_text("党员编号,组织编号\nM1,B1\n", encoding="utf-8")
    done = _run("summary", "--data", str(tmp_path))
    assert done.returncode == 1
    assert "未通过 INVALID" in done.stderr


def test_change_phrase() -> None:
    assert change_phrase(10_595, 10_308, "zh") == "增长2.8%"
    assert change_phrase(95, 100, "en") == "down 5.0%"
    assert change_phrase(100, 100, "zh") == "持平"


def test_overview_headline_sentence(small: dict) -> None:
    # 4 active a year before D, 5 on D: 25.0%
    now = {**headline(small, D), "active_year_earlier": 4}
    assert overview_headline(now, "全街道", "zh") == (
        "截至2018年11月30日，全街道共有党组织4个（其中党支部3个）、在册党员5名，较上年增长25.0%。"
    )


def test_scope_name_in_words() -> None:
    from metrics.scope import Scope
    from report.narrative import scope_name

    assert scope_name(Scope(), "zh") == "全街道"
    assert scope_name(Scope(("楼宇", "社区")), "zh") == "楼宇、社区"
    assert scope_name(Scope(("楼宇",), ("灯湖社区",)), "zh") == "灯湖社区的楼宇"
    assert scope_name(Scope(("楼宇",), ("灯湖社区",)), "en") == "Office buildings in 灯湖社区"


def test_summary_innovation_and_orglife_figures_by_hand(small_dir: Path) -> None:
    s = json.loads(_run("summary", "--data", str(small_dir), "--json").stdout)
    # patents: one filed in the 12 months to D (2018-01-01), 5 active members → 20 per 100;
    # inventors 3 + 2, of them members 2 + 0
    assert s["patents"]["filed_12m"] == 1
    assert s["patents"]["per_100_members"] == 20.0
    assert s["patents"]["member_inventor_share"] == 0.4
    # participation: a4 is the one 志愿服务 (2 attendees × 3 hours, 10 non-members)
    p = s["participation"]
    assert (p["volunteer_activities"], p["volunteer_hours"], p["mass_participation"]) == (
        1,
        6.0,
        10,
    )
    # compliance: 党支部 C1a, C1b (founded 2018-03-01) and P1; none has 7 full members, so
    # 支委会 and 党小组会 are not due. The records start on 2017-11-30 (a3), so 2017Q4 (from
    # 1 October) is not judged. Due: 支部党员大会 and 党课 3 + 2 + 3 quarters each, 主题党日
    # 12 + 9 + 12 months = 49. Met: the 主题党日 of 2018-11-30 = 1.
    assert p["compliance_rate"] == round(1 / 49, 6)
    assert (p["branches_judged"], p["branches_below_standard"]) == (3, 3)
    assert s["alerts"]["total"] == sum(
        v for k, v in s["alerts"].items() if k not in {"total", "organisations"}
    )
