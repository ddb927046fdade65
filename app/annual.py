"""统计年报's choices and results, cached: the years offered, the organisations that may
file (填报单位) within an account's scope, the report of one, and its workbook."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import pandas as pd
import streamlit as st

from app import cached
from app.memo import shared
from queries.annual import Annual, annual, last_complete_year
from queries.scope import Scope, within
from report.annual_workbook import annual_workbook

FILING_TYPES = ("党委", "党总支")  # the organisations that gather a 年报 of those under them
WHOLE = ""  # the 填报单位 code of the account's whole scope


def years(earliest: pd.Timestamp, on: pd.Timestamp) -> list[str]:
    """The years a report may be of, latest first: from the first on record to ``on``'s."""
    return [str(y) for y in range(on.year, earliest.year - 1, -1)]


def default_year(earliest: pd.Timestamp, on: pd.Timestamp) -> str:
    """The last complete year up to ``on`` (``on``'s own when none is on record)."""
    return str(max(last_complete_year(on), earliest.year))


@st.cache_resource(max_entries=32, show_spinner=False)
def filers(folder: str, version: str, account: Scope) -> Mapping[str, str]:
    """组织编号 → "name · 组织编号" of the 党委 and 党总支 within ``account`` (and the
    account's own organisations), by name."""
    branches = cached.tables(folder, version, account)["branches"]
    mask = branches["org_type"].isin(FILING_TYPES) | branches["name"].isin(account.names)
    chosen = branches.loc[mask, ["branch_id", "name"]].sort_values(["name", "branch_id"])
    ids, names = chosen["branch_id"].astype(str), chosen["name"].astype(str)
    return MappingProxyType({b: f"{n} · {b}" for b, n in zip(ids, names, strict=True)})


def scope_of(folder: str, version: str, account: Scope, org: str) -> Scope:
    """The scope a report covers: the account's own (``WHOLE``), or one organisation with
    everything under it."""
    if org == WHOLE:
        return account
    branches = cached.load(folder, version).tables["branches"]
    return within(branches, (org,))[0]


@shared(64)  # shared, read-only (tests/test_shared_results.py)
def report(folder: str, version: str, scope: Scope, year: int, on: pd.Timestamp) -> Annual:
    """``queries.annual.annual`` of ``scope`` for ``year``, to ``on`` at the latest."""
    return annual(cached.tables(folder, version, scope), year, on)


@st.cache_data(max_entries=16, show_spinner=False)
def workbook(
    folder: str, version: str, scope: Scope, year: int, on: pd.Timestamp, filer: str
) -> bytes:
    """The workbook of ``report`` for the 填报单位 ``filer``."""
    return annual_workbook(report(folder, version, scope, year, on), filer)
