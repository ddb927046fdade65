"""A dataset's table typed to the contract, with the rows and headers of its file: what
every check reads, and how a problem names its row, record, column and value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

from domain.contract import (
    Dataset,
    Kind,
)
from ingest.privacy import (
    REDACTED,
    looks_like_id_number,
    looks_personal,
    mask_name,
)
from ingest.problems import MAX_DETAILS, Problem, Severity, Unlisted, printable, problem
from ingest.read import is_blank

Found = Problem | Unlisted  # what a check finds: problems, and a count of those not itemised


ID_HASH = "id_hash"


@dataclass
class Typed:
    """A dataset's table typed to the contract, with the rows and headers of its file."""

    dataset: Dataset
    file: str
    frame: pd.DataFrame  # contract columns, typed; index 0..n-1
    rows: np.ndarray  # the user's row number of each frame row
    headers: dict[str, str]  # field name -> header as written in the file
    raw: pd.DataFrame  # the file's cells by field name, for quoting bad values
    names: dict[str, pd.Series] | None = None  # Field.resolves columns, as text, until resolved

    def record(self, index: int) -> str | None:
        """The record as the user knows it: its id with the id column's header (党员编号
        M001); a member without one by the masked name and the organisation (张*明（翠颐社区
        第一支部委员会）). Never an ID number."""
        if self.dataset.record_key:
            parts = [
                f"{self.header(f.name)} {text_of(self.raw[f.name].iat[index])}"
                for f in self.dataset.key_fields
                if f.name in self.raw.columns and not is_blank(self.raw[f.name].iat[index])
            ]
            return "，".join(parts) or None
        f = self.dataset.id_field
        if f is not None and f.name in self.raw.columns:
            value = self.raw[f.name].iat[index]
            if not is_blank(value) and not looks_like_id_number(str(value)):
                return f"{self.header(f.name)} {text_of(value)}"
        if self.dataset.name != "members" or "name" not in self.raw.columns:
            return None
        name = mask_name(self.raw["name"].iat[index])
        branch = next(
            (
                text_of(self.raw[c].iat[index])
                for c in ("branch_name", "branch_id")
                if c in self.raw.columns and not is_blank(self.raw[c].iat[index])
            ),
            "",
        )
        branch = REDACTED if looks_like_id_number(branch) else branch
        return f"{name}（{branch}）" if name and branch else name or None

    def header(self, name: str) -> str:
        return self.headers.get(name, self.dataset.field(name).zh)

    def quote(self, name: str, index: int) -> str | None:
        """The cell as written, safe to print: personal-data values are never quoted."""
        kind = self.dataset.field(name).kind
        if kind in (Kind.ID_NUMBER, Kind.PHONE):
            return None
        value = self.raw[name].iat[index] if name in self.raw else None
        if value is None or (isinstance(value, float) and np.isnan(value)):
            return ""
        if name == "name":
            return mask_name(value)
        f = self.dataset.field(name)
        key = f.unique or f.ref is not None  # an organisation's code may be 12 digits long
        if looks_like_id_number(str(value)) or (not key and looks_personal(str(value))):
            return REDACTED
        if hasattr(value, "date") and not isinstance(value, str):
            return str(value.date())
        return str(value).strip()

    def problems(
        self, code: str, name: str, mask: pd.Series | np.ndarray, **kw: object
    ) -> list[Found]:
        """One problem per True in mask, at column ``name``; kw values may be per-row Series.
        Only the first MAX_DETAILS are itemised; the rest are one ``Unlisted`` count (a file
        of a million bad rows costs a count, not a million messages)."""
        indices = np.flatnonzero(np.asarray(mask, dtype=bool))
        severity = cast(Severity, kw.pop("severity", "error"))
        header = self.header(name)
        column_en = header if header == name else f"{header} ({name})"
        out: list[Found] = []
        more = max(0, len(indices) - MAX_DETAILS)
        for i in indices[:MAX_DETAILS]:
            extra = {k: (_fmt(v.iat[i]) if isinstance(v, pd.Series) else v) for k, v in kw.items()}
            out.append(
                problem(
                    code,
                    self.file,
                    row=None if self.rows is None else int(self.rows[i]),
                    column=header,
                    column_en=column_en,
                    value=self.quote(name, i),
                    severity=severity,
                    record=self.record(i),
                    **extra,
                )
            )
        if more:  # after the itemised ones, which the report keeps first
            out.append(Unlisted(code, severity, printable(self.file), more))
        return out


def text_of(value: object) -> str:
    """A cell as text: Excel's 1001.0 as 1001."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _fmt(value: object) -> str:
    if isinstance(value, pd.Timestamp):
        return str(value.date())
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value)
