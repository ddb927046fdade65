"""References between datasets: organisation names resolved to ids, every 组织编号 and
党员编号 naming a record that exists, and the records a partial update carries forward
checked against the new files."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from domain.contract import (
    DATASETS,
)
from ingest.labels import (
    fold,
)
from ingest.problems import problem
from ingest.records import check_unique_key
from ingest.typed import Found, Typed

_PARTY_PREFIXES = ("中国共产党", "中共")


def _name_keys(name: str) -> tuple[str, str]:
    """An organisation's name as matched: folded (see ``fold``), and folded without a
    leading 中共 or 中国共产党 (a roster may write either)."""
    folded = fold(name)
    for prefix in _PARTY_PREFIXES:
        if folded.startswith(prefix):
            return folded, folded[len(prefix) :]
    return folded, folded


def branch_name_index(branches: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Each organisation name key (see ``_name_keys``) → the branch_ids of that name."""
    index: dict[str, set[str]] = {}
    for branch_id, name in zip(branches["branch_id"], branches["name"], strict=True):
        if isinstance(name, str) and isinstance(branch_id, str):
            for key in set(_name_keys(name)):
                index.setdefault(key, set()).add(branch_id)
    return {key: tuple(sorted(ids)) for key, ids in index.items()}


def resolve_names(t: Typed, branches: pd.DataFrame) -> list[Found]:
    """Fill each id column from the full name standing for it (Field.resolves) where the id
    is blank: a name matching no organisation, or several, is an error at its row."""
    if not t.names:
        return []
    index = branch_name_index(branches)
    out: list[Found] = []
    for name_field, names in t.names.items():
        target = t.dataset.field(name_field).resolves
        assert target is not None
        ids = t.frame[target]
        wanted = ids.isna() & names.notna()
        found = {
            name: index.get(_name_keys(name)[0]) or index.get(_name_keys(name)[1]) or ()
            for name in pd.unique(names[wanted])
        }
        matches = names.where(wanted).map(found)
        count = matches.map(lambda m: len(m) if isinstance(m, tuple) else 0)
        unique = wanted & count.eq(1)
        first = matches.map(lambda m: m[0] if isinstance(m, tuple) and m else None)
        t.frame[target] = ids.where(~unique, first)
        t.frame[target] = t.frame[target].astype(ids.dtype)
        if target == "parent_id":  # the top organisation's parent is outside the list
            out += t.problems(
                "ref.parent_outside", name_field, (wanted & count.eq(0)), severity="warning"
            )
        else:
            out += t.problems("ref.unknown_branch_name", name_field, (wanted & count.eq(0)))
        several = wanted & count.gt(1)
        out += t.problems(
            "ref.ambiguous_branch_name",
            name_field,
            several,
            n=count.astype(str),
            ids=matches.map(lambda m: "、".join(m) if isinstance(m, tuple) else ""),
        )
    t.names = {}
    return out


def _table_of(
    name: str,
    typed: dict[str, Typed],
    carried: Mapping[str, pd.DataFrame],
    beside: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame | None:
    """The dataset's table: the new file's (with the rows kept ``beside`` it, in an update
    of part of the sub-district), else the one carried from the current version."""
    if name in typed:
        frame = typed[name].frame
        kept = (beside or {}).get(name)
        return frame if kept is None or not len(kept) else pd.concat([kept, frame])
    return carried.get(name)


def check_references(
    typed: dict[str, Typed],
    carried: Mapping[str, pd.DataFrame] | None = None,
    beside: Mapping[str, pd.DataFrame] | None = None,
) -> list[Found]:
    """Names resolved to ids (``resolve_names``), then every column with ``ref`` must name a
    branch_id present in branches. ``carried`` holds the tables a partial update keeps from
    the current version: they lend their branches to the new files and are checked
    against new branches in turn (``check_carried``). ``beside``: in an update of part of
    the sub-district, the current rows outside that part of each uploaded dataset, which
    stand beside the new files (``ingest.within``) and are checked like carried ones."""
    carried = carried or {}
    beside = beside or {}
    branches = _table_of("branches", typed, carried, beside)
    if branches is None:
        return []
    out: list[Found] = []
    ordered = sorted(typed.items(), key=lambda item: item[0] != "branches")  # branches first
    for _, t in ordered:
        out += resolve_names(t, branches)
    for t in typed.values():
        if t.dataset.record_key:
            out += check_unique_key(t)
    known = set(branches["branch_id"].dropna())
    for t in typed.values():
        out += _check_branch_refs(t, known)
    kept = {**carried, **{name: frame for name, frame in beside.items() if name != "branches"}}
    if "branches" in typed:
        out += check_carried(kept, known)
    return out + check_member_links(typed, kept, beside)


def _check_branch_refs(t: Typed, known: set[str]) -> list[Found]:
    """An error for each value of a column with ``ref="branches"`` that names no branch_id
    of ``known``."""
    out: list[Found] = []
    for f in t.dataset.fields:
        if f.ref == "branches" and f.name in t.frame:
            values = t.frame[f.name]
            unknown = (values.notna() & ~values.isin(known)).to_numpy(dtype=bool)
            out += t.problems("ref.unknown_branch", f.name, unknown)
    return out


def check_member_links(
    typed: dict[str, Typed],
    carried: Mapping[str, pd.DataFrame] | None = None,
    beside: Mapping[str, pd.DataFrame] | None = None,
) -> list[Found]:
    """Every column with ``ref="members"`` must name a member_id of the members table (new or
    carried, with the rows kept ``beside`` it); a warning where that member's 入党日期 is
    not the ledger's 接收预备党员日期."""
    members = _table_of("members", typed, carried or {}, beside)
    if members is None:
        return []
    joined = pd.Series(members["joined_on"].to_numpy(), index=members["member_id"].to_numpy())
    joined = joined[~joined.index.duplicated()]
    out: list[Found] = []
    for t in typed.values():
        for f in t.dataset.fields:
            if f.ref != "members" or f.name not in t.frame:
                continue
            values = t.frame[f.name]
            known = values.isin(joined.index)
            out += t.problems(
                "ref.unknown_member", f.name, (values.notna() & ~known).to_numpy(dtype=bool)
            )
            if "admitted_on" in t.frame:
                theirs = pd.Series(
                    joined.reindex(values.where(known)).to_numpy(), index=values.index
                )
                differs = (known & theirs.ne(t.frame["admitted_on"])).fillna(False)
                out += t.problems(
                    "ref.member_joined_differs",
                    "admitted_on",
                    differs.to_numpy(dtype=bool),
                    severity="warning",
                    joined=theirs,
                    member=values,
                )
    if "members" in typed:
        out += _check_carried_member_links(carried or {}, set(joined.index))
    return out


def _check_carried_member_links(
    carried: Mapping[str, pd.DataFrame], known: set[str]
) -> list[Found]:
    """Records of the carried-forward tables whose ``ref="members"`` column names a member the
    new members table no longer holds (``carried_unknown``)."""
    return carried_unknown(carried, "members", known, "ref.carried_unknown_member")


CARRIED_FILE = "（沿用）{dataset}"


def check_carried(carried: Mapping[str, pd.DataFrame], known: set[str]) -> list[Found]:
    """Records of the carried-forward tables whose organisation the new branches table no
    longer holds (``carried_unknown``)."""
    kept = {name: frame for name, frame in carried.items() if name != "branches"}
    return carried_unknown(kept, "branches", known, "ref.carried_unknown_branch")


def carried_unknown(
    carried: Mapping[str, pd.DataFrame], ref: str, known: set[str], code: str
) -> list[Found]:
    """An error ``code`` for each record of the carried-forward tables whose ``ref`` column
    (a column with ``Field.ref == ref``) names a value not in ``known``, naming the record by
    its key (a stored table has no rows to point at)."""
    out: list[Found] = []
    for name, frame in carried.items():
        d = DATASETS[name]
        keys = [k for k in d.key_fields if k.name in frame]
        for f in d.fields:
            if f.ref != ref or f.name not in frame:
                continue
            values = frame[f.name]
            unknown = np.flatnonzero((values.notna() & ~values.isin(known)).to_numpy(dtype=bool))
            out += [
                problem(
                    code,
                    CARRIED_FILE.format(dataset=d.zh),
                    column=f.zh,
                    value=str(values.iat[i]),
                    record="，".join(f"{k.zh} {frame[k.name].iat[i]}" for k in keys),
                    dataset=d.zh,
                    dataset_en=name,
                )
                for i in unknown
            ]
    return out
