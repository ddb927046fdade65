"""Local against national: the communiqué's figures beside the dataset's, with the national
year and the source written on the chart."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from figures.tables import localise
from figures.theme import MUTED, PRIMARY, plain, style
from i18n import label, t


def _host(source: str) -> str:
    """The site a source row names (paper.people.com.cn/…/x.htm → paper.people.com.cn)."""
    return str(source).split("/", 1)[0].split(" ", 1)[0]


def source_note(years: list[int], sources: list[str], reliability: list[str], lang: str) -> str:
    """全国：2018年，中国共产党党内统计公报（部分推算；cernnet.com）."""
    year_text = "、".join(dict.fromkeys(t("national.year", lang, year=y) for y in years))
    hosts = "; ".join(dict.fromkeys(_host(s) for s in sources))
    kinds = "; ".join(dict.fromkeys(t(f"reliability.{r}", lang) for r in reliability if r))
    detail = f"{kinds}; {hosts}" if kinds else hosts
    return t("national.note", lang, years=year_text, detail=detail)


def _note(fig: go.Figure, text: str) -> None:
    fig.add_annotation(
        text=text,
        x=0,
        y=-0.16,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font={"size": 11, "color": "#616161"},
        align="left",
    )


def _measure_name(measure: str, lang: str) -> str:
    return t("col.growth_rate" if measure == "growth" else f"col.{measure}", lang)


def national_table(table: pd.DataFrame, lang: str, index: str = "measure") -> pd.DataFrame:
    """The data behind a national chart, for display and download: measures or categories
    named in ``lang``, shares as percentages, the year, reliability and source."""
    out = table.copy()
    if index == "measure":
        out.index = [_measure_name(m, lang) for m in out.index]
    if "reliability" in out:
        out["reliability"] = [t(f"reliability.{r}", lang) for r in out["reliability"]]
    return localise(out, lang, index)


def national_shares(table: pd.DataFrame, local_name: str, lang: str) -> go.Figure:
    """Key shares and the growth rate, local against national (``metrics.national.
    shares_vs_national``): horizontal bars, the national year on each national label."""
    names = [_measure_name(m, lang) for m in table.index]
    fig = go.Figure()
    for column, name, color in (
        ("local", plain(local_name), PRIMARY),
        ("national", t("national.name", lang), MUTED),
    ):
        values = table[column].to_numpy(dtype=float)
        fig.add_bar(
            y=names,
            x=values,
            name=name,
            orientation="h",
            marker_color=color,
            text=[f"{v:.1%}" for v in values],
            textposition="outside",
            cliponaxis=False,
            customdata=table["national_year"].to_numpy(),
            hovertemplate="%{y}<br>%{fullData.name}: %{x:.1%}<extra></extra>",
        )
    top = float(table[["local", "national"]].max().max())
    fig.update_layout(barmode="group", bargap=0.25, height=420, legend_traceorder="normal")
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(tickformat=".0%", range=[0, max(top, 0.01) * 1.2])
    style(fig, t("chart.national_shares", lang), None, None)
    _note(
        fig,
        source_note(
            list(table["national_year"]), list(table["source"]), list(table["reliability"]), lang
        ),
    )
    fig.update_layout(margin={"b": 70}, legend={"y": -0.24})
    return fig


def national_mix(table: pd.DataFrame, dimension: str, local_name: str, lang: str) -> go.Figure:
    """A distribution (age bands, occupation) as shares, local against national
    (``metrics.national.mix_vs_national``)."""
    x = [label(c, lang) for c in table.index]
    fig = go.Figure()
    for column, name, color in (
        ("local", plain(local_name), PRIMARY),
        ("national", t("national.name", lang), MUTED),
    ):
        fig.add_bar(
            x=x,
            y=table[column].to_numpy(dtype=float),
            name=name,
            marker_color=color,
            hovertemplate="%{x}<br>%{fullData.name}: %{y:.1%}<extra></extra>",
        )
    fig.update_layout(barmode="group", bargap=0.2, height=420)
    fig.update_yaxes(tickformat=".0%")
    style(fig, t(f"dim.{dimension}", lang) + t("chart.national_suffix", lang), None, None)
    fig.update_yaxes(title={"text": t("axis.share", lang)})
    _note(fig, source_note(list(table["national_year"]), list(table["source"]), [], lang))
    fig.update_layout(margin={"b": 90}, legend={"y": -0.3})
    return fig
