"""Tables for display and download: column names and category labels in the UI language."""

from __future__ import annotations

import pandas as pd

from i18n import STRINGS, label, t


def column_name(column: object, lang: str) -> str:
    key = f"col.{column}"
    return t(key, lang) if key in STRINGS else str(column)


def localise(frame: pd.DataFrame | pd.Series, lang: str, index: str | None = None) -> pd.DataFrame:
    """The frame with its index as a first column, every column renamed for ``lang`` and
    category labels translated. ``index`` names the index column (a ``col.`` key)."""
    out = frame.to_frame() if isinstance(frame, pd.Series) else frame.copy()
    out = out.reset_index()
    if index is not None:
        out = out.rename(columns={out.columns[0]: index})
    for column in out.columns:
        if out[column].dtype == object or isinstance(
            out[column].dtype, pd.CategoricalDtype | pd.StringDtype
        ):
            out[column] = out[column].map(lambda v: label(v, lang) if isinstance(v, str) else v)
        elif pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    out.columns = [column_name(c, lang) for c in out.columns]
    return out
