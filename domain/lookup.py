"""Membership of one column's values in a set of values, at the speed of a hash table.

pandas 3's ``Series.isin`` on Arrow-backed strings turns every value of the set into a
Python object first: 0.23 s for a set of 50,000 organisation ids (a city's), where a hash
index takes 0.01 s. The answers are the same, missing values included (a missing value is
in a set that holds one).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


def is_in(values: pd.Series, among: pd.Series | pd.Index | Iterable[object]) -> pd.Series:
    """Whether each of ``values`` is one of ``among``: ``values.isin(among)``."""
    given = among if isinstance(among, pd.Series | pd.Index) else pd.Series(list(among))
    found = pd.Index(pd.unique(given)).get_indexer(values) >= 0
    return pd.Series(found, index=values.index, name=values.name)
