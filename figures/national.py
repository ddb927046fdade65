"""Local against national: the communiqué's figures beside the dataset's, with the national
year and the source written on the chart."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from figures.display_tables import localise
from figures.theme import MUTED, PRIMARY, plain, style
from i18n import N_, label, t
from i18n.format import phrase, sentence_case


def source_note(years: list[int], reliability: list[str], lang: str) -> str:
    """全国数据：2018年，中国共产党党内统计公报（部分推算）. The sites the figures were read on
    are in the data table's 来源 column."""
    year_text = phrase("list", lang).join(
        dict.fromkeys(t("national.year", lang, year=y) for y in sorted(y for y in years if y))
    )
    kinds = phrase("clause", lang).join(
        dict.fromkeys(t(f"reliability.{r}", lang) for r in reliability if r)
    )
    note = t("national.note", lang, years=year_text)
    return note + phrase("paren", lang, text=kinds) if kinds else note


def _note(fig: go.Figure, text: str) -> None:
    """The national year and source under the chart's title, where no axis label can run
    into it."""
    fig.update_layout(
        title_subtitle_text=text,
        title_subtitle_font={"size": 12, "color": "#616161"},
        margin={"t": 84},
    )


def _local(name: str, lang: str) -> str:
    """The legend's name for the local figures (capitalised in English)."""
    return plain(sentence_case(name, lang))


def _measure_name(measure: str, lang: str) -> str:
    return t(N_("col.growth_rate") if measure == "growth" else f"col.{measure}", lang)


def national_table(table: pd.DataFrame, lang: str, index: str = "measure") -> pd.DataFrame:
    """The data behind a national chart, for display and download: measures or categories
    named in ``lang``, shares as percentages, the year, reliability and source."""
    out = table.copy()
    if index == "measure":
        out.index = [_measure_name(m, lang) for m in out.index]
    if "reliability" in out:
        out["reliability"] = [t(f"reliability.{r}", lang) for r in out["reliability"]]
    return localise(out, lang, index)


def national_shares(
    table: pd.DataFrame, local_name: str, lang: str, title: str = N_("chart.national_shares")
) -> go.Figure:
    """Key shares and the growth rate, local against national (``metrics.national.
    shares_vs_national``, or the intake's ``intake_vs_national``): horizontal bars, the
    national year under the title; ``title`` is the title's string key."""
    names = [_measure_name(m, lang) for m in table.index]
    fig = go.Figure()
    for column, name, color in (
        ("local", _local(local_name, lang), PRIMARY),
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
    style(fig, t(title, lang), None, None)
    _note(fig, source_note(list(table["national_year"]), list(table["reliability"]), lang))
    return fig


def national_mix(table: pd.DataFrame, dimension: str, local_name: str, lang: str) -> go.Figure:
    """A distribution (age bands, occupation) as shares, local against national
    (``metrics.national.mix_vs_national``). Horizontal bars: a category's name reads whole
    in a half-width chart, first category on top."""
    y = [label(c, lang) for c in table.index]
    fig = go.Figure()
    for column, name, color in (
        ("local", _local(local_name, lang), PRIMARY),
        ("national", t("national.name", lang), MUTED),
    ):
        fig.add_bar(
            y=y,
            x=table[column].to_numpy(dtype=float),
            name=name,
            orientation="h",
            marker_color=color,
            hovertemplate="%{y}<br>%{fullData.name}: %{x:.1%}<extra></extra>",
        )
    fig.update_layout(barmode="group", bargap=0.2, height=60 + 44 * len(y))
    style(fig, t(f"dim.{dimension}", lang) + t("chart.national_suffix", lang), None, None)
    fig.update_xaxes(tickformat=".0%", title={"text": t("axis.share", lang)})
    fig.update_yaxes(autorange="reversed", automargin=True)
    _note(fig, source_note(list(table["national_year"]), [], lang))
    return fig
