"""Cached access to the dataset and to the metrics pages ask for.

The dataset loads once per version: the cache key is a hash of its files' bytes, so
editing a file reloads it and nothing else does. Transforms are cached per version and
filter; they return aggregates only.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Concatenate, ParamSpec, TypeVar

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import pyarrow.parquet as pq
import streamlit as st

from app import heap
from app.memo import shared
from app.widgets import SharedFigure
from domain.contract import DATASETS
from domain.definitions import as_of_date, records_start
from figures.theme import for_phone, phone_height
from ingest import LoadResult, load_dataset, source
from ingest.lean import narrowed
from ingest.problems import Problem
from ingest.read import TABLE_SUFFIXES
from ingest.source import choose
from ingest.store import (
    StoreChangedError,
    is_version_folder,
    load_version_folder,
    read_version_columns,
    store_location,
)
from ingest.stores import open_store, shown_location
from ingest.templates import data_dictionary, template_xlsx
from queries import branch as branch_queries
from queries import coverage as coverage_queries
from queries import development as development_queries
from queries import health as health_queries
from queries import innovation as innovation_queries
from queries import members as members_queries
from queries import national as national_queries
from queries import orglife as orglife_queries
from queries import overview as overview_queries
from queries import sectors as sectors_queries
from queries.quality import Filled, completeness_within, filled_by_organisation, suspicious
from queries.scope import EVERYTHING, Grouped, Scope, chosen, grouped, restrict, within
from queries.summary import figures_of_version
from report.exports import render
from report.slides import Deck, Slide, build_deck, build_slide, shown_keys


def data_dir() -> Path:
    """The data shown (``ingest.source.choose``): DANGJIAN_DATA_DIR, else the store's
    current version, else the bundled sample."""
    return choose().path


def is_sample(folder: Path) -> bool:
    return source.is_sample(folder)


def folder_wins() -> bool:
    """``ingest.source.folder_wins``: DANGJIAN_DATA_DIR is set, so imports are not shown."""
    return source.folder_wins()


def is_stored(folder: Path) -> bool:
    """The folder is a version of the store."""
    return is_version_folder(folder)


def _table_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in TABLE_SUFFIXES)


def _stat_key(files: list[Path]) -> tuple[tuple[str, int, int], ...]:
    """Each file's name, size and modification time (ns): what changes when a file does."""
    stats = ((path.name, path.stat()) for path in files)
    return tuple((name, info.st_size, info.st_mtime_ns) for name, info in stats)


_HASHED: dict[str, tuple[tuple[tuple[str, int, int], ...], str]] = {}  # folder → (stat, hash)


def fingerprint(folder: Path) -> str:
    """The dataset's version: a stored version's id (a version never changes), else a hash
    of the table files' names and bytes, made again only when a file's name, size or
    modification time has changed (so a rerun costs a directory listing, not a read)."""
    if is_version_folder(folder):
        return folder.name
    files = _table_files(folder)
    key = _stat_key(files)
    known = _HASHED.get(str(folder))
    if known is not None and known[0] == key:
        return known[1]
    digest = hashlib.blake2b(digest_size=16)
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    _HASHED[str(folder)] = (key, digest.hexdigest())
    return digest.hexdigest()


# Columns no figure is computed from: kept aside, so that the tables every filter copies
# stay lean (at 100× the sample, participation's ids and titles are half its memory), and
# joined back only for the 数据管理 page's completeness report.
SET_ASIDE = {"participation": ("activity_id", "title")}


@dataclass(frozen=True)
class Loaded:
    result: LoadResult  # the tables without the SET_ASIDE columns
    aside: dict[str, pd.DataFrame] | None  # those columns (None: a stored version's, unread)
    order: dict[str, list[str]]  # every table's columns as read
    grouped: Grouped | None  # the tables grouped for scoping (None: the data is invalid)


@st.cache_resource(max_entries=2, show_spinner=False)
def _loaded(folder: str, version: str) -> Loaded:
    del version  # part of the cache key only
    if is_version_folder(Path(folder)):
        result = load_version_folder(Path(folder), without=SET_ASIDE)
        order = {p.stem: pq.read_schema(p).names for p in Path(folder).glob("*.parquet")}
        aside = None
    else:
        result = load_dataset([Path(folder)])
        order = {name: list(frame.columns) for name, frame in result.tables.items()}
        aside = {}
        for name, columns in SET_ASIDE.items():
            if name in result.tables:
                present = [c for c in columns if c in result.tables[name].columns]
                aside[name] = result.tables[name][present]
                result.tables[name] = result.tables[name].drop(columns=present)
        result.tables.update(narrowed(result.tables))
    if not result.ok:
        return Loaded(result, None, order, None)
    g = grouped(result.tables)
    pa.default_memory_pool().release_unused()  # Parquet's read buffers: ~0.5 GB at 100×
    heap.give_back.request()  # and the heap this run frees, as it ends (app.heap)
    return Loaded(LoadResult(tables=g.tables, report=result.report), aside, order, g)


def load(folder: str, version: str) -> LoadResult:
    """The dataset (shared between sessions, never modified), without SET_ASIDE columns."""
    return _loaded(folder, version).result


@st.cache_resource(max_entries=2, show_spinner=False)
def _scoped(folder: str, version: str, scope: Scope) -> Mapping[str, pd.DataFrame]:
    return restrict(_loaded(folder, version).grouped, scope)


def tables(folder: str, version: str, scope: Scope) -> Mapping[str, pd.DataFrame]:
    """The tables restricted to the scope. Rows are grouped by organisation at load (see
    ``metrics.scope.Grouped``), so a scope is a few slices; a scope of several runs is
    copied once per filter choice (the last few are kept, shared, never modified)."""
    if scope.is_everything:
        return dict(load(folder, version).tables)
    return _scoped(folder, version, scope)


@st.cache_resource(max_entries=2, show_spinner=False)
def _filled(folder: str, version: str) -> dict[str, Filled]:
    """``metrics.quality.filled_by_organisation`` over every column, the SET_ASIDE ones
    included (read for this alone, not kept), each table's columns in their order as read."""
    loaded = _loaded(folder, version)
    aside = loaded.aside if loaded.aside is not None else _stored_aside(folder)
    counted = filled_by_organisation(loaded.grouped, aside)
    del aside
    pa.default_memory_pool().release_unused()
    return {
        name: Filled(f.rows, f.cells[[c for c in loaded.order[name] if c in f.cells.columns]])
        for name, f in counted.items()
    }


def completeness_of_all(folder: str, version: str, scope: Scope) -> pd.DataFrame:
    """``metrics.quality.completeness`` of the scope's rows over every column, the SET_ASIDE
    ones included: a sum over the scope's organisations of counts made once per version."""
    return completeness_within(_filled(folder, version), _chosen(folder, version, scope))


@st.cache_resource(max_entries=64, show_spinner=False)
def _chosen(folder: str, version: str, scope: Scope) -> np.ndarray | None:
    """``queries.scope.chosen`` of the version's organisations, once per scope (at 100×, a
    mask over 51,400 organisations: shared, never modified)."""
    mask = chosen(_loaded(folder, version).grouped, scope)
    if mask is not None:
        mask.setflags(write=False)
    return mask


def _stored_aside(folder: str) -> dict[str, pd.DataFrame]:
    """A stored version's SET_ASIDE columns, in its row order."""
    out = {}
    for name, columns in SET_ASIDE.items():
        if (Path(folder) / f"{name}.parquet").exists():
            out[name] = read_version_columns(Path(folder), name, columns)
    return out


@st.cache_data(max_entries=64, show_spinner=False)
def latest_date(folder: str, version: str) -> pd.Timestamp:
    return as_of_date(load(folder, version).tables)


@st.cache_data(max_entries=64, show_spinner=False)
def earliest_date(folder: str, version: str) -> pd.Timestamp:
    """``domain.definitions.records_start``."""
    return records_start(load(folder, version).tables["members"])


@st.cache_data(max_entries=64, show_spinner=False)
def options(folder: str, version: str, within: Scope = EVERYTHING) -> dict[str, list[str]]:
    """Filter choices within an account's scope: sectors present (contract order) and
    communities (sorted)."""
    b = tables(folder, version, within)["branches"]
    sectors = [s for s in b["sector"].cat.categories if s in set(b["sector"].dropna())]
    return {"sector": sectors, "community": sorted(b["community"].dropna().unique())}


@st.cache_data(max_entries=256, show_spinner=False)
def account_scope(
    folder: str, version: str, roots: tuple[str, ...]
) -> tuple[Scope, tuple[str, ...]]:
    """``queries.scope.within``: the scope of an account that may see ``roots``, and the
    roots this version does not hold."""
    return within(load(folder, version).tables["branches"], roots)


@st.cache_data(max_entries=64, show_spinner=False)
def organisations(folder: str, version: str) -> dict[str, str]:
    """Every organisation of the version: 组织编号 → full name, in 组织编号 order."""
    b = load(folder, version).tables["branches"].sort_values("branch_id")
    return dict(zip(b["branch_id"].astype(str), b["name"].astype(str), strict=True))


P = ParamSpec("P")
R = TypeVar("R")
Tables = Mapping[str, pd.DataFrame]


def of_scope(
    query: Callable[Concatenate[Tables, P], R], table: str | None = None, max_entries: int = 256
) -> Callable[Concatenate[str, str, Scope, P], R]:
    """``query`` of a version's tables restricted to a scope (of one table of them when
    ``table`` is given), made once per version, scope and the query's own arguments and
    shared by every session (``app.memo``: a dict lookup, not Streamlit's hashing of the
    arguments and unpickling of a copy on every call): called as
    ``query_name(folder, version, scope, *arguments)``. Read-only: a page or builder that
    changes a result copies it first (tests/test_shared_results.py renders every page twice
    and finds the same)."""

    def cached(folder: str, version: str, scope: Scope, *args: P.args, **kwargs: P.kwargs) -> R:
        given: Any = tables(folder, version, scope)
        return query(given if table is None else given[table], *args, **kwargs)

    cached.__name__ = query.__name__
    cached.__qualname__ = f"{query.__module__}.{query.__qualname__}"
    cached.__doc__ = f"``{query.__module__}.{query.__qualname__}``, shared."
    return shared(max_entries)(cached)


# Every query of a scope's tables that a page calls, named as the query.
opening = of_scope(overview_queries.opening)
cards = of_scope(overview_queries.cards)
trend = of_scope(members_queries.trend, table="members")
movement = of_scope(members_queries.movement, table="members")
contact = of_scope(members_queries.contact)
comparison = of_scope(sectors_queries.comparison)
national = of_scope(national_queries.national, max_entries=128)
innovation = of_scope(innovation_queries.innovation, max_entries=128)
development = of_scope(development_queries.development, max_entries=128)
development_flows = of_scope(development_queries.development_flows, max_entries=128)
orglife = of_scope(orglife_queries.orglife, max_entries=128)


@shared(256)  # shared, read-only (tests/test_shared_results.py)
def contact_totals(folder: str, version: str, scope: Scope, on: pd.Timestamp) -> dict[str, int]:
    """``queries.members.contact_totals`` of ``contact``: 失联 and 流动 members in all."""
    return members_queries.contact_totals(contact(folder, version, scope, on))


@st.cache_resource(max_entries=32, show_spinner=False)
def _structure_counts(folder: str, version: str, on: pd.Timestamp, dimension: str) -> np.ndarray:
    """``queries.members.structure_counts`` over every member (shared, never modified)."""
    return members_queries.structure_counts(_loaded(folder, version).grouped, on, dimension)


@shared(256)
def structure(
    folder: str, version: str, scope: Scope, on: pd.Timestamp, dimension: str
) -> pd.Series:
    """``metrics.structure.structure`` of the scope's members: ``queries.members.
    structure_within``, a sum over its organisations of counts made once per version, day
    and dimension. Shared by every session (``app.memo``): read-only."""
    counts = _structure_counts(folder, version, on, dimension)
    return members_queries.structure_within(counts, dimension, _chosen(folder, version, scope))


@st.cache_resource(max_entries=64, show_spinner=False)
def branch_choices(folder: str, version: str, scope: Scope, on: pd.Timestamp) -> Mapping[str, str]:
    """``queries.branch.branch_choices`` as the picker shows them, in its order: branch_id →
    "name · branch_id". Shared by every session and read-only (at 100× the sample, 51,400
    organisations: labelled once, not on every run)."""
    chosen = branch_queries.branch_choices(tables(folder, version, scope)["branches"], on)
    ids = chosen["branch_id"].tolist()
    return MappingProxyType(
        {b: f"{name} · {b}" for b, name in zip(ids, chosen["name"].tolist(), strict=True)}
    )


PICKER_ROWS = 1000  # organisations the branch picker lists at once (a sub-district: all)


@shared(256)
def branch_matches(
    folder: str, version: str, scope: Scope, on: pd.Timestamp, query: str, rows: int
) -> tuple[tuple[str, ...], int]:
    """The organisations of ``branch_choices`` whose label ("name · branch_id") holds
    ``query`` (case-insensitive; every one for ""), the first ``rows`` of them in the
    picker's order, and how many there are. Shared, read-only."""
    labels = branch_choices(folder, version, scope, on)
    if not query:
        return tuple(itertools.islice(labels, rows)), len(labels)
    wanted = query.casefold()
    found = [b for b, text in labels.items() if wanted in text.casefold()]
    return tuple(found[:rows]), len(found)


@shared(128)  # shared, read-only (tests/test_shared_results.py)
def profile(
    folder: str, version: str, branch_id: str, on: pd.Timestamp, start: pd.Timestamp
) -> dict:
    """``queries.branch.profile`` (over every organisation: a profile is of one)."""
    return branch_queries.profile(load(folder, version).tables, branch_id, on, start)


def _units_of(folder: str, version: str, scope: Scope) -> Tables:
    """Every table, its 两新组织 register restricted to the units of ``scope`` (by community
    and by the organisations of an account: ``metrics.scope.in_communities``); for an
    account's scope, its organisations only, so that no list names one outside it."""
    whole = load(folder, version).tables
    if "units" not in whole:
        return whole
    scoped = tables(folder, version, scope)
    if not scope.branch_ids:  # the sidebar's communities: any organisation may be named
        return {**whole, "units": scoped["units"]}
    return {**whole, "units": scoped["units"], "branches": scoped["branches"]}


def _place(scope: Scope) -> Scope:
    """The part of a scope that chooses 两新组织 (the sectors do not)."""
    return Scope(communities=scope.communities, branch_ids=scope.branch_ids, names=scope.names)


def coverage(
    folder: str, version: str, scope: Scope, building: str | None, on: pd.Timestamp
) -> coverage_queries.Coverage | None:
    """``queries.coverage.coverage`` over the register's units in the scope (the register
    is about units: only the communities and the account's organisations choose among
    them) and the building."""
    return _coverage(folder, version, _place(scope), building, on)


@shared(128)  # shared, read-only (tests/test_shared_results.py)
def _coverage(
    folder: str, version: str, scope: Scope, building: str | None, on: pd.Timestamp
) -> coverage_queries.Coverage | None:
    return coverage_queries.coverage(_units_of(folder, version, scope), on, (), building)


def coverage_over_time(
    folder: str,
    version: str,
    scope: Scope,
    building: str | None,
    start: pd.Timestamp,
    on: pd.Timestamp,
) -> pd.DataFrame | None:
    """``queries.coverage.coverage_over_time`` over the register's units in the scope."""
    return _coverage_over_time(folder, version, _place(scope), building, start, on)


@shared(128)  # shared, read-only (tests/test_shared_results.py)
def _coverage_over_time(
    folder: str,
    version: str,
    scope: Scope,
    building: str | None,
    start: pd.Timestamp,
    on: pd.Timestamp,
) -> pd.DataFrame | None:
    given = _units_of(folder, version, scope)
    return coverage_queries.coverage_over_time(given, start, on, (), building)


@st.cache_resource(max_entries=8, show_spinner=False)
def _warnings(folder: str, version: str, on: pd.Timestamp) -> pd.DataFrame:
    """``queries.health.warnings`` over every organisation on D (shared, never modified)."""
    return health_queries.warnings(load(folder, version).tables, on)


@shared(128)  # shared, read-only (tests/test_shared_results.py)
def health(folder: str, version: str, scope: Scope, on: pd.Timestamp) -> pd.DataFrame:
    """``queries.health.health``, from every warning found once per version and day."""
    return health_queries.health(tables(folder, version, scope), on, _warnings(folder, version, on))


@shared(128)  # shared, read-only (tests/test_shared_results.py)
def health_counts(folder: str, version: str, scope: Scope, on: pd.Timestamp) -> dict[str, int]:
    """``queries.health.health_counts``: warnings per rule, total, organisations."""
    found = _warnings(folder, version, on)
    return health_queries.health_counts(tables(folder, version, scope), on, found)


@st.cache_data(max_entries=8, show_spinner=False)
def template(dataset: str) -> bytes:
    """``ingest.templates.template_xlsx`` of a dataset (the contract never changes)."""
    return template_xlsx(DATASETS[dataset])


@st.cache_data(max_entries=1, show_spinner=False)
def dictionary() -> str:
    """``ingest.templates.data_dictionary``."""
    return data_dictionary()


@st.cache_data(max_entries=32, show_spinner=False)
def deck(
    folder: str,
    version: str,
    scope: Scope,
    on: pd.Timestamp,
    lang: str,
    scope_label: str,
    source: str,
    keys: tuple[str, ...],
) -> Deck:
    """``report.slides.build_deck`` for the filtered data (a few seconds, then cached)."""
    return build_deck(tables(folder, version, scope), on, lang, scope_label, source, keys)


def slide_keys(folder: str, version: str, scope: Scope, keys: tuple[str, ...]) -> tuple[str, ...]:
    """The slides of ``keys`` the data can fill (see ``report.slides.shown_keys``)."""
    return shown_keys(tables(folder, version, scope), keys)


@shared(64)
def slide(
    folder: str,
    version: str,
    scope: Scope,
    on: pd.Timestamp,
    lang: str,
    scope_label: str,
    key: str,
) -> Slide:
    """One slide, built alone (the slideshow needs only the one on screen). Shared by every
    session (``app.memo``): read-only."""
    return build_slide(tables(folder, version, scope), on, lang, scope_label, key)


@shared(128)
def slide_chart(
    folder: str,
    version: str,
    scope: Scope,
    on: pd.Timestamp,
    lang: str,
    scope_label: str,
    key: str,
    phone: bool,
) -> tuple[go.Figure, int | str] | None:
    """``slide``'s chart as the slideshow draws it, and its height: on a phone, thinned and
    wrapped for the narrow plot (``for_phone``) at 13 px type, as tall as its labels need
    (``phone_height``); else at a projector's 15 px type, as tall as the screen leaves it
    ("stretch"). None for a slide without a chart. Shared, read-only."""
    shown = slide(folder, version, scope, on, lang, scope_label, key).figure
    if shown is None:
        return None
    fig = for_phone(shown) if phone else go.Figure(shown)
    fig.update_layout(font_size=13 if phone else 15, height=None, autosize=True)
    return SharedFigure(fig), (phone_height(fig) if phone else "stretch")


@st.cache_data(max_entries=32, show_spinner=False)
def deck_file(
    folder: str,
    version: str,
    scope: Scope,
    on: pd.Timestamp,
    lang: str,
    scope_label: str,
    source: str,
    keys: tuple[str, ...],
    kind: str,
) -> bytes:
    """One export of the deck (pptx, html, docx, markdown), cached per deck and kind."""
    return render(deck(folder, version, scope, on, lang, scope_label, source, keys), lang, kind)


@st.cache_data(max_entries=64, show_spinner=False)
def quality(folder: str, version: str, scope: Scope, on: pd.Timestamp) -> dict[str, pd.DataFrame]:
    """Row counts, completeness per column and values worth a second look."""
    tabs = tables(folder, version, scope)
    return {
        "rows": pd.Series({name: len(frame) for name, frame in tabs.items()}, name="rows"),
        "completeness": completeness_of_all(folder, version, scope),
        "suspicious": suspicious(tabs, on),
    }


def store_history() -> pd.DataFrame | None:
    """The store's versions, newest first: version, current (bool), created (ISO 8601,
    UTC), by, files (names), members_rows. None when no store is in use."""
    store = open_store()
    versions = store.versions()
    if not versions:
        return None
    current = store.current()
    return pd.DataFrame(
        {
            "version": [v.id for v in versions],
            "current": [v.id == current for v in versions],
            "created": [v.created for v in versions],
            "by": [v.by for v in versions],
            "files": [tuple(s["file"] for s in v.sources) for v in versions],
            "members_rows": [v.rows.get("members", 0) for v in versions],
        }
    ).iloc[::-1]


def store_path() -> str:
    """Where the store is, as the page may show it (a database's address without its
    password)."""
    return shown_location(store_location())


def store_log() -> list[dict]:
    """The store's imports and rollbacks, oldest first."""
    return open_store().log()


_CONFIRMED = "_confirmed_against"  # a confirming widget's key → the version it confirmed


def remember_confirmed(key: str, current: str | None) -> None:
    """A confirming checkbox's callback: remember the version that was current when it was
    ticked (bound when the box was drawn), for the action it allows (``confirmed_against``)."""
    st.session_state.setdefault(_CONFIRMED, {})[key] = current


def confirmed_against(key: str) -> str | None:
    """The version that was current when the box ``key`` was ticked (None if not known)."""
    return st.session_state.get(_CONFIRMED, {}).get(key)


def rollback(version_id: str, by: str, expected: str | None) -> Problem | None:
    """Make ``version_id`` current if ``expected`` still is (``Store.rollback``); None when
    done, else the problem saying who changed the data since."""
    try:
        open_store().rollback(version_id, by=by, expected=expected)
    except StoreChangedError as changed:
        return changed.problem
    return None


@st.cache_data(max_entries=32, show_spinner=False)
def version_figures(version_id: str, store: str | None = None) -> dict[str, object]:
    """A stored version's headline figures on its own latest date (versions never change,
    so the store and the id are the cache key)."""
    del store  # part of the cache key only
    return figures_of_version(open_store().load(version_id))
