"""`python -m report summary|deck|html|briefing|png [--data DIR|VERSION] …`: the headline
figures and the exports, on the data the app shows (``ingest.source.choose``): ``--data``
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
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from domain.definitions import as_of_date
from domain.rules import ALERT_ORDER
from i18n import label, t
from i18n.format import pad
from ingest.cli import BilingualParser, format_report
from ingest.source import Source, UnknownVersionError, choose, load
from queries.summary import full_summary
from report.exports import export_bytes, source_name

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
DATA_HELP = (
    "数据文件夹或数据仓库版本（如 v0003）；默认与看板相同 / a dataset folder or a store version"
    " (v0003); default: what the dashboard shows"
)


def format_summary(summary: dict) -> str:
    """The summary as a readable two-language table."""
    m, b = summary["members"], summary["branches"]
    lines = [f"党建数据摘要 Summary · 截至 as of {summary['as_of']}", ""]

    def row(zh: str, en: str, value: object) -> None:
        shown = f"{value:,}" if isinstance(value, int) else str(value)
        lines.append(f"  {pad(zh + ' ' + en, 44)} {shown:>10}")

    def block(title: str, counts: dict[str, int]) -> None:
        lines.append(title)
        for key, value in counts.items():
            row(key, label(key, "en"), value)
        lines.append("")

    lines.append("党员 Members")
    row("在册党员", "active", m["active"])
    row("正式党员", "full", m["full"])
    row("预备党员", "probationary", m["probationary"])
    row("少数民族", "minority", m["minority"])
    row("大专及以上", "college or above", m["college_or_above"])
    lines.append("")
    block("性别 Gender", m["gender"])
    block("年龄 Age bands", m["age_bands"])
    block("学历 Education", m["education"])
    block("职业 Occupation", m["occupation"])
    block("各领域党员 Members by sector", m["by_sector"])
    lines.append("党组织 Organisations")
    row("合计", "total", b["total"])
    for key, value in b["by_org_type"].items():
        row(key, label(key, "en"), value)
    lines.append("")
    block("各领域党组织 Organisations by sector", b["by_sector"])
    p = summary["patents"]
    if p is not None:
        lines.append("专利 Patents")
        row("申请", "filed", p["filed"])
        row("授权", "granted", p["granted"])
        row("授权发明专利", "invention patents granted", p["granted_invention"])
        row("近12个月申请", "filed, last 12 months", p["filed_12m"])
        per_100 = p["per_100_members"]
        row("每百名党员申请", "per 100 members", "—" if per_100 is None else f"{per_100:.2f}")
        share = p["member_inventor_share"]
        row("党员发明人占比", "members among inventors", "—" if share is None else f"{share:.1%}")
        lines.append("")
    a = summary["participation"]
    if a is not None:
        lines.append("组织生活（近12个月） Organisational life (12 months)")
        row("活动", "activities", a["activities"])
        rate = a["attendance_rate"]
        row("参与率", "attendance rate", "—" if rate is None else f"{rate:.1%}")
        row("志愿服务活动", "volunteering activities", a["volunteer_activities"])
        row("志愿服务（人·小时）", "volunteer person-hours", f"{a['volunteer_hours']:,.1f}")
        row("群众参与（人次）", "non-member attendances", a["mass_participation"])
        rate = a["compliance_rate"]
        row("三会一课达标率", "meeting rules met", "—" if rate is None else f"{rate:.1%}")
        row("参评党支部", "branches judged", a["branches_judged"])
        row("低于标准的党支部", "branches below standard", a["branches_below_standard"])
        lines.append("")
    alerts = summary.get("alerts")
    if alerts is not None:
        lines.append("组织健康提醒 Organisational health")
        for key in ALERT_ORDER:
            row(t(f"alert.{key}", "zh"), t(f"alert.{key}", "en"), alerts[key])
        row("合计", "total", alerts["total"])
        row("涉及党组织", "organisations", alerts["organisations"])
    return "\n".join(lines).rstrip()


def _load(args: argparse.Namespace) -> tuple[dict, pd.Timestamp, Source] | int:
    """The dataset, the as-of date and where the data came from, or the exit status after
    saying what is wrong."""
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
    return result.tables, (as_of_date(result.tables) if on is None else on), chosen


def _summary(args: argparse.Namespace) -> int:
    loaded = _load(args)
    if isinstance(loaded, int):
        return loaded
    tables, on, _ = loaded
    summary = full_summary(tables, on)
    print(
        json.dumps(summary, ensure_ascii=False, indent=2) if args.json else format_summary(summary)
    )
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = BilingualParser(
        prog="python -m report", description="党建数据报表 / Party-building reports"
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=BilingualParser)
    summary = sub.add_parser("summary", help="主要数字 / the headline figures")
    summary.add_argument("--data", help=DATA_HELP)
    summary.add_argument("--as-of", help="截至日期 YYYY-MM-DD（默认：数据中的最新日期）")
    summary.add_argument("--json", action="store_true", help="JSON 输出 / print JSON")
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
        export.set_defaults(run=_export, kind=name)
    return parser


def _export(args: argparse.Namespace) -> int:
    loaded = _load(args)
    if isinstance(loaded, int):
        return loaded
    tables, on, chosen = loaded
    kind = {"deck": "pptx", "html": "html", "png": "png"}.get(args.kind, args.kind)
    if kind == "briefing":
        kind = "markdown" if args.out.suffix.lower() in (".md", ".markdown") else "docx"
    data = export_bytes(tables, on, args.lang, source_name(chosen.path, args.lang), kind)
    args.out.write_bytes(data)
    print(f"{args.out} ({len(data):,} bytes)")
    return EXIT_OK


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
