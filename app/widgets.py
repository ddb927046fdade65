"""Reusable page pieces: a chart with the data behind it, KPI cards, the problems table."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from app import audit, context, device
from app.memo import shared
from figures.display_tables import file_stem
from i18n import N_, fmt_period, t
from i18n.format import fmt_card, fmt_card_change, fmt_pct, pick, plotly_locale
from ingest.problems import Report
from queries.overview import Card
from report.download import to_csv_bytes, to_xlsx_bytes
from report.narrative import scope_name

# Every ASCII punctuation character may be backslash-escaped in CommonMark; Streamlit's
# markdown also reads $ (math), : (emoji, icons, colours) and < (HTML) specially.
_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


# What GitHub-flavoured Markdown would turn into a link even when escaped (it finds web
# and e-mail addresses in the text itself): a word joiner (U+2060, unseen) breaks each.
_AUTOLINKS = re.compile(r"(?i)(://|www\.|@)")


def md_plain(text: object, limit: int | None = None) -> str:
    """Text from the data (a name, a community, a URL parameter, a message quoting them)
    for a Streamlit markdown element (title, caption, info): every markup character
    escaped and every address kept from becoming a link, so it shows as typed; cut after
    ``limit`` characters, saying by how much."""
    plain = " ".join(str(text).split())
    if limit is not None and len(plain) > limit:
        plain = f"{plain[:limit]}…(+{len(plain) - limit:,})"
    plain = _AUTOLINKS.sub(lambda m: "\u2060" + "\u2060".join(m.group()), plain)
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", plain)


# A column of links to the branch profile (figures.display_tables.branch_link), by heading.
LINK_COLUMNS = {t("col.link", lang): t("link.open", lang) for lang in ("zh", "en")}

_NUMBER_AND_UNIT = re.compile(r"(\d)([名个项次条%])")


def keep_units(text: str) -> str:
    """A word joiner (U+2060) between a number and its unit (10,595名), so that a line never
    breaks between them on a narrow screen."""
    return _NUMBER_AND_UNIT.sub("\\1\u2060\\2", text)


PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def plotly_config(lang: str) -> dict[str, object]:
    """``st.plotly_chart``'s config: no logo, no selection tools, tooltips in ``lang``."""
    return {**PLOTLY_CONFIG, **plotly_locale(lang)}


class SharedFigure(go.Figure):
    """A figure that every session showing it shares: its dict (what ``st.plotly_chart``
    serialises, arrays already in plotly's base64 form) is made once, not copied and encoded
    again on every run. Read-only: copy it (``go.Figure(fig)``) to change it."""

    def __init__(self, fig: go.Figure) -> None:
        super().__init__(fig)
        self._spec = super().to_dict()

    def to_dict(self) -> dict:
        return self._spec


@shared(1024)
def _figure(build: Callable[..., go.Figure], args: tuple, kwargs: tuple) -> go.Figure:
    return SharedFigure(build(*args, **dict(kwargs)))


@shared(1024)
def table_of(build: Callable[..., pd.DataFrame], *args: object) -> pd.DataFrame:
    """``build(*args)``, a table for display (``figures.display_tables``), made once for the
    same arguments and shared by every session, as ``figure`` is: read-only."""
    return build(*args)


def figure(build: Callable[..., go.Figure], *args: object, **kwargs: object) -> go.Figure:
    """``build(*args, **kwargs)``, built once for the same arguments and shared by every
    session (``app.memo``: frames keyed by the digest of their pickle): a room opening the
    same view pays for its figures once. Never modified: a page that changes a figure
    copies it first (``go.Figure(fig)``)."""
    return _figure(build, args, tuple(sorted(kwargs.items())))


def chart(
    fig: go.Figure,
    table: pd.DataFrame | Callable[[], pd.DataFrame],
    name: str,
    lang: str,
    key: str,
    on_select: object = "ignore",
    subject: str | None = None,
) -> object:
    """A chart, and under it, when 查看数据 is opened, the table it was drawn from with CSV
    and Excel downloads (the table is made when the expander opens, and the files when a
    button is clicked, not on every run). ``table`` may be the function that makes it. The
    files are named for ``subject`` (default: the filters' scope)."""
    kwargs: dict[str, object] = {"key": key, "config": plotly_config(lang)}
    if on_select != "ignore":
        kwargs.update(on_select=on_select, selection_mode="points")
    event = st.plotly_chart(fig, **kwargs)
    box = st.expander(t("data.show", lang), key=f"{key}_data", on_change="rerun")
    if not box.open:
        return event
    shown = table() if callable(table) else table
    stem = _file_stem(fig, name, lang, subject)
    with box:
        data_table(shown)
        downloads(shown, stem, lang, key)
    return event


def downloads(
    table: pd.DataFrame | Callable[[], pd.DataFrame], stem: str, lang: str, key: str
) -> None:
    """CSV and Excel downloads of ``table`` (or of what the function makes, when a button is
    clicked), named ``stem``: the project's own files, with cells that a spreadsheet would
    run as a formula neutralised (``report.download``). Streamlit's own table toolbar
    download, which does not neutralise, is turned off (``client.disableDataExport``)."""

    def made() -> pd.DataFrame:
        return table() if callable(table) else table

    kinds = (
        ("CSV", "csv", "text/csv", N_("data.csv.help"), lambda: to_csv_bytes(made())),
        ("Excel", "xlsx", XLSX_MIME, N_("data.xlsx.help"),
         lambda: to_xlsx_bytes(made(), sheet=t("data.sheet", lang))),
    )  # fmt: skip
    row = st.container(horizontal=True, gap="small")
    for label, suffix, mime, help_key, data in kinds:
        row.download_button(
            label,
            audit.on_download(data, "", f"{stem}.{suffix}"),
            file_name=f"{stem}.{suffix}",
            mime=mime,
            key=f"{key}_{suffix}",
            on_click="ignore",
            icon=":material/download:",
            help=t(help_key, lang),
        )


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_stem(title: str, subject: str | None = None) -> str:
    """A table's download name: its title, whom it is about (``subject``, else the filters'
    scope) and the as-of date."""
    ctx = context.current()
    if ctx is None:
        return title
    about = subject or scope_name(ctx.scope, lang=ctx.lang)
    return file_stem(title, about, ctx.as_of.date())


def _file_stem(fig: go.Figure, name: str, lang: str, subject: str | None = None) -> str:
    """The chart's title, whom it is about (``subject``, else the filters' scope) and the
    as-of date, e.g. 在册党员人数（月末）_全街道_2018-11-30."""
    ctx = context.current()
    title = fig.layout.title.text or name
    if ctx is None:
        return title
    return file_stem(title, subject or scope_name(ctx.scope, lang), ctx.as_of.date())


def data_table(
    frame: pd.DataFrame,
    height: int | str = "auto",
    download: str | None = None,
    subject: str | None = None,
) -> None:
    """A localised table (``height``: px, "auto", or "all" for every row without scrolling):
    percentages and ratios with one decimal, counts with separators, its first column
    pinned (it stays in view when the table scrolls sideways on a narrow screen), and a line
    saying it scrolls when it has more rows than its height shows or, on a phone, is wider
    than the screen (``table_width``);
    with ``download`` (its title), CSV and Excel downloads under it (``downloads``), named
    for ``subject`` (default: the filters' scope)."""
    config: dict[str, object] = {}
    for column in frame.columns:
        if column in LINK_COLUMNS:
            config[column] = st.column_config.LinkColumn(
                display_text=LINK_COLUMNS[column], width="small"
            )
        elif str(column).endswith(("（%）", " (%)")) and pd.api.types.is_numeric_dtype(
            frame[column]
        ):
            config[column] = st.column_config.NumberColumn(format="%.1f")
        elif pd.api.types.is_integer_dtype(frame[column]):
            config[column] = st.column_config.NumberColumn(format="localized")
        elif pd.api.types.is_float_dtype(frame[column]):
            config[column] = st.column_config.NumberColumn(format="%.1f")
    if len(frame.columns) > 2:
        first = frame.columns[0]
        config[first] = {**(config.get(first) or st.column_config.Column()), "pinned": True}
    if height == "all":
        height = ROW_PX * (len(frame) + 1) + 3  # the header and every row
    st.dataframe(frame, hide_index=True, width="stretch", height=height, column_config=config)
    scrolls(frame, down=len(frame) > AUTO_ROWS and height == "auto")
    if download is not None:
        downloads(frame, table_stem(download, subject), _lang(), f"table_{download}")


def scrolls(frame: pd.DataFrame, down: bool) -> None:
    """Under a table: a line saying it scrolls, when it does ``down`` and when, on a phone,
    it is wider than the screen (``table_width``)."""
    sideways = device.is_phone() and table_width(frame) > PHONE_TABLE_PX
    n, lang = f"{len(frame):,}", _lang()
    if down and sideways:
        st.caption(t("table.scrolls.both", lang, n=n))
    elif down:
        st.caption(t("table.scrolls", lang, n=n))
    elif sideways:
        st.caption(t("table.scrolls.sideways", lang))


AUTO_ROWS = 10  # the rows Streamlit shows of a table of automatic height before it scrolls
PHONE_TABLE_PX = 340  # a table wider than this scrolls sideways on a phone (390 px)
HAN_PX, LATIN_PX, CELL_PAD_PX = 14, 8, 24  # a character's width at the table's type size


def table_width(frame: pd.DataFrame) -> int:
    """About how wide (px) Streamlit draws ``frame``: each column as wide as its widest
    text (heading or cell, a Han character HAN_PX, any other LATIN_PX) with CELL_PAD_PX of
    padding; the shown numbers with their thousands separators."""

    def width(text: str) -> int:
        return sum(HAN_PX if ord(c) > 0x2E7F else LATIN_PX for c in text)

    total = 0
    for column in frame.columns:
        values = frame[column]
        cells = (f"{v:,}" if isinstance(v, int) else str(v) for v in values.head(200))
        total += max([width(str(column)), *map(width, cells)]) + CELL_PAD_PX
    return total


ROW_PX = 35  # a row of Streamlit's tables, in px


def _lang() -> str:
    ctx = context.current()
    return "zh" if ctx is None else ctx.lang


def card_columns(n: int, per_row: int) -> list:
    """Columns for ``n`` metric cards, ``per_row`` to a row (the last row may be short), so
    that each card stays readable at 1366 px."""
    return [col for _ in range(-(-n // per_row)) for col in st.columns(per_row)]


def kpi_cards(cards: Sequence[Card], lang: str, as_of: pd.Timestamp, per_row: int) -> None:
    """The cards (``queries.overview.Card``), ``per_row`` to a row: each value with its
    unit, its change against a year earlier (percentage points for a rate) and its
    definition as help; a card with no dataset behind it says so."""
    for col, card in zip(card_columns(len(cards), per_row), cards, strict=False):
        value, delta, unit, kind = card.value, card.delta, card.unit, card.kind
        if value is None:
            col.metric(t(f"kpi.{card.name}", lang), t("kpi.no_dataset", lang), border=True)
            continue
        shown = fmt_pct(value) if kind == "rate" else fmt_card(value, lang, unit)
        if delta is None:
            change = None
        elif kind == "rate":
            change = fmt_pct(delta, signed=True).replace("%", t("kpi.points", lang))
        else:
            change = fmt_card_change(delta, lang, unit)
        name = t(f"kpi.{card.name}", lang)
        if card.name == "new":  # 本年: its period named
            name = t("kpi.new.period", lang, period=fmt_period(as_of, "Y", lang))
        col.metric(
            name,
            shown,
            change,
            help=t(f"kpi.{card.name}.help", lang),
            border=True,
            delta_description=t("kpi.vs_year", lang),
            delta_arrow="off" if not delta else "auto",
            delta_color="off" if not delta else "normal",
        )


def section(title: str, caption: str | None = None) -> DeltaGenerator:
    """A page's section under its heading (and ``caption``), to be filled with ``with``.
    On a phone (``app.device``) it is a folded block the person opens with a tap, so that
    a long page's first screen shows its headline figures and the sections' names."""
    if device.is_phone():
        box = st.expander(f"**{title}**", expanded=False)
    else:
        st.header(title)
        box = st.container()
    if caption is not None:
        box.caption(caption)
    return box


def text_table(frame: pd.DataFrame) -> None:
    """A short table whose cells are sentences (a rule and its source): static, so that long
    text wraps instead of running off the screen."""
    st.table(frame, hide_index=True, border="horizontal")


def paged_table(
    rows: pd.DataFrame,
    build: Callable[[pd.DataFrame, str], pd.DataFrame],
    key: str,
    lang: str,
    empty: str | None = None,
    download: str | None = None,
) -> None:
    """A long list a page of PAGE_ROWS rows at a time (``pager``), each page shown as
    ``build(page, lang)`` makes it; ``empty`` (a string key) said instead when there are
    no rows; with ``download`` (its title), CSV and Excel downloads of every row."""
    if rows.empty and empty is not None:
        st.info(t(empty, lang))
        return
    shown = pager(len(rows), key, lang)  # keyed by the whole list (pickled once: app.memo)
    data_table(table_of(_page_of, build, rows, shown.start, shown.stop, lang), height=320)
    if download is not None:
        downloads(lambda: build(rows, lang), table_stem(download), lang, f"{key}_all")


def _page_of(
    build: Callable[[pd.DataFrame, str], pd.DataFrame],
    rows: pd.DataFrame,
    start: int,
    stop: int,
    lang: str,
) -> pd.DataFrame:
    """``build`` of the rows from ``start`` to ``stop``: one page of ``paged_table``."""
    return build(rows.iloc[start:stop], lang)


PAGE_ROWS = 200  # rows of a long table sent to the browser at once


def pager(total: int, key: str, lang: str) -> slice:
    """The rows of a table of ``total`` rows to show: a page number to choose and which rows
    it holds, shown only when the table is longer than one page of PAGE_ROWS rows (a page
    left past the end by a filter goes back to the first)."""
    size = PAGE_ROWS
    pages = max(1, -(-total // size))
    if pages == 1:
        return slice(0, total)
    if st.session_state.get(key, 1) > pages:
        st.session_state[key] = 1
    left, right = st.columns([1, 4], vertical_alignment="bottom")
    page = int(left.number_input(t("table.page", lang), min_value=1, max_value=pages, key=key))
    start, stop = (page - 1) * size, min(page * size, total)
    right.caption(
        t("table.rows", lang, first=f"{start + 1:,}", last=f"{stop:,}", total=f"{total:,}")
    )
    return slice(start, stop)


PROBLEMS_SHOWN = 200  # rows of the problems table on screen; the download holds them all


def problems_table(report: Report, lang: str, limit: int | None = PROBLEMS_SHOWN) -> pd.DataFrame:
    """The ingest report as a table in the UI language (personal values already removed):
    the first ``limit`` problems (all with None), errors first; with limit None, also a row
    for each kind of problem counted beyond those itemised (``Report.max_details``)."""
    columns = ["col.file", "col.row", "col.record", "col.column", "col.value", "col.problem"]
    rows = [
        [
            p.file,
            "" if p.row is None else str(p.row),  # a number, not a quantity
            p.record or "",
            p.column or "",
            "" if p.value is None else p.value,
            pick(p.message_zh, p.message_en, lang),
        ]
        for p in report.sorted_problems()[:limit]
    ]
    if limit is None:
        kept = Counter((p.file, p.code, p.severity) for p in report.problems)
        for (file, code, severity), n in sorted(report.counts.items()):
            if n > kept[(file, code, severity)]:
                more = n - kept[(file, code, severity)]
                text = t("problems.unlisted", lang, n=f"{more:,}", code=code,
                         max=f"{report.max_details:,}")  # fmt: skip
                rows.append([file, "", "", "", "", text])
    return pd.DataFrame(rows, columns=[t(c, lang) for c in columns])


def problems_list(report: Report, lang: str, key: str) -> None:
    """Every problem of a check: the first PROBLEMS_SHOWN in a table, a caption saying how
    many there are in all, and an Excel download of every one itemised, with a line for
    each kind counted beyond them."""
    total = sum(report.counts.values())
    shown = problems_table(report, lang)
    data_table(shown, height=300 if len(shown) > 8 else "auto")
    if total > PROBLEMS_SHOWN:
        st.caption(t("problems.shown", lang, shown=f"{PROBLEMS_SHOWN:,}", total=f"{total:,}"))
    st.download_button(
        t("data.upload.problems", lang),
        partial(_problems_xlsx, report, lang),
        file_name="problems_问题清单.xlsx",
        icon=":material/download:",
        on_click="ignore",
        key=key,
    )


def _problems_xlsx(report: Report, lang: str) -> bytes:
    return to_xlsx_bytes(problems_table(report, lang, limit=None), sheet=t("data.sheet", lang))
