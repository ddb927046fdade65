"""`python -m report summary|deck|html|briefing|png|annual [--data DIR|VERSION] …`: the
headline figures, the exports and the 党内统计年报, on the data the app shows
(``ingest.source.choose``): ``--data``
(a folder of files, or a store version such as v0003), else DANGJIAN_DATA_DIR, else the
store's current version, else the bundled sample.

Exit status: 0 done, 1 the dataset is invalid (the ingest report is printed), 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from domain.annual import TABLE1_COLUMNS
from domain.definitions import as_of_date
from domain.rules import ALERT_ORDER
from figures.annual import column_words, period
from i18n import N_, label, t
from i18n.format import pad
from ingest.cli import BilingualParser, format_report
from ingest.source import Source, UnknownVersionError, choose, load
from queries.annual import Annual, annual, as_json, last_complete_year
from queries.scope import EVERYTHING, Scope, grouped, restrict, within
from queries.summary import full_summary
from report.annual_workbook import annual_workbook
from report.exports import export_bytes, source_name
from report.narrative import scope_name

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
DATA_HELP = (
    "数据文件夹或数据仓库版本（如 v0003）；默认与看板相同 / a dataset folder or a store version"
    " (v0003); default: what the dashboard shows"
)


def _or_dash(value: float | None, spec: str) -> str:
    """``value`` formatted by ``spec``; — where there is none."""
    return "—" if value is None else format(value, spec)


class _Table:
    """A two-language table of figures, a line at a time."""

    def __init__(self, title: str) -> None:
        self.lines = [title, ""]

    def heading(self, key: str) -> None:
        self.lines.append(f"{t(key, 'zh')} {t(key, 'en')}")

    def line(self, zh: str, en: str, value: object) -> None:
        shown = f"{value:,}" if isinstance(value, int) else str(value)
        self.lines.append(f"  {pad(zh + ' ' + en, 44)} {shown:>10}")

    def row(self, key: str, value: object) -> None:
        self.line(t(key, "zh"), t(key, "en"), value)

    def labels(self, counts: dict[str, int]) -> None:
        """A line per category label of the data, in both languages."""
        for key, value in counts.items():
            self.line(key, label(key, "en"), value)

    def block(self, heading: str, counts: dict[str, int]) -> None:
        self.heading(heading)
        self.labels(counts)
        self.lines.append("")


def _members(table: _Table, m: dict, b: dict) -> None:
    table.heading(N_("summary.heading.members"))
    table.row(N_("summary.active"), m["active"])
    table.row(N_("summary.full"), m["full"])
    table.row(N_("summary.probationary"), m["probationary"])
    table.row(N_("summary.minority"), m["minority"])
    table.row(N_("summary.college_or_above"), m["college_or_above"])
    table.lines.append("")
    table.block(N_("summary.heading.gender"), m["gender"])
    table.block(N_("summary.heading.age_bands"), m["age_bands"])
    table.block(N_("summary.heading.education"), m["education"])
    table.block(N_("summary.heading.occupation"), m["occupation"])
    table.block(N_("summary.heading.members_by_sector"), m["by_sector"])
    table.heading(N_("summary.heading.organisations"))
    table.row(N_("summary.total"), b["total"])
    table.labels(b["by_org_type"])
    table.lines.append("")
    table.block(N_("summary.heading.organisations_by_sector"), b["by_sector"])


def _patents(table: _Table, p: dict) -> None:
    table.heading(N_("summary.heading.patents"))
    table.row(N_("summary.filed"), p["filed"])
    table.row(N_("summary.granted"), p["granted"])
    table.row(N_("summary.invention_patents_granted"), p["granted_invention"])
    table.row(N_("summary.filed_last_12_months"), p["filed_12m"])
    table.row(N_("summary.per_100_members"), _or_dash(p["per_100_members"], ".2f"))
    table.row(N_("summary.members_among_inventors"), _or_dash(p["member_inventor_share"], ".1%"))
    table.lines.append("")


def _orglife(table: _Table, a: dict) -> None:
    table.heading(N_("summary.heading.organisational_life_12_months"))
    table.row(N_("summary.activities"), a["activities"])
    table.row(N_("summary.attendance_rate"), _or_dash(a["attendance_rate"], ".1%"))
    table.row(N_("summary.volunteering_activities"), a["volunteer_activities"])
    table.row(N_("summary.volunteer_person_hours"), f"{a['volunteer_hours']:,.1f}")
    table.row(N_("summary.non_member_attendances"), a["mass_participation"])
    table.row(N_("summary.meeting_rules_met"), _or_dash(a["compliance_rate"], ".1%"))
    table.row(N_("summary.branches_judged"), a["branches_judged"])
    table.row(N_("summary.branches_below_standard"), a["branches_below_standard"])
    table.lines.append("")


def _alerts(table: _Table, alerts: dict) -> None:
    table.heading(N_("summary.heading.organisational_health"))
    for key in ALERT_ORDER:
        table.line(t(f"alert.{key}", "zh"), t(f"alert.{key}", "en"), alerts[key])
    table.row(N_("summary.total"), alerts["total"])
    table.row(N_("summary.organisations"), alerts["organisations"])


def format_summary(summary: dict) -> str:
    """The summary as a readable two-language table."""
    scope = summary.get("scope") or {}
    words = " ".join(dict.fromkeys([scope.get("zh", ""), scope.get("en", "")]))
    within = f" · {words}" if scope.get("ids") else ""
    table = _Table(f"党建数据摘要 Summary{within} · 截至 as of {summary['as_of']}")
    _members(table, summary["members"], summary["branches"])
    if summary["patents"] is not None:
        _patents(table, summary["patents"])
    if summary["participation"] is not None:
        _orglife(table, summary["participation"])
    if summary.get("alerts") is not None:
        _alerts(table, summary["alerts"])
    return "\n".join(table.lines).rstrip()


def _scoped(tables: dict, roots: list[str] | None) -> tuple[Mapping, Scope] | int:
    """The tables of the organisations ``roots`` (``--scope``), each with everything under
    it, as an account with that scope sees them; the exit status after saying which is not
    in the data."""
    if not roots:
        return tables, EVERYTHING
    scope, missing = within(tables["branches"], tuple(dict.fromkeys(roots)))
    if missing:
        ids = "、".join(missing)
        print(f"--scope 中的组织编号不在数据中 / not an organisation id in the data: {ids}",
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    return restrict(grouped(tables), scope), scope  # knows the whole (``whole_of``)


def _load(args: argparse.Namespace) -> tuple[Mapping, pd.Timestamp, Source, Scope] | int:
    """The dataset (of ``--scope``), the as-of date, where the data came from and the
    scope, or the exit status after saying what is wrong."""
    try:
        chosen = choose(args.data)
    except UnknownVersionError:
        print(f"数据仓库中没有版本 / The store has no version {args.data}", file=sys.stderr)
        return EXIT_USAGE
    if not chosen.path.exists():
        print(f"找不到文件或文件夹 / No such file or folder: {chosen.path}", file=sys.stderr)
        return EXIT_USAGE
    on = None
    if args.as_of is not None:
        try:
            on = pd.Timestamp(dt.date.fromisoformat(args.as_of))
        except ValueError:
            print(
                f"--as-of 日期无效，应为 YYYY-MM-DD / is not a date: {args.as_of}", file=sys.stderr
            )
            return EXIT_USAGE
    result = load(chosen)
    if not result.ok:
        print(format_report(result.report, str(chosen.path), 20), file=sys.stderr)
        return EXIT_INVALID
    scoped = _scoped(result.tables, args.scope)
    if isinstance(scoped, int):
        return scoped
    tables, scope = scoped
    return tables, (as_of_date(result.tables) if on is None else on), chosen, scope


def _summary(args: argparse.Namespace) -> int:
    loaded = _load(args)
    if isinstance(loaded, int):
        return loaded
    tables, on, _, scope = loaded
    summary = full_summary(tables, on)
    summary["scope"] = {
        "ids": list(dict.fromkeys(args.scope or ())),
        "zh": scope_name(scope, "zh"),
        "en": scope_name(scope, "en"),
    }
    print(
        json.dumps(summary, ensure_ascii=False, indent=2) if args.json else format_summary(summary)
    )
    return EXIT_OK


SCOPE_HELP = (
    "只含该组织及其下属组织（可重复）/ only this organisation and everything under it (repeatable)"
)


def build_parser() -> argparse.ArgumentParser:
    parser = BilingualParser(
        prog="python -m report", description="党建数据报表 / Party-building reports"
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=BilingualParser)
    summary = sub.add_parser("summary", help="主要数字 / the headline figures")
    summary.add_argument("--data", help=DATA_HELP)
    summary.add_argument("--as-of", help="截至日期 YYYY-MM-DD（默认：数据中的最新日期）")
    summary.add_argument("--json", action="store_true", help="JSON 输出 / print JSON")
    summary.add_argument("--scope", action="append", metavar="组织编号", help=SCOPE_HELP)
    summary.set_defaults(run=_summary)
    for name, help_text in (
        ("deck", "汇报幻灯片 PPTX / the slide deck"),
        ("html", "离线 HTML 报告 / the offline HTML report"),
        ("briefing", "汇报稿 .docx 或 .md / the written briefing"),
        ("png", "每张图表的 PNG（zip） / every chart as PNG, zipped"),
    ):
        export = sub.add_parser(name, help=help_text)
        export.add_argument("--data", help=DATA_HELP)
        export.add_argument("--as-of", help="截至日期 YYYY-MM-DD（默认：数据中的最新日期）")
        export.add_argument("--lang", choices=("zh", "en"), default="zh", help="语言 / language")
        export.add_argument("--out", type=Path, required=True, help="输出文件 / output file")
        export.add_argument("--scope", action="append", metavar="组织编号", help=SCOPE_HELP)
        export.set_defaults(run=_export, kind=name)
    annual_cmd = sub.add_parser("annual", help="党内统计年报 / the year-end Party statistics")
    annual_cmd.add_argument("--data", help=DATA_HELP)
    annual_cmd.add_argument("--as-of", help="截至日期 YYYY-MM-DD（默认：数据中的最新日期）")
    annual_cmd.add_argument(
        "--year",
        type=int,
        help="年度（默认：数据中最近一个完整年度）/ the year (default: the last complete one)",
    )
    annual_cmd.add_argument("--scope", action="append", metavar="组织编号", help=SCOPE_HELP)
    annual_cmd.add_argument("--out", type=Path, help="年报工作簿 .xlsx / the workbook")
    annual_cmd.add_argument("--json", action="store_true", help="JSON 输出 / print JSON")
    annual_cmd.set_defaults(run=_annual)
    return parser


def _export(args: argparse.Namespace) -> int:
    loaded = _load(args)
    if isinstance(loaded, int):
        return loaded
    tables, on, chosen, scope = loaded
    kind = {"deck": "pptx", "html": "html", "png": "png"}.get(args.kind, args.kind)
    if kind == "briefing":
        kind = "markdown" if args.out.suffix.lower() in (".md", ".markdown") else "docx"
    source = source_name(chosen.path, args.lang)
    data = export_bytes(tables, on, args.lang, source, kind, scope_name(scope, args.lang))
    args.out.write_bytes(data)
    print(f"{args.out} ({len(data):,} bytes)")
    return EXIT_OK


def _annual(args: argparse.Namespace) -> int:
    """The 党内统计年报 of ``--year`` (default: the last complete year): the workbook to
    ``--out``, the JSON with ``--json``, else 表一 and the checks as text."""
    loaded = _load(args)
    if isinstance(loaded, int):
        return loaded
    tables, on, _, scope = loaded
    year = last_complete_year(on) if args.year is None else args.year
    if year > on.year or year < 1921:
        print(
            f"--year {year}：数据截至 {on.date()}，可选 1921 至 {on.year} 年 / the data reach"
            f" {on.date()}: a year from 1921 to {on.year}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    report = annual(tables, year, on)
    ids = list(dict.fromkeys(args.scope or ()))
    if args.out is not None:
        data = annual_workbook(report, scope_name(scope, "zh"))
        args.out.write_bytes(data)
        print(f"{args.out} ({len(data):,} bytes)", file=sys.stderr if args.json else sys.stdout)
    if args.json:
        shown = ids[0] if len(ids) == 1 else (ids or None)
        print(json.dumps(as_json(report, shown), ensure_ascii=False, indent=2))
    elif args.out is None:
        print(format_annual(report, scope_name(scope, "zh"), scope_name(scope, "en")))
    return EXIT_OK


def format_annual(report: Annual, zh: str, en: str) -> str:
    """表一 and the checks as a readable two-language table."""
    scope = " ".join(dict.fromkeys([zh, en]))
    table = _Table(f"党内统计年报 Party statistics {period(report, 'zh')} · {scope}")
    table.heading(N_("annual.form.1"))
    for column in TABLE1_COLUMNS:
        words = f"{column:>2} {column_words(column, 'zh')}"
        table.line(words, column_words(column, "en"), report.table1[column])
    table.lines.append("")
    table.heading(N_("annual.checks"))
    for check in report.checks:
        key = N_("annual.ok") if check.ok else N_("annual.failed")
        result = f"{t(key, 'zh')} {t(key, 'en')}"
        table.line(check.rule, "", f"{check.left:,} / {check.right:,} {result}")
    if report.difference_records:
        table.lines += [
            "",
            f"第 15 栏差额涉及 Records behind column 15: {'、'.join(report.difference_records)}",
        ]
    return "\n".join(table.lines).rstrip()


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    try:
        return args.run(args)
    except BrokenPipeError:  # the reader went away (`… | head`): nothing more to say
        sys.stdout = Path(os.devnull).open("w")  # noqa: SIM115 (Python flushes it at exit)
        return EXIT_OK
