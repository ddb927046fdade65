"""Typing a raw table against the contract, and every check: cells, ids, logic, references.

All checks are vectorised; each bad cell becomes one ``Problem`` with the row the user sees.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from domain import clock
from domain.contract import (
    DATASETS,
    DROPPED_KINDS,
    IGNORED_HEADERS,
    ORDERED_CATEGORIES,
    SECTOR_EN,
    SECTORS,
    STAGE_DATES,
    Dataset,
    Field,
    Kind,
    person_key_fields,
)
from domain.definitions import ID_NUMBER, age_on, is_id_number
from i18n.problems import Both
from ingest.dates import DATE_DTYPE, IMPOSSIBLE, YEAR_ONLY, ambiguous_months, parse_dates
from ingest.labels import (
    NO,
    YES,
    fold,
    normalise_category,
    normalise_ethnicity,
    normalise_header,
    unknown_categories,
)
from ingest.privacy import hash_id_numbers, malformed_id_numbers, mask_name
from ingest.problems import MAX_DETAILS, Problem, Unlisted, printable, problem
from ingest.read import RawTable, blank_cells, is_blank

ID_HASH = "id_hash"
REDACTED = "（已隐去 redacted）"
_DATE_SHAPE = re.compile(r"^\d{4}[-/.年]\d{1,2}|^(19|20)\d{6}$")


def looks_personal(text: str) -> bool:
    """An ID-number shape, or a phone number (7 or more digits, allowing spaces, dashes, a
    leading +, that is not a date): never echoed in a report."""
    text = text.strip()
    if _DATE_SHAPE.match(text):
        return False
    digits = re.sub(r"[\s\-+()]", "", text)
    return is_id_number(digits) or (digits.isdigit() and len(digits) >= 7)


def redact(text: str) -> str:
    return REDACTED if looks_personal(text) else text


def looks_like_id_number(text: str) -> bool:
    """The shape of a 公民身份号码 (``domain.definitions.is_id_number``)."""
    return is_id_number(text)


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
        if self.dataset.key:
            parts = [
                f"{self.header(f.name)} {_text_of(self.raw[f.name].iat[index])}"
                for f in self.dataset.key_fields
                if f.name in self.raw.columns and not is_blank(self.raw[f.name].iat[index])
            ]
            return "，".join(parts) or None
        f = self.dataset.id_field
        if f is not None and f.name in self.raw.columns:
            value = self.raw[f.name].iat[index]
            if not is_blank(value) and not looks_like_id_number(str(value)):
                return f"{self.header(f.name)} {_text_of(value)}"
        if self.dataset.name != "members" or "name" not in self.raw.columns:
            return None
        name = mask_name(self.raw["name"].iat[index])
        branch = next(
            (
                _text_of(self.raw[c].iat[index])
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
    ) -> list[Problem | Unlisted]:
        """One problem per True in mask, at column ``name``; kw values may be per-row Series.
        Only the first MAX_DETAILS are itemised; the rest are one ``Unlisted`` count (a file
        of a million bad rows costs a count, not a million messages)."""
        indices = np.flatnonzero(np.asarray(mask, dtype=bool))
        severity = kw.pop("severity", "error")
        header = self.header(name)
        column_en = header if header == name else f"{header} ({name})"
        out: list[Problem | Unlisted] = []
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
                    severity=severity,  # type: ignore[arg-type]
                    record=self.record(i),
                    **extra,
                )
            )
        if more:  # after the itemised ones, which the report keeps first
            out.append(Unlisted(code, severity, printable(self.file), more))  # type: ignore[arg-type]
        return out


def _text_of(value: object) -> str:
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


def map_columns(raw: RawTable, dataset: Dataset) -> tuple[dict[str, int], list[Problem]]:
    """Which file column holds each contract field; problems for missing, repeated, unknown."""
    lookup = {normalise_header(h): f.name for f in dataset.fields for h in f.headers}
    ignored = {normalise_header(h) for h in IGNORED_HEADERS}
    found: dict[str, int] = {}
    problems: list[Problem] = []
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
_CONTROL_CHARS = r"[\x00-\x1f\x7f-\x9f]"
_BIDI_CHARS = r"[\u202a-\u202e\u2066-\u2069]"


def _clean(text: pd.Series) -> pd.Series:
    """Text without control or bidi characters (see above), stripped."""
    text = text.str.replace(_CONTROL_CHARS, " ", regex=True)
    return text.str.replace(_BIDI_CHARS, "", regex=True).str.strip()


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


MAX_NUMBER = 10**12  # no count, size or hours in any dataset comes near; larger is a typo


def type_column(t: Typed, f: Field, cells: pd.Series, salt: str) -> tuple[pd.Series, list[Problem]]:
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
    t = Typed(
        dataset,
        raw.file,
        pd.DataFrame(index=range(n)),
        raw.rows,
        {name: raw.headers[pos] for name, pos in positions.items()},
        by_name,
        names={},
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
            t.names[f.name] = typed  # type: ignore[index]
        else:
            columns[out_name] = typed
        problems.extend(found)
    problems.extend(_required(t, positions))
    t.frame = pd.DataFrame(columns)
    problems += _hash_id_like_ids(t, salt)
    problems += _redact_id_numbers(t)
    _member_id_from_id_number(t)
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


def _too_long(t: Typed) -> list[Problem | Unlisted]:
    """An error at each cell longer than MAX_CELL_CHARS characters: no column holds that
    much, and a file made to exhaust the check would (its value is quoted cut short)."""
    out: list[Problem | Unlisted] = []
    for name in t.raw.columns:
        if t.dataset.field(name).kind in DROPPED_KINDS:
            continue
        lengths = cell_lengths(t.raw[name])
        if lengths.max(initial=0) > MAX_CELL_CHARS:
            counts = pd.Series(lengths).map("{:,}".format)
            too_long = lengths > MAX_CELL_CHARS
            out += t.problems("value.too_long", name, too_long, n=counts, limit=MAX_CELL_CHARS)
    return out


def _required(t: Typed, positions: dict[str, int]) -> list[Problem]:
    """value.required for every blank cell of a required column; where a fallback column may
    stand in (所在党支部 for 组织编号, 身份证号 for 党员编号), only where both are blank."""
    out: list[Problem] = []
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


def hashed_key(hashes: pd.Series) -> pd.Series:
    """A record's key made from the salted hash of an ID number: "H" and 16 hex digits."""
    return "H" + hashes.str[:16]


def _member_id_from_id_number(t: Typed) -> None:
    """A roster without 党员编号 (the official 党员基本信息汇总表): each member's key is the
    salted hash of 公民身份证号, "H" and its first 16 hex digits, as for ids that are ID
    numbers (``_hash_id_like_ids``). The number itself is never kept."""
    f = t.dataset.id_field
    if f is None or f.fallback != "id_number" or ID_HASH not in t.frame:
        return
    ids = t.frame[f.name]
    t.frame[f.name] = ids.where(ids.notna(), hashed_key(t.frame[ID_HASH])).astype("str")


PROBATION = pd.DateOffset(years=1)  # 党章 第七条: the probation lasts one year


def _member_type(t: Typed) -> list[Problem]:
    """人员类别 decides who is probationary: a 预备党员's 转正日期 is cleared (a warning); a
    正式党员 without 转正日期 (old rosters leave it blank) is full from one year after
    joining (one summary warning)."""
    m = t.frame
    if "member_type" not in m or not m["member_type"].notna().any():
        return []
    probationary = (m["member_type"] == "预备党员").fillna(False).to_numpy(dtype=bool)
    with_full = probationary & m["full_on"].notna().to_numpy()
    out = t.problems("logic.probationary_with_full_on", "full_on", with_full, severity="warning")
    m.loc[with_full, "full_on"] = pd.NaT
    full = (m["member_type"] == "正式党员").fillna(False).to_numpy(dtype=bool)
    missing = full & m["full_on"].isna().to_numpy() & m["joined_on"].notna().to_numpy()
    if missing.any():
        # never after the roster's latest recorded event: an assumed date must not become
        # the data's as-of date, and 人员类别 says the member is full by then
        latest = max(m[c].max() for c in ("joined_on", "full_on", "registered_on", "left_on"))
        assumed = m.loc[missing, "joined_on"] + PROBATION
        early = assumed > latest
        m.loc[missing, "full_on"] = assumed.clip(upper=latest).astype(m["full_on"].dtype)
        rows = np.zeros(len(m), dtype=bool)
        rows[np.flatnonzero(missing)[early.to_numpy()]] = True
        out += t.problems(
            "logic.full_within_a_year",
            "member_type",
            rows,
            severity="warning",
            joined=m["joined_on"],
        )
        out.append(
            problem(
                "logic.full_without_full_on",
                t.file,
                column=t.header("member_type"),
                severity="warning",
                n=int(missing.sum()),
            )
        )
    return out


# A 公民身份号码 inside other text: 17 digits and a check digit, or the 15 digits of a first-
# generation card, not part of a longer number.
_ID_IN_TEXT = r"(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9])"


def _redact_id_numbers(t: Typed) -> list[Problem]:
    """Free text (names, titles, places: TEXT columns that are neither ids nor references)
    holding a 身份证号: the number is replaced by REDACTED as it is read, so it is never
    stored or shown; one warning per column says how many cells held one."""
    out: list[Problem] = []
    for f in t.dataset.fields:
        if f.kind is not Kind.TEXT or f.unique or f.ref or f.resolves or f.name not in t.frame:
            continue
        text = t.frame[f.name]
        holds = text.str.contains(_ID_IN_TEXT, regex=True).fillna(False).to_numpy(dtype=bool)
        if not holds.any():
            continue
        t.frame[f.name] = text.str.replace(_ID_IN_TEXT, REDACTED, regex=True)
        out.append(_column_warning(t, "value.id_number_in_text", f.name, int(holds.sum())))
    return out


def _column_warning(t: Typed, code: str, name: str, n: int) -> Problem:
    """One warning about a whole column (how many of its cells), placed at its header."""
    return problem(code, t.file, row=int(t.rows[0]) - 1 if len(t.rows) else None,
                   column=t.header(name), severity="warning", n=n)  # fmt: skip


def _hash_id_like_ids(t: Typed, salt: str) -> list[Problem]:
    """Columns naming a person (``domain.contract.person_key_fields``: 党员编号, 人员编号, the
    ledger's 党员编号) that hold 身份证号, of either generation (``is_id_number``): those
    values are hashed like id_number (prefixed "H"), so that they are never stored and one
    person keeps one key in every table; one warning per column says how many."""
    out: list[Problem] = []
    for f in person_key_fields(t.dataset):
        if f.name not in t.frame:
            continue
        ids = t.frame[f.name]
        text = ids.astype("str").str.replace(r"\s+", "", regex=True).str.upper()
        like = text.str.fullmatch(ID_NUMBER.pattern).fillna(False).to_numpy(dtype=bool)
        if not like.any():
            continue
        hashed = hashed_key(hash_id_numbers(ids.where(like), salt))
        t.frame[f.name] = ids.where(~like, hashed).astype(ids.dtype)
        out.append(_column_warning(t, "value.looks_like_id_number", f.name, int(like.sum())))
    return out


def check_unique(t: Typed) -> list[Problem]:
    """Every repeat of an id (or of a dataset's ``key``) after its first row; the message
    names the first row."""
    if t.dataset.key:
        return []  # after the names are resolved to ids: ``check_references``
    f = t.dataset.id_field
    if f is None:
        return []
    ids = t.frame[f.name]
    repeated = ids.notna() & ids.duplicated(keep="first")
    if not repeated.any():
        return []
    first_index = ids[ids.notna()].drop_duplicates(keep="first")
    first_row = pd.Series(t.rows[first_index.index], index=first_index.to_numpy())
    firsts = ids.map(first_row)
    if f.name not in t.raw.columns and f.fallback in t.raw.columns:  # keyed by 身份证号
        return t.problems("id.duplicate_id_number", f.fallback, repeated.to_numpy(), first=firsts)
    return t.problems("id.duplicate", f.name, repeated.to_numpy(), first=firsts)


def _check_unique_key(t: Typed) -> list[Problem]:
    """Every repeat of a ``Dataset.key`` (all its columns filled) after its first row, at
    the key's last column; run once names are resolved to ids, so that an organisation
    written by its 组织编号 on one row and by its full name on another is one key."""
    key = list(t.dataset.key)
    frame = t.frame[key]
    filled = frame.notna().all(axis=1)
    repeated = filled & frame.duplicated(keep="first")
    if not repeated.any():
        return []
    first_of = {}
    for i, values in zip(
        np.flatnonzero(filled), frame[filled].itertuples(index=False), strict=True
    ):
        first_of.setdefault(tuple(values), int(t.rows[i]))
    firsts = pd.Series(
        [first_of.get(tuple(v)) for v in frame.itertuples(index=False)], index=frame.index
    )
    return t.problems("id.duplicate_key", key[-1], repeated.to_numpy(), first=firsts)


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


# Each date of the ledger and the one it needs before it (``STAGE_DATES``, then the talk
# after the application, the approval after the admission, a withdrawal after applying).
_LEDGER_ORDER: tuple[tuple[str, str], ...] = (
    *zip(STAGE_DATES[1:], STAGE_DATES[:-1], strict=True),
    ("talked_on", "applied_on"),
    ("approved_on", "admitted_on"),
    ("withdrawn_on", "applied_on"),
)


def _check_development(t: Typed) -> list[Problem]:
    """A later stage's date without the earlier one, or earlier than it, is an error."""
    d = t.frame
    out: list[Problem] = []
    for later, earlier in _LEDGER_ORDER:
        missing = (d[later].notna() & d[earlier].isna()).to_numpy(dtype=bool)
        out += t.problems("logic.stage_missing", later, missing, earlier=t.header(earlier))
        out += t.problems(
            "logic.stage_order",
            later,
            _lt(d[later], d[earlier]),
            earlier=t.header(earlier),
            date=d[earlier],
        )
    reason_only = (d["withdrawn_reason"].notna() & d["withdrawn_on"].isna()).to_numpy(dtype=bool)
    return out + t.problems("logic.reason_without_withdrawn", "withdrawn_reason", reason_only)


PLAN_YEARS = (1921, 2100)  # a plan's year: four digits, from the Party's founding


def _check_plans(t: Typed) -> list[Problem]:
    """A plan's year is a four-digit year (not 18 for 2018)."""
    year = t.frame["year"]
    low, high = PLAN_YEARS
    bad = (year.notna() & ((year < low) | (year > high))).to_numpy(dtype=bool)
    return t.problems("logic.plan_year", "year", bad, low=low, high=high)


def _check_units(t: Typed) -> list[Problem]:
    """A unit with its own or a joint organisation names the organisation (组织编号 or its
    full name); 注销日期 and 覆盖日期 are not before 成立日期; a unit with more Party
    members than staff is worth a second look (a warning)."""
    u = t.frame
    covered = u["coverage"].isin(["单独组建", "联合组建"]).fillna(False)
    named = u["branch_id"].notna()
    if t.names and "branch_name" in t.names:
        named |= t.names["branch_name"].notna().to_numpy()
    out = t.problems("logic.unit_without_branch", "coverage", (covered & ~named).to_numpy())
    for later in ("closed_on", "covered_on"):
        out += t.problems(
            "logic.unit_date_order",
            later,
            _lt(u[later], u["registered_on"]),
            earlier=t.header("registered_on"),
            date=u["registered_on"],
        )
    members = u["full_members"].fillna(0) + u["probationary_members"].fillna(0)
    over = (members > u["staff"]).fillna(False).to_numpy(dtype=bool)
    return out + t.problems(
        "logic.members_over_staff", "full_members", over, severity="warning", staff=u["staff"]
    )


LOGIC_CHECKS: dict[str, Callable[[Typed], list[Problem]]] = {
    "members": _check_members,
    "branches": _check_branches,
    "patents": _check_patents,
    "development": _check_development,
    "plans": _check_plans,
    "units": _check_units,
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
    """Unique ids, no dates after ``today`` (default: the day of the check in the configured
    time zone, ``domain.clock.today``: 北京时间, whatever the host's clock), and the
    dataset's logical rules."""
    today = clock.today() if today is None else today
    check = LOGIC_CHECKS.get(t.dataset.name)
    return check_unique(t) + check_not_future(t, today) + (check(t) if check else [])


_PARTY_PREFIXES = ("中国共产党", "中共")


def _name_keys(name: str) -> tuple[str, str]:
    """An organisation's name as matched: folded (see ``fold``), and folded without a
    leading 中共 or 中国共产党 (a roster may write either)."""
    folded = fold(name)
    for prefix in _PARTY_PREFIXES:
        if folded.startswith(prefix):
            return folded, folded[len(prefix) :]
    return folded, folded


def branch_name_index(branches: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Each organisation name key (see ``_name_keys``) → the branch_ids of that name."""
    index: dict[str, set[str]] = {}
    for branch_id, name in zip(branches["branch_id"], branches["name"], strict=True):
        if isinstance(name, str) and isinstance(branch_id, str):
            for key in set(_name_keys(name)):
                index.setdefault(key, set()).add(branch_id)
    return {key: tuple(sorted(ids)) for key, ids in index.items()}


def resolve_names(t: Typed, branches: pd.DataFrame) -> list[Problem]:
    """Fill each id column from the full name standing for it (Field.resolves) where the id
    is blank: a name matching no organisation, or several, is an error at its row."""
    if not t.names:
        return []
    index = branch_name_index(branches)
    out: list[Problem] = []
    for name_field, names in t.names.items():
        target = t.dataset.field(name_field).resolves
        assert target is not None
        ids = t.frame[target]
        wanted = ids.isna() & names.notna()
        found = {
            name: index.get(_name_keys(name)[0]) or index.get(_name_keys(name)[1]) or ()
            for name in pd.unique(names[wanted])
        }
        matches = names.where(wanted).map(found)
        count = matches.map(lambda m: len(m) if isinstance(m, tuple) else 0)
        unique = wanted & count.eq(1)
        first = matches.map(lambda m: m[0] if isinstance(m, tuple) and m else None)
        t.frame[target] = ids.where(~unique, first)
        t.frame[target] = t.frame[target].astype(ids.dtype)
        if target == "parent_id":  # the top organisation's parent is outside the list
            out += t.problems(
                "ref.parent_outside", name_field, (wanted & count.eq(0)), severity="warning"
            )
        else:
            out += t.problems("ref.unknown_branch_name", name_field, (wanted & count.eq(0)))
        several = wanted & count.gt(1)
        out += t.problems(
            "ref.ambiguous_branch_name",
            name_field,
            several,
            n=count.astype(str),
            ids=matches.map(lambda m: "、".join(m) if isinstance(m, tuple) else ""),
        )
    t.names = {}
    return out


def _table_of(
    name: str, typed: dict[str, Typed], carried: dict[str, pd.DataFrame]
) -> pd.DataFrame | None:
    """The dataset's table: the new file's, else the one carried from the current version."""
    if name in typed:
        return typed[name].frame
    return carried.get(name)


def check_references(
    typed: dict[str, Typed], carried: dict[str, pd.DataFrame] | None = None
) -> list[Problem]:
    """Names resolved to ids (``resolve_names``), then every column with ``ref`` must name a
    branch_id present in branches. ``carried`` holds the tables a partial update keeps from
    the current version: they lend their branches to the new files and are checked
    against new branches in turn (``check_carried``)."""
    carried = carried or {}
    branches = _table_of("branches", typed, carried)
    if branches is None:
        return []
    out: list[Problem] = []
    ordered = sorted(typed.items(), key=lambda item: item[0] != "branches")  # branches first
    for _, t in ordered:
        out += resolve_names(t, branches)
    for t in typed.values():
        if t.dataset.key:
            out += _check_unique_key(t)
    known = set(branches["branch_id"].dropna())
    for t in typed.values():
        out += _check_branch_refs(t, known)
    if "branches" in typed:
        out += check_carried(carried, known)
    return out + check_member_links(typed, carried)


def _check_branch_refs(t: Typed, known: set[str]) -> list[Problem]:
    """An error for each value of a column with ``ref="branches"`` that names no branch_id
    of ``known``."""
    out: list[Problem] = []
    for f in t.dataset.fields:
        if f.ref == "branches" and f.name in t.frame:
            values = t.frame[f.name]
            unknown = (values.notna() & ~values.isin(known)).to_numpy(dtype=bool)
            out += t.problems("ref.unknown_branch", f.name, unknown)
    return out


def check_member_links(
    typed: dict[str, Typed], carried: dict[str, pd.DataFrame] | None = None
) -> list[Problem]:
    """Every column with ``ref="members"`` must name a member_id of the members table (new or
    carried); a warning where that member's 入党日期 is not the ledger's 接收预备党员日期."""
    members = _table_of("members", typed, carried or {})
    if members is None:
        return []
    joined = pd.Series(members["joined_on"].to_numpy(), index=members["member_id"].to_numpy())
    joined = joined[~joined.index.duplicated()]
    out: list[Problem] = []
    for t in typed.values():
        for f in t.dataset.fields:
            if f.ref != "members" or f.name not in t.frame:
                continue
            values = t.frame[f.name]
            known = values.isin(joined.index)
            out += t.problems(
                "ref.unknown_member", f.name, (values.notna() & ~known).to_numpy(dtype=bool)
            )
            if "admitted_on" in t.frame:
                theirs = pd.Series(
                    joined.reindex(values.where(known)).to_numpy(), index=values.index
                )
                differs = (known & theirs.ne(t.frame["admitted_on"])).fillna(False)
                out += t.problems(
                    "ref.member_joined_differs",
                    "admitted_on",
                    differs.to_numpy(dtype=bool),
                    severity="warning",
                    joined=theirs,
                    member=values,
                )
    if "members" in typed:
        out += _check_carried_member_links(carried or {}, set(joined.index))
    return out


def _check_carried_member_links(carried: dict[str, pd.DataFrame], known: set[str]) -> list[Problem]:
    """Records of the carried-forward tables whose ``ref="members"`` column names a member the
    new members table no longer holds (``carried_unknown``)."""
    return carried_unknown(carried, "members", known, "ref.carried_unknown_member")


CARRIED_FILE = "（沿用）{dataset}"


def check_carried(carried: dict[str, pd.DataFrame], known: set[str]) -> list[Problem]:
    """Records of the carried-forward tables whose organisation the new branches table no
    longer holds (``carried_unknown``)."""
    kept = {name: frame for name, frame in carried.items() if name != "branches"}
    return carried_unknown(kept, "branches", known, "ref.carried_unknown_branch")


def carried_unknown(
    carried: dict[str, pd.DataFrame], ref: str, known: set[str], code: str
) -> list[Problem]:
    """An error ``code`` for each record of the carried-forward tables whose ``ref`` column
    (a column with ``Field.ref == ref``) names a value not in ``known``, naming the record by
    its key (a stored table has no rows to point at)."""
    out: list[Problem] = []
    for name, frame in carried.items():
        d = DATASETS[name]
        keys = [k for k in d.key_fields if k.name in frame]
        for f in d.fields:
            if f.ref != ref or f.name not in frame:
                continue
            values = frame[f.name]
            unknown = np.flatnonzero((values.notna() & ~values.isin(known)).to_numpy(dtype=bool))
            out += [
                problem(
                    code,
                    CARRIED_FILE.format(dataset=d.zh),
                    column=f.zh,
                    value=str(values.iat[i]),
                    record="，".join(f"{k.zh} {frame[k.name].iat[i]}" for k in keys),
                    dataset=d.zh,
                    dataset_en=name,
                )
                for i in unknown
            ]
    return out
