"""What every page needs to know: language, data version, filters, dates.

The shell (app/shell.py) builds it from the sidebar on every run, just before it runs the
page; pages read it with ``get(__file__)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from access.roles import PAGE_ROLE, may_open
from i18n import t
from queries.scope import Scope

_KEY = "_context"


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

    @property
    def view(self) -> tuple[str, str, Scope]:
        """Which data and which part of it: (folder, version, scope), the first arguments
        of every cached query of ``app.cached``."""
        return (self.folder, self.version, self.scope)


def put(ctx: Context) -> None:
    """Called by the shell on every run, just before it runs the page."""
    st.session_state[_KEY] = ctx


def current() -> Context | None:
    """The context of the current run, if the shell has set one."""
    return st.session_state.get(_KEY)


def get(page_file: str) -> Context:
    """The context of this run. A page the person's role may not open stops here with a
    refusal."""
    ctx = st.session_state[_KEY]
    page = Path(page_file).stem
    if not may_open(ctx.role, page):
        refuse(page, ctx.role, ctx.lang)
    return ctx


def refuse(page: str, role: str, lang: str) -> None:
    """The page's title and why this role may not open it; stops the run."""
    st.title(t(f"page.{page}", lang))
    needed = t(f"role.{PAGE_ROLE.get(page, 'viewer')}", lang)
    st.error(t("access.refused", lang, needed=needed, role=t(f"role.{role}", lang)))
    st.stop()
