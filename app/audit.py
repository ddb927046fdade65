"""The audit trail (查询留痕) of what people do in the app: the page writes, the store keeps
(``access.ledger``). Who, their scope and their client's address come from the run's
context; nothing is recorded when access control is off (there is no one to name), and no
personal data ever enters an entry (organisations, files and counts only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from access.ledger import Entry
from access.pg_ledger import open_ledger
from app import context
from ingest.stores import access_location

T = TypeVar("T")
_SEEN = "_audit_seen"  # what this session has already recorded once
PAGE = "_page_name"  # the page this run shows (set by the shell)


def _entry(action: str, page: str, organisation: str, detail: str) -> Entry | None:
    ctx = context.current()
    if ctx is None or not ctx.login:
        return None
    scope = " ".join(ctx.roots)  # 组织编号; "" for the whole sub-district
    page = page or st.session_state.get(PAGE, "")
    return Entry(ctx.login, action, scope, ctx.address, page, organisation, detail)


def _record(entry: Entry) -> None:
    open_ledger(access_location()).record(entry)


def note(action: str, page: str = "", organisation: str = "", detail: str = "") -> None:
    """Record ``action`` now."""
    entry = _entry(action, page, organisation, detail)
    if entry is not None:
        _record(entry)


def once(action: str, page: str = "", organisation: str = "", detail: str = "") -> None:
    """Record ``action`` the first time this session does it (a member list looked at is
    one entry, however often the page reruns while it is open)."""
    ctx = context.current()
    key = (ctx.login if ctx else "", action, page, organisation, detail)
    seen = st.session_state.setdefault(_SEEN, set())
    if key not in seen:
        seen.add(key)
        note(action, page, organisation, detail)


def on_download(
    make: Callable[[], T], page: str, file: str, action: str = "download"
) -> Callable[[], T]:
    """``make`` (a download's deferred data), recording the download when the file is
    made, that is when the button is pressed; ``page`` "": the page shown."""
    entry = _entry(action, page, "", file)

    def made() -> T:
        if entry is not None:
            _record(entry)
        return make()

    return made
