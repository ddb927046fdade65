"""Turning a click on a sector chart into the sidebar's sector filter."""

from __future__ import annotations

import streamlit as st

from app import params, url
from domain.contract import SECTOR_EN, SECTORS

MEMBERS_CHART = "sector_members"  # 领域对比's members by sector
MULTIPLES_CHART = "sector_multiples"  # 领域对比's measures by sector
CHART_KEYS = (MEMBERS_CHART, MULTIPLES_CHART)  # the charts whose click filters by sector


def sector_from_selection(selection: object) -> str | None:
    """The canonical sector label a plotly selection points at (via customdata), if any."""
    points = []
    if isinstance(selection, dict):
        points = selection.get("selection", {}).get("points", [])
    else:
        points = getattr(getattr(selection, "selection", None), "points", []) or []
    for point in points:
        value = point.get("customdata")
        if isinstance(value, list):
            value = value[0] if value else None
        if value in SECTORS:
            return value
    return None


def select_sector() -> None:
    """on_select callback: filter the sidebar to the clicked sector."""
    for key in CHART_KEYS:
        sector = sector_from_selection(st.session_state.get(key))
        if sector:
            url.put(params.SECTOR, [SECTOR_EN[sector]])
            return
