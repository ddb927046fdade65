"""Reading the accounts sheet (``domain.accounts``) for 用户与权限's bulk import: every
row checked, every problem reported as a data import's are (file, row, the account's user
name, column, value, reason), nothing kept unless every row is right."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from domain.accounts import (
    HEADERS,
    MAX_ACCOUNTS,
    REQUIRED,
    ROLE_WORDS,
    SCOPE_SEPARATORS,
    USER_NAME,
    WHOLE_WORDS,
)
from ingest.cells import MAX_CELL_CHARS, clean_text
from ingest.labels import normalise_header
from ingest.problems import Problem, Report, problem
from ingest.read import RawTable, ReadError, is_blank, read_xlsx_bytes

_ROLES_SHOWN = "查看者、编辑、管理员（viewer、editor、admin）"


@dataclass(frozen=True)
class AccountRow:
    """One account of the sheet: login name, name shown, role, and the organisations
    (组织编号) of its scope; () for the whole sub-district."""

    row: int
    name: str
    display: str
    role: str
    scope: tuple[str, ...]


def _columns(table: RawTable) -> dict[str, int]:
    """column → its position in ``table`` (the first header naming it)."""
    found: dict[str, int] = {}
    for position, header in enumerate(table.normalised_headers):
        for column, accepted in HEADERS.items():
            if column not in found and header in {normalise_header(h) for h in accepted}:
                found[column] = position
    return found


def _text(value: object) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    lines = str(value)[: MAX_CELL_CHARS + 1].split("\n")  # a new line separates a scope
    return "\n".join(clean_text(line) for line in lines).strip()


def resolver(branches: pd.DataFrame) -> tuple[set[str], dict[str, list[str]]]:
    """The 组织编号 of ``branches``, and each full name's 组织编号."""
    ids = set(branches["branch_id"].astype(str))
    by_name: dict[str, list[str]] = {}
    for branch_id, name in zip(branches["branch_id"], branches["name"], strict=True):
        by_name.setdefault(str(name).strip(), []).append(str(branch_id))
    return ids, by_name


def _scope(
    value: str, where: dict[str, Any], ids: set[str], by_name: dict[str, list[str]]
) -> tuple[tuple[str, ...], list[Problem]]:
    if value.lower() in WHOLE_WORDS:
        return (), []
    found, problems = [], []
    for part in (p.strip() for p in SCOPE_SEPARATORS.split(value)):
        if not part:
            continue
        if part in ids:
            found.append(part)
        elif len(by_name.get(part, [])) == 1:
            found.append(by_name[part][0])
        elif part in by_name:
            owners = by_name[part]
            problems.append(
                problem(
                    "ref.ambiguous_branch_name",
                    **where,
                    value=part,
                    n=len(owners),
                    ids="、".join(owners),
                )
            )
        else:
            problems.append(problem("account.unknown_organisation", **where, value=part))
    return tuple(dict.fromkeys(found)), problems


def _name_problems(
    name: str, where: dict[str, Any], seen: dict[str, int], settings: set[str]
) -> list[Problem]:
    """What is wrong with a user name: blank, not a name, a settings account's, or seen
    on an earlier row."""
    at = {**where, "column": HEADERS["name"][0]}
    if not name:
        return [problem("value.required", **at)]
    if not USER_NAME.fullmatch(name):
        return [problem("account.bad_name", **at, value=name)]
    if name in settings:
        return [problem("account.in_settings", **at, value=name)]
    if name in seen:
        return [problem("id.duplicate", **at, value=name, first=seen[name])]
    return []


def _account(
    table: RawTable, i: int, columns: dict[str, int], resolve: tuple, seen: dict[str, int],
    settings: set[str],
) -> tuple[AccountRow | None, list[Problem]]:  # fmt: skip
    """Row ``i`` of ``table`` as an account, or the problems that keep it from being one."""
    row = int(table.rows[i])
    cells = {c: _text(table.cells.iat[i, p]) for c, p in columns.items()}
    name = cells.get("name", "")
    where: dict[str, Any] = {"file": table.file, "row": row, "record": name or None}
    problems = _name_problems(name, where, seen, settings)
    seen.setdefault(name, row)
    role = ROLE_WORDS.get(cells.get("role", "").lower())
    if role is None:
        given = cells.get("role", "")
        at: dict[str, Any] = {**where, "column": HEADERS["role"][0]}
        problems.append(problem("value.category", **at, value=given, allowed=_ROLES_SHOWN))
    scope, found = _scope(
        cells.get("scope", ""), {**where, "column": HEADERS["scope"][0]}, *resolve
    )
    problems += found
    if problems or role is None:
        return None, problems
    return AccountRow(row, name, cells.get("display") or name, role, scope), []


def check_rows(
    table: RawTable, branches: pd.DataFrame, settings_names: set[str]
) -> tuple[list[AccountRow], Report]:
    """The accounts of ``table`` and what is wrong with them. ``settings_names``: the
    accounts of ``secrets.toml``, which the sheet may not replace."""
    report = Report()
    columns = _columns(table)
    for column in REQUIRED:
        if column not in columns:
            report.add(problem("column.missing", table.file, column=HEADERS[column][0]))
    if not report.ok:
        return [], report
    resolve = resolver(branches)
    seen: dict[str, int] = {}
    rows: list[AccountRow] = []
    for i in range(min(len(table.cells), MAX_ACCOUNTS)):
        account, problems = _account(table, i, columns, resolve, seen, settings_names)
        report.extend(problems)
        if account is not None:
            rows.append(account)
    if len(table.cells) > MAX_ACCOUNTS:
        report.add(problem("account.too_many", table.file, limit=MAX_ACCOUNTS))
    if not len(table.cells):
        report.add(problem("file.no_rows", table.file))
    return rows, report


def read_accounts(
    data: bytes, file: str, branches: pd.DataFrame, settings_names: set[str]
) -> tuple[list[AccountRow], Report]:
    """The accounts of an uploaded workbook (``ingest.read``'s guards apply), or the
    problems that keep any of them from being made."""
    try:
        table = read_xlsx_bytes(data, file)
    except ReadError as exc:
        report = Report()
        report.add(exc.problem)
        return [], report
    return check_rows(table, branches, settings_names)
