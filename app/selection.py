"""Turning a click on a sector chart into the sidebar's sector filter."""

from __future__ import annotations

import streamlit as st

from app import url
from domain.contract import SECTOR_EN, SECTORS

CHART_KEYS = ("sector_members", "sector_multiples")


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
            url.put("sector", [SECTOR_EN[sector]])
            return
