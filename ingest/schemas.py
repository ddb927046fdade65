"""Pandera schemas of the typed tables, derived from the contract.

``ingest`` guarantees that every table it returns passes its schema, so ``metrics`` can rely
on the column names and dtypes. Personal data never reaches a typed table: ``id_number``
becomes ``id_hash``; phones and addresses are absent, and so are the full names that
stood for ids (所在党支部, resolved to ``branch_id``).
"""

from __future__ import annotations

from functools import cache

import pandera.pandas as pa

from domain.contract import DATASETS, Kind
from ingest.cells import column_dtype
from ingest.typed import ID_HASH


@cache
def schema(dataset: str) -> pa.DataFrameSchema:
    """The schema of one typed table (strict: no other columns allowed)."""
    columns: dict[str, pa.Column] = {}
    for f in DATASETS[dataset].fields:
        if not f.stored:
            continue
        name = ID_HASH if f.kind is Kind.ID_NUMBER else f.name
        checks = [pa.Check.ge(0)] if f.kind in (Kind.INT, Kind.NUMBER) else []
        columns[name] = pa.Column(
            column_dtype(f), checks=checks, nullable=not f.required, unique=f.unique, required=True
        )
    return pa.DataFrameSchema(columns, strict=True, ordered=True, name=dataset)
