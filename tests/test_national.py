"""Local against national: the shipped reference figures, the choice of year, the shares."""

from __future__ import annotations

import pandas as pd
import pytest

from ingest.reference import read_reference
from metrics.national import mix_vs_national, nearest_year, shares_vs_national

D = pd.Timestamp("2018-11-30")


@pytest.fixture
def stats() -> pd.DataFrame:
    """Two years by hand: 2017 has every figure; 2019 is after the as-of year."""
    return pd.DataFrame(
        {
            "members_10k": [8956.4, 9191.4],
            "net_change_10k": [11.7, 132.0],
            "female_pct": [26.7, 27.9],
            "minority_pct": [7.3, 7.4],
            "college_or_above_pct": [48.3, 50.7],
            "age_35_or_under_pct": [24.9, None],
            "reliability": ["full text", "full text"],
            "source": ["a.example/2017", "b.example/2019"],
        },
        index=pd.Index([2017, 2019], name="year"),
    )


def test_the_communique_age_bands_are_shipped_as_published() -> None:
    ages = read_reference().age_bands
    assert ages["year"].unique().tolist() == [2023]
    assert ages["members_10k"].tolist() == [
        1241.2, 1119.6, 1086.4, 945.9, 907.1, 940.5, 890.7, 2787.2
    ]  # fmt: skip


def test_every_reference_row_names_its_source() -> None:
    ref = read_reference()
    for table in (ref.statistics, ref.age_bands, ref.occupations):
        assert table["source"].notna().all()
        assert not table["source"].str.lower().eq("same").any()
    assert ref.statistics["reliability"].notna().all()


def test_communique_occupations_map_to_the_contracts_labels() -> None:
    jobs = read_reference().occupations.set_index(["year", "occupation"])["members_10k"]
    assert jobs[(2023, "工人")] == 664.3  # 工人（工勤技能人员）
    assert jobs[(2023, "管理人员")] == 1145.3  # 企业事业单位、社会组织管理人员


@pytest.mark.parametrize(
    ("years", "year", "chosen"),
    [
        ([2015, 2017, 2023], 2018, 2017),
        ([2023], 2018, 2023),
        ([2018, 2023], 2018, 2018),
        ([], 2018, None),
    ],
)
def test_nearest_year_prefers_the_latest_up_to_the_as_of_year(years, year, chosen) -> None:
    assert nearest_year(years, year) == chosen


def test_shares_against_national_by_hand(small: dict, stats: pd.DataFrame) -> None:
    table = shares_vs_national(small["members"], D, stats)
    # tests/small_dataset.py on D: 5 active, 女 3, 少数民族 1 (m2), 大专及以上 4, 35岁及以下 4
    # (m2 27, m3 35, m4 33, m8 23); a year earlier 4 active → growth 1/4.
    assert table["local"].to_dict() == pytest.approx(
        {"female": 0.6, "minority": 0.2, "college_or_above": 0.8, "age_35_or_under": 0.8,
         "growth": 0.25}
    )  # fmt: skip
    assert table["national_year"].tolist() == [2017] * 5  # 2019 is after 2018
    assert table.at["female", "national"] == pytest.approx(0.267)
    assert table.at["growth", "national"] == pytest.approx(11.7 / (8956.4 - 11.7))
    assert table.at["female", "source"] == "a.example/2017"


def test_a_figure_published_only_after_the_as_of_year_uses_the_nearest(
    small: dict, stats: pd.DataFrame
) -> None:
    later = stats.drop(2017)
    table = shares_vs_national(small["members"], D, later.assign(age_35_or_under_pct=[25.0]))
    assert table.at["age_35_or_under", "national_year"] == 2019
    assert table.at["age_35_or_under", "national"] == pytest.approx(0.25)


def test_age_mix_against_national_as_shares(small: dict) -> None:
    national = pd.DataFrame(
        {
            "year": [2023] * 8,
            "band": ["30岁及以下", "31至35岁", "36至40岁", "41至45岁", "46至50岁", "51至55岁",
                     "56至60岁", "61岁及以上"],
            "members_10k": [10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 30.0],
            "source": ["c.example"] * 8,
        }
    )  # fmt: skip
    mix = mix_vs_national(small["members"], D, national, "age_band", "band")
    # on D: 30岁及以下 2 (m2 m8), 31至35岁 2 (m3 m4), 61岁及以上 1 (m1)
    assert mix["local_n"].tolist() == [2, 2, 0, 0, 0, 0, 0, 1]
    assert mix["local"].tolist() == pytest.approx([0.4, 0.4, 0, 0, 0, 0, 0, 0.2])
    assert mix["national"].tolist() == pytest.approx([0.1] * 7 + [0.3])
    assert set(mix["national_year"]) == {2023}


def test_national_charts_name_the_year_and_source_and_speak_english(small: dict) -> None:
    import re

    from figures.national import national_mix, national_shares

    ref = read_reference()
    table = shares_vs_national(small["members"], D, ref.statistics)
    mix = mix_vs_national(small["members"], D, ref.age_bands, "age_band", "band")
    zh = national_shares(table, "全街道", "zh")
    note = zh.layout.title.subtitle.text
    assert "2018年" in note and "中国共产党党内统计公报" in note and "部分推算" in note
    en = national_mix(mix, "age_band", "Sub-district", "en")
    note = en.layout.title.subtitle.text
    assert "2023" in note and "communiqué" in note
    texts = [en.layout.title.text, note, *(trace.name for trace in en.data)]
    texts += [y for trace in en.data for y in trace.y]  # the bands, on the side
    assert not any(re.search(r"[\u4e00-\u9fff]", text) for text in texts), texts
