"""The published national figures in data/reference/ (中国共产党党内统计公报), read once.

Every table keeps its ``source`` column; the statistics table also its ``reliability``.
Figures are in 万 (10,000 members) or per cent, as published.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from domain.contract import OCCUPATIONS
from ingest.labels import normalise_category

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"
SOURCE_TITLE_ZH = "中国共产党党内统计公报"
SOURCE_TITLE_EN = "CPC intra-party statistical communiqué"


@dataclass(frozen=True)
class Reference:
    """statistics: one row a year (members_10k, net_change_10k, recruited_10k, female_pct,
    minority_pct, college_or_above_pct, age_35_or_under_pct, …, reliability, source).
    age_bands and occupations: one row per (year, category), members_10k, source; the
    communiqué's occupation names mapped to the contract's (工人（工勤技能人员） → 工人).
    recruits: one row a year of the members recruited in it (recruited_10k, female_pct,
    age_35_or_under_pct, college_or_above_pct, workers_10k, farmers_10k,
    professionals_10k, front_line_10k, reliability, source), indexed by year.
    coverage: one row per (year, kind) of 两新组织 with Party organisations (covered_10k,
    organisation_rate_pct, reliability, source)."""

    statistics: pd.DataFrame
    age_bands: pd.DataFrame
    occupations: pd.DataFrame
    recruits: pd.DataFrame
    coverage: pd.DataFrame


def _same_source(frame: pd.DataFrame) -> pd.DataFrame:
    """The files write "same" for "the source of the row above"."""
    source = frame["source"].mask(frame["source"].str.strip().str.lower() == "same")
    return frame.assign(source=source.ffill())


@cache
def read_reference(folder: Path = REFERENCE_DIR) -> Reference:
    """The reference tables, years as int and figures as float."""
    stats = pd.read_csv(folder / "cpc-national-statistics.csv", dtype={"source": str})
    ages = pd.read_csv(folder / "cpc-national-age-2023.csv", dtype={"band": str, "source": str})
    jobs = pd.read_csv(
        folder / "cpc-national-occupation.csv", dtype={"occupation": str, "source": str}
    )
    jobs = jobs.assign(occupation=normalise_category(jobs["occupation"], OCCUPATIONS))
    recruits = pd.read_csv(folder / "cpc-national-recruits.csv", dtype={"source": str})
    coverage = pd.read_csv(folder / "cpc-national-coverage.csv", dtype={"kind": str, "source": str})
    return Reference(
        statistics=_same_source(stats.astype({"year": int})).set_index("year").sort_index(),
        age_bands=_same_source(ages.astype({"year": int})),
        occupations=_same_source(jobs.astype({"year": int})),
        recruits=_same_source(recruits.astype({"year": int})).set_index("year").sort_index(),
        coverage=_same_source(coverage.astype({"year": int})),
    )
