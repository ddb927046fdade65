"""Local against national: key shares and growth, age bands and occupations against the
党内统计公报, for the overview, the members page and the national slide alike."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ingest.reference import read_reference
from metrics.national import mix_vs_national, shares_vs_national


def shares_against_national(members: pd.DataFrame, on: pd.Timestamp) -> pd.DataFrame:
    """``metrics.national.shares_vs_national`` against the bundled reference figures."""
    return shares_vs_national(members, on, read_reference().statistics)


def national(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp) -> dict[str, pd.DataFrame]:
    """shares (``shares_against_national``), age_band and occupation mixes against national."""
    members = tables["members"]
    ref = read_reference()
    return {
        "shares": shares_against_national(members, on),
        "age_band": mix_vs_national(members, on, ref.age_bands, "age_band", "band"),
        "occupation": mix_vs_national(members, on, ref.occupations, "occupation", "occupation"),
    }
