"""Patents: Party-led innovation in enterprises."""

from __future__ import annotations

import pandas as pd


def patent_counts(patents: pd.DataFrame, on: pd.Timestamp) -> dict[str, int]:
    """Applications filed on or before D; granted on or before D; invention patents granted."""
    granted = patents["granted_on"] <= on
    return {
        "filed": int((patents["filed_on"] <= on).sum()),
        "granted": int(granted.sum()),
        "granted_invention": int((granted & (patents["kind"] == "发明")).sum()),
    }
