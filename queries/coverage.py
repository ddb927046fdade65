"""两个覆盖 Coverage: the page's figures, which the summary, the overview card and the deck
take too."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from ingest.reference import read_reference
from metrics.coverage import (
    coverage_by_kind,
    coverage_by_place,
    coverage_total,
    coverage_trend,
    should_form_list,
    unit_status,
    unreached_list,
)
from metrics.national import nearest_year


@dataclass(frozen=True)
class Coverage:
    """by_kind: ``metrics.coverage.coverage_by_kind`` (per kind: operating units, the
    three rates, 应建未建, staff reached); total: the same figures over both kinds
    (``coverage_total``); should_form: the 应建未建 units (a support list);
    unreached: the units with neither an organisation nor a 党建指导员; by_community and
    by_building: the figures per (place, kind), lowest organisation rate first; buildings:
    the buildings of the units operating on D; national: the 公报's organisation rate per kind
    (fraction, its year nearest D's, reliability and source)."""

    by_kind: pd.DataFrame
    total: dict[str, float]
    should_form: pd.DataFrame
    unreached: pd.DataFrame
    by_community: pd.DataFrame
    by_building: pd.DataFrame
    buildings: tuple[str, ...]
    national: pd.DataFrame


def units_within(
    units: pd.DataFrame, communities: tuple[str, ...] = (), building: str | None = None
) -> pd.DataFrame:
    """The register restricted to units in ``communities`` (all when empty) and in
    ``building`` (all when None)."""
    if communities:
        units = units[units["community"].isin(communities)]
    if building is not None:
        units = units[units["building"] == building]
    return units


def coverage(
    tables: Mapping[str, pd.DataFrame],
    on: pd.Timestamp,
    communities: tuple[str, ...] = (),
    building: str | None = None,
) -> Coverage | None:
    """The 两个覆盖 figures on D for the units in the communities and building given; None
    without a units dataset. The register is about units, so the other filters (sector, an
    organisation) do not apply to it."""
    if "units" not in tables:
        return None
    everywhere = units_within(tables["units"], communities)
    units = units_within(everywhere, (), building)
    return Coverage(
        by_kind=coverage_by_kind(units, on),
        total=coverage_total(units, on),
        should_form=should_form_list(units, tables["branches"], on),
        unreached=unreached_list(units, on),
        by_community=_lowest_first(coverage_by_place(units, on, "community")),
        by_building=_lowest_first(coverage_by_place(units, on, "building")),
        buildings=tuple(sorted(unit_status(everywhere, on)["building"].dropna().unique())),
        national=national_coverage(on.year),
    )


def _lowest_first(by_place: pd.DataFrame) -> pd.DataFrame:
    if by_place.empty:
        return by_place
    return by_place.sort_values(["organisation_rate", "units"], ascending=[True, False])


def national_coverage(year: int) -> pd.DataFrame:
    """The 公报's organisation rate per kind, each of its nearest year to ``year``
    (``metrics.national.nearest_year``): rate (0–1), year, reliability, source; indexed by
    kind."""
    ref = read_reference().coverage
    rows = {}
    for kind, published in ref.groupby("kind"):
        chosen = published[published["year"] == nearest_year(published["year"], year)].iloc[0]
        rows[kind] = {
            "rate": chosen["organisation_rate_pct"] / 100,
            "year": int(chosen["year"]),
            "reliability": chosen["reliability"],
            "source": chosen["source"],
        }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("kind")


def coverage_over_time(
    tables: Mapping[str, pd.DataFrame],
    start: pd.Timestamp,
    on: pd.Timestamp,
    communities: tuple[str, ...] = (),
    building: str | None = None,
) -> pd.DataFrame | None:
    """``metrics.coverage.coverage_trend`` at the end of each year from ``start``'s year to
    D's (the last point D itself); None without a units dataset."""
    if "units" not in tables:
        return None
    units = units_within(tables["units"], communities, building)
    ends = [pd.Timestamp(year=y, month=12, day=31) for y in range(start.year, on.year)]
    return coverage_trend(units, [*ends, on])
