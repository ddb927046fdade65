"""两个覆盖 Coverage: the page's figures, which the summary, the overview card and the deck
take too."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from metrics.coverage import coverage_by_kind, should_form_list, unreached_list


@dataclass(frozen=True)
class Coverage:
    """by_kind: ``metrics.coverage.coverage_by_kind`` (per kind: operating units, the
    three rates, 应建未建, staff reached); should_form: the 应建未建 units (a support list);
    unreached: the units with neither an organisation nor a 党建指导员."""

    by_kind: pd.DataFrame
    should_form: pd.DataFrame
    unreached: pd.DataFrame


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
    units = units_within(tables["units"], communities, building)
    return Coverage(
        by_kind=coverage_by_kind(units, on),
        should_form=should_form_list(units, tables["branches"], on),
        unreached=unreached_list(units, on),
    )
