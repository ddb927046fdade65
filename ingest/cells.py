"""Typing a file's cells to the contract: which column holds each field, each cell typed
by its kind (dates, numbers, categories, text cleaned of control characters), blanks in
required columns, cells too long, and 人员类别's rule on 转正日期."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from domain.contract import (
    DROPPED_KINDS,
    IGNORED_HEADERS,
    ORDERED_CATEGORIES,
    SECTOR_EN,
    SECTORS,
    Dataset,
    Field,
    Kind,
)
from domain.definitions import full_on_by_member_type
from i18n.problems import Both
from ingest.dates import DATE_DTYPE, IMPOSSIBLE, YEAR_ONLY, ambiguous_months, parse_dates
from ingest.id_numbers import hash_id_like_ids, member_id_from_id_number, redact_id_numbers
from ingest.labels import (
    NO,
    YES,
    fold,
    normalise_category,
    normalise_ethnicity,
    normalise_header,
    unknown_categories,
)
from ingest.privacy import (
    hash_id_numbers,
    malformed_id_numbers,
    redact,
)
from ingest.problems import problem
from ingest.read import RawTable, blank_cells
from ingest.typed import ID_HASH, Found, Typed


def map_columns(raw: RawTable, dataset: Dataset) -> tuple[dict[str, int], list[Found]]:
    """Which file column holds each contract field; problems for missing, repeated, unknown."""
    lookup = {normalise_header(h): f.name for f in dataset.fields for h in f.headers}
    ignored = {normalise_header(h) for h in IGNORED_HEADERS}
    found: dict[str, int] = {}
    problems: list[Found] = []
    for position, (header, norm) in enumerate(
        zip(raw.headers, raw.normalised_headers, strict=True)
    ):
        name = lookup.get(norm)
        if name is None:
            if header.strip() and norm not in ignored:
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
        if dataset.field(name).kind in DROPPED_KINDS:
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
        if not f.required or f.name in found or (f.fallback and f.fallback in found):
            continue
        kw: dict[str, Any]  # placeholders of the message
        if f.name == "sector":
            code, kw = "column.missing_sector", {"allowed": allowed_text(SECTORS)}
        elif f.fallback:
            code, kw = "column.missing_either", {"other": dataset.field(f.fallback).zh}
        else:
            code, kw = "column.missing", {}
        problems.append(problem(code, raw.file, row=raw.header_row, column=f.zh, **kw))
    return found, problems


def _excel_column(position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, rem = divmod(position - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# In a cell's text: control characters (Excel's Alt+Enter line break, a vertical tab from
# Word, ESC) become a space; bidirectional overrides and isolates are removed. Neither is
# part of a name, and either would break an export (Word refuses them) or reorder its text.
CONTROL_CHARS = r"[\x00-\x1f\x7f-\x9f]"
BIDI_CHARS = r"[\u202a-\u202e\u2066-\u2069]"


def _clean(text: pd.Series) -> pd.Series:
    """Text without control or bidi characters (see above), stripped."""
    text = text.str.replace(CONTROL_CHARS, " ", regex=True)
    return text.str.replace(BIDI_CHARS, "", regex=True).str.strip()


def clean_text(text: str) -> str:
    """``_clean`` of one text."""
    return re.sub(BIDI_CHARS, "", re.sub(CONTROL_CHARS, " ", text)).strip()


def _text(cells: pd.Series) -> pd.Series:
    """Cells as stripped text, control and bidi characters taken out (``_clean``); Excel
    numbers 1001.0 -> '1001', dates -> ISO; blank -> NA."""

    def one(value: object) -> object:
        if isinstance(value, float):
            return str(int(value)) if value.is_integer() else str(value)
        if isinstance(value, bool | int | np.integer):
            return str(value)
        if hasattr(value, "date") and not isinstance(value, str):
            return str(value.date())
        return value

    if pd.api.types.infer_dtype(cells, skipna=True) in ("string", "empty"):
        text = _clean(cells.astype("str"))
        return text.where(text != "", None).astype("str")
    needs_conversion = ~cells.map(lambda v: isinstance(v, str) or v is None)
    if needs_conversion.any():
        cells = cells.where(~needs_conversion, cells.map(one))
    text = _clean(cells.astype("str"))
    return text.where(text != "", None).astype("str")


def allowed_text(allowed: tuple[str, ...]) -> Both:
    """The allowed values in each language: the Chinese labels for a Chinese reader; for an
    English one the English spellings that are accepted where there are any (community,
    state_enterprise …; M, F), else the Chinese labels."""
    english = {**SECTOR_EN, "男": "M", "女": "F"}
    en = [english[v] for v in allowed] if all(v in english for v in allowed) else list(allowed)
    return Both("、".join(allowed), ", ".join(en))


def _category_dtype(allowed: tuple[str, ...]) -> pd.CategoricalDtype:
    return pd.CategoricalDtype(list(allowed), ordered=allowed in ORDERED_CATEGORIES)


def empty_column(f: Field, length: int) -> pd.Series:
    """An all-NA column with the field's typed dtype."""
    return pd.Series(
        [None] * length, dtype=column_dtype(f) if f.kind is not Kind.ID_NUMBER else "str"
    )


def column_dtype(f: Field) -> object:
    return {
        Kind.TEXT: "str",
        Kind.CATEGORY: _category_dtype(f.allowed) if f.allowed else "str",
        Kind.DATE: DATE_DTYPE,
        Kind.INT: "Int64",
        Kind.NUMBER: "float64",
        Kind.BOOL: "boolean",
        Kind.ID_NUMBER: "str",
    }[f.kind]


MAX_NUMBER = 10**12  # no count, size or hours in any dataset comes near; larger is a typo


def type_column(t: Typed, f: Field, cells: pd.Series, salt: str) -> tuple[pd.Series, list[Found]]:
    """Parse one column to its typed dtype, with a problem for every bad non-blank cell."""
    blank = blank_cells(cells).to_numpy()
    if f.kind is Kind.TEXT:
        text = _text(cells)
        if f.name == "ethnicity":
            text = text.map(normalise_ethnicity, na_action="ignore").astype("str")
        return text, []
    if f.kind is Kind.CATEGORY:
        text = _text(cells)
        values = normalise_category(text, f.allowed)
        bad = ~blank & unknown_categories(text, f.allowed).to_numpy()
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
        numbers = pd.to_numeric(_text(cells), errors="coerce").astype("float64")
        finite = np.isfinite(numbers.to_numpy(dtype="float64", na_value=0.0))
        huge = numbers.notna().to_numpy() & (~finite | (numbers.abs() > MAX_NUMBER).to_numpy())
        numbers = numbers.where(~huge)
        not_number = ~blank & numbers.isna().to_numpy() & ~huge
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
            *t.problems("value.too_big", f.name, huge, limit=f"{MAX_NUMBER:,}"),
            *t.problems("value.negative", f.name, negative),
        ]
    if f.kind is Kind.BOOL:
        folded = _text(cells).map(lambda v: fold(v) if isinstance(v, str) else None)
        typed = pd.Series(
            np.where(folded.isin(YES), True, np.where(folded.isin(NO), False, pd.NA)),
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

    def problems(self, code: str, name: str, mask: object, **kw: object) -> list[Found]:
        self.calls.append((code, name, np.asarray(mask, dtype=bool), kw))
        return []


def _is_text(values: pd.Series | pd.Index) -> bool:
    return pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty")


def type_column_by_value(
    t: Typed, f: Field, cells: pd.Series, salt: str
) -> tuple[pd.Series, list[Found]]:
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
    typed, _ = type_column(recorder, f, values, salt)  # type: ignore[arg-type]  # a _Recorder stands in for Typed

    def spread(v: object) -> object:
        if isinstance(v, pd.Series) and len(v) == len(values):
            return v.iloc[codes].reset_index(drop=True)
        return v

    problems: list[Found] = []
    for code, name, mask, kw in recorder.calls:
        problems += t.problems(code, name, mask[codes], **{k: spread(v) for k, v in kw.items()})
    return spread(typed), problems


def type_table(raw: RawTable, dataset: Dataset, salt: str) -> tuple[Typed | None, list[Found]]:
    """The typed table and its cell-level problems; None when a required column is missing.

    Columns kept aside: personal data dropped as read (phones, addresses); names standing
    for ids (所在党支部), held in ``Typed.names`` until ``check_references`` resolves them.
    """
    positions, problems = map_columns(raw, dataset)
    if any(p.code.startswith("column.missing") for p in problems):
        return None, problems
    if raw.cells.empty:
        return None, [*problems, problem("file.no_rows", raw.file, row=raw.header_row + 1)]
    n = len(raw.cells)
    by_name = pd.DataFrame({name: raw.cells[pos] for name, pos in positions.items()})
    names: dict[str, pd.Series] = {}  # Field.resolves columns, until resolved
    t = Typed(
        dataset,
        raw.file,
        pd.DataFrame(index=range(n)),
        raw.rows,
        {name: raw.headers[pos] for name, pos in positions.items()},
        by_name,
        names=names,
    )
    problems += _too_long(t)
    columns: dict[str, pd.Series] = {}
    for f in dataset.fields:
        if f.kind in DROPPED_KINDS:
            continue
        out_name = ID_HASH if f.kind is Kind.ID_NUMBER else f.name
        if f.name not in positions:
            if f.stored:
                columns[out_name] = empty_column(f, n)
            continue
        typed, found = type_column_by_value(t, f, by_name[f.name].reset_index(drop=True), salt)
        typed = typed.reset_index(drop=True)
        if f.resolves:
            names[f.name] = typed
        else:
            columns[out_name] = typed
        problems.extend(found)
    problems.extend(_required(t, positions))
    t.frame = pd.DataFrame(columns)
    problems += hash_id_like_ids(t, salt)
    problems += redact_id_numbers(t)
    member_id_from_id_number(t)
    problems += _member_type(t)
    if ID_HASH in t.raw.columns:
        t.raw = t.raw.drop(columns=[ID_HASH])
    return t, problems


MAX_CELL_CHARS = 1000  # the longest cell any column holds (a name, a title, a place)


def cell_lengths(cells: pd.Series) -> np.ndarray:
    """Each cell's length as text (0 for a blank or a number), each distinct value measured
    once: a column of a million cells holds a few thousand."""
    codes, uniques = pd.factorize(cells, use_na_sentinel=True)
    lengths = np.fromiter(
        (len(v) if isinstance(v, str) else 0 for v in np.asarray(uniques, dtype=object)),
        dtype=np.int64,
        count=len(uniques),
    )
    return np.append(lengths, 0)[codes]


def _too_long(t: Typed) -> list[Found]:
    """An error at each cell longer than MAX_CELL_CHARS characters: no column holds that
    much, and a file made to exhaust the check would (its value is quoted cut short)."""
    out: list[Found] = []
    for name in t.raw.columns:
        if t.dataset.field(name).kind in DROPPED_KINDS:
            continue
        lengths = cell_lengths(t.raw[name])
        if lengths.max(initial=0) > MAX_CELL_CHARS:
            counts = pd.Series(lengths).map("{:,}".format)
            too_long = lengths > MAX_CELL_CHARS
            out += t.problems("value.too_long", name, too_long, n=counts, limit=MAX_CELL_CHARS)
    return out


def _required(t: Typed, positions: dict[str, int]) -> list[Found]:
    """value.required for every blank cell of a required column; where a fallback column may
    stand in (所在党支部 for 组织编号, 身份证号 for 党员编号), only where both are blank."""
    out: list[Found] = []
    for f in t.dataset.fields:
        if not f.required:
            continue
        other = f.fallback if f.fallback in positions else None
        if f.name not in positions and other is None:
            continue
        blank = np.ones(len(t.raw), dtype=bool)
        for column in (f.name, other):
            if column in positions:
                blank &= blank_cells(t.raw[column]).to_numpy()
        if other is None:
            out += t.problems("value.required", f.name, blank)
        else:
            at, beside = (f.name, other) if f.name in positions else (other, f.name)
            out += t.problems("value.required_either", at, blank, other=t.header(beside))
    return out


def _member_type(t: Typed) -> list[Found]:
    """人员类别 decides who is probationary (``domain.definitions.full_on_by_member_type``):
    a 预备党员's 转正日期 is cleared (a warning each); a 正式党员 without 转正日期 is taken
    as full one year after joining (one summary warning, and one at each member whose year
    would end after the roster's latest event)."""
    m = t.frame
    if "member_type" not in m or not m["member_type"].notna().any():
        return []
    latest = max(m[c].max() for c in ("joined_on", "full_on", "registered_on", "left_on"))
    full = full_on_by_member_type(m["member_type"], m["joined_on"], m["full_on"], latest)
    out = t.problems("logic.probationary_with_full_on", "full_on", full.cleared, severity="warning")
    m["full_on"] = full.dates
    if full.assumed.any():
        out += t.problems(
            "logic.full_within_a_year",
            "member_type",
            full.cut_short,
            severity="warning",
            joined=m["joined_on"],
        )
        out.append(
            problem(
                "logic.full_without_full_on",
                t.file,
                column=t.header("member_type"),
                severity="warning",
                n=int(full.assumed.sum()),
            )
        )
    return out
