"""What every page needs to know: language, data version, filters, dates.

dashboard.py builds it from the sidebar on every run; pages read it with ``get(__file__)``.

A page can run without the shell once: right after the server starts, Streamlit serves
``pages/`` in its legacy mode until some session has called ``st.navigation``. A link to a
page opened then runs the page file alone; ``get`` notices, remembers the page, and hands
over to dashboard.py with the URL's query parameters, and dashboard.py switches back to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from access.roles import PAGE_ROLE, may_open
from i18n import t
from metrics.scope import Scope

_KEY = "_context"
_SHELL_RAN = "_shell_ran"
DEEP_LINK = "_deep_link"
MAIN_SCRIPT = "dashboard.py"


@dataclass(frozen=True)
class Context:
    lang: str
    folder: str
    version: str
    sample: bool
    scope: Scope
    as_of: pd.Timestamp
    start: pd.Timestamp  # first day of the trend period
    latest: pd.Timestamp  # the dataset's own latest date
    earliest: pd.Timestamp  # the first day members are on record
    role: str = "viewer"  # of the person signed in (admin when access control is off)
    user: str = ""  # their name as shown ("" when access control is off)


def put(ctx: Context) -> None:
    """Called by dashboard.py on every run, just before it runs the page."""
    st.session_state[_KEY] = ctx
    st.session_state[_SHELL_RAN] = True


def current() -> Context | None:
    """The context of the current run, if the shell has set one."""
    return st.session_state.get(_KEY)


def current_query_params() -> list[tuple[str, str]]:
    return [(k, v) for k in st.query_params for v in st.query_params.get_all(k)]


def get(page_file: str) -> Context:
    """The context of this run; if the shell has not run in this run, route through it (see
    above): a context left from an earlier run would show stale filters. A page the
    person's role may not open stops here with a refusal."""
    ctx = st.session_state.get(_KEY)
    page = Path(page_file).stem
    if ctx is None or not st.session_state.pop(_SHELL_RAN, False):
        st.session_state[DEEP_LINK] = page
        st.switch_page(MAIN_SCRIPT, query_params=current_query_params())
    if not may_open(ctx.role, page):
        refuse(page, ctx.role, ctx.lang)
    return ctx


def refuse(page: str, role: str, lang: str) -> None:
    """The page's title and why this role may not open it; stops the run."""
    st.title(t(f"page.{page}", lang))
    needed = t(f"role.{PAGE_ROLE.get(page, 'viewer')}", lang)
    st.error(t("access.refused", lang, needed=needed, role=t(f"role.{role}", lang)))
    st.stop()
