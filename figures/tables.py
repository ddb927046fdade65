"""Tables for display and download: column names and category labels in the UI language,
shares as percentages, dates as dates."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from i18n import STRINGS, label, t

# Columns holding a fraction (0..1): shown and downloaded as a percentage with one decimal.
SHARE_COLUMNS = frozenset(
    {
        "female",
        "college_or_above",
        "minority",
        "age_35_or_under",
        "age_61_or_over",
        "probationary",
        "growth_rate",
        "share",
        "local",
        "national",
    }
)


def column_name(column: object, lang: str, percent: bool = False) -> str:
    key = f"col.{column}"
    name = t(key, lang) if key in STRINGS else str(column)
    if percent:
        name += "（%）" if lang == "zh" else " (%)"
    return name


def localise(frame: pd.DataFrame | pd.Series, lang: str, index: str | None = None) -> pd.DataFrame:
    """The frame with its index as a first column, every column renamed for ``lang``,
    category labels translated, shares as percentages (46.3, headed "女性占比（%）"), other
    fractions rounded to two decimals, and dates as calendar days. ``index`` names the
    index column (a ``col.`` key)."""
    out = frame.to_frame() if isinstance(frame, pd.Series) else frame.copy()
    out = out.reset_index()
    if index is not None:
        out = out.rename(columns={out.columns[0]: index})
    names = []
    for column in out.columns:
        values = out[column]
        percent = column in SHARE_COLUMNS and pd.api.types.is_numeric_dtype(values)
        if percent:
            out[column] = (100 * values.astype(float)).round(1)
        elif pd.api.types.is_float_dtype(values):
            out[column] = values.round(2)
        elif pd.api.types.is_datetime64_any_dtype(values):
            out[column] = [d.date() if pd.notna(d) else None for d in values]
        elif values.dtype == object or isinstance(
            values.dtype, pd.CategoricalDtype | pd.StringDtype
        ):
            out[column] = values.map(lambda v: label(v, lang) if isinstance(v, str) else v)
        names.append(column_name(column, lang, percent))
    out.columns = names
    return out


def file_stem(title: str, scope: str, day: dt.date) -> str:
    """A download's file name: what it shows, for whom, as of when (no path characters)."""
    stem = f"{title}_{scope}_{day.isoformat()}"
    for bad in '/\\:*?"<>|':
        stem = stem.replace(bad, "-")
    return stem.replace(" ", "_")
