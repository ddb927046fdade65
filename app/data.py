"""Cached access to the dataset and to the metrics pages ask for.

The dataset loads once per version: the cache key is a hash of its files' bytes, so
editing a file reloads it and nothing else does. Transforms are cached per version and
filter; they return aggregates only.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd
import streamlit as st

from ingest import LoadResult, load_dataset
from ingest.read import TABLE_SUFFIXES
from metrics.compare import compare, with_organisations
from metrics.definitions import as_of_date
from metrics.membership import active_counts, flows, membership_series
from metrics.scope import Scope, apply_scope
from metrics.structure import structure
from metrics.summary import headline

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "data" / "sample"
DATA_DIR_ENV = "DANGJIAN_DATA_DIR"


def data_dir() -> Path:
    """The folder named by DANGJIAN_DATA_DIR, else the bundled sample."""
    return Path(os.environ.get(DATA_DIR_ENV) or SAMPLE_DIR).resolve()


def is_sample(folder: Path) -> bool:
    return folder.resolve() == SAMPLE_DIR.resolve()


def fingerprint(folder: Path) -> str:
    """A hash of the table files' names and bytes: the dataset's version."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix.lower() in TABLE_SUFFIXES:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@st.cache_resource(max_entries=4, show_spinner=False)
def load(folder: str, version: str) -> LoadResult:
    """The dataset (shared between sessions, never modified)."""
    del version  # part of the cache key only
    return load_dataset([Path(folder)])


def tables(folder: str, version: str, scope: Scope) -> dict[str, pd.DataFrame]:
    return apply_scope(load(folder, version).tables, scope)


@st.cache_data(max_entries=64, show_spinner=False)
def latest_date(folder: str, version: str) -> pd.Timestamp:
    return as_of_date(load(folder, version).tables)


@st.cache_data(max_entries=64, show_spinner=False)
def earliest_date(folder: str, version: str) -> pd.Timestamp:
    m = load(folder, version).tables["members"]
    first = m["registered_on"].fillna(m["joined_on"]).min()
    return max(pd.Timestamp(first), pd.Timestamp("2000-01-01"))


@st.cache_data(max_entries=64, show_spinner=False)
def options(folder: str, version: str) -> dict[str, list[str]]:
    """Filter choices: sectors present (contract order) and communities (sorted)."""
    b = load(folder, version).tables["branches"]
    sectors = [s for s in b["sector"].cat.categories if s in set(b["sector"].dropna())]
    return {"sector": sectors, "community": sorted(b["community"].dropna().unique())}


@st.cache_data(max_entries=256, show_spinner=False)
def summary(folder: str, version: str, scope: Scope, on: pd.Timestamp) -> dict[str, object]:
    return headline(tables(folder, version, scope), on)


@st.cache_data(max_entries=256, show_spinner=False)
def series(
    folder: str, version: str, scope: Scope, start: pd.Timestamp, end: pd.Timestamp, freq: str
) -> pd.DataFrame:
    return membership_series(tables(folder, version, scope)["members"], start, end, freq)


@st.cache_data(max_entries=256, show_spinner=False)
def inflow_outflow(
    folder: str, version: str, scope: Scope, start: pd.Timestamp, end: pd.Timestamp, freq: str
) -> pd.DataFrame:
    return flows(tables(folder, version, scope)["members"], start, end, freq)


@st.cache_data(max_entries=256, show_spinner=False)
def structure_on(
    folder: str, version: str, scope: Scope, on: pd.Timestamp, dimension: str
) -> pd.Series:
    return structure(tables(folder, version, scope)["members"], on, dimension)


@st.cache_data(max_entries=256, show_spinner=False)
def comparison(folder: str, version: str, scope: Scope, on: pd.Timestamp, by: str) -> pd.DataFrame:
    """``metrics.compare.compare``, keeping only the groups with organisations on D."""
    return with_organisations(compare(tables(folder, version, scope), on, by))


@st.cache_data(max_entries=256, show_spinner=False)
def active_on(
    folder: str, version: str, scope: Scope, days: tuple[pd.Timestamp, ...]
) -> pd.DataFrame:
    return active_counts(tables(folder, version, scope)["members"], list(days))


@st.cache_data(max_entries=256, show_spinner=False)
def overview_kpis(folder: str, version: str, scope: Scope, on: pd.Timestamp) -> list[dict]:
    from metrics.kpis import overview_kpis as compute

    return compute(tables(folder, version, scope), on)


@st.cache_data(max_entries=64, show_spinner=False)
def branch_choices(folder: str, version: str, scope: Scope, on: pd.Timestamp) -> pd.DataFrame:
    from metrics.profile import branch_choices as compute

    return compute(tables(folder, version, scope)["branches"], on)


@st.cache_data(max_entries=128, show_spinner=False)
def branch_profile(
    folder: str, version: str, branch_id: str, on: pd.Timestamp, start: pd.Timestamp
) -> dict:
    from metrics.profile import profile

    return profile(load(folder, version).tables, branch_id, on, start)


@st.cache_data(max_entries=128, show_spinner=False)
def national(folder: str, version: str, scope: Scope, on: pd.Timestamp) -> dict[str, pd.DataFrame]:
    """Local against national: key shares and growth, age bands, occupation."""
    from ingest.reference import read_reference
    from metrics.national import mix_vs_national, shares_vs_national

    members = tables(folder, version, scope)["members"]
    ref = read_reference()
    return {
        "shares": shares_vs_national(members, on, ref.statistics),
        "age_band": mix_vs_national(members, on, ref.age_bands, "age_band", "band"),
        "occupation": mix_vs_national(members, on, ref.occupations, "occupation", "occupation"),
    }
