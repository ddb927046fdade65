"""报送情况: which organisation has updated its own data, and when.

The organisations listed: every one an account is scoped to (the store's accounts, those of
``secrets.toml`` and single sign-on's ``[access.scopes]``), and every top-level 党委. For
each, and each dataset, the latest version whose files brought that dataset for it: an
update of a part holding the organisation (``Version.scope``), or an import of the whole
sub-district. An organisation is marked when no update of a part holding it was made this
month (北京时间).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from access.accounts import listing
from app import login
from domain.clock import local_time, now
from domain.contract import DATASETS
from domain.scope import subtree
from i18n import N_, t
from ingest.store import Store, Version, store_dir


@dataclass(frozen=True)
class Update:
    """The last update of one dataset for one organisation."""

    version: str
    when: str  # 北京时间, "YYYY-MM-DD HH:MM"
    by: str


def organisations_listed(branches: pd.DataFrame, account_roots: Iterable[str]) -> list[str]:
    """The organisations an account is scoped to, then the top-level 党委 not among them,
    each once, in branch_id order within each group."""
    ids = set(branches["branch_id"].astype(str))
    scoped = sorted({r for r in account_roots if r in ids})
    top = branches[branches["parent_id"].isna() & (branches["org_type"] == "党委")]
    others = sorted(set(top["branch_id"].astype(str)) - set(scoped))
    return scoped + others


def _covers(version: Version, organisation: str, branches: pd.DataFrame) -> bool:
    return not version.scope or organisation in subtree(branches, version.scope)


def last_updates(
    versions: Sequence[Version], organisation: str, branches: pd.DataFrame
) -> dict[str, Update]:
    """dataset → the latest version whose files brought it for ``organisation``."""
    out: dict[str, Update] = {}
    for v in versions:  # oldest first: a later one replaces
        if _covers(v, organisation, branches):
            for name in v.uploaded or v.rows:
                out[name] = Update(v.id, local_time(v.created)[:16], v.by)
    return out


def reported_this_month(
    versions: Sequence[Version], organisation: str, branches: pd.DataFrame, today: pd.Timestamp
) -> bool:
    """An update of a part holding ``organisation`` was made in today's month."""
    month = today.strftime("%Y-%m")
    return any(
        v.scope and _covers(v, organisation, branches) and local_time(v.created)[:7] == month
        for v in versions
    )


def table(
    versions: Sequence[Version],
    branches: pd.DataFrame,
    account_roots: Iterable[str],
    lang: str,
    today: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """The 报送情况 table: organisation, this month's report, and per dataset the last
    update (when · version · by)."""
    today = now() if today is None else today
    names = dict(zip(branches["branch_id"].astype(str), branches["name"].astype(str), strict=True))
    datasets = [n for n in DATASETS if any(n in v.rows for v in versions)]
    rows = []
    for org in organisations_listed(branches, account_roots):
        updates = last_updates(versions, org, branches)
        done = reported_this_month(versions, org, branches, today)
        row = {
            t("reporting.col.organisation", lang): f"{names.get(org, org)} · {org}",
            t("reporting.col.month", lang): t(
                N_("reporting.done") if done else N_("reporting.missing"), lang
            ),
        }
        for name in datasets:
            u = updates.get(name)
            row[t(f"dataset_name.{name}", lang)] = f"{u.when} · {u.version} · {u.by}" if u else "—"
        rows.append(row)
    return pd.DataFrame(rows)


def versions() -> list[Version]:
    return Store(store_dir()).versions()


def account_roots() -> list[str]:
    """The organisations every account is scoped to: the store's, the settings' and single
    sign-on's."""
    config = login.settings()
    roots = [r for entry in listing(config, login.ledger()) for r in entry.scope]
    return roots + [r for scope in config.scopes_by_email.values() for r in scope]
