"""The sample generator: deterministic, regenerates the committed sample, calibrated to the
2018 forum report. Counts are computed here with plain pandas, not with metrics/."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from data import generate
from data.synth import patents
from ingest import load_dataset

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
D = pd.Timestamp("2018-11-30")


@pytest.fixture(scope="module")
def sample() -> dict[str, pd.DataFrame]:
    result = load_dataset([SAMPLE], salt="s")
    assert result.ok, result.report.to_json(limit=5)
    return result.tables


def _active(m: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    start = m["registered_on"].where(m["registered_on"].notna(), m["joined_on"])
    return m[(start <= day) & (m["left_on"].isna() | (m["left_on"] > day))]


def _family(b: pd.DataFrame, name: str) -> set[str]:
    """The organisation named and everything under it."""
    ids = set(b.loc[b["name"] == name, "branch_id"])
    assert ids, name
    while True:
        more = set(b.loc[b["parent_id"].isin(ids), "branch_id"]) - ids
        if not more:
            return ids
        ids |= more


@pytest.mark.slow
def test_committed_sample_is_what_the_generator_writes(tmp_path: Path) -> None:
    generate.write(generate.generate(), tmp_path)
    for path in sorted(SAMPLE.glob("*.csv")):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.slow
def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    generate.main(["--seed", "7", "--scale", "2", "--out", str(a)])
    generate.main(["--seed", "7", "--scale", "2", "--out", str(b)])
    for path in sorted(a.glob("*.csv")):
        assert (b / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.slow
def test_scale_multiplies_every_dataset(sample: dict[str, pd.DataFrame], tmp_path: Path) -> None:
    generate.main(["--scale", "2", "--out", str(tmp_path)])
    result = load_dataset([tmp_path], salt="s")
    assert result.ok, result.report.to_json(limit=5)
    for name, table in result.tables.items():
        assert 1.8 * len(sample[name]) <= len(table) <= 2.2 * len(sample[name]), name
    assert len(result.tables["branches"]) == 2 * len(sample["branches"])


def test_sample_is_as_of_2018_11_30(sample: dict[str, pd.DataFrame]) -> None:
    latest = max(
        sample["participation"]["date"].max(),
        sample["members"]["left_on"].max(),
        sample["members"]["joined_on"].max(),
        sample["patents"]["filed_on"].max(),
    )
    assert latest == D


def test_460_to_469_branches_on_2018_11_30(sample: dict[str, pd.DataFrame]) -> None:
    b = sample["branches"]
    alive = (b["founded_on"] <= D) & (b["dissolved_on"].isna() | (b["dissolved_on"] > D))
    assert 460 <= (alive & (b["org_type"] == "党支部")).sum() <= 469


def test_10000_to_10999_active_members_on_2018_11_30(sample: dict[str, pd.DataFrame]) -> None:
    assert 10_000 <= len(_active(sample["members"], D)) <= 10_999


def test_every_sector_has_branches_and_members(sample: dict[str, pd.DataFrame]) -> None:
    b, m = sample["branches"], _active(sample["members"], D)
    sectors = m.merge(b, on="branch_id")["sector"]
    expected = {"社区", "国有企业", "非公企业", "楼宇", "行业商协会", "社会组织", "机关事业单位"}
    assert set(b["sector"]) == expected
    assert set(sectors) == expected


def test_history_runs_from_2013_with_joins_transfers_and_deaths(
    sample: dict[str, pd.DataFrame],
) -> None:
    m, a = sample["members"], sample["participation"]
    assert a["date"].min().strftime("%Y-%m") == "2013-01"
    for year in range(2013, 2019):
        joined, registered, left = (
            m[c].dt.year == year for c in ("joined_on", "registered_on", "left_on")
        )
        assert joined.sum() > 100, year
        assert (registered & (m["joined_on"] < m["registered_on"])).sum() > 100, year
        assert (left & (m["left_reason"] == "转出")).sum() > 100, year
        assert (left & (m["left_reason"] == "死亡")).sum() > 10, year
    # growing, but plausibly: 1-6% a year
    sizes = [len(_active(m, pd.Timestamp(f"{y}-11-30"))) for y in range(2013, 2019)]
    for before, after in itertools.pairwise(sizes):
        assert 1.01 <= after / before <= 1.06


def test_three_to_five_activities_per_branch_month(sample: dict[str, pd.DataFrame]) -> None:
    a = sample["participation"]
    a = a[a["date"].dt.year == 2018]
    per = a.groupby([a["branch_id"], a["date"].dt.month]).size()
    assert 3.0 <= per.mean() <= 5.0
    rate = a["attendees"].sum() / a.loc[a["expected"].notna(), "expected"].sum()
    assert 0.75 <= rate <= 0.95


def test_cuiyi_building_leaders_after_typhoon_mangkhut(sample: dict[str, pd.DataFrame]) -> None:
    a = sample["participation"]
    cuiyi = _family(sample["branches"], "翠颐社区党委")
    hits = a[
        a["branch_id"].isin(cuiyi)
        & (a["kind"] == "志愿服务")
        & a["date"].between("2018-09-16", "2018-09-30")
        & a["title"].str.contains("山竹")
    ]
    assert len(hits) == 1
    row = hits.iloc[0]
    assert row["attendees"] == 8
    assert row["attendees"] + row["non_member_attendees"] == 44


def test_chengye_building_committee_founded_august_2018(sample: dict[str, pd.DataFrame]) -> None:
    b = sample["branches"]
    family = _family(b, "承业大厦党委")
    founded = b.loc[b["branch_id"].isin(family), "founded_on"]
    assert (founded.dt.strftime("%Y-%m") == "2018-08").all()
    m = sample["members"]
    theirs = m[m["branch_id"].isin(family)]
    assert len(_active(theirs, D)) >= 20
    start = theirs["registered_on"].where(theirs["registered_on"].notna(), theirs["joined_on"])
    assert (start >= pd.Timestamp("2018-08-01")).all()


def test_zhaoxin_patents_and_members(sample: dict[str, pd.DataFrame]) -> None:
    family = _family(sample["branches"], "昭信集团党委")
    p = sample["patents"]
    theirs = p[p["branch_id"].isin(family) & (p["filed_on"] <= D)]
    assert 300 <= len(theirs) < 400  # 申请专利300多项
    granted_invention = ((theirs["kind"] == "发明") & (theirs["granted_on"] <= D)).sum()
    assert 45 <= granted_invention < 50  # 获得授权发明专利近50项
    m = _active(sample["members"], D)
    staff = m[m["branch_id"].isin(family)]["occupation"]
    assert len(staff) >= 50
    assert staff.isin(["管理人员", "专业技术人员"]).mean() >= 0.90


@pytest.mark.parametrize(
    "name",
    [
        "保利华南区域党委",
        "佛广交通集团党委",
        "金赋科技党总支",
        "灯湖社区党委",
        "中海物业佛山分公司党支部",
        "翠颐社区党委",
        "承业大厦党委",
        "昭信集团党委",
    ],
)
def test_named_organisations_appear(sample: dict[str, pd.DataFrame], name: str) -> None:
    assert (sample["branches"]["name"] == name).sum() == 1


def test_sample_has_no_personal_identifiers() -> None:
    for path in SAMPLE.glob("*.csv"):
        header = path.read_text(encoding="utf-8-sig").splitlines()[0]
        assert "身份证" not in header and "手机" not in header and "电话" not in header


def test_patent_serials_differ_between_all_109_copies() -> None:
    """Copies 10 and on once reused copy 1's numbers (100× had repeated patent ids)."""
    drawn = np.random.default_rng(0).permutation(900000)[:800]
    serials = np.concatenate([patents.patent_serials(c, drawn) for c in range(1, 110)])
    assert len(np.unique(serials)) == len(serials) == 109 * 800
    assert serials.min() >= 0 and serials.max() < 10**7  # seven digits
