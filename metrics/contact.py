"""Members out of reach: 失联党员 (lost contact) and 流动党员 (floating), by sector."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from domain.contract import SECTORS
from domain.definitions import is_active, is_floating, is_lost_contact
from metrics.compare import count_by, group_of


def contact_by_sector(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp) -> pd.DataFrame:
    """Per sector with active members on day D (contract order): active members,
    lost_contact (失联党员 among them) and floating (流动党员 among them), as counts.
    Members count in the sector of the organisation holding their 组织关系
    (``metrics.compare.group_of``), as in ``queries.overview.essentials``."""
    members = tables["members"]
    sector_of = group_of(tables["branches"], "sector")
    active = is_active(members, on)
    columns = {
        "active": active,
        "lost_contact": active & is_lost_contact(members, on),
        "floating": active & is_floating(members),
    }
    out = pd.DataFrame(
        {
            name: count_by(members.loc[mask, "branch_id"], sector_of)
            .reindex(list(SECTORS), fill_value=0)
            .astype(int)
            for name, mask in columns.items()
        }
    )
    out.index.name = "sector"
    return out[out["active"] > 0]


def contact_totals(by_sector: pd.DataFrame) -> dict[str, int]:
    """{"lost_contact", "floating"}: the sums of ``contact_by_sector``."""
    return {name: int(by_sector[name].sum()) for name in ("lost_contact", "floating")}
