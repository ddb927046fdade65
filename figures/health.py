"""Organisational-health charts."""

from __future__ import annotations

import plotly.graph_objects as go

from domain.rules import ALERT_ORDER
from figures.theme import PRIMARY, style
from i18n import t


def alert_counts_chart(counts: dict[str, int], lang: str) -> go.Figure:
    """Warnings per rule (``metrics.alerts.alert_counts``), rules with none left out."""
    rules = [r for r in ALERT_ORDER if counts[r]]
    fig = go.Figure(
        go.Bar(
            y=[t(f"alert.{r}", lang) for r in rules],
            x=[counts[r] for r in rules],
            orientation="h",
            marker_color=PRIMARY,
            text=[f"{counts[r]:,}" for r in rules],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:,}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    return style(fig, t("slide.alerts", lang), t("col.organisations", lang), None)
