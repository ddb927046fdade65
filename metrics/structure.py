"""The structure of the active membership on a day: counts by category and key shares."""

from __future__ import annotations

import numpy as np
import pandas as pd

from domain.definitions import (
    DIMENSIONS,
    ETHNICITY_GROUPS,
    UNRECORDED,
    age_band,
    age_on,
    is_active,
    is_college_or_above,
    is_minority,
    is_probationary,
    party_standing_band,
)


def active_members(members: pd.DataFrame, on: pd.Timestamp) -> pd.DataFrame:
    """The rows of members active on D."""
    return members[is_active(members, on)]


def categorise(active: pd.DataFrame, dimension: str, on: pd.Timestamp) -> pd.Series:
    """Each active member's category in one dimension (labels as in DIMENSIONS; a
    categorical where the column is one, so that counting it needs no Python strings)."""
    if dimension == "age_band":
        return age_band(age_on(active["birth_date"], on))
    if dimension == "party_standing":
        return party_standing_band(active["full_on"], on)
    if dimension == "ethnicity":
        minority = is_minority(active["ethnicity"]).to_numpy(dtype=bool)
        blank = active["ethnicity"].isna().to_numpy(dtype=bool)
        codes = np.where(minority, 1, np.where(blank, 2, 0))  # ETHNICITY_GROUPS' order
        labels = pd.Categorical.from_codes(codes, categories=list(ETHNICITY_GROUPS))
        return pd.Series(labels, index=active.index)
    values = active[dimension]
    if isinstance(values.dtype, pd.CategoricalDtype):
        if UNRECORDED not in values.cat.categories:
            values = values.cat.add_categories([UNRECORDED])
        return values.fillna(UNRECORDED)
    values = values.astype(object)
    return values.where(values.notna(), UNRECORDED)


# The columns each dimension is read from (the rest need not be copied to count it).
SOURCES = {
    "gender": ["gender"],
    "age_band": ["birth_date"],
    "party_standing": ["full_on"],
    "education": ["education"],
    "occupation": ["occupation"],
    "ethnicity": ["ethnicity"],
}


def structure(members: pd.DataFrame, on: pd.Timestamp, dimension: str) -> pd.Series:
    """Active members on D by category, every category listed (zeros included), in order.

    An UNRECORDED category is dropped when it is zero.
    """
    active = members.loc[is_active(members, on), SOURCES[dimension]]
    counts = categorise(active, dimension, on).value_counts()
    counts.index = counts.index.astype(object)
    out = counts.reindex(list(DIMENSIONS[dimension]), fill_value=0).astype(int)
    if UNRECORDED in out.index and out[UNRECORDED] == 0:
        out = out.drop(UNRECORDED)
    return out.rename_axis(dimension).rename("members")


def structure_by_organisation(
    members: pd.DataFrame, ranks: np.ndarray, organisations: int, on: pd.Timestamp, dimension: str
) -> np.ndarray:
    """``structure`` counted per organisation: active members on D, one row per organisation
    rank (``ranks``: each member row's, as in ``metrics.scope.Grouped``; rows 0 to
    organisations − 1, then one for members of no listed organisation), one column per
    category of DIMENSIONS[dimension], in order. Made once per day and dimension, so that
    ``structure_within`` for any filter is a sum over organisations."""
    active = is_active(members, on).to_numpy(dtype=bool)
    labels = list(DIMENSIONS[dimension])
    picked = members.loc[active, SOURCES[dimension]]
    codes = _codes(categorise(picked, dimension, on), labels)
    known = codes >= 0
    cell = ranks[active][known].astype(np.int64) * len(labels) + codes[known]
    flat = np.bincount(cell, minlength=(organisations + 1) * len(labels))
    return flat.reshape(organisations + 1, len(labels))


def _codes(values: pd.Series, labels: list[str]) -> np.ndarray:
    """Each value's position in ``labels``; −1 for a value not among them, or missing."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        own = values.cat.codes.to_numpy()
        mapped = np.append(pd.Index(labels).get_indexer(values.cat.categories), -1)
        return mapped[own]  # own −1 (missing) picks the −1 appended
    return pd.Index(labels).get_indexer(values)


def structure_within(
    counts: np.ndarray, dimension: str, chosen: np.ndarray | None = None
) -> pd.Series:
    """``structure`` from ``structure_by_organisation``'s counts, over the organisations
    where ``chosen`` (one bool per organisation rank) is True; None: every member."""
    total = counts.sum(axis=0) if chosen is None else counts[:-1][chosen].sum(axis=0)
    index = pd.Index(list(DIMENSIONS[dimension]), name=dimension)
    out = pd.Series(total.astype(int), index=index, name="members")
    if UNRECORDED in out.index and out[UNRECORDED] == 0:
        out = out.drop(UNRECORDED)
    return out


def shares(members: pd.DataFrame, on: pd.Timestamp) -> dict[str, float]:
    """Key shares of the active members on D (0..1; NaN when there are none).

    female, minority (少数民族), college_or_above (大专及以上), age_35_or_under,
    age_61_or_over, probationary (预备党员).
    """
    columns = ["gender", "ethnicity", "education", "birth_date", "full_on"]
    active = members.loc[is_active(members, on), columns]
    n = len(active)
    if n == 0:
        return dict.fromkeys(
            (
                "female",
                "minority",
                "college_or_above",
                "age_35_or_under",
                "age_61_or_over",
                "probationary",
            ),
            float("nan"),
        )
    age = age_on(active["birth_date"], on)
    return {
        "female": float((active["gender"] == "女").sum() / n),
        "minority": float(is_minority(active["ethnicity"]).sum() / n),
        "college_or_above": float(is_college_or_above(active["education"]).sum() / n),
        "age_35_or_under": float((age <= 35).sum() / n),
        "age_61_or_over": float((age >= 61).sum() / n),
        "probationary": float(is_probationary(active, on).sum() / n),
    }
