"""What every page needs to know: language, data version, filters, dates.

The shell (app/shell.py) builds it from the sidebar on every run, just before it runs the
page; pages read it with ``get(__file__)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
    account: Scope = field(
        default_factory=Scope
    )  # what their account may see (``queries.scope.within``)
    login: str = ""  # their login name ("" when access control is off)
    roots: tuple[str, ...] = ()  # the organisations their account names (组织编号); () all
    address: str = ""  # their client's address, for the audit trail

    @property
    def whole(self) -> bool:
        """The account may see the whole sub-district."""
        return self.account.is_everything

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
    if not may_open(ctx.role, page, ctx.whole):
        refuse(page, ctx.role, ctx.lang, ctx.whole)
    return ctx


def refuse_if_outside(ctx: Context, named: list[str]) -> None:
    """Refuse (``refuse_outside``) when an account with a scope followed a link naming
    something the page's choices, within the scope, do not hold: whether the data holds it
    elsewhere or not at all, the same words, so that a link cannot tell what lies outside."""
    if not ctx.whole and named:
        refuse_outside(ctx.lang)


def refuse_outside(lang: str) -> None:
    """A link that names an organisation, community or sector outside the account's scope:
    say so, show nothing of it, and stop."""
    st.error(t("access.outside", lang))
    st.stop()


def refuse(page: str, role: str, lang: str, whole: bool = True) -> None:
    """The page's title and why this role (or this scope) may not open it; stops the run."""
    st.title(t(f"page.{page}", lang))
    if may_open(role, page):  # the role may, the scope may not
        st.error(t("access.whole_only", lang))
        st.stop()
    needed = t(f"role.{PAGE_ROLE.get(page, 'viewer')}", lang)
    st.error(t("access.refused", lang, needed=needed, role=t(f"role.{role}", lang)))
    st.stop()
