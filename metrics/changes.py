"""What an import would change: the new dataset against the current one."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from domain.definitions import as_of_date, is_active


def changes(old: Mapping[str, pd.DataFrame], new: Mapping[str, pd.DataFrame]) -> dict[str, int]:
    """members_added / members_removed (member_id in one and not the other),
    branches_added / branches_removed (branch_id likewise), active_before (active members
    on the current data's latest date) and active_after (on the new data's latest date),
    and the rows of each dataset before and after (rows_before_X, rows_after_X)."""

    def ids(tables: Mapping[str, pd.DataFrame], name: str, column: str) -> set:
        return set(tables[name][column].dropna()) if name in tables else set()

    out: dict[str, int] = {}
    for name, column in (("members", "member_id"), ("branches", "branch_id")):
        before, after = ids(old, name, column), ids(new, name, column)
        out[f"{name}_added"] = len(after - before)
        out[f"{name}_removed"] = len(before - after)
    for label, tables in (("before", old), ("after", new)):
        m = tables["members"]
        out[f"active_{label}"] = int(is_active(m, as_of_date(tables)).sum())
    for name in sorted(set(old) | set(new)):
        out[f"rows_before_{name}"] = len(old[name]) if name in old else 0
        out[f"rows_after_{name}"] = len(new[name]) if name in new else 0
    return out
