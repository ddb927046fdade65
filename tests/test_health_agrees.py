"""组织健康: one set of warnings under every filter, on the page, the overview's card, the deck
and the summary. A warning is about one organisation and is found over the whole dataset; a
filter only chooses which organisations are listed (a unit that should form its own
organisation is charged to its joint organisation, else its community's 社区党委, whatever
the filter). The organisations of each filter are picked here from branches.csv with plain
pandas."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from domain.contract import SECTOR_EN
from domain.rules import ALERT_ORDER
from ingest import load_dataset
from metrics.alerts import alerts
from metrics.scope import Scope, apply_scope, grouped, restrict
from queries.health import health
from queries.summary import full_summary
from report.slides import build_deck
from tests.app_script import metrics
from tests.by_hand import SAMPLE
from tests.conftest import SALT

D = pd.Timestamp("2018-11-30")
BRANCHES = pd.read_csv(SAMPLE / "branches.csv", encoding="utf-8-sig", dtype=str)
SECTORS = sorted(BRANCHES["所属领域"].unique())
COMMUNITIES = sorted(BRANCHES["所在社区"].dropna().unique())
FILTERS = [
    *(Scope(sectors=(s,)) for s in SECTORS),
    *(Scope(communities=(c,)) for c in COMMUNITIES),
    Scope(sectors=("非公企业",), communities=("桂园社区",)),
    Scope(sectors=("社区",), communities=("北约社区",)),
]


def ids_by_hand(scope: Scope) -> set[str]:
    b = BRANCHES
    chosen = pd.Series(True, index=b.index)
    if scope.sectors:
        chosen &= b["所属领域"].isin(scope.sectors)
    if scope.communities:
        chosen &= b["所在社区"].isin(scope.communities)
    return set(b.loc[chosen, "组织编号"])


def counts_of(found: pd.DataFrame) -> dict[str, int]:
    return {rule: int((found["rule"] == rule).sum()) for rule in ALERT_ORDER}


@pytest.fixture(scope="module")
def sample() -> dict[str, pd.DataFrame]:
    result = load_dataset([SAMPLE], salt=SALT)
    assert result.ok
    return result.tables


@pytest.fixture(scope="module")
def whole(sample: dict) -> pd.DataFrame:
    """Every organisation's warnings on D."""
    return alerts(sample, D)


def _name(scope: Scope) -> str:
    return "+".join(scope.sectors + scope.communities)


@pytest.mark.parametrize("scope", FILTERS, ids=_name)
def test_every_surface_gives_the_warnings_of_the_filter_s_organisations(
    sample: dict, whole: pd.DataFrame, scope: Scope
) -> None:
    expected = whole[whole["branch_id"].isin(ids_by_hand(scope))]
    page = health(restrict(grouped(sample), scope), D, whole)
    assert sorted(zip(page["branch_id"], page["rule"], strict=True)) == sorted(
        zip(expected["branch_id"], expected["rule"], strict=True)
    )
    scoped = apply_scope(sample, scope)
    summary = full_summary(scoped, D)["alerts"]
    assert {r: summary[r] for r in ALERT_ORDER} == counts_of(expected)
    assert summary["organisations"] == expected["branch_id"].nunique()
    (slide,) = build_deck(scoped, D, "zh", "范围", "示例数据", ("alerts",)).slides
    shown = {rule: int(n) for rule, n in slide.table["count"].items()}
    assert shown == {r: n for r, n in counts_of(expected).items() if n}


def test_a_sector_that_never_reports_activity_keeps_its_quiet_branches_under_its_filter(
    sample: dict,
) -> None:
    # every 非公企业 activity record removed: over the whole dataset its 党支部 founded 3
    # months before D are quiet; the filter to 非公企业 lists every one of them
    tables = dict(sample)
    ids = ids_by_hand(Scope(sectors=("非公企业",)))
    p = sample["participation"]
    tables["participation"] = p[~p["branch_id"].isin(ids)]
    whole = alerts(tables, D)
    quiet = set(whole.loc[(whole["rule"] == "no_activity") & whole["branch_id"].isin(ids),
                          "branch_id"])  # fmt: skip
    assert len(quiet) > 100
    scoped = apply_scope(tables, Scope(sectors=("非公企业",)))
    for found in (
        health(scoped, D),
        health(restrict(grouped(tables), Scope(sectors=("非公企业",))), D),
    ):
        assert set(found.loc[found["rule"] == "no_activity", "branch_id"]) == quiet
    assert full_summary(scoped, D)["alerts"]["no_activity"] == len(quiet)


def test_a_community_s_warnings_on_the_overview_card_are_those_of_its_organisations(
    on_sample: Callable[..., AppTest], whole: pd.DataFrame
) -> None:
    # 桂园社区's joint 联合党支部 answers for a unit of another community that should form its
    # own organisation: the warning is the joint organisation's, under any filter
    mine = whole[whole["branch_id"].isin(ids_by_hand(Scope(communities=("桂园社区",))))]
    at = on_sample("overview", community="桂园社区")
    assert metrics(at)["组织健康提醒"] == f"{len(mine):,} 条"


def test_a_sector_s_warnings_on_the_page_are_those_of_its_organisations(
    on_sample: Callable[..., AppTest], whole: pd.DataFrame
) -> None:
    mine = whole[whole["branch_id"].isin(ids_by_hand(Scope(sectors=("社区",))))]
    at = on_sample("alerts", sector=SECTOR_EN["社区"])
    assert any(m.value.startswith(f"#### {len(mine):,} 条提醒") for m in at.markdown)
