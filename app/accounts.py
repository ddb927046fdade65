"""What 用户与权限 and 查询留痕 show and do: the accounts as a table, an admin's changes to
them (each recorded in the audit trail), the bulk import of an accounts sheet, and the
audit trail filtered. Accounts live in the store (``access.ledger``); those of
``secrets.toml`` are listed, read-only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import pandas as pd
import streamlit as st

from access.accounts import find, listing, new_account, reset
from access.config import UserEntry
from access.ledger import ACTIONS, Ledger
from app import audit, cached, context, login
from app.navigation import NAMES
from domain.accounts import HEADERS, USER_NAME
from domain.clock import time_zone
from i18n import N_, t
from ingest.accounts import AccountRow, read_accounts
from ingest.problems import Report
from report.download import to_xlsx_bytes

_ISSUED = "_accounts_issued"  # one-time passwords made this run, shown once


@dataclass(frozen=True)
class Issued:
    """A one-time password to hand to an account's owner."""

    name: str
    display: str
    password: str


def accounts() -> list[UserEntry]:
    return listing(login.settings(), login.ledger())


def names_of(ids: Sequence[str], organisations: Mapping[str, str]) -> str:
    """A scope in words: the organisations' full names (their 组织编号 when unknown)."""
    return "、".join(organisations.get(i, i) for i in ids)


def _who(
    accounts: Sequence[UserEntry | AccountRow], organisations: Mapping[str, str], lang: str
) -> dict[str, list[str]]:
    """The columns every list of accounts shows: user name, name, role, scope in words."""
    return {
        t("accounts.col.name", lang): [a.name for a in accounts],
        t("accounts.col.display", lang): [a.display for a in accounts],
        t("accounts.col.role", lang): [t(f"role.{a.role}", lang) for a in accounts],
        t("accounts.col.scope", lang): [
            names_of(a.scope, organisations) or t("scope.all", lang) for a in accounts
        ],
    }


def table(
    entries: Sequence[UserEntry], organisations: Mapping[str, str], lang: str
) -> pd.DataFrame:
    """The accounts as 用户与权限 lists them."""
    return pd.DataFrame(
        {
            **_who(entries, organisations, lang),
            t("accounts.col.state", lang): [
                t(f"accounts.state.{'enabled' if e.enabled else 'disabled'}", lang) for e in entries
            ],
            t("accounts.col.source", lang): [
                t(f"accounts.source.{e.source}", lang) for e in entries
            ],
        }
    )


def taken(name: str) -> bool:
    return find(login.settings(), login.ledger(), name) is not None


def valid_name(name: str) -> bool:
    return bool(USER_NAME.fullmatch(name))


def _issue(entry: UserEntry, password: str) -> None:
    st.session_state.setdefault(_ISSUED, []).append(Issued(entry.name, entry.display, password))


def issued() -> list[Issued]:
    """The one-time passwords made since they were last shown (then forgotten)."""
    return st.session_state.pop(_ISSUED, [])


def _by() -> str:
    ctx = context.current()
    return ctx.login if ctx is not None else ""


def add(name: str, display: str, role: str, scope: tuple[str, ...]) -> None:
    entry, password = new_account(name, display, role, scope)
    login.ledger().put([entry], by=_by())
    audit.note("account", "accounts", " ".join(scope), f"add|{name}|{role}")
    _issue(entry, password)


def change(name: str, role: str, scope: tuple[str, ...], enabled: bool) -> None:
    """Change a stored account's role, scope or state: effective on its next run, in every
    session and process (``app.login`` looks it up on every run)."""
    led = login.ledger()
    entry = led.account(name)
    if entry is None:
        return
    led.put([replace(entry, role=role, scope=scope, enabled=enabled)], by=_by())
    if entry.enabled and not enabled:  # its sign-ins end, even if it is enabled again
        led.end_all(name)
    state = "enabled" if enabled else "disabled"
    audit.note("account", "accounts", " ".join(scope), f"change|{name}|{role}|{state}")


def reset_password(name: str) -> None:
    led = login.ledger()
    entry = led.account(name)
    if entry is None:
        return
    changed, password = reset(entry)
    led.put([changed], by=_by())
    audit.note("account", "accounts", "", f"reset|{name}")
    _issue(changed, password)


def check_sheet(
    data: bytes, file: str, folder: str, version: str
) -> tuple[list[AccountRow], Report]:
    """The accounts sheet's rows, or its problems (``ingest.accounts``), against the
    organisations of the version shown."""
    branches = cached.load(folder, version).tables["branches"]
    return read_accounts(data, file, branches, set(login.settings().users))


def import_rows(rows: Sequence[AccountRow], file: str) -> None:
    """Make (or replace) the sheet's accounts, all at once, each with a one-time password."""
    made = [new_account(r.name, r.display, r.role, r.scope) for r in rows]
    login.ledger().put([entry for entry, _ in made], by=_by())
    audit.note("account", "accounts", file, f"import|{len(made)}")
    for entry, password in made:
        _issue(entry, password)


def issued_table(items: Sequence[Issued], lang: str) -> pd.DataFrame:
    """The one-time passwords just made, to hand to their owners."""
    return pd.DataFrame(
        {
            t("accounts.col.name", lang): [i.name for i in items],
            t("accounts.col.display", lang): [i.display for i in items],
            t("accounts.col.password", lang): [i.password for i in items],
        }
    )


def issued_xlsx(items: Sequence[Issued], lang: str) -> bytes:
    return to_xlsx_bytes(issued_table(items, lang), sheet=t("accounts.issued", lang))


def _fate(name: str, lang: str) -> str:
    """What importing an account called ``name`` does: a new one, or replaces one."""
    return t(N_("accounts.replaced") if taken(name) else N_("accounts.new"), lang)


def rows_table(
    rows: Sequence[AccountRow], organisations: Mapping[str, str], lang: str
) -> pd.DataFrame:
    """The accounts a sheet would make, as the list shows accounts."""
    return pd.DataFrame(
        {
            t("accounts.col.row", lang): [r.row for r in rows],
            **_who(rows, organisations, lang),
            t("accounts.col.new", lang): [_fate(r.name, lang) for r in rows],
        }
    )


def template_xlsx() -> bytes:
    """The accounts sheet's template: its headers and one example row."""
    frame = pd.DataFrame(
        [["cuiyi_secretary", "翠颐社区党委书记", "编辑", "B0010001"]],
        columns=[HEADERS[c][0] for c in ("name", "display", "role", "scope")],
    )
    return to_xlsx_bytes(frame, sheet="用户")


# -- the audit trail ------------------------------------------------------------------------


def trail(ledger: Ledger | None = None) -> pd.DataFrame:
    """The audit trail, newest first, its times in the configured zone (北京时间)."""
    rows = (ledger or login.ledger()).trail()
    frame = pd.DataFrame(
        rows,
        columns=["id", "at", "who", "scope", "address", "action", "page", "organisation", "detail"],
    )
    at = pd.to_datetime(frame["at"], utc=True, format="ISO8601")
    return frame.assign(at=at.dt.tz_convert(time_zone()).dt.tz_localize(None))


def filtered(
    frame: pd.DataFrame,
    who: Sequence[str],
    actions: Sequence[str],
    organisation: str,
    days: tuple[dt.date, dt.date] | None,
) -> pd.DataFrame:
    """The entries by ``who`` (all when empty), of ``actions`` (all when empty), whose
    organisation or file contains ``organisation``, on ``days`` (first and last, Beijing
    time; all when None)."""
    keep = pd.Series(True, index=frame.index)
    if who:
        keep &= frame["who"].isin(who)
    if actions:
        keep &= frame["action"].isin(actions)
    if organisation.strip():
        keep &= frame["organisation"].str.contains(organisation.strip(), regex=False)
    if days is not None:
        first, last = pd.Timestamp(days[0]), pd.Timestamp(days[1]) + pd.Timedelta(days=1)
        keep &= (frame["at"] >= first) & (frame["at"] < last)
    return frame[keep]


# what an entry's detail says, by its first word (``kind|argument|…``): the words' fields
DETAILS = {
    "ended": ("reason",),
    "problems": ("n",),
    "resumed": (),
    "add": ("name", "role"),
    "change": ("name", "role", "state"),
    "reset": ("name",),
    "import": ("n",),
    "version": ("version",),
}


def detail_words(detail: str, lang: str) -> str:
    """An entry's detail in words (``audit.detail.<kind>``); a file name as it is."""
    kind, *args = detail.split("|")
    if kind not in DETAILS or len(args) != len(DETAILS[kind]):
        return detail
    fields = dict(zip(DETAILS[kind], args, strict=True))
    if "reason" in fields:  # a catalogue key (``app.login._why_not``)
        fields["reason"] = t(fields["reason"], lang)
    if "role" in fields:
        fields["role"] = t(f"role.{fields['role']}", lang)
    if "state" in fields:
        fields["state"] = t(f"accounts.state.{fields['state']}", lang)
    return t(f"audit.detail.{kind}", lang, **fields)


NOT_SIGNED_IN = frozenset({"sign_in_failed", "locked_out"})  # no account, so no scope


def _page(name: str, lang: str) -> str:
    if name == "login":
        return t("login.title", lang)
    return t(f"page.{name}", lang) if name in NAMES else name


def trail_table(frame: pd.DataFrame, organisations: Mapping[str, str], lang: str) -> pd.DataFrame:
    """The audit trail as 查询留痕 shows and exports it, scopes by the organisations' names
    (``organisations``: 组织编号 → full name)."""
    action = frame["action"].map(lambda a: t(f"audit.action.{a}", lang) if a in ACTIONS else a)
    return pd.DataFrame(
        {
            t("audit.col.at", lang): frame["at"].dt.strftime("%Y-%m-%d %H:%M:%S"),
            t("audit.col.who", lang): frame["who"].replace("", t("audit.unknown_user", lang)),
            t("audit.col.scope", lang): [
                "—"
                if action in NOT_SIGNED_IN
                else names_of(ids.split(), organisations) or t("scope.all", lang)
                for ids, action in zip(frame["scope"], frame["action"], strict=True)
            ],
            t("audit.col.address", lang): frame["address"],
            t("audit.col.action", lang): action,
            t("audit.col.page", lang): frame["page"].map(lambda p: _page(p, lang)),
            t("audit.col.organisation", lang): frame["organisation"],
            t("audit.col.detail", lang): frame["detail"].map(lambda d: detail_words(d, lang)),
        }
    )
