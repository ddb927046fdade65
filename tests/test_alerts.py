"""Organisational health: each rule fires once on a dataset built for it, and only there."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from domain.rules import ALERT_RULES, AlertRule
from ingest import load_dataset
from metrics.alerts import alert_counts, alerts
from tests import alert_dataset
from tests.conftest import SALT

D = pd.Timestamp("2018-11-30")


@pytest.fixture(scope="module")
def health(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    folder = alert_dataset.write(tmp_path_factory.mktemp("alerts"))
    result = load_dataset([folder], salt=SALT)
    assert result.ok, result.report.to_json()
    return result.tables


def test_each_rule_fires_once_at_the_organisation_built_for_it(health) -> None:
    found = alerts(health, D)
    got = {row.rule: (row.branch_id, row.value) for row in found.itertuples()}
    # by hand from tests/alert_dataset.py, D = 2018-11-30
    assert got == {
        "term_overdue": ("A", 29.0),  # 届满 2018-11-01: 29 days before D
        "term_due": ("B", 46.0),  # 届满 2019-01-15: 1 + 31 + 14 days after D
        "few_full_members": ("C", 2.0),  # two full members
        "too_many_members": ("E", 50.0),  # fifty members
        "no_activity": ("F", 3.0),  # last activity 2018-06-30: quiet for the 3 months
        "probation_overdue": ("G", 1.0),  # G-late joined 2017-10-01, not made full
        "ageing": ("H", 70.0),  # three members born 1948: 70 on D
    }


def test_every_rule_has_a_threshold_and_a_source() -> None:
    assert list(ALERT_RULES) == [
        "term_overdue",
        "term_due",
        "few_full_members",
        "too_many_members",
        "no_activity",
        "probation_overdue",
        "ageing",
        "should_form",
        "development_checks",
    ]
    for rule in ALERT_RULES.values():
        assert "《" in rule.source or rule.key == "ageing"  # a structural concern, no rule


def test_term_alerts_carry_the_date_due(health) -> None:
    found = alerts(health, D).set_index("rule")
    assert found.at["term_overdue", "date"] == pd.Timestamp("2018-11-01")
    assert found.at["term_due", "date"] == pd.Timestamp("2019-01-15")
    assert found.at["no_activity", "date"] == pd.Timestamp("2018-06-30")


def test_a_branch_founded_within_the_quiet_months_is_not_called_quiet(health) -> None:
    assert "I" not in set(alerts(health, D)["branch_id"])


def test_thresholds_come_from_the_rules_given(health) -> None:
    stricter = {**ALERT_RULES, "too_many_members": AlertRule("too_many_members", 51, "x")}
    assert "too_many_members" not in set(alerts(health, D, stricter)["rule"])
    wider = {**ALERT_RULES, "term_due": AlertRule("term_due", 30, "x")}
    assert "term_due" not in set(alerts(health, D, wider)["rule"])  # B is 46 days away


def test_without_participation_there_is_no_quiet_rule(health) -> None:
    tables = {k: v for k, v in health.items() if k != "participation"}
    assert "no_activity" not in set(alerts(tables, D)["rule"])


def test_counts_per_rule_and_organisations(health) -> None:
    counts = alert_counts(alerts(health, D))
    assert counts["total"] == 7
    assert counts["organisations"] == 7
    extra = ("should_form", "development_checks")  # the alert dataset has no units, no ledger
    assert all(counts[rule] == 1 for rule in ALERT_RULES if rule not in extra)
    assert all(counts[rule] == 0 for rule in extra)


def _ledger(*people: tuple[str, str, str | None]) -> pd.DataFrame:
    """People as (branch_id, applied_on, talked_on), born 1990, nothing after the talk."""
    frame = pd.DataFrame(people, columns=["branch_id", "applied_on", "talked_on"])
    frame.insert(0, "person_id", [f"P{i}" for i in range(len(frame))])
    frame["birth_date"] = pd.Timestamp("1990-01-01")
    for column in ("applied_on", "talked_on"):
        frame[column] = pd.to_datetime(frame[column])
    for column in ("activist_on", "candidate_on", "admitted_on", "approved_on", "withdrawn_on"):
        frame[column] = pd.NaT
    frame["training_days"] = frame["training_hours"] = float("nan")
    return frame


def test_an_organisation_with_development_findings_is_warned_with_how_many_people(
    health,
) -> None:
    # A: two applicants with no talk a month on (talk_late), one talked to in time;
    # B: an applicant whose month is not yet over on D
    ledger = _ledger(
        ("A", "2018-01-01", None),
        ("A", "2018-02-01", "2018-06-01"),
        ("A", "2018-03-01", "2018-03-20"),
        ("B", "2018-11-15", None),
    )
    found = alerts(dict(health) | {"development": ledger}, D)
    got = found[found["rule"] == "development_checks"]
    assert got[["branch_id", "value"]].values.tolist() == [["A", 2.0]]


def test_no_member_is_named_in_an_alert(health) -> None:
    found = alerts(health, D)
    assert not set(found.columns) & {"member_id", "name_masked", "id_number", "birth_date"}
    assert set(found["branch_id"]) <= set(health["branches"]["branch_id"])


def test_alert_dataset_file_is_written_where_asked(tmp_path: Path) -> None:
    assert {p.name for p in alert_dataset.write(tmp_path / "x").iterdir()} == {
        "branches.csv",
        "members.csv",
        "participation.csv",
    }


def test_without_activity_records_no_branch_is_called_quiet(health) -> None:
    tables = dict(health)
    tables["participation"] = health["participation"].iloc[0:0]
    assert "no_activity" not in set(alerts(tables, D)["rule"])


def test_records_starting_within_the_quiet_months_give_no_verdict(health) -> None:
    tables = dict(health)
    p = health["participation"]
    tables["participation"] = p[p["date"] > pd.Timestamp("2018-09-01")]  # F's June is gone
    assert "no_activity" not in set(alerts(tables, D)["rule"])


def test_an_empty_selection_gives_an_empty_list(health) -> None:
    tables = {k: v.iloc[0:0] for k, v in health.items()}
    found = alerts(tables, D)
    assert found.empty and list(found.columns) == [
        "branch_id", "name", "org_type", "sector", "community", "rule", "value", "date"
    ]  # fmt: skip


def _with_quiet_q(health: dict) -> dict:
    """The alert dataset and a branch Q founded 2010 with no activity at all."""
    b = health["branches"]
    q = b[b["branch_id"] == "C"].assign(branch_id="Q", name="Q党支部")
    return {**health, "branches": pd.concat([b, q], ignore_index=True)}


def test_warnings_picked_by_organisation_are_their_warnings_over_the_whole_dataset(
    health,
) -> None:
    from metrics.alerts import alerts_of

    found = alerts(_with_quiet_q(health), D)
    picked = alerts_of(found, pd.Series(["A", "F", "Q"]))
    # by hand: A's term overdue; F and Q quiet for the three months (Q has no record at
    # all); Q, a copy of C, has C's two full members
    assert sorted(zip(picked["branch_id"], picked["rule"], strict=True)) == [
        ("A", "term_overdue"), ("F", "no_activity"), ("Q", "few_full_members"),
        ("Q", "no_activity"),
    ]  # fmt: skip


def test_a_selection_whose_own_records_start_late_keeps_the_quiet_verdict(health) -> None:
    from metrics.alerts import alerts_of

    tables = _with_quiet_q(health)
    found = alerts(tables, D)
    # everything: F's June activity shows the records cover the three months, so the quiet
    # Q is named; picking Q with B (whose records start on 15 Nov 2018) does not undo that
    assert {"F", "Q"} <= set(found.loc[found["rule"] == "no_activity", "branch_id"])
    picked = alerts_of(found, pd.Series(["B", "Q"]))
    assert list(picked.loc[picked["rule"] == "no_activity", "branch_id"]) == ["Q"]


def test_units_that_should_form_are_warned_at_the_organisation_answering_for_them(
    health,
) -> None:
    branches = health["branches"]
    committee = branches.loc[branches["org_type"] == "党委"].iloc[0]
    community = committee["community"]
    joint = branches.loc[branches["org_type"] == "党支部", "branch_id"].iloc[0]
    units = pd.DataFrame(
        {
            "unit_id": ["U1", "U2", "U3", "U4"],
            "name": ["甲", "乙", "丙", "丁"],
            "kind": ["非公企业"] * 4,
            "community": [community, community, community, community],
            "building": [None] * 4,
            "staff": [10, 10, 10, 10],
            "full_members": [3, 4, 2, 5],
            "probationary_members": [0] * 4,
            # U1 none and U2 joint: both should form; U3 too few; U4 has its own
            "coverage": ["未建", "联合组建", "未建", "单独组建"],
            "branch_id": [None, joint, None, joint],
            "instructor": [None] * 4,
            "registered_on": pd.to_datetime(["2010-01-01"] * 4),
            "closed_on": pd.NaT,
            "covered_on": pd.NaT,
        }
    )
    found = alerts(dict(health) | {"units": units}, D)
    got = found[found["rule"] == "should_form"].set_index("branch_id")["value"].to_dict()
    assert committee["sector"] == "社区"  # P, the dataset's 社区党委, answers for U1
    assert got == {joint: 1.0, committee["branch_id"]: 1.0}


def test_a_unit_whose_organisation_is_yet_to_begin_or_gone_answers_to_its_community(
    health,
) -> None:
    branches = health["branches"]
    committee = branches.loc[branches["org_type"] == "党委"].iloc[0]  # P, the 社区党委
    joint = branches.loc[branches["org_type"] == "党支部", "branch_id"].iloc[0]
    units = pd.DataFrame(
        {
            "unit_id": ["U1", "U2", "U3"],
            "name": ["甲", "乙", "丙"],
            "kind": ["非公企业"] * 3,
            "community": [committee["community"], committee["community"], None],
            "building": [None] * 3,
            "staff": [10] * 3,
            "full_members": [3, 3, 3],
            "probationary_members": [0] * 3,
            # U1 its own organisation from the day after D: 未建 on D; U2 joint under a
            # branch that does not exist on D; U3 of no community
            "coverage": ["单独组建", "联合组建", "未建"],
            "branch_id": [joint, "GONE", None],
            "instructor": [None] * 3,
            "registered_on": pd.to_datetime(["2010-01-01"] * 3),
            "closed_on": pd.NaT,
            "covered_on": pd.to_datetime(["2018-12-01", None, None]),
        }
    )
    found = alerts(dict(health) | {"units": units}, D)
    got = found[found["rule"] == "should_form"].set_index("branch_id")["value"].to_dict()
    assert got == {committee["branch_id"]: 2.0}


def test_within_each_warning_the_most_urgent_comes_first() -> None:
    """Two overdue terms (10 and 400 days) and two due (5 and 60 days left): the 400-day
    overdue term and the one due in 5 days come first."""
    from metrics.alerts import alerts

    on = pd.Timestamp("2018-11-30")
    branches = pd.DataFrame(
        {
            "branch_id": ["A", "B", "C", "D"],
            "name": ["甲", "乙", "丙", "丁"],
            "org_type": ["党委"] * 4,
            "sector": ["社区"] * 4,
            "community": [None] * 4,
            "parent_id": [None] * 4,
            "founded_on": pd.to_datetime(["2010-01-01"] * 4),
            "dissolved_on": pd.to_datetime([None] * 4),
            "term_ends_on": [
                on - pd.Timedelta(days=10),
                on - pd.Timedelta(days=400),
                on + pd.Timedelta(days=60),
                on + pd.Timedelta(days=5),
            ],
        }
    )
    members = pd.DataFrame(
        {
            c: pd.Series(dtype="datetime64[ns]")
            for c in ("joined_on", "registered_on", "left_on", "full_on", "birth_date")
        }
    ).assign(branch_id=pd.Series(dtype=object), member_id=pd.Series(dtype=object))
    found = alerts({"branches": branches, "members": members}, on)
    order = [(r, b) for r, b in zip(found["rule"], found["branch_id"], strict=True)
             if r in ("term_overdue", "term_due")]  # fmt: skip
    assert order == [
        ("term_overdue", "B"),
        ("term_overdue", "A"),
        ("term_due", "D"),
        ("term_due", "C"),
    ]
