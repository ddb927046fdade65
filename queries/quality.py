"""数据管理's data quality: completeness of every column (counted once per organisation and
summed over a scope's) and values worth a second look (``metrics.quality``)."""

from __future__ import annotations

from metrics.quality import Filled, completeness_within, filled_by_organisation, suspicious

__all__ = ["Filled", "completeness_within", "filled_by_organisation", "suspicious"]
