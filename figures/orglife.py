"""Organisational-life charts: compliance with the meeting rules and the activity calendar."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from domain.rules import COMPLIANCE_STANDARD
from figures.theme import PRIMARY, SECONDARY, style
from i18n import fmt_date, fmt_period, label, t
from i18n.format import WEEKDAYS, fmt_month_short, phrase


def compliance_chart(by_rule: pd.DataFrame, lang: str) -> go.Figure:
    """Share of due rule-periods met, per rule (``metrics.orglife.compliance_by_rule``),
    with the standard as a line."""
    names = [label(k, lang) for k in by_rule.index]
    rates = by_rule["rate"].to_numpy(dtype=float)
    fig = go.Figure(
        go.Bar(
            y=names,
            x=rates,
            orientation="h",
            marker_color=[PRIMARY if r >= COMPLIANCE_STANDARD else "#E57373" for r in rates],
            text=[f"{r:.1%}" for r in rates],
            textposition="outside",
            cliponaxis=False,
            customdata=np.stack([by_rule["met"], by_rule["due"]], axis=-1),
            hovertemplate="%{y}: %{x:.1%}"
            + "（%{customdata[0]:,} / %{customdata[1]:,}）<extra></extra>",
        )
    )
    fig.add_vline(x=COMPLIANCE_STANDARD, line={"color": "#616161", "dash": "dot", "width": 1})
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(tickformat=".0%", range=[0, 1.2])
    fig.update_layout(height=340)
    return style(fig, t("chart.compliance", lang), t("axis.share_met", lang), None)


def activity_calendar(daily: pd.Series, lang: str) -> go.Figure:
    """Activities per day as a calendar: one column a week (Monday first), one row a
    weekday (``metrics.orglife.daily_activity``)."""
    days = daily.index
    monday = days - pd.to_timedelta(days.day_of_week, unit="D")
    weeks = pd.DatetimeIndex(sorted(set(monday)))
    column = {w: i for i, w in enumerate(weeks)}
    z = np.full((7, len(weeks)), np.nan)
    dates = np.full((7, len(weeks)), "", dtype=object)
    for day, m, value in zip(days, monday, daily.to_numpy(), strict=True):
        z[day.weekday(), column[m]] = value
        dates[day.weekday(), column[m]] = fmt_date(day, lang)
    labels = WEEKDAYS[lang]
    firsts = days[days.day == 1]
    firsts = firsts[::-1][:: 2 if len(firsts) > 6 else 1][::-1]  # every other month: upright
    month_starts = [f - pd.Timedelta(days=f.day_of_week) for f in firsts]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=list(range(len(weeks))),
            y=list(labels),
            customdata=dates,
            colorscale=[[0, "#FFF5F5"], [0.5, "#E57373"], [1, "#8E0000"]],
            xgap=2,
            ygap=2,
            colorbar={"title": {"text": t("col.activities", lang)}, "thickness": 12},
            hovertemplate="%{customdata}: %{z:,}<extra></extra>",
        )
    )
    fig.update_xaxes(
        tickmode="array",
        tickvals=[column[w] for w in month_starts],
        ticktext=[fmt_month_short(f, lang) for f in firsts],
        tickangle=0,
        showgrid=False,
    )
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig.update_layout(height=300)
    return style(fig, t("chart.calendar", lang), None, None)


def compliance_trend(by_period: pd.DataFrame, lang: str) -> go.Figure:
    """Share of due rule-periods met, month by month for the monthly rules and quarter by
    quarter for the quarterly ones (``metrics.orglife.compliance_by_period``)."""
    fig = go.Figure()
    for freq, color in (("M", PRIMARY), ("Q", SECONDARY)):
        rows = by_period[by_period["freq"] == freq]
        fig.add_scatter(
            x=pd.to_datetime(rows["end"]).dt.to_period(freq).dt.start_time,  # its own tick
            y=rows["rate"].to_numpy(dtype=float),
            name=t(f"orglife.rules_{freq}", lang),
            mode="lines+markers",
            line={"color": color, "width": 2},
            customdata=[fmt_period(d, freq, lang) for d in rows["end"]],
            hovertemplate="%{customdata}<br>%{fullData.name}: %{y:.1%}<extra></extra>",
        )
    fig.add_hline(y=COMPLIANCE_STANDARD, line={"color": "#616161", "dash": "dot", "width": 1})
    fig.update_yaxes(tickformat=".0%", range=[0, 1.05])
    fig.update_xaxes(tickformat=phrase("month_axis", lang))
    fig.update_layout(height=320)
    return style(fig, t("chart.compliance_trend", lang), None, t("axis.share_met", lang))
