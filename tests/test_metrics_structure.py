"""The structure of the membership on D, on the hand-checked dataset."""

from __future__ import annotations

import pandas as pd
import pytest

from domain.definitions import DIMENSIONS, party_standing_band
from metrics.structure import shares, structure

D = pd.Timestamp("2018-11-30")


def _nonzero(series: pd.Series) -> dict:
    return {k: v for k, v in series.items() if v}


def test_gender(small: dict) -> None:
    assert structure(small["members"], D, "gender").to_dict() == {"男": 2, "女": 3}


def test_age_bands_list_every_band_in_order(small: dict) -> None:
    bands = structure(small["members"], D, "age_band")
    assert list(bands.index) == [
        "30岁及以下",
        "31至35岁",
        "36至40岁",
        "41至45岁",
        "46至50岁",
        "51至55岁",
        "56至60岁",
        "61岁及以上",
    ]
    assert _nonzero(bands) == {"30岁及以下": 2, "31至35岁": 2, "61岁及以上": 1}


def test_party_standing(small: dict) -> None:
    assert _nonzero(structure(small["members"], D, "party_standing")) == {
        "预备党员": 2,
        "5至9年": 2,
        "40至49年": 1,
    }


def test_education_and_ethnicity(small: dict) -> None:
    assert _nonzero(structure(small["members"], D, "education")) == {
        "研究生": 1,
        "大学本科": 2,
        "大学专科": 1,
        "高中": 1,
    }
    assert structure(small["members"], D, "ethnicity").to_dict() == {"汉族": 4, "少数民族": 1}


def test_unrecorded_shown_only_when_present(small: dict) -> None:
    m = small["members"].copy()
    m.loc[m["member_id"] == "m1", "occupation"] = None
    occupation = structure(m, D, "occupation")
    assert occupation["未填"] == 1
    assert "未填" not in structure(small["members"], D, "occupation").index


def test_shares(small: dict) -> None:
    assert shares(small["members"], D) == pytest.approx(
        {
            "female": 0.6,
            "minority": 0.2,
            "college_or_above": 0.8,
            "age_35_or_under": 0.8,
            "age_61_or_over": 0.2,
            "probationary": 0.4,
        }
    )


def test_party_standing_counts_from_full_on_anniversary() -> None:
    full = pd.Series(pd.to_datetime(["2013-11-30", "2013-12-01", None, "2019-01-01"])).astype(
        "datetime64[us]"
    )
    assert party_standing_band(full, D).tolist() == ["5至9年", "不满5年", "预备党员", "预备党员"]


def _within(tables: dict, on: pd.Timestamp, dimension: str, scope) -> pd.Series:
    from metrics.scope import branch_mask, grouped
    from metrics.structure import structure_by_organisation, structure_within

    g = grouped(tables)
    n = len(g.tables["branches"])
    counts = structure_by_organisation(g.tables["members"], g.ranks["members"], n, on, dimension)
    chosen = None if scope.is_everything else branch_mask(g.tables["branches"], scope).to_numpy()
    return structure_within(counts, dimension, chosen)


def test_gender_of_one_sector_from_counts_per_organisation(small: dict) -> None:
    from metrics.scope import Scope

    # 社区 on D: m1 女, m2 男, m3 女 (m7 died in February)
    shown = _within(small, D, "gender", Scope(sectors=("社区",)))
    assert shown.to_dict() == {"男": 1, "女": 2}


@pytest.fixture(scope="module")
def sample() -> dict:
    from pathlib import Path

    from ingest import load_dataset
    from tests.conftest import SALT

    folder = Path(__file__).resolve().parent.parent / "data" / "sample"
    return load_dataset([folder], salt=SALT).tables


@pytest.mark.parametrize("dimension", list(DIMENSIONS))
@pytest.mark.parametrize("on", [D, pd.Timestamp("2014-06-30")], ids=["D", "2014"])
def test_structure_from_counts_per_organisation_equals_counting_the_filtered_members(
    sample: dict, dimension: str, on: pd.Timestamp
) -> None:
    from metrics.scope import Scope, apply_scope

    communities = sorted(sample["branches"]["community"].dropna().unique())[:2]
    for scope in (
        Scope(),
        Scope(sectors=("社区", "非公企业")),
        Scope(communities=tuple(communities)),
        Scope(sectors=("楼宇",), communities=tuple(communities)),
    ):
        expected = structure(apply_scope(sample, scope)["members"], on, dimension)
        pd.testing.assert_series_equal(_within(sample, on, dimension, scope), expected)
