"""An update of one part of the sub-district: the files of an account whose scope is some
organisations replace only the records of those organisations (and of everything under
them), and the current version's other records are kept beside them.

What belongs to the scope is ``metrics.scope``'s rule, on the current version: an
organisation in the scope's subtree; a record of such an organisation (by ``branch_id``); a
两新组织 unit covered by one, or in a community whose 社区党委 is one. The uploaded files may
also bring organisations new to the scope: an organisation whose parent is in the scope (or
is itself new to it) is inside.

Every row naming something outside the scope is an error at that row; so is a 党员编号 the
current version holds under an organisation outside the scope (a move between parts of the
sub-district is made by an account whose scope holds both), and any other record id the
outside records already use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from domain.contract import DATASETS
from domain.scope import community_committees, subtree, units_of
from ingest.problems import problem
from ingest.typed import Found, Typed

UNITS = "units"


def rows_inside(
    name: str, table: pd.DataFrame, ids: frozenset[str], branches: pd.DataFrame
) -> np.ndarray:
    """Which rows of dataset ``name`` belong to the organisations ``ids``."""
    if name == UNITS:
        return units_of(table, ids, branches)
    return table["branch_id"].isin(ids).to_numpy(dtype=bool)


@dataclass
class Within:
    """The part of the sub-district an update is of: the organisations ``roots`` (组织编号)
    with everything under them in the ``current`` version's tables."""

    roots: tuple[str, ...]
    current: Mapping[str, pd.DataFrame]
    _outside: dict[str, pd.DataFrame] = field(default_factory=dict)

    @cached_property
    def ids(self) -> frozenset[str]:
        """The scope's organisations in the current version."""
        return subtree(self.current["branches"], self.roots)

    def outside(self, name: str) -> pd.DataFrame:
        """The current version's rows of dataset ``name`` that are not the scope's: kept."""
        if name not in self._outside:
            table = self.current[name]
            keep = ~rows_inside(name, table, self.ids, self.current["branches"])
            self._outside[name] = table[keep]
        return self._outside[name]

    def beside(self, names: list[str]) -> dict[str, pd.DataFrame]:
        """The kept rows of each of ``names`` the current version has."""
        return {name: self.outside(name) for name in names if name in self.current}

    def merged(self, name: str, uploaded: pd.DataFrame) -> pd.DataFrame:
        """Dataset ``name`` after the update: the kept rows, then the uploaded ones."""
        if name not in self.current:
            return uploaded
        kept = self.outside(name)
        return pd.concat([kept, uploaded], ignore_index=True) if len(kept) else uploaded

    def scope_rows(self, name: str) -> int:
        """The scope's rows of dataset ``name`` in the current version."""
        if name not in self.current:
            return 0
        return len(self.current[name]) - len(self.outside(name))


def _inside_ids(typed: dict[str, Typed], within: Within) -> frozenset[str]:
    """The scope's organisations after the update: those of the current version, or, when
    branches are uploaded, the uploaded ones under the roots (new ones included)."""
    if "branches" not in typed:
        return within.ids
    frame = typed["branches"].frame
    return subtree(frame, within.roots)


def _names(within: Within) -> pd.Series:
    b = within.current["branches"]
    return pd.Series(b["name"].astype(str).to_numpy(), index=b["branch_id"].astype(str).to_numpy())


def check_within(typed: dict[str, Typed], within: Within) -> list[Found]:
    """Every uploaded row outside the scope, every record id held outside it, and a
    branches file without the scope's own organisations (see the module's note)."""
    inside = _inside_ids(typed, within)
    scope = "、".join(within.roots)
    out: list[Found] = []
    if "branches" in typed:
        t = typed["branches"]
        out += _missing_roots(t, within)
        outside = ~t.frame["branch_id"].isin(inside).to_numpy(dtype=bool)
        out += t.problems("scope.outside_row", "branch_id", outside, scope=scope)
    union = _union_branches(typed, within)
    for name, t in typed.items():
        if name == "branches":
            continue
        if name == UNITS:
            outside = ~units_of(t.frame, inside, union)
            out += t.problems("scope.outside_row", "branch_id", outside, scope=scope)
        elif "branch_id" in t.frame:
            outside = t.frame["branch_id"].notna() & ~t.frame["branch_id"].isin(inside)
            out += t.problems(
                "scope.outside_row", "branch_id", outside.to_numpy(dtype=bool), scope=scope
            )
        out += _held_elsewhere(name, t, within)
    return out + _committees_kept(typed, within)


def _missing_roots(t: Typed, within: Within) -> list[Found]:
    present = set(t.frame["branch_id"])
    names = _names(within)
    return [
        problem("scope.root_missing", t.file, value=root, name=names.get(root, root))
        for root in within.roots
        if root not in present
    ]


def _union_branches(typed: dict[str, Typed], within: Within) -> pd.DataFrame:
    if "branches" not in typed:
        return within.current["branches"]
    return pd.concat([within.outside("branches"), typed["branches"].frame], ignore_index=True)


def _held_elsewhere(name: str, t: Typed, within: Within) -> list[Found]:
    """Uploaded record ids that the kept (outside) records of the same dataset use. The
    message never names the organisation holding one: a part sees nothing outside it."""
    d = DATASETS[name]
    if d.id_field is None or name not in within.current:
        return []
    column = d.id_field.name
    kept = within.outside(name)
    if column not in kept or column not in t.frame:
        return []
    held = t.frame[column].isin(kept[column]).to_numpy(dtype=bool)
    code = "scope.member_elsewhere" if name == "members" else "scope.id_elsewhere"
    return t.problems(code, column, held)


def _committees_kept(typed: dict[str, Typed], within: Within) -> list[Found]:
    """An uploaded organisation that would become, or stop being, a community's 社区党委
    where that committee (before or after) is outside the scope or there is none: the
    两新组织 of that community would change hands (``domain.scope``)."""
    if "branches" not in typed:
        return []
    t = typed["branches"]
    before = community_committees(within.current["branches"])
    after = community_committees(_union_branches(typed, within))
    ids = set(within.ids) | set(_inside_ids(typed, within))
    changed = {  # a community without a committee before or after is nobody's to give
        c
        for c in set(before.index) | set(after.index)
        if before.get(c) != after.get(c) and not {before.get(c), after.get(c)} <= ids
    }
    if not changed:
        return []
    rows = t.frame["community"].isin(changed) & (t.frame["branch_id"].isin(set(after)))
    if not rows.any():  # the committee removed: name the file
        return [problem("scope.committee", t.file, value="、".join(sorted(changed)))]
    return t.problems("scope.committee", "community", rows.to_numpy(dtype=bool))


def scope_members(within: Within, typed: dict[str, Typed]) -> pd.DataFrame | None:
    """The members a part's records may name (``ref="members"``): its uploaded members, or
    the current version's members of its organisations. Members outside it are not there,
    so naming one is the same error as naming no one."""
    if "members" in typed:
        return typed["members"].frame
    if "members" not in within.current:
        return None
    members = within.current["members"]
    return members[members["branch_id"].isin(within.ids)]
