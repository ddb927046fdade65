"""Scopes on grouped tables (metrics.scope.restrict) hold exactly the rows that filtering
the tables (metrics.scope.apply_scope) keeps."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import load_dataset
from metrics.scope import Scope, apply_scope, grouped, restrict
from tests.conftest import SALT

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sample() -> dict[str, pd.DataFrame]:
    result = load_dataset([ROOT / "data" / "sample"], salt=SALT)
    assert result.ok
    return result.tables


def _same_rows(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    assert set(a) == set(b)
    for name in a:
        pd.testing.assert_frame_equal(a[name].sort_index(), b[name].sort_index())


def test_everything_is_every_row(sample: dict) -> None:
    _same_rows(restrict(grouped(sample), Scope()), sample)


def test_a_sector_is_one_run_of_rows(sample: dict) -> None:
    g = grouped(sample)
    members = restrict(g, Scope(sectors=("非公企业",)))["members"]
    positions = g.tables["members"].index.get_indexer(members.index)
    assert (positions == range(positions[0], positions[0] + len(positions))).all()


def test_a_scope_of_nothing_is_empty(sample: dict) -> None:
    out = restrict(grouped(sample), Scope(branch_ids=("no such branch",)))
    # every table, the units register too: no organisation answers for any unit
    assert all(len(frame) == 0 for frame in out.values())


def test_a_sector_leaves_the_units_register_whole(sample: dict) -> None:
    out = restrict(grouped(sample), Scope(sectors=("楼宇",)))
    assert len(out["units"]) == len(sample["units"])


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_any_scope_keeps_the_rows_filtering_keeps(sample: dict, data: st.DataObject) -> None:
    b = sample["branches"]
    sectors = data.draw(st.lists(st.sampled_from(sorted(set(b["sector"].dropna()))), max_size=3))
    communities = data.draw(
        st.lists(st.sampled_from(sorted(set(b["community"].dropna()))), max_size=4)
    )
    ids = data.draw(st.lists(st.sampled_from(sorted(b["branch_id"])), max_size=5))
    scope = Scope(tuple(sectors), tuple(communities), tuple(ids))
    _same_rows(restrict(grouped(sample), scope), apply_scope(sample, scope))
