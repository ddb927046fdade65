"""报送情况: which organisation has updated its own data, and when.

The organisations listed: every one an account is scoped to, and every top-level 党委. For
each, and each dataset, the latest version whose files brought that dataset for it: an
update of a part holding the organisation (``Version.scope``, ``domain.scope.subtree``), or
an import of the whole sub-district. An organisation has reported this month when an update
of a part holding it was made in today's month (北京时间, ``domain.clock``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from domain.clock import local_time
from domain.contract import DATASETS
from domain.scope import subtree
from ingest.store import Version


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


def reporting(
    versions: Sequence[Version],
    branches: pd.DataFrame,
    account_roots: Iterable[str],
    today: pd.Timestamp,
) -> pd.DataFrame:
    """One row per organisation listed: branch_id, name, reported (this month), and per
    dataset any version holds its last update (an ``Update``, or None)."""
    names = dict(zip(branches["branch_id"].astype(str), branches["name"].astype(str), strict=True))
    datasets = [n for n in DATASETS if any(n in v.rows for v in versions)]
    rows = []
    for org in organisations_listed(branches, account_roots):
        updates = last_updates(versions, org, branches)
        rows.append(
            {
                "branch_id": org,
                "name": names.get(org, org),
                "reported": reported_this_month(versions, org, branches, today),
                **{name: updates.get(name) for name in datasets},
            }
        )
    frame = pd.DataFrame(rows, columns=["branch_id", "name", "reported", *datasets])
    return frame.astype({"reported": bool})
