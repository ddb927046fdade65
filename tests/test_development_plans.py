"""发展党员计划 and the intake against the national recruits: the plan dataset's validation,
the plans of D's year against the admissions under each organisation, and the national
comparison, on hand-built tables whose answers are worked out by hand.

The small dataset (tests/small_dataset.py): C1 社区党委 with branches C1a and C1b; P1; P2
dissolved. D = 2018-11-30.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from domain.definitions import as_of_date
from ingest import load_dataset
from metrics.development import plan_progress, plan_totals
from metrics.national import intake_vs_national
from metrics.scope import ancestry

D = pd.Timestamp("2018-11-30")
LEDGER_HEADER = (
    "人员编号,组织编号,姓名,性别,出生日期,申请入党日期,确定入党积极分子日期,确定发展对象日期,"
    "接收预备党员日期\n"
)
PLAN_HEADER = "年度,组织编号,计划发展党员数\n"


def _folder(tmp_path: Path, small_dir: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for f in small_dir.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _branches() -> pd.DataFrame:
    """K 党委 over B1 and B2; B2 over B3; L 党委 alone."""
    return pd.DataFrame(
        {
            "branch_id": ["K", "B1", "B2", "B3", "L"],
            "name": ["甲党委", "一支部", "二总支", "三支部", "乙党委"],
            "sector": ["社区", "社区", "社区", "社区", "楼宇"],
            "parent_id": [None, "K", "K", "B2", None],
        }
    )


def _ledger(admissions: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "branch_id": [b for b, _ in admissions],
            "admitted_on": pd.to_datetime([d for _, d in admissions]),
        }
    )


def test_ancestry_pairs_each_organisation_with_itself_and_all_above_it() -> None:
    pairs = ancestry(_branches())
    above = pairs.groupby("branch_id")["ancestor_id"].apply(set).to_dict()
    assert above == {
        "K": {"K"},
        "B1": {"B1", "K"},
        "B2": {"B2", "K"},
        "B3": {"B3", "B2", "K"},
        "L": {"L"},
    }


def test_a_plan_counts_this_years_admissions_to_d_under_its_organisation() -> None:
    ledger = _ledger(
        [
            ("B1", "2018-01-01"),  # the first day of the year: counts
            ("B3", "2018-11-30"),  # on D, two levels down: counts
            ("K", "2018-06-01"),  # the 党委 itself: counts
            ("B1", "2017-12-31"),  # last year: not
            ("B2", "2018-12-01"),  # after D: not
            ("L", "2018-05-01"),  # another tree: not K's
        ]
    )
    plans = pd.DataFrame(
        {"year": [2018, 2017, 2018], "branch_id": ["K", "K", "L"], "planned": [6, 1, 1]}
    )
    out = plan_progress(ledger, plans, _branches(), D).set_index("branch_id")
    assert list(out.index) == ["K", "L"]  # 3/6 behind 1/1; last year's plan not shown
    assert out.loc["K", ["planned", "admitted"]].tolist() == [6, 3]
    assert out.loc["K", "share"] == pytest.approx(0.5)
    assert out.loc["L", "share"] == pytest.approx(1.0)
    assert out.loc["K", "name"] == "甲党委"


def test_a_plan_of_none_has_no_share_and_comes_last() -> None:
    ledger = _ledger([("B1", "2018-03-01")])
    plans = pd.DataFrame({"year": [2018, 2018], "branch_id": ["L", "K"], "planned": [0, 2]})
    out = plan_progress(ledger, plans, _branches(), D)
    assert out["branch_id"].tolist() == ["K", "L"]
    assert np.isnan(out["share"].iat[1])


def test_the_plan_file_loads_and_the_summary_gives_its_totals(
    tmp_path: Path, small_dir: Path
) -> None:
    from queries.summary import full_summary

    files = {
        # m2 joined C1a on 2018-03-01: admitted under C1's plan; one admission in P1
        "development.csv": LEDGER_HEADER
        + "P1,C1a,王五,男,1990-12-01,2015-01-01,2015-06-01,2017-01-01,2018-03-01\n"
        + "P2,P1,赵六,女,1995-05-05,2014-01-01,2015-06-01,2016-09-01,2017-12-01\n",
        "发展党员计划.csv": PLAN_HEADER + "2018,C1,3\n2017,P1,1\n",
    }
    result = load_dataset([_folder(tmp_path, small_dir, files)], salt="s")
    assert result.ok, [p.message_zh for p in result.report.problems]
    assert len(result.tables["plans"]) == 2
    out = full_summary(result.tables, as_of_date(result.tables))["development"]
    # one top plan (C1's); P1's admission of 2017 is not this year's
    assert out["plan"] == {"planned": 3, "admitted": 1, "organisations": 1,
                           "admitted_outside_plan": 0}  # fmt: skip


def test_without_a_plan_for_the_year_the_summary_says_none(tmp_path: Path, small_dir: Path) -> None:
    from queries.summary import full_summary

    files = {
        "development.csv": LEDGER_HEADER
        + "P1,C1a,王五,男,1990-12-01,2015-01-01,2015-06-01,2017-01-01,2018-03-01\n",
        "plans.csv": PLAN_HEADER + "2017,C1,3\n",
    }
    tables = load_dataset([_folder(tmp_path, small_dir, files)], salt="s").tables
    assert full_summary(tables, as_of_date(tables))["development"]["plan"] is None


def test_the_same_organisation_and_year_twice_is_an_error_naming_the_first_row(
    tmp_path: Path, small_dir: Path
) -> None:
    files = {"plans.csv": PLAN_HEADER + "2018,C1,3\n2018,P1,1\n2018,C1,4\n"}
    result = load_dataset([_folder(tmp_path, small_dir, files)], salt="s")
    (found,) = [p for p in result.report.problems if p.code == "id.duplicate_key"]
    assert (found.row, found.column, found.severity) == (4, "组织编号", "error")
    assert "第 2 行" in found.message_zh
    assert found.record == "年度 2018，组织编号 C1"
    assert not result.ok


def test_a_two_digit_year_is_an_error(tmp_path: Path, small_dir: Path) -> None:
    files = {"plans.csv": PLAN_HEADER + "18,C1,3\n"}
    result = load_dataset([_folder(tmp_path, small_dir, files)], salt="s")
    (found,) = [p for p in result.report.problems if p.code == "logic.plan_year"]
    assert (found.row, found.column, found.value) == (2, "年度", "18")


def test_a_plan_for_an_unknown_organisation_is_an_error(tmp_path: Path, small_dir: Path) -> None:
    files = {"plans.csv": PLAN_HEADER + "2018,NOPE,3\n"}
    result = load_dataset([_folder(tmp_path, small_dir, files)], salt="s")
    assert not result.ok
    (found,) = [p for p in result.report.problems if p.severity == "error"]
    assert (found.row, found.column, found.value) == (2, "组织编号", "NOPE")


def test_a_plan_may_name_its_organisation_by_its_full_name(tmp_path: Path, small_dir: Path) -> None:
    files = {"plans.csv": "年度,党组织名称,计划发展党员数\n2018,甲社区党委,3\n"}
    result = load_dataset([_folder(tmp_path, small_dir, files)], salt="s")
    assert result.ok, [p.message_zh for p in result.report.problems]
    assert result.tables["plans"]["branch_id"].tolist() == ["C1"]


RECRUITS = pd.DataFrame(
    {
        "recruited_10k": [200.0, 250.0],
        "female_pct": [np.nan, 40.0],
        "age_35_or_under_pct": [80.0, 82.0],
        "college_or_above_pct": [45.0, 50.0],
        "workers_10k": [np.nan, 10.0],
        "farmers_10k": [np.nan, 30.0],
        "professionals_10k": [np.nan, 35.0],
        "front_line_10k": [100.0, 130.0],
        "reliability": ["secondary reprint", "full text"],
        "source": ["a", "b"],
    },
    index=pd.Index([2017, 2022], name="year"),
)
INTAKE = {
    "admitted": 4,
    "female": 0.5,
    "age_35_or_under": 0.75,
    "college_or_above": 1.0,
    "front_line": 0.25,
}


def test_the_intake_meets_the_latest_national_year_up_to_its_own() -> None:
    out = intake_vs_national(INTAKE, 2018, RECRUITS)
    assert out.loc["age_35_or_under", ["local", "national"]].tolist() == [0.75, 0.80]
    assert out.loc["age_35_or_under", "national_year"] == 2017
    assert out.loc["college_or_above", "source"] == "a"


def test_a_figure_not_published_by_then_comes_from_the_next_year_that_has_it() -> None:
    out = intake_vs_national(INTAKE, 2018, RECRUITS)
    assert out.loc["female", "national_year"] == 2022
    assert out.loc["female", "national"] == pytest.approx(0.40)


def test_front_line_nationally_is_the_three_occupations_share_of_all_recruits() -> None:
    out = intake_vs_national(INTAKE, 2023, RECRUITS)
    # (10 + 30 + 35) / 250, not the communiqué's 生产、工作一线 130 / 250
    assert out.loc["front_line", "national"] == pytest.approx(0.30)
    assert out.loc["front_line", "national_year"] == 2022


def test_the_bundled_recruit_figures_are_those_of_the_2023_communique() -> None:
    from ingest.reference import read_reference

    row = read_reference().recruits.loc[2023]
    assert (row["recruited_10k"], row["female_pct"], row["age_35_or_under_pct"]) == (
        240.8,
        45.9,
        82.4,
    )
    assert (row["workers_10k"], row["farmers_10k"], row["professionals_10k"]) == (
        15.8,
        37.5,
        35.1,
    )


def _workbook(path: Path, title: str, rows: list[list[object]]) -> None:
    """A sheet as offices keep it: a merged title row above the header."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for row in rows:
        sheet.append(row)
    book.save(path)


def test_a_ledger_and_a_plan_in_excel_with_title_rows_load(tmp_path: Path, small_dir: Path) -> None:
    folder = _folder(tmp_path, small_dir, {})
    _workbook(
        folder / "发展党员台账.xlsx",
        "桂城街道2018年发展党员工作台账",
        [
            LEDGER_HEADER.strip().split(","),
            [
                "P1",
                "C1a",
                "王五",
                "男",
                "1990-12-01",
                "2015-01-01",
                "2015-06-01",
                "2017-01-01",
                "2018-03-01",
            ],
        ],
    )
    _workbook(
        folder / "2018年发展党员计划.xlsx",
        "2018年度发展党员计划",
        [PLAN_HEADER.strip().split(","), [2018, "C1", 3]],
    )
    result = load_dataset([folder], salt="s")
    assert result.ok, [p.message_zh for p in result.report.problems]
    assert result.tables["development"]["admitted_on"].tolist() == [pd.Timestamp("2018-03-01")]
    assert result.tables["plans"][["year", "planned"]].values.tolist() == [[2018, 3]]


def test_one_organisation_by_its_id_and_by_its_name_in_one_year_is_a_duplicate(
    tmp_path: Path, small_dir: Path
) -> None:
    text = "年度,组织编号,党组织名称,计划发展党员数\n2018,C1,,3\n2018,,甲社区党委,4\n"
    result = load_dataset([_folder(tmp_path, small_dir, {"plans.csv": text})], salt="s")
    (found,) = [p for p in result.report.problems if p.code == "id.duplicate_key"]
    assert (found.row, found.severity) == (3, "error")
    assert not result.ok


def test_nested_plans_count_each_admission_once_in_the_totals() -> None:
    # K plans 5 over its tree; B2 (under K) plans 2 of its own; B3 is under B2
    ledger = _ledger([("B1", "2018-03-01"), ("B3", "2018-04-01")])
    plans = pd.DataFrame({"year": [2018, 2018], "branch_id": ["K", "B2"], "planned": [5, 2]})
    out = plan_progress(ledger, plans, _branches(), D)
    rows = out.set_index("branch_id")
    assert rows.loc["K", "admitted"] == 2 and rows.loc["B2", "admitted"] == 1
    assert rows["top"].to_dict() == {"K": True, "B2": False}
    assert plan_totals(out)[:2] == (5, 2)  # K's plan only: not 7 planned and 3 admitted
    assert plan_totals(out)[2] == pytest.approx(2 / 5)
