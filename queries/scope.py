"""The scope a view is restricted to (sectors and communities), and the tables grouped by
organisation once per version so that a scope is a few slices (``metrics.scope``)."""

from __future__ import annotations

import numpy as np

from metrics.scope import Grouped, Scope, branch_mask, grouped, restrict

__all__ = ["Grouped", "Scope", "chosen", "grouped", "restrict"]


def chosen(g: Grouped, scope: Scope) -> np.ndarray | None:
    """One bool per organisation rank (see ``metrics.scope.Grouped``): in the scope or not;
    None for no restriction. For sums over counts made once per organisation."""
    if scope.is_everything:
        return None
    return branch_mask(g.tables["branches"], scope).to_numpy(dtype=bool)
