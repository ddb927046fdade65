"""The scope a view is restricted to (sectors, communities, the organisations of an
account), and the tables grouped by organisation once per version so that a scope is a few
slices (``metrics.scope``)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from metrics.scope import Grouped, Scope, branch_mask, grouped, restrict, subtree

__all__ = ["EVERYTHING", "Grouped", "Scope", "chosen", "grouped", "narrowed", "restrict", "within"]

EVERYTHING = Scope()  # no restriction


def chosen(g: Grouped, scope: Scope) -> np.ndarray | None:
    """One bool per organisation rank (see ``metrics.scope.Grouped``): in the scope or not;
    None for no restriction. For sums over counts made once per organisation."""
    if scope.is_everything:
        return None
    return branch_mask(g.tables["branches"], scope).to_numpy(dtype=bool)


def within(branches: pd.DataFrame, roots: tuple[str, ...]) -> tuple[Scope, tuple[str, ...]]:
    """The scope of an account that may see the organisations ``roots`` (组织编号), each
    with every organisation under it, dissolved ones included; and the roots ``branches``
    does not hold. No roots: the whole sub-district."""
    if not roots:
        return Scope(), ()
    names = branches.set_index("branch_id")["name"]
    known = tuple(r for r in roots if r in names.index)
    missing = tuple(r for r in roots if r not in names.index)
    ids = subtree(branches, known)
    # an account whose organisations are all gone sees nothing, never everything
    return Scope(branch_ids=ids or ("",), names=tuple(str(names[r]) for r in known)), missing


def narrowed(account: Scope, sectors: tuple[str, ...], communities: tuple[str, ...]) -> Scope:
    """The sidebar's sectors and communities within an account's scope."""
    return replace(account, sectors=sectors, communities=communities)
