"""Random bytes and malformed tables: every one ends in a table, a report or a clear
error, never in an uncaught exception (hypothesis)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import load_dataset
from ingest.read import RawTable, ReadError, read_table
from tests.conftest import SALT, VALID, csv_text

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
NAMES = ("members.csv", "branches.xlsx", "党员.csv", "patents.txt")


def _read(name: str, data: bytes) -> RawTable | ReadError:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            return read_table(path)
        except ReadError as exc:
            return exc


@FUZZ
@given(
    name=st.sampled_from(NAMES),
    data=st.one_of(
        st.binary(max_size=2048),
        st.binary(max_size=2048).map(lambda b: b"PK\x03\x04" + b),  # a broken workbook
        st.binary(max_size=512).map(lambda b: b"\xd0\xcf\x11\xe0" + b),  # old .xls
        st.binary(max_size=512).map(lambda b: "\ufeff组织编号,".encode() + b),  # a CSV head
    ),
)
def test_random_bytes_are_read_or_refused_clearly(name: str, data: bytes) -> None:
    result = _read(name, data)
    if isinstance(result, ReadError):
        assert result.problem.message_zh and result.problem.message_en
        assert result.problem.file.endswith(name) or name in result.problem.file


CELL = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


@FUZZ
@given(
    rows=st.lists(st.lists(CELL, min_size=0, max_size=8), min_size=0, max_size=12),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
)
def test_malformed_csv_ends_in_a_report_never_a_traceback(
    rows: list[list[str]], delimiter: str, encoding: str
) -> None:
    text = "\n".join(delimiter.join(row) for row in rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder)
        (path / "branches.csv").write_text(csv_text(VALID["branches"]), encoding="utf-8")
        (path / "members.csv").write_bytes(text.encode(encoding, errors="replace"))
        result = load_dataset([path], salt=SALT)
    assert result.ok or result.report.problems
    for problem in result.report.problems:
        assert problem.message_zh and problem.message_en


@FUZZ
@given(
    cells=st.lists(
        st.tuples(st.sampled_from(["出生日期", "入党日期", "性别", "组织编号"]), CELL), max_size=6
    )
)
def test_mangled_cells_in_a_valid_roster_are_reported_by_row(cells) -> None:
    members = [dict(row) for row in VALID["members"]]
    for i, (column, value) in enumerate(cells):
        members[i % len(members)][column] = value.replace(",", " ").replace("\n", " ")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder)
        (path / "branches.csv").write_text(csv_text(VALID["branches"]), encoding="utf-8")
        (path / "members.csv").write_text(csv_text(members), encoding="utf-8")
        result = load_dataset([path], salt=SALT)
    assert result.ok or all(p.message_en for p in result.report.problems)
