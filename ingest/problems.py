"""Problems found while reading and validating, and the report that collects them.

A problem names the file, the row as the user sees it in Excel or a text editor (header =
row 1), the column as headed in the file, the offending value, and a message in Chinese and
English from the catalogue in ``i18n.problems``. Values of personal-data columns are never
kept: the row says where to look.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Literal

from i18n.problems import MESSAGES, Both
from i18n.strings import singular_after_one

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (error) or worth knowing (warning) about an input file."""

    code: str
    severity: Severity
    file: str
    row: int | None
    column: str | None
    value: str | None
    message_zh: str
    message_en: str
    record: str | None = None  # the record as the user knows it: 党员编号 M001, 张*明（…支部）


def message(
    code: str,
    column: str | None = None,
    value: str | None = None,
    column_en: str | None = None,
    **kw: object,
) -> tuple[str, str]:
    """The Chinese and English messages for a problem code.

    ``column`` is the header as written; ``column_en`` (default: the same) names it in the
    English message, e.g. "入党日期 (joined_on)".
    """
    zh, en = MESSAGES[code]
    fields = {"value": "" if value is None else value, **kw}
    fields_zh = {k: v.zh if isinstance(v, Both) else v for k, v in fields.items()}
    fields_en = {k: v.en if isinstance(v, Both) else v for k, v in fields.items()}
    return (
        zh.format(column=column or "", **fields_zh),
        singular_after_one(en.format(column=column_en or column or "", **fields_en)),
    )


# Characters a terminal or a bidirectional renderer would act on rather than show: C0 and
# C1 controls, DEL, line and paragraph separators, and the bidi embeddings and isolates.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
VALUE_CHARS = 100  # a value quoted in a problem: a longer one is cut, saying by how much


def printable(text: str) -> str:
    """``text`` with every control character shown escaped (\\x1b, \\n, \\u202e), so
    that a cell can neither drive the terminal that prints the check nor reorder the text
    around it."""
    return _CONTROLS.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


ARGUMENT_CHARS = 300  # a message's other values (a list of file names fits)


def quoted(value: object, limit: int = VALUE_CHARS) -> str:
    """A cell's value as a problem quotes it: ``printable``, and cut after ``limit``
    characters with the number left out (…(+299,900))."""
    text = printable(str(value))
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…(+{len(text) - limit:,})"


def problem(
    code: str,
    file: str,
    *,
    row: int | None = None,
    column: str | None = None,
    value: object = None,
    severity: Severity = "error",
    column_en: str | None = None,
    record: str | None = None,
    **kw: object,
) -> Problem:
    """A problem with its messages; every text from the files (the column as headed, the
    value, the record, the other values quoted) is ``quoted``, the file's name
    ``printable``."""
    text = None if value is None else quoted(value)
    column = None if column is None else quoted(column)
    column_en = None if column_en is None else quoted(column_en)
    kw = {k: quoted(v, ARGUMENT_CHARS) if isinstance(v, str) else v for k, v in kw.items()}
    zh, en = message(code, column, text, column_en, **kw)
    record = None if record is None else quoted(record)
    return Problem(code, severity, printable(file), row, column, text, zh, en, record)


@dataclass(frozen=True)
class Unlisted:
    """How many more problems of one kind a check found than it itemised (see
    ``MAX_DETAILS``): counted by the report, never listed."""

    code: str
    severity: Severity
    file: str
    n: int


MAX_DETAILS = 1000  # problems itemised per (file, kind); the rest are only counted


@dataclass
class Report:
    """Every problem found, with counts kept even when details are capped.

    ``max_details`` caps the problems kept per (file, code); ``counts`` always counts all.
    """

    max_details: int = MAX_DETAILS
    problems: list[Problem] = field(default_factory=list)
    counts: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    row_counts: dict[str, int] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # dataset -> file name

    def add(self, item: Problem | Unlisted) -> None:
        key = (item.file, item.code, item.severity)
        if isinstance(item, Unlisted):
            self.counts[key] += item.n
            return
        self.counts[key] += 1
        if self.counts[key] <= self.max_details:
            self.problems.append(item)

    def extend(self, items: Iterable[Problem | Unlisted]) -> None:
        for item in items:
            self.add(item)

    @property
    def unlisted(self) -> int:
        """Problems counted but not itemised (beyond ``max_details`` of a kind)."""
        return sum(self.counts.values()) - len(self.problems)

    @property
    def n_errors(self) -> int:
        return sum(n for (_, _, sev), n in self.counts.items() if sev == "error")

    @property
    def n_warnings(self) -> int:
        return sum(n for (_, _, sev), n in self.counts.items() if sev == "warning")

    @property
    def ok(self) -> bool:
        """True when nothing blocks loading: warnings are allowed."""
        return self.n_errors == 0

    def sorted_problems(self) -> list[Problem]:
        """Errors before warnings, then by file and row."""
        return sorted(
            self.problems,
            key=lambda p: (p.severity != "error", p.file, p.row if p.row is not None else 0),
        )

    def to_dict(self, limit: int | None = None) -> dict[str, object]:
        shown = self.sorted_problems()[:limit] if limit is not None else self.sorted_problems()
        return {
            "ok": self.ok,
            "errors": self.n_errors,
            "warnings": self.n_warnings,
            "files": self.files,
            "rows": self.row_counts,
            "counts": [
                {"file": f, "code": c, "severity": s, "count": n}
                for (f, c, s), n in sorted(self.counts.items())
            ],
            "problems": [asdict(p) for p in shown],
            "problems_shown": len(shown),
        }

    def to_json(self, limit: int | None = None) -> str:
        return json.dumps(self.to_dict(limit), ensure_ascii=False, indent=2)
