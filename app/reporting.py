"""报送情况 as the page shows it: the store's versions and every account's organisations
gathered, ``queries.reporting`` of them, in words."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from access.accounts import listing
from app import login
from domain.clock import now
from i18n import N_, t
from ingest.store import Version
from ingest.stores import open_store
from queries.reporting import reporting


def words(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``queries.reporting.reporting``'s rows as the page lists them: organisation, this
    month's report, and per dataset its last update (when · version · by)."""
    out = pd.DataFrame(
        {
            t("reporting.col.organisation", lang): frame["name"] + " · " + frame["branch_id"],
            t("reporting.col.month", lang): [
                t(N_("reporting.done") if done else N_("reporting.missing"), lang)
                for done in frame["reported"]
            ],
        }
    )
    for name in frame.columns[3:]:
        out[t(f"dataset_name.{name}", lang)] = [
            f"{u.when} · {u.version} · {u.by}" if u is not None else "—" for u in frame[name]
        ]
    return out


def table(
    versions: Sequence[Version],
    branches: pd.DataFrame,
    account_roots: Iterable[str],
    lang: str,
    today: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """The 报送情况 table in words, as of ``today`` (default: now, 北京时间)."""
    today = now() if today is None else today
    return words(reporting(versions, branches, account_roots, today), lang)


def status(
    versions: Sequence[Version], branches: pd.DataFrame, account_roots: Iterable[str]
) -> pd.DataFrame:
    """``queries.reporting.reporting`` as of now (北京时间)."""
    return reporting(versions, branches, account_roots, now())


def versions() -> list[Version]:
    return open_store().versions()


def account_roots() -> list[str]:
    """The organisations every account is scoped to: the store's, the settings' and single
    sign-on's."""
    config = login.settings()
    roots = [r for entry in listing(config, login.ledger()) for r in entry.scope]
    return roots + [r for scope in config.scopes_by_email.values() for r in scope]
