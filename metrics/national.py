"""Local figures beside the published national ones (``ingest.reference.Reference``).

The national year shown is the latest year up to the local as-of year in which the figure
is published, else the nearest later one; it is always named beside the figure.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from domain.definitions import AGE_BANDS, year_earlier
from domain.definitions import growth_rate as rate_of_growth
from metrics.membership import active_counts
from metrics.structure import shares, structure

SHARE_MEASURES: tuple[str, ...] = ("female", "minority", "college_or_above", "age_35_or_under")
NATIONAL_COLUMNS = {
    "female": "female_pct",
    "minority": "minority_pct",
    "college_or_above": "college_or_above_pct",
    "age_35_or_under": "age_35_or_under_pct",
}


def nearest_year(years: Iterable[int], year: int) -> int | None:
    """The latest of ``years`` up to ``year``; failing that the earliest after it."""
    years = sorted(set(years))
    before = [y for y in years if y <= year]
    if before:
        return before[-1]
    return years[0] if years else None


def growth_rate(members: pd.DataFrame, on: pd.Timestamp) -> float:
    """(active on D − active a year earlier) / active a year earlier; NaN when that is 0."""
    counts = active_counts(members, [year_earlier(on), on])["active"]
    return rate_of_growth(int(counts.iat[1]), int(counts.iat[0]))


def national_growth(statistics: pd.DataFrame, year: int) -> float:
    """Net change in the year / members at the start of it (members − net change)."""
    row = statistics.loc[year]
    return float(row["net_change_10k"] / (row["members_10k"] - row["net_change_10k"]))


def shares_vs_national(
    members: pd.DataFrame, on: pd.Timestamp, statistics: pd.DataFrame
) -> pd.DataFrame:
    """Rows: female, minority, college_or_above, age_35_or_under, growth. Columns: local and
    national (fractions, 0..1), national_year, reliability, source."""
    local = shares(members, on)
    rows = []
    for measure in (*SHARE_MEASURES, "growth"):
        column = "net_change_10k" if measure == "growth" else NATIONAL_COLUMNS[measure]
        year = nearest_year(statistics[column].dropna().index, on.year)
        if year is None:
            continue  # the reference file has no figure for this measure
        if measure == "growth":
            mine, theirs = growth_rate(members, on), national_growth(statistics, year)
        else:
            mine, theirs = local[measure], statistics.at[year, column] / 100
        rows.append(
            {
                "measure": measure,
                "local": mine,
                "national": float(theirs),
                "national_year": int(year),
                "reliability": statistics.at[year, "reliability"],
                "source": statistics.at[year, "source"],
            }
        )
    return pd.DataFrame(rows).set_index("measure")


INTAKE_MEASURES: tuple[str, ...] = ("female", "age_35_or_under", "college_or_above", "front_line")
FRONT_LINE_COUNTS = (
    "workers_10k",
    "farmers_10k",
    "professionals_10k",
)  # 工人, 农牧渔民, 专业技术人员


def national_front_line(recruits: pd.DataFrame) -> pd.Series:
    """Per year: the recruits who were 工人, 农牧渔民 or 专业技术人员, as a share (0..1) of
    all recruits; NaN where a count is not published."""
    return recruits[list(FRONT_LINE_COUNTS)].sum(axis=1, min_count=3) / recruits["recruited_10k"]


def intake_vs_national(intake: dict[str, float], year: int, recruits: pd.DataFrame) -> pd.DataFrame:
    """The year's intake (``metrics.development.intake_mix``) against the national recruits
    of the 党内统计公报. Rows INTAKE_MEASURES; columns local and national (0..1),
    national_year (see ``nearest_year``), reliability, source. front_line nationally is
    ``national_front_line``: the same three occupations, not the communiqué's wider
    生产、工作一线 count."""
    national = {
        "female": recruits["female_pct"] / 100,
        "age_35_or_under": recruits["age_35_or_under_pct"] / 100,
        "college_or_above": recruits["college_or_above_pct"] / 100,
        "front_line": national_front_line(recruits),
    }
    rows = []
    for measure in INTAKE_MEASURES:
        series = national[measure].dropna()
        chosen = nearest_year(series.index, year)
        rows.append(
            {
                "measure": measure,
                "local": float(intake[measure]),
                "national": float(series.loc[chosen]) if chosen is not None else float("nan"),
                "national_year": chosen,
                "reliability": recruits.at[chosen, "reliability"] if chosen is not None else "",
                "source": recruits.at[chosen, "source"] if chosen is not None else "",
            }
        )
    return pd.DataFrame(rows).set_index("measure")


def mix_vs_national(
    members: pd.DataFrame,
    on: pd.Timestamp,
    national: pd.DataFrame,
    dimension: str,
    category: str,
) -> pd.DataFrame:
    """One distribution (age bands or occupation) local against national, as shares of each
    side's total. ``national`` has year, ``category``, members_10k, source rows. Index: the
    categories in contract order; columns local, national (0..1), local_n (members),
    national_10k, national_year, source."""
    year = nearest_year(national["year"], on.year)
    if year is None:
        raise ValueError(f"no national figures by {category} in the reference file")
    theirs = national[national["year"] == year].set_index(category)["members_10k"]
    mine = structure(members, on, dimension)
    order = list(AGE_BANDS) if dimension == "age_band" else [c for c in mine.index if c in theirs]
    mine = mine.reindex(order, fill_value=0)
    theirs = theirs.reindex(order)
    source = national.loc[national["year"] == year, "source"].iat[0]
    return pd.DataFrame(
        {
            "local": mine / mine.sum() if mine.sum() else mine * float("nan"),
            "national": theirs / theirs.sum(),
            "local_n": mine.astype(int),
            "national_10k": theirs,
            "national_year": int(year),
            "source": source,
        }
    ).rename_axis(dimension)
