"""Every split of the active members adds up to their total, on every page, slide and
export, when a member is still on the roll of an organisation dissolved before D.

The rule (data/README.md, "Who is counted"): a member counts in the organisation that holds
their 组织关系, alive on D or not, and so in its sector and community; organisations are
counted while alive. The dataset is tests/small_dataset.py with one member more: m9, on the
roll of P2 (非公企业, 乙社区, dissolved 2017-06-30), who never left. On D, by hand: 6 active
(m1 m2 m3 m4 m8 m9), 社区 3 and 非公企业 3; 甲社区 3 and 乙社区 3; 男 3, 女 3.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from ingest import load_dataset
from queries.sectors import comparison
from queries.summary import full_summary
from report.exports import export_bytes
from report.slides import build_deck
from tests.app_script import chart_titled, decode, metrics
from tests.conftest import SALT, csv_text
from tests.small_dataset import SMALL

D = pd.Timestamp("2018-11-30")
M9 = {
    "党员编号": "m9",
    "组织编号": "P2",
    "姓名": "周九",
    "性别": "男",
    "出生日期": "1975-03-03",
    "民族": "汉族",
    "学历": "高中",
    "职业": "工人",
    "入党日期": "2000-07-01",
    "转正日期": "2001-07-01",
    "转入日期": "",
    "减少日期": "",
    "减少原因": "",
}


@pytest.fixture(scope="module")
def orphan_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tables = copy.deepcopy(SMALL)
    tables["members"].append(M9)
    folder = tmp_path_factory.mktemp("orphan")
    for name, rows in tables.items():
        (folder / f"{name}.csv").write_text(csv_text(rows), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def orphan(orphan_dir: Path) -> dict[str, pd.DataFrame]:
    result = load_dataset([orphan_dir], salt=SALT)
    assert result.ok, result.report.to_json()
    return result.tables


def test_the_summary_s_splits_add_up_to_its_total(orphan: dict) -> None:
    m = full_summary(orphan, D)["members"]
    assert m["active"] == 6
    assert m["by_sector"] == {"社区": 3, "国有企业": 0, "非公企业": 3, "楼宇": 0, "行业商协会": 0,
                              "社会组织": 0, "机关事业单位": 0}  # fmt: skip
    for split in ("by_sector", "gender", "age_bands", "education", "occupation"):
        assert sum(m[split].values()) == 6, split


def test_the_sector_and_community_comparisons_add_up_to_the_total(orphan: dict) -> None:
    by_sector = comparison(orphan, D, "sector")
    assert by_sector["members"].to_dict() == {"社区": 3, "非公企业": 3}
    assert by_sector.at["非公企业", "党支部"] == 1  # P1 alone is alive: 3 members per branch
    assert by_sector.at["非公企业", "members_per_branch"] == 3.0
    by_community = comparison(orphan, D, "community")
    assert by_community["members"].to_dict() == {"甲社区": 3, "乙社区": 3}


def test_the_overview_slide_s_donut_adds_up_to_its_card(orphan: dict) -> None:
    deck = build_deck(orphan, D, "zh", "全街道", "测试数据", ("overview", "sectors"))
    overview, sectors = deck.slides
    assert dict(overview.figures)["在册党员"] == "6 名"
    assert overview.table["members"].sum() == 6
    assert sum(overview.chart.series[0].values) == 6
    assert sectors.table["members"].sum() == 6


def test_the_pptx_doughnut_adds_up_to_its_card(orphan: dict) -> None:
    prs = Presentation(io.BytesIO(export_bytes(orphan, D, "zh", "测试数据", "pptx")))
    charts = [shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart]
    assert sum(charts[0].plots[0].series[0].values) == 6


def test_the_overview_page_s_donut_adds_up_to_its_card(
    monkeypatch: pytest.MonkeyPatch, orphan_dir: Path, on_small: Callable[..., AppTest]
) -> None:
    monkeypatch.setenv("DANGJIAN_DATA_DIR", str(orphan_dir))
    at = on_small("overview")
    assert metrics(at)["在册党员"] == "6 名"
    donut = chart_titled(at, "在册党员的领域分布")
    assert sum(decode(donut["data"][0]["values"])) == 6


def test_the_sectors_page_s_table_adds_up_to_the_total(
    monkeypatch: pytest.MonkeyPatch, orphan_dir: Path, on_small: Callable[..., AppTest]
) -> None:
    monkeypatch.setenv("DANGJIAN_DATA_DIR", str(orphan_dir))
    at = on_small("sectors")
    table = at.dataframe[-1].value.set_index("指标")  # measures as rows, sectors as columns
    assert table.loc["在册党员"].astype(int).sum() == 6


def test_every_sector_split_of_the_sample_adds_up_when_a_sector_s_organisations_dissolve(
    sample_csv: dict,
) -> None:
    from metrics.development import stages_by_sector
    from tests.by_hand import SAMPLE, active_by_hand

    tables = dict(load_dataset([SAMPLE], salt=SALT).tables)
    b = tables["branches"].copy()
    gone = b["sector"] == "行业商协会"  # every one dissolved on 30 June, members still on the roll
    b["dissolved_on"] = b["dissolved_on"].mask(gone, pd.Timestamp("2018-06-30"))
    tables["branches"] = b
    total = len(active_by_hand(sample_csv["members"], D))
    assert full_summary(tables, D)["members"]["active"] == total
    assert sum(full_summary(tables, D)["members"]["by_sector"].values()) == total
    assert comparison(tables, D, "sector")["members"].sum() == total
    by_sector = stages_by_sector(tables["development"], tables["members"], b, D)
    assert by_sector["members"].sum() == total
    assert "行业商协会" in by_sector.index
