"""Typing a raw table against the contract, and every check: cells, ids, logic, references.

All checks are vectorised; each bad cell becomes one ``Problem`` with the row the user sees.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ingest.contract import ORDERED_CATEGORIES, SECTOR_EN, Dataset, Field, Kind
from ingest.dates import DATE_DTYPE, IMPOSSIBLE, YEAR_ONLY, ambiguous_months, parse_dates
from ingest.labels import NO, YES, fold, normalise_category, normalise_ethnicity, normalise_header
from ingest.privacy import hash_id_numbers, malformed_id_numbers, mask_name
from ingest.problems import Problem, problem
from ingest.read import RawTable, blank_cells
from metrics.definitions import age_on

ID_HASH = "id_hash"
REDACTED = "（已隐去 redacted）"
_ID_SHAPE = re.compile(r"^(\d{17}[\dXx]|\d{15})$")
_DATE_SHAPE = re.compile(r"^(19|20)\d{2}[-/.年]\d{1,2}|^(19|20)\d{6}$")


def looks_personal(text: str) -> bool:
    """An ID-number shape, or a phone number (7 or more digits, allowing spaces, dashes, a
    leading +, that is not a date): never echoed in a report."""
    text = text.strip()
    if _DATE_SHAPE.match(text):
        return False
    digits = re.sub(r"[\s\-+()]", "", text)
    return bool(_ID_SHAPE.match(digits)) or (digits.isdigit() and len(digits) >= 7)


def redact(text: str) -> str:
    return REDACTED if looks_personal(text) else text


@dataclass
class Typed:
    """A dataset's table typed to the contract, with the rows and headers of its file."""

    dataset: Dataset
    file: str
    frame: pd.DataFrame  # contract columns, typed; index 0..n-1
    rows: np.ndarray  # the user's row number of each frame row
    headers: dict[str, str]  # field name -> header as written in the file
    raw: pd.DataFrame  # the file's cells by field name, for quoting bad values

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
        if looks_personal(str(value)):
            return REDACTED
        if hasattr(value, "date") and not isinstance(value, str):
            return str(value.date())
        return str(value).strip()

    def problems(
        self, code: str, name: str, mask: pd.Series | np.ndarray, **kw: object
    ) -> list[Problem]:
        """One problem per True in mask, at column ``name``; kw values may be per-row Series."""
        indices = np.flatnonzero(np.asarray(mask, dtype=bool))
        severity = kw.pop("severity", "error")
        header = self.header(name)
        column_en = header if header == name else f"{header} ({name})"
        out = []
        for i in indices:
            extra = {k: (_fmt(v.iat[i]) if isinstance(v, pd.Series) else v) for k, v in kw.items()}
            out.append(
                problem(
                    code,
                    self.file,
                    row=int(self.rows[i]),
                    column=header,
                    column_en=column_en,
                    value=self.quote(name, i),
                    severity=severity,  # type: ignore[arg-type]
                    **extra,
                )
            )
        return out


def _fmt(value: object) -> str:
    if isinstance(value, pd.Timestamp):
        return str(value.date())
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value)


def map_columns(raw: RawTable, dataset: Dataset) -> tuple[dict[str, int], list[Problem]]:
    """Which file column holds each contract field; problems for missing, repeated, unknown."""
    lookup = {normalise_header(h): f.name for f in dataset.fields for h in f.headers}
    found: dict[str, int] = {}
    problems: list[Problem] = []
    for position, (header, norm) in enumerate(
        zip(raw.headers, raw.normalised_headers, strict=True)
    ):
        name = lookup.get(norm)
        if name is None:
            if header.strip():
                problems.append(
                    problem(
                        "column.unknown",
                        raw.file,
                        row=raw.header_row,
                        column=redact(header),
                        severity="warning",
                    )
                )
            continue
        if dataset.field(name).kind is Kind.PHONE:
            problems.append(
                problem(
                    "column.dropped",
                    raw.file,
                    row=raw.header_row,
                    column=header,
                    severity="warning",
                )
            )
            continue
        if name in found:
            problems.append(
                problem(
                    "column.duplicate",
                    raw.file,
                    row=raw.header_row,
                    column=header,
                    other=_excel_column(raw.position(found[name])),
                )
            )
            continue
        found[name] = position
    for f in dataset.fields:
        if f.required and f.name not in found:
            problems.append(problem("column.missing", raw.file, row=raw.header_row, column=f.zh))
    return found, problems


def _excel_column(position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, rem = divmod(position - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _text(cells: pd.Series) -> pd.Series:
    """Cells as stripped text; Excel numbers 1001.0 -> '1001', dates -> ISO; blank -> NA."""

    def one(value: object) -> object:
        if isinstance(value, float):
            return str(int(value)) if value.is_integer() else str(value)
        if isinstance(value, bool | int | np.integer):
            return str(value)
        if hasattr(value, "date") and not isinstance(value, str):
            return str(value.date())
        return value

    if pd.api.types.infer_dtype(cells, skipna=True) in ("string", "empty"):
        text = cells.astype("str").str.strip()
        return text.where(text != "", None).astype("str")
    needs_conversion = ~cells.map(lambda v: isinstance(v, str) or v is None)
    if needs_conversion.any():
        cells = cells.where(~needs_conversion, cells.map(one))
    text = cells.astype("str").str.strip()
    return text.where(text != "", None).astype("str")


def allowed_text(allowed: tuple[str, ...]) -> str:
    """The allowed labels, with the English spellings that are accepted too."""
    english = {**SECTOR_EN, "男": "M", "女": "F"}
    return "、".join(f"{v} ({english[v]})" if v in english else v for v in allowed)


def _category_dtype(allowed: tuple[str, ...]) -> pd.CategoricalDtype:
    return pd.CategoricalDtype(list(allowed), ordered=allowed in ORDERED_CATEGORIES)


def empty_column(f: Field, length: int) -> pd.Series:
    """An all-NA column with the field's typed dtype."""
    return pd.Series([None] * length, dtype=_dtype(f) if f.kind is not Kind.ID_NUMBER else "str")


def _dtype(f: Field) -> object:
    return {
        Kind.TEXT: "str",
        Kind.CATEGORY: _category_dtype(f.allowed) if f.allowed else "str",
        Kind.DATE: DATE_DTYPE,
        Kind.INT: "Int64",
        Kind.NUMBER: "float64",
        Kind.BOOL: "boolean",
        Kind.ID_NUMBER: "str",
    }[f.kind]


def type_column(t: Typed, f: Field, cells: pd.Series, salt: str) -> tuple[pd.Series, list[Problem]]:
    """Parse one column to its typed dtype, with a problem for every bad non-blank cell."""
    blank = blank_cells(cells).to_numpy()
    if f.kind is Kind.TEXT:
        text = _text(cells)
        if f.name == "ethnicity":
            text = text.map(normalise_ethnicity, na_action="ignore").astype("str")
        return text, []
    if f.kind is Kind.CATEGORY:
        values = normalise_category(_text(cells), f.allowed)
        bad = ~blank & values.isna().to_numpy()
        typed = values.astype(_category_dtype(f.allowed))
        return typed, t.problems("value.category", f.name, bad, allowed=allowed_text(f.allowed))
    if f.kind is Kind.DATE:
        dates, reasons = parse_dates(cells)
        impossible = (reasons == IMPOSSIBLE).fillna(False).to_numpy(dtype=bool)
        year_only = (reasons == YEAR_ONLY).fillna(False).to_numpy(dtype=bool)
        unparseable = reasons.notna().to_numpy() & ~impossible & ~year_only
        ambiguous = ambiguous_months(cells).to_numpy() & dates.notna().to_numpy()
        return dates, [
            *t.problems("value.date_impossible", f.name, impossible),
            *t.problems("value.date_year_only", f.name, year_only),
            *t.problems("value.date_unparseable", f.name, unparseable),
            *t.problems(
                "value.date_month_ambiguous",
                f.name,
                ambiguous,
                severity="warning",
                read=dates.dt.strftime("%Y-%m-%d"),
                year=dates.dt.year.astype("Int64").astype(str),
            ),
        ]
    if f.kind in (Kind.INT, Kind.NUMBER):
        numbers = pd.to_numeric(_text(cells), errors="coerce")
        not_number = ~blank & numbers.isna().to_numpy()
        negative = (numbers < 0).fillna(False).to_numpy()
        if f.kind is Kind.INT:
            fractional = (numbers.notna() & (numbers % 1 != 0)).to_numpy()
            not_number |= fractional
            numbers = numbers.where(~fractional)
            code = "value.integer"
        else:
            code = "value.number"
        typed = numbers.astype("Int64" if f.kind is Kind.INT else "float64")
        return typed, [
            *t.problems(code, f.name, not_number),
            *t.problems("value.negative", f.name, negative),
        ]
    if f.kind is Kind.BOOL:
        folded = _text(cells).map(lambda v: fold(v) if isinstance(v, str) else None)
        typed = pd.Series(
            np.where(folded.isin(YES), True, np.where(folded.isin(NO), False, None)),
            dtype="boolean",
        )
        bad = ~blank & typed.isna().to_numpy()
        return typed, t.problems("value.bool", f.name, bad)
    if f.kind is Kind.ID_NUMBER:
        text = _text(cells)
        malformed = malformed_id_numbers(text)
        return hash_id_numbers(text, salt), t.problems(
            "value.id_number", f.name, malformed, severity="warning"
        )
    raise ValueError(f"no typing for {f.kind}")


class _Recorder:
    """Stands in for ``Typed`` while a column's distinct values are typed: it keeps each
    ``problems`` call, with masks over the distinct values, to replay for the rows."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, np.ndarray, dict[str, object]]] = []

    def problems(self, code: str, name: str, mask: object, **kw: object) -> list[Problem]:
        self.calls.append((code, name, np.asarray(mask, dtype=bool), kw))
        return []


def _is_text(values: pd.Series | pd.Index) -> bool:
    return pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty")


def type_column_by_value(
    t: Typed, f: Field, cells: pd.Series, salt: str
) -> tuple[pd.Series, list[Problem]]:
    """``type_column``, computed once per distinct value and spread back to the rows.

    Typing a cell depends on its value alone, so this gives the same result; a column of
    a million dates or labels holds a few thousand distinct values. Used for text cells
    (CSV, and Excel text), where equal values are equal strings.
    """
    if isinstance(cells.dtype, pd.CategoricalDtype) and _is_text(cells.cat.categories):
        codes, uniques = cells.cat.codes.to_numpy(), cells.cat.categories  # see read.compact
    elif _is_text(cells):
        codes, uniques = pd.factorize(cells, use_na_sentinel=True)
        if len(uniques) * 2 > len(cells):  # mostly distinct (ids): nothing to gain
            return type_column(t, f, cells, salt)
    else:
        return type_column(t, f, cells, salt)
    codes = np.where(codes < 0, len(uniques), codes)
    values = pd.Series([*np.asarray(uniques, dtype=object), None], dtype=object)
    recorder = _Recorder()
    typed, _ = type_column(recorder, f, values, salt)  # type: ignore[arg-type]

    def spread(v: object) -> object:
        if isinstance(v, pd.Series) and len(v) == len(values):
            return v.iloc[codes].reset_index(drop=True)
        return v

    problems: list[Problem] = []
    for code, name, mask, kw in recorder.calls:
        problems += t.problems(code, name, mask[codes], **{k: spread(v) for k, v in kw.items()})
    return spread(typed), problems  # type: ignore[return-value]


def type_table(raw: RawTable, dataset: Dataset, salt: str) -> tuple[Typed | None, list[Problem]]:
    """The typed table and its cell-level problems; None when a required column is missing."""
    positions, problems = map_columns(raw, dataset)
    if any(p.code == "column.missing" for p in problems):
        return None, problems
    if raw.cells.empty:
        return None, [*problems, problem("file.no_rows", raw.file, row=raw.header_row + 1)]
    n = len(raw.cells)
    by_name = pd.DataFrame({name: raw.cells[pos] for name, pos in positions.items()})
    t = Typed(
        dataset,
        raw.file,
        pd.DataFrame(index=range(n)),
        raw.rows,
        {name: raw.headers[pos] for name, pos in positions.items()},
        by_name,
    )
    columns: dict[str, pd.Series] = {}
    for f in dataset.fields:
        if f.kind is Kind.PHONE:
            continue
        out_name = ID_HASH if f.kind is Kind.ID_NUMBER else f.name
        if f.name not in positions:
            columns[out_name] = empty_column(f, n)
            continue
        typed, found = type_column_by_value(t, f, by_name[f.name].reset_index(drop=True), salt)
        columns[out_name] = typed.reset_index(drop=True)
        problems.extend(found)
        if f.required:
            missing = blank_cells(by_name[f.name]).to_numpy()
            problems.extend(t.problems("value.required", f.name, missing))
    t.frame = pd.DataFrame(columns)
    problems += _hash_id_like_ids(t, salt)
    if ID_HASH in t.raw.columns:
        t.raw = t.raw.drop(columns=[ID_HASH])
    return t, problems


def _hash_id_like_ids(t: Typed, salt: str) -> list[Problem]:
    """A roster that uses 身份证号 as its id column: those values are hashed like id_number
    (prefixed "H"), so they are never stored; one warning says how many."""
    f = t.dataset.id_field
    ids = t.frame[f.name]
    like = ids.notna() & ids.str.len().eq(18)
    like[like] = malformed_id_numbers(ids[like]).eq(False)
    if not like.any():
        return []
    t.frame[f.name] = ids.where(~like, "H" + hash_id_numbers(ids.where(like), salt).str[:16])
    return [
        problem(
            "value.looks_like_id_number",
            t.file,
            row=int(t.rows[0]) - 1 if len(t.rows) else None,
            column=t.header(f.name),
            severity="warning",
            n=int(like.sum()),
        )
    ]


def check_unique(t: Typed) -> list[Problem]:
    """Every repeat of an id after its first row; the message names the first row."""
    f = t.dataset.id_field
    ids = t.frame[f.name]
    repeated = ids.notna() & ids.duplicated(keep="first")
    if not repeated.any():
        return []
    first_index = ids[ids.notna()].drop_duplicates(keep="first")
    first_row = pd.Series(t.rows[first_index.index], index=first_index.to_numpy())
    firsts = ids.map(first_row)
    return t.problems("id.duplicate", f.name, repeated.to_numpy(), first=firsts)


def _lt(a: pd.Series, b: pd.Series) -> np.ndarray:
    return (a < b).fillna(False).to_numpy(dtype=bool)


def _check_members(t: Typed) -> list[Problem]:
    m = t.frame
    out: list[Problem] = []
    before_birth = _lt(m["joined_on"], m["birth_date"])
    age = age_on(m["birth_date"], m["joined_on"])
    under_18 = (age < 18).fillna(False).to_numpy(dtype=bool) & ~before_birth
    out += t.problems("logic.joined_before_birth", "joined_on", before_birth, birth=m["birth_date"])
    out += t.problems("logic.joined_under_18", "joined_on", under_18, birth=m["birth_date"])
    out += t.problems(
        "logic.registered_before_joined",
        "registered_on",
        _lt(m["registered_on"], m["joined_on"]),
        joined=m["joined_on"],
    )
    out += t.problems(
        "logic.full_before_joined",
        "full_on",
        _lt(m["full_on"], m["joined_on"]),
        joined=m["joined_on"],
    )
    registered = m["registered_on"].fillna(m["joined_on"])
    out += t.problems(
        "logic.left_before_registered",
        "left_on",
        _lt(m["left_on"], registered),
        registered=registered,
    )
    reason_only = (m["left_reason"].notna() & m["left_on"].isna()).to_numpy(dtype=bool)
    out += t.problems("logic.reason_without_left", "left_reason", reason_only)
    return out


def _check_branches(t: Typed) -> list[Problem]:
    b = t.frame
    out = t.problems(
        "logic.dissolved_before_founded",
        "dissolved_on",
        _lt(b["dissolved_on"], b["founded_on"]),
        founded=b["founded_on"],
    )
    self_parent = (b["parent_id"].notna() & (b["parent_id"] == b["branch_id"])).to_numpy(dtype=bool)
    return out + t.problems("ref.self_parent", "parent_id", self_parent)


def _check_patents(t: Typed) -> list[Problem]:
    p = t.frame
    out = t.problems(
        "logic.granted_before_filed",
        "granted_on",
        _lt(p["granted_on"], p["filed_on"]),
        filed=p["filed_on"],
    )
    exceed = (p["member_inventors"] > p["inventors"]).fillna(False).to_numpy(dtype=bool)
    return out + t.problems(
        "logic.member_inventors_exceed", "member_inventors", exceed, inventors=p["inventors"]
    )


LOGIC_CHECKS: dict[str, Callable[[Typed], list[Problem]]] = {
    "members": _check_members,
    "branches": _check_branches,
    "patents": _check_patents,
}


def check_not_future(t: Typed, today: pd.Timestamp) -> list[Problem]:
    """Dates of things that have happened (all but ``planned`` ones) must not be after today:
    a mistyped year (2081) would otherwise become the dataset's as-of date."""
    out: list[Problem] = []
    for f in t.dataset.fields:
        if f.kind is Kind.DATE and not f.planned and f.name in t.frame:
            after = (t.frame[f.name] > today).fillna(False).to_numpy(dtype=bool)
            out += t.problems("logic.future_date", f.name, after, today=today.date().isoformat())
    return out


def check_table(t: Typed, today: pd.Timestamp | None = None) -> list[Problem]:
    """Unique ids, no dates after ``today`` (default: the day of the check), and the
    dataset's logical rules."""
    today = pd.Timestamp.today().normalize() if today is None else today
    check = LOGIC_CHECKS.get(t.dataset.name)
    return check_unique(t) + check_not_future(t, today) + (check(t) if check else [])


def check_references(typed: dict[str, Typed]) -> list[Problem]:
    """Every column with ``ref`` must name a branch_id present in branches."""
    if "branches" not in typed:
        return []
    known = set(typed["branches"].frame["branch_id"].dropna())
    out: list[Problem] = []
    for t in typed.values():
        for f in t.dataset.fields:
            if f.ref != "branches":
                continue
            values = t.frame[f.name]
            unknown = (values.notna() & ~values.isin(known)).to_numpy(dtype=bool)
            out += t.problems("ref.unknown_branch", f.name, unknown)
    return out
