"""The contract tables in data/README.md, generated from ``domain.contract``.

Each dataset's table sits between ``<!-- contract:NAME -->`` and ``<!-- /contract:NAME -->``.
``python -m ingest docs`` rewrites them; a test fails when they differ from the code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from domain.contract import DATASETS, IGNORED_HEADERS, Dataset, Kind
from i18n.catalogue import meaning
from ingest.codes import (
    EDUCATION_CODES,
    ETHNICITY_CODES,
    GENDER_CODES,
    OCCUPATION_CODES,
    OCCUPATION_WORDS,
)

README = Path(__file__).resolve().parent.parent / "data" / "README.md"

TYPE_LABELS = {
    Kind.TEXT: "文本 text",
    Kind.CATEGORY: "类别 category",
    Kind.DATE: "日期 date",
    Kind.INT: "整数 integer ≥ 0",
    Kind.NUMBER: "数字 number ≥ 0",
    Kind.BOOL: "是/否 yes/no",
    Kind.ID_NUMBER: "身份证号 ID number → 哈希 hash",
    Kind.PHONE: "电话 phone → 丢弃 dropped",
    Kind.ADDRESS: "住址 address → 丢弃 dropped",
}


def markdown_table(d: Dataset) -> str:
    """The dataset's columns as a Markdown table (one row per field, contract order)."""
    lines = [
        "| 列名 column | 中文表头 header | 类型 type | 必填 required "
        "| 取值 allowed values | 含义 meaning | 也接受的表头 also accepted |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in d.fields:
        required = "必填 required" + ("，唯一 unique" if f.unique else "") if f.required else ""
        allowed = "、".join(f.allowed)
        if f.ref:
            allowed = f"{f.ref}.{'member_id' if f.ref == 'members' else 'branch_id'} 中的编号"
        if f.fallback:
            other = d.field(f.fallback)
            required += f"（或由 `{other.name}` {other.zh} 代替 or from `{other.name}`）"
        if f.resolves:
            allowed = f"branches.name 中的全称 → `{f.resolves}`"
        zh, en = meaning(d.name, f.name)
        lines.append(
            f"| `{f.name}` | {f.zh} | {TYPE_LABELS[f.kind]} | {required} | {allowed} | "
            f"{zh}<br>{en} | {'、'.join(f.aliases)} |"
        )
    if d.order:
        lines += ["", "日期先后 Dates in order (an error otherwise): " + order_text(d) + "."]
    return "\n".join(lines)


def order_text(d: Dataset) -> str:
    """The dataset's date orders (``Dataset.order``) in words: later ≥ earlier."""
    parts = []
    for rule in d.order:
        later, earlier = d.field(rule.later), d.field(rule.earlier)
        text = f"{later.zh} `{rule.later}` ≥ {earlier.zh} `{rule.earlier}`"
        if rule.or_else:
            text += f"（空则 {d.field(rule.or_else).zh} if blank, `{rule.or_else}`）"
        if rule.needs_earlier:
            text += "（且不能缺 and never without it）"
        parts.append(text)
    return "；".join(parts)


def _codes_row(codes: dict[str, str | None]) -> str:
    by_label: dict[str, list[str]] = {}
    for code, label in codes.items():
        by_label.setdefault(label or "（留空 left blank）", []).append(code)
    return "<br>".join(f"{label}: {' '.join(sorted(c))}" for label, c in by_label.items())


def codes_table() -> str:
    """The official code tables (``ingest.codes``) as Markdown."""
    lines = [
        "| 列 column | 代码 → 数据规范的取值 codes → contract label |",
        "|---|---|",
        f"| `education` 学历 | {_codes_row(EDUCATION_CODES)} |",
        f"| `gender` 性别 | {_codes_row(GENDER_CODES)} |",
        f"| `occupation` 工作岗位 | {_codes_row(OCCUPATION_CODES)} |",
        "| `ethnicity` 民族 | "
        + "、".join(f"{code} {name}" for code, name in ETHNICITY_CODES.items())
        + " |",
        "",
        "工作岗位 names are read by the first of these words they contain "
        "(工作岗位名称按下列词语依次判断): "
        + "；".join(f"{word} → {label}" for word, label in OCCUPATION_WORDS)
        + ".",
        "",
        "Headers passed over without a warning (不提示而略过的表头): "
        + "、".join(IGNORED_HEADERS)
        + ".",
    ]
    return "\n".join(lines)


def _block(name: str) -> re.Pattern[str]:
    return re.compile(rf"(<!-- contract:{name} -->)(.*?)(<!-- /contract:{name} -->)", re.S)


def _between_markers(table: str) -> Callable[[re.Match[str]], str]:
    """A block's replacement: its markers, with ``table`` between them."""
    return lambda m: f"{m.group(1)}\n{table}\n{m.group(3)}"


def update_readme(path: Path, write: bool = True) -> bool:
    """Replace each contract block with the generated table; True when anything changed."""
    text = path.read_text(encoding="utf-8")
    new = text
    if not _block("codes").search(new):
        raise ValueError(f"{path} has no <!-- contract:codes --> block")
    new = _block("codes").sub(lambda m: m.group(1) + "\n" + codes_table() + "\n" + m.group(3), new)
    for name, d in DATASETS.items():
        pattern = _block(name)
        if not pattern.search(new):
            raise ValueError(f"{path} has no <!-- contract:{name} --> block")
        new = pattern.sub(_between_markers(markdown_table(d)), new)
    if write and new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def readme_block(path: Path, name: str) -> str:
    """The text currently between the markers of one dataset's block."""
    match = _block(name).search(path.read_text(encoding="utf-8"))
    if match is None:
        raise ValueError(f"{path} has no <!-- contract:{name} --> block")
    return match.group(2).strip("\n")
