"""发展党员: stages on a day, the procedure checks at their edges, flows and the ledger's
validation, on hand-built ledgers whose answers are worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from domain.definitions import stage_on
from ingest import load_dataset
from metrics.development import (
    admitted_between,
    breach_counts,
    breaches,
    breaches_by_branch,
    due_soon,
    flows,
    stage_counts,
    stage_days,
)

D = pd.Timestamp("2018-11-30")
DATES = (
    "birth_date",
    "applied_on",
    "talked_on",
    "activist_on",
    "candidate_on",
    "admitted_on",
    "approved_on",
    "withdrawn_on",
)


def ledger(*people: dict) -> pd.DataFrame:
    """People with every ledger column; dates as written, blanks where not given."""
    rows = []
    for i, p in enumerate(people):
        row = {
            "person_id": f"P{i + 1}",
            "branch_id": "B1",
            "name": "张三明",
            "gender": "女",
            "birth_date": "1990-01-01",
            "education": "大学本科",
            "occupation": "工人",
            "training_days": 3.0,
            "training_hours": None,
            "withdrawn_reason": None,
            "member_id": None,
        }
        rows.append(row | p)
    frame = pd.DataFrame(rows)
    for column in DATES:
        frame[column] = pd.to_datetime(frame.get(column), errors="coerce")
    for column in ("training_days", "training_hours"):
        frame[column] = pd.to_numeric(frame[column]).astype("float64")
    return frame


NO_MEMBERS = pd.DataFrame(
    {
        "member_id": pd.Series([], dtype="str"),
        "branch_id": pd.Series([], dtype="str"),
        "joined_on": pd.Series([], dtype="datetime64[us]"),
        "registered_on": pd.Series([], dtype="datetime64[us]"),
        "full_on": pd.Series([], dtype="datetime64[us]"),
        "left_on": pd.Series([], dtype="datetime64[us]"),
    }
)


# ------------------------------------------------------------------ stages


def _stages(people: pd.DataFrame, on: pd.Timestamp) -> list[str | None]:
    return [None if pd.isna(s) else str(s) for s in stage_on(people, on)]


def test_an_application_on_d_counts_and_one_the_day_after_does_not() -> None:
    people = ledger({"applied_on": "2018-11-30"}, {"applied_on": "2018-12-01"})
    assert _stages(people, D) == ["applicant", None]


def test_each_stage_begins_on_its_own_day() -> None:
    people = ledger(
        {"applied_on": "2017-01-01", "activist_on": "2018-11-30"},
        {"applied_on": "2016-01-01", "activist_on": "2017-01-01", "candidate_on": "2018-11-30"},
        {
            "applied_on": "2015-01-01",
            "activist_on": "2016-01-01",
            "candidate_on": "2017-06-01",
            "admitted_on": "2018-11-30",
        },
        {"applied_on": "2017-01-01", "activist_on": "2018-12-01"},
    )
    assert _stages(people, D) == ["activist", "candidate", None, "applicant"]


def test_a_person_withdrawn_on_or_before_d_is_in_no_stage() -> None:
    people = ledger(
        {"applied_on": "2018-01-01", "withdrawn_on": "2018-11-30"},
        {"applied_on": "2018-01-01", "withdrawn_on": "2018-12-01"},
    )
    assert _stages(people, D) == [None, "applicant"]


def test_an_earlier_day_sees_the_earlier_stage() -> None:
    people = ledger({"applied_on": "2016-03-01", "activist_on": "2017-03-01"})
    assert str(stage_on(people, pd.Timestamp("2016-12-31")).iat[0]) == "applicant"
    assert str(stage_on(people, D).iat[0]) == "activist"


def test_probationary_members_come_from_the_roster() -> None:
    members = pd.DataFrame(
        {
            "member_id": ["M1", "M2", "M3"],
            "branch_id": ["B1"] * 3,
            "joined_on": pd.to_datetime(["2018-03-01", "2017-01-01", "2018-06-01"]),
            "registered_on": pd.to_datetime([None, None, None]),
            "full_on": pd.to_datetime([None, "2018-01-02", None]),
            "left_on": pd.to_datetime([None, None, "2018-10-01"]),
        }
    )
    counts = stage_counts(ledger({"applied_on": "2018-05-01"}), members, D)
    assert counts.to_dict() == {"applicant": 1, "activist": 0, "candidate": 0, "probationary": 1}


# ------------------------------------------------------------------ rules at their edges


def _rule(rule: str, *people: dict, on: pd.Timestamp = D) -> list[bool]:
    return breaches(ledger(*people), on)[rule].tolist()


def test_under_18_is_an_application_before_the_18th_birthday() -> None:
    assert _rule(
        "under_18",
        {"birth_date": "2000-06-15", "applied_on": "2018-06-14"},
        {"birth_date": "2000-06-15", "applied_on": "2018-06-15"},
    ) == [True, False]


def test_a_talk_exactly_a_month_after_applying_is_in_time() -> None:
    assert _rule(
        "talk_late",
        {"applied_on": "2018-03-15", "talked_on": "2018-04-15"},
        {"applied_on": "2018-03-15", "talked_on": "2018-04-16"},
        {"applied_on": "2018-03-15"},
    ) == [False, True, True]


def test_no_talk_is_late_only_once_the_month_has_passed() -> None:
    assert _rule("talk_late", {"applied_on": "2018-10-30"}) == [False]  # due 11-30 = D
    assert _rule("talk_late", {"applied_on": "2018-10-29"}) == [True]  # due 11-29 < D


def test_a_person_withdrawn_before_the_talk_was_due_is_not_held_to_it() -> None:
    assert _rule("talk_late", {"applied_on": "2018-03-15", "withdrawn_on": "2018-04-01"}) == [False]


def test_a_candidate_exactly_a_year_after_becoming_an_activist_is_in_time() -> None:
    base = {"applied_on": "2016-01-01", "activist_on": "2017-03-01"}
    assert _rule(
        "activist_short",
        base | {"candidate_on": "2018-03-01"},
        base | {"candidate_on": "2018-02-28"},
        base,
    ) == [False, True, False]


def test_training_of_3_days_or_24_hours_is_enough_and_less_of_both_is_not() -> None:
    admitted = {"applied_on": "2015-01-01", "activist_on": "2015-06-01",
                "candidate_on": "2016-07-01", "admitted_on": "2017-01-01"}  # fmt: skip
    assert _rule(
        "training_short",
        admitted | {"training_days": 3.0, "training_hours": None},
        admitted | {"training_days": 2.0, "training_hours": 24.0},
        admitted | {"training_days": 2.0, "training_hours": 23.0},
        admitted | {"training_days": None, "training_hours": None},
    ) == [False, False, True, True]


def test_a_ledger_without_any_training_recorded_is_not_checked_for_it() -> None:
    admitted = {"applied_on": "2015-01-01", "activist_on": "2015-06-01",
                "candidate_on": "2016-07-01", "admitted_on": "2017-01-01",
                "training_days": None}  # fmt: skip
    assert _rule("training_short", admitted) == [False]


def test_an_approval_exactly_three_months_after_admission_is_in_time() -> None:
    admitted = {"applied_on": "2015-01-01", "activist_on": "2015-06-01",
                "candidate_on": "2016-07-01", "admitted_on": "2018-03-31"}  # fmt: skip
    assert _rule(
        "approval_late",
        admitted | {"approved_on": "2018-06-30"},
        admitted | {"approved_on": "2018-07-01"},
        admitted,
    ) == [False, True, True]


def test_a_pending_approval_is_late_only_after_three_months() -> None:
    admitted = {"applied_on": "2015-01-01", "activist_on": "2015-06-01",
                "candidate_on": "2016-07-01"}  # fmt: skip
    assert _rule("approval_late", admitted | {"admitted_on": "2018-08-30"}) == [False]
    assert _rule("approval_late", admitted | {"admitted_on": "2018-08-29"}) == [True]


def test_breaches_count_each_person_once_per_rule_and_list_organisations() -> None:
    people = ledger(
        {"branch_id": "B1", "applied_on": "2018-01-01"},  # no talk: talk_late
        {"branch_id": "B2", "applied_on": "2018-01-01", "birth_date": "2001-01-01"},  # both
        {"branch_id": "B2", "applied_on": "2018-01-01", "talked_on": "2018-01-05"},  # none
    )
    assert breach_counts(people, D) == {
        "under_18": 1,
        "talk_late": 2,
        "activist_short": 0,
        "training_short": 0,
        "approval_late": 0,
    }
    branches = pd.DataFrame(
        {"branch_id": ["B1", "B2"], "name": ["一支部", "二支部"], "sector": ["社区", "社区"]}
    )
    listed = breaches_by_branch(people, branches, D)
    assert listed[["branch_id", "talk_late", "under_18", "total"]].values.tolist() == [
        ["B1", 1, 0, 1],
        ["B2", 1, 1, 1],
    ]


# ------------------------------------------------------------------ flows, days, due


def test_flows_count_each_step_in_its_period() -> None:
    people = ledger(
        {"applied_on": "2018-01-10", "activist_on": "2018-04-01"},
        {"applied_on": "2018-02-01", "withdrawn_on": "2018-05-01"},
    )
    out = flows(people, pd.Timestamp("2018-01-01"), pd.Timestamp("2018-06-30"), "Q")
    assert out["applied"].tolist() == [2, 0]
    assert out["activist"].tolist() == [0, 1]
    assert out["withdrawn"].tolist() == [0, 1]


def test_days_in_a_step_are_the_median_of_those_who_took_it() -> None:
    people = ledger(
        {"applied_on": "2018-01-01", "activist_on": "2018-01-11"},  # 10 days
        {"applied_on": "2018-01-01", "activist_on": "2018-01-31"},  # 30 days
        {"applied_on": "2018-01-01", "activist_on": "2018-02-20"},  # 50 days
        {"applied_on": "2018-01-01", "activist_on": "2018-12-20"},  # after D: not yet
    )
    days = stage_days(people, D)
    assert days.loc["applied_to_activist"].tolist() == [3, 30.0]


def test_admissions_this_year_run_from_1_january_to_d() -> None:
    people = ledger(
        {"admitted_on": "2017-12-31"}, {"admitted_on": "2018-01-01"}, {"admitted_on": "2018-11-30"}
    )
    assert admitted_between(people, pd.Timestamp("2018-01-01"), D) == 2


def test_due_soon_lists_activists_reaching_a_year_this_quarter_with_masked_names() -> None:
    people = ledger(
        {"applied_on": "2017-01-01", "activist_on": "2017-12-15", "name": "李四光"},
        {"applied_on": "2017-01-01", "activist_on": "2018-01-15"},  # next quarter
    )
    branches = pd.DataFrame({"branch_id": ["B1"], "name": ["一支部"]})
    due = due_soon(people, branches, D)
    assert due[["masked_name", "due", "due_on"]].values.tolist() == [
        ["李*光", "activist_year", pd.Timestamp("2018-12-15")]
    ]
    assert "name" not in due.columns and "person_id" not in due.columns


# ------------------------------------------------------------------ reading the ledger

HEADER = (
    "人员编号,组织编号,姓名,性别,出生日期,申请入党日期,确定入党积极分子日期,"
    "确定发展对象日期,接收预备党员日期,上级党委审批日期,党员编号\n"
)


def _ledger_folder(tmp_path: Path, small_dir: Path, rows: str, name: str) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for f in small_dir.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / name).write_text(HEADER + rows, encoding="utf-8")
    return folder


def _first_branch_and_member(small_dir: Path) -> tuple[str, str, str]:
    members = load_dataset([small_dir], salt="s").tables["members"]
    first = members.iloc[0]
    return first["branch_id"], first["member_id"], first["joined_on"].date().isoformat()


def test_a_file_named_fazhan_dangyuan_is_the_ledger_not_members(
    tmp_path: Path, small_dir: Path
) -> None:
    branch, _, _ = _first_branch_and_member(small_dir)
    rows = f"P1,{branch},王五,男,1995-01-01,2018-01-01,,,,,\n"
    result = load_dataset([_ledger_folder(tmp_path, small_dir, rows, "发展党员.csv")], salt="s")
    assert result.ok, [p.message_zh for p in result.report.problems]
    assert len(result.tables["development"]) == 1


def test_a_later_stage_without_the_earlier_one_is_an_error_at_its_row_and_column(
    tmp_path: Path, small_dir: Path
) -> None:
    branch, _, _ = _first_branch_and_member(small_dir)
    rows = f"P1,{branch},王五,男,1995-01-01,2017-01-01,,2018-03-01,,,\n"
    result = load_dataset([_ledger_folder(tmp_path, small_dir, rows, "development.csv")], salt="s")
    (found,) = [p for p in result.report.problems if p.code == "logic.stage_missing"]
    assert (found.row, found.column, found.value) == (2, "确定发展对象日期", "2018-03-01")
    assert "确定入党积极分子日期" in found.message_zh


@pytest.mark.parametrize(
    ("dates", "column"),
    [
        ("2017-01-01,2018-03-01,2018-02-01,,", "确定发展对象日期"),
        ("2015-01-01,2016-03-01,2017-06-01,2018-01-01,2017-12-01", "上级党委审批日期"),
    ],
)
def test_dates_out_of_order_are_an_error(
    tmp_path: Path, small_dir: Path, dates: str, column: str
) -> None:
    branch, _, _ = _first_branch_and_member(small_dir)
    rows = f"P1,{branch},王五,男,1990-01-01,{dates},\n"
    result = load_dataset([_ledger_folder(tmp_path, small_dir, rows, "development.csv")], salt="s")
    (found,) = [p for p in result.report.problems if p.code == "logic.stage_order"]
    assert (found.row, found.column, found.severity) == (2, column, "error")


def test_a_member_link_whose_joining_date_differs_is_a_warning(
    tmp_path: Path, small_dir: Path
) -> None:
    branch, member, joined = _first_branch_and_member(small_dir)
    rows = (
        f"P1,{branch},王五,男,1980-01-01,2000-01-01,2001-01-01,2002-03-01,{joined},,{member}\n"
        f"P2,{branch},赵六,男,1980-01-01,2000-01-01,2001-01-01,2002-03-01,2003-01-02,,{member}\n"
        f"P3,{branch},钱七,男,1980-01-01,2000-01-01,2001-01-01,2002-03-01,2003-01-02,,NOPE\n"
    )
    result = load_dataset([_ledger_folder(tmp_path, small_dir, rows, "development.csv")], salt="s")
    codes = [
        (p.code, p.row, p.severity) for p in result.report.problems if p.code.startswith("ref.")
    ]
    assert sorted(codes) == [
        ("ref.member_joined_differs", 3, "warning"),
        ("ref.unknown_member", 4, "error"),
    ]


def test_the_summary_gives_stages_admissions_and_breaches_as_counted_by_hand(
    tmp_path: Path, small_dir: Path
) -> None:
    from domain.definitions import as_of_date
    from queries.summary import full_summary

    branch, member, joined = _first_branch_and_member(small_dir)
    day = as_of_date(load_dataset([small_dir], salt="s").tables)
    applied = (day - pd.DateOffset(months=2)).date().isoformat()
    start = pd.Timestamp(joined)
    steps = [(start - pd.DateOffset(years=y)).date().isoformat() for y in (3, 2, 1)]
    rows = (
        f"P1,{branch},王五,男,1995-01-01,{applied},,,,,\n"  # an applicant, no talk: talk_late
        f"P2,{branch},赵六,男,1940-01-01,{','.join(steps)},{joined},,{member}\n"
    )
    folder = _ledger_folder(tmp_path, small_dir, rows, "development.csv")
    tables = load_dataset([folder], salt="s").tables
    out = full_summary(tables, as_of_date(tables))["development"]
    admitted_this_year = int(pd.Timestamp(joined).year == day.year)
    assert out["stages"]["入党申请人"] == 1
    assert out["stages"]["入党积极分子"] == 0 and out["stages"]["发展对象"] == 0
    assert out["admitted_this_year"] == admitted_this_year
    # P2 has no 谈话日期 either (talk_late), and no approval three months on (approval_late);
    # the ledger records no training, so that is not checked
    assert out["breaches"] == {
        "under_18": 0,
        "talk_late": 2,
        "activist_short": 0,
        "training_short": 0,
        "approval_late": 1,
    }
