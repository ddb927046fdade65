"""`python -m ingest`: check a dataset, or rewrite the contract tables in data/README.md.

Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from adbc_driver_postgresql import dbapi

from domain.contract import DATASETS
from i18n.format import pad
from ingest.docs import README, update_readme
from ingest.load import load_dataset
from ingest.migrate import SchemaError, migrate
from ingest.pg_store import is_database
from ingest.problems import Problem, Report, printable
from ingest.store import CARRIED, REMOVED, REPLACED, Step, StoreChangedError, store_location
from ingest.stores import open_store

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _files_lines(report: Report) -> list[str]:
    """A line per dataset: its name, the file it was read from and its rows."""
    lines = []
    for name, file in report.files.items():
        d = DATASETS[name]
        rows = report.row_counts.get(name)
        count = f"{rows:,} 行 rows" if rows is not None else "未读入 not read"
        lines.append(f"  {pad(d.zh + ' ' + d.name, 30)} {pad(printable(file), 30)} {count}")
    return lines


def _kinds_lines(report: Report) -> list[str]:
    """Problems counted by file, code and severity."""
    if not report.counts:
        return []
    lines = ["", "问题分类 Problems by kind:"]
    for (file, code, severity), n in sorted(report.counts.items()):
        mark = "错误 error" if severity == "error" else "提醒 warning"
        lines.append(f"  {pad(file or '-', 30)} {code:<32} {pad(mark, 14)} × {n:,}")
    return lines


def _problem_lines(p: Problem) -> list[str]:
    """One problem: where (file, row, record, column, value), then its message in both
    languages."""
    where = [p.file or "-"]
    if p.row is not None:
        where.append(f"第 {p.row} 行 row {p.row}")
    where += [part for part in (p.record, p.column) if part]
    if p.value is not None:
        where.append(f"“{p.value}”")
    tag = "✗" if p.severity == "error" else "!"
    return [f"  {tag} {' · '.join(where)}", f"      {p.message_zh}", f"      {p.message_en}"]


def _left_out_lines(report: Report, shown: int) -> list[str]:
    """What is not itemised: problems beyond ``--limit``, and those counted only."""
    lines = []
    listed = len(report.problems) - shown
    if listed > 0:
        lines.append("")
        lines.append(
            f"另有 {listed:,} 个问题未在此列出（用 --limit 或 --json 查看）"
            f" / {listed:,} more not shown here (see --limit or --json)"
        )
    if report.unlisted:
        lines.append(
            f"另有 {report.unlisted:,} 个同类问题只计数"
            f"（每类最多逐条列出 {report.max_details:,} 个）"
            f" / {report.unlisted:,} more of the same kinds, counted only (at most"
            f" {report.max_details:,} of a kind are itemised)"
        )
    return lines


def format_report(report: Report, source: str, limit: int) -> str:
    """The report as readable bilingual text: files and rows, counts by kind, first problems."""
    lines = [f"数据检查 Dataset check: {printable(source)}", *_files_lines(report)]
    verdict = "通过 VALID" if report.ok else "未通过 INVALID"
    lines.append(
        f"结果 Result: {verdict} · {report.n_errors:,} 个错误 errors · "
        f"{report.n_warnings:,} 个提醒 warnings"
    )
    lines += _kinds_lines(report)
    shown = report.sorted_problems()[:limit]
    if shown:
        plural = "problem" if len(shown) == 1 else "problems"
        lines += ["", f"前 {len(shown)} 个问题 First {len(shown)} {plural}:"]
    for p in shown:
        lines += _problem_lines(p)
    lines += _left_out_lines(report, len(shown))
    return "\n".join(lines)


def _check(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        messages = [f"找不到文件或文件夹 / No such file or folder: {path}" for path in missing]
        for text in messages:
            print(text, file=sys.stderr)
        if args.json:
            print(json.dumps({"ok": False, "usage_error": messages}, ensure_ascii=False, indent=2))
        return EXIT_USAGE
    result = load_dataset(args.paths)
    source = " ".join(str(p) for p in args.paths)
    if args.json:
        print(result.report.to_json(limit=args.limit))
    else:
        print(format_report(result.report, source, args.limit))
    return EXIT_OK if result.ok else EXIT_INVALID


def _import(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not p.exists()]
    for path in missing:
        print(f"找不到文件或文件夹 / No such file or folder: {path}", file=sys.stderr)
    if missing:
        return EXIT_USAGE
    if not args.by.strip():
        print(
            "用法错误 / usage error: --by 导入人不能为空 / must name who imports", file=sys.stderr
        )
        return EXIT_USAGE
    by_zh = {d.zh: name for name, d in DATASETS.items()}
    args.remove = [by_zh.get(name, name) for name in args.remove]
    unknown = [name for name in args.remove if name not in DATASETS]
    if unknown:
        known = ", ".join(DATASETS)
        print(f"没有这类数据 / No such dataset: {', '.join(unknown)} ({known})", file=sys.stderr)
        return EXIT_USAGE
    store = open_store(args.store or store_location())
    result = store.publish(args.paths, by=args.by, remove=args.remove)
    print(format_report(result.report, " ".join(str(p) for p in args.paths), args.limit))
    if not result.ok:
        if any(p.code == "ref.carried_unknown_branch" for p in result.report.problems):
            print(
                "提示：以上错误来自从当前版本沿用的数据；"
                "可一并上传更新后的文件，或用 --remove 不沿用它们"
                "\nHint: these errors are in data carried forward from the current version;"
                " upload its updated file too, or leave it out with --remove"
            )
        print("未导入，当前数据不变 / Not imported: the current data is unchanged")
        return EXIT_INVALID
    v = result.version
    assert v is not None  # an import with no errors made a version
    print("")
    print("各类数据 Datasets:")
    for step in result.steps:
        print("  " + format_step(step))
    print(f"已导入为 {v.id}（当前版本）/ Imported as {v.id} (now current)")
    return EXIT_OK


def format_step(step: Step) -> str:
    """One dataset's line of an import's summary, in both languages."""
    d = DATASETS[step.dataset]
    name = pad(f"{d.zh} {d.name}", 30)
    if step.action == CARRIED:
        origin = step.origin
        return f"{name} 沿用 {origin} carried forward from {origin}: {step.rows_after:,} 行 rows"
    if step.action == REMOVED:
        return f"{name} 移除 removed ({step.rows_before:,} 行 rows before)"
    verb = "替换 replaced" if step.action == REPLACED else "新增 added"
    text = f"{name} {verb}: {step.rows_before:,} → {step.rows_after:,} 行 rows"
    if step.added is not None:
        text += f"; 新增党员 {step.added:,} members added, 减少 {step.left:,} left"
    return text


def _rollback(args: argparse.Namespace) -> int:
    if not args.by.strip():
        print(
            "用法错误 / usage error: --by 操作人不能为空 / must name who rolls back",
            file=sys.stderr,
        )
        return EXIT_USAGE
    store = open_store(args.store or store_location())
    known = [v.id for v in store.versions()]
    if args.version not in known:
        print(
            f"没有这个版本 / No such version: {args.version}（现有版本 / versions: "
            f"{', '.join(known) or '—'}）",
            file=sys.stderr,
        )
        return EXIT_USAGE
    shown = store.current()  # the rollback happens only if it is still current after asking
    if not args.yes:
        target = store.version(args.version)
        rows = "，".join(f"{DATASETS[n].zh} {r:,} 行" for n, r in target.rows.items())
        who = f"{target.created[:10]} 由 {target.by} 导入 / imported by {target.by}"
        print(f"{args.version}（{who}）：{rows}")
        answer = _ask(f"确认回退到 {args.version}？Roll back to {args.version}? [y/N] ")
        if answer.strip().lower() not in ("y", "yes", "是"):
            print("未回退，当前版本不变 / Not rolled back: the current version is unchanged")
            return EXIT_INVALID
    try:
        store.rollback(args.version, by=args.by, expected=shown)
    except LookupError:  # removed since the check above
        print(f"没有这个版本 / No such version: {args.version}", file=sys.stderr)
        return EXIT_USAGE
    except StoreChangedError as changed:
        print(f"{changed.problem.message_zh}\n{changed.problem.message_en}", file=sys.stderr)
        return EXIT_INVALID
    print(f"当前版本 / Current version: {args.version}")
    return EXIT_OK


def _ask(prompt: str) -> str:
    """The operator's answer; no answer (no terminal) is no."""
    try:
        return input(prompt)
    except EOFError:
        return ""


def _docs(args: argparse.Namespace) -> int:
    changed = update_readme(README, write=not args.check)
    if args.check and changed:
        print(f"{README} 与数据规范不一致 / is out of date: run `python -m ingest docs`")
        return EXIT_INVALID
    print(f"{README}: {'updated' if changed else 'up to date'}")
    return EXIT_OK


class BilingualParser(argparse.ArgumentParser):
    """argparse, with its errors introduced in both languages."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(
            EXIT_USAGE,
            f"用法错误 / usage error: {message}\n（查看帮助 / see help: {self.prog} -h）\n",
        )


STORE_HELP = (
    "数据仓库：文件夹或 postgresql:// 地址（默认 DANGJIAN_STORE，否则 store/）/ the store: a "
    "folder or a postgresql:// address (default: DANGJIAN_STORE, else store/)"
)


def _migrate(args: argparse.Namespace) -> int:
    """Apply the PostgreSQL store's pending migrations (``ingest.migrate``)."""
    location = args.store or store_location()
    if not is_database(location):
        print("文件夹数据仓库无需升级 / a folder store needs no migration", file=sys.stderr)
        return EXIT_USAGE
    applied = migrate(location)
    for name in applied:
        print(f"已应用 / applied: {name}")
    if not applied:
        print("数据库结构已是最新 / the schema is up to date")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = BilingualParser(
        prog="python -m ingest", description="检查党建数据 / Check Party-building datasets"
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=BilingualParser)
    check = sub.add_parser("check", help="检查文件或数据文件夹 / check files or a dataset folder")
    check.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="数据文件夹或文件 / a dataset folder, or files",
    )
    check.add_argument(
        "--json", action="store_true", help="机器可读的 JSON / machine-readable JSON"
    )
    check.add_argument(
        "--limit", type=int, default=50, help="列出的问题数上限 / problems to list (default 50)"
    )
    check.set_defaults(run=_check)
    imp = sub.add_parser("import", help="检查并导入为新版本 / check and keep as a new version")
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="数据文件夹或文件")
    imp.add_argument("--store", help=STORE_HELP)
    imp.add_argument("--by", required=True, help="导入人 / who imports")
    imp.add_argument(
        "--remove",
        action="append",
        default=[],
        metavar="DATASET",
        help="不沿用的数据，如 patents / a dataset not to carry forward (repeatable)",
    )
    imp.add_argument("--limit", type=int, default=20, help="列出的问题数上限 / problems to list")
    imp.set_defaults(run=_import)
    back = sub.add_parser("rollback", help="回退到某个版本 / show an earlier version again")
    back.add_argument("version", help="版本号，如 v0001 / a version id such as v0001")
    back.add_argument("--store", help=STORE_HELP)
    back.add_argument("--by", required=True, help="操作人 / who rolls back")
    back.add_argument("--yes", action="store_true", help="不再询问 / do not ask to confirm")
    back.set_defaults(run=_rollback)
    mig = sub.add_parser(
        "migrate",
        help="升级 PostgreSQL 数据仓库的结构 / bring a PostgreSQL store's schema up to date",
    )
    mig.add_argument("--store", help=STORE_HELP)
    mig.set_defaults(run=_migrate)
    docs = sub.add_parser(
        "docs", help="重写 data/README.md 中的数据规范表 / rewrite the contract tables"
    )
    docs.add_argument("--check", action="store_true", help="只检查，不改写 / only check")
    docs.set_defaults(run=_docs)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    if getattr(args, "limit", 0) < 0:
        parser.print_usage(sys.stderr)
        print("用法错误 / usage error: --limit 不能为负数 / must be 0 or more", file=sys.stderr)
        return EXIT_USAGE
    try:
        return args.run(args)
    except SchemaError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except dbapi.Error as exc:  # the database cannot be reached, or refused the request
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"数据库出错 / the database failed: {first}", file=sys.stderr)
        return EXIT_USAGE
