"""党内统计年报 as the page, the workbook and the slide show it: ``queries.annual.Annual`` in,
the forms' tables (their rows and 栏 numbers in the UI language) and 表一's waterfall out."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from domain.annual import ADMITTED_AGE_BANDS, ANNUAL_AGE_BANDS, MADE_FULL_COLUMNS, TABLE1_COLUMNS
from domain.contract import EDUCATION, OCCUPATIONS, ORG_TYPES, SECTORS
from figures.theme import MUTED, OUTFLOW, PRIMARY, SECONDARY, style, title_lines
from i18n import N_, STRINGS, fmt_date, fmt_int, label, t
from queries.annual import TOTAL, Annual, Check

# 表一's 栏 shown as a step of the waterfall: the increases (3, 4, 5), the decreases (8 to
# 11), between 栏 1 and 栏 14; the difference (15) as a step of its own when not 0.
INCREASES = ("3", "4", "5")
DECREASES = ("8", "9", "10", "11")
FORMS = ("1", "2", "3", "4", "13", "14", "orgs")  # the tables, as ``annual.form.<form>`` names them
COVERAGE_COLUMNS = ("units", "own", "joint", "none", "organisation_rate", "work_rate")
STEP_NAME_WIDTH = 16  # a waterfall step's name per line (figures.theme.title_lines)
RECORDS_SHOWN = 20  # a failed check's records listed in its row; the rest counted
TOTAL_WORD = "总数"  # 栏 1 of a table of people


def period(report: Annual, lang: str = "zh") -> str:
    """年度: "2017年", or "2018年（截至2018年11月30日）" for a year not complete."""
    if report.complete:
        return t("annual.year", lang, year=report.year)
    return t("annual.year_to", lang, year=report.year, date=fmt_date(report.end, lang))


def form_title(key: str, report: Annual, lang: str) -> str:
    """A table's title (``annual.form.<form>``), saying the day it runs to when the year
    is not complete."""
    title = t(key, lang)
    if report.complete:
        return title
    return t("annual.title_to", lang, title=title, date=fmt_date(report.end, lang))


def column_words(column: str, lang: str) -> str:
    """表一's 栏 ``column`` in words (``annual.col.N``)."""
    return t(f"annual.col.{column}", lang)


def card_words(column: str, lang: str) -> str:
    """表一's 栏 ``column`` as a card or a key figure names it (no formula):
    ``annual.card.N`` (1, 2, 7 and 14)."""
    return t(f"annual.card.{column}", lang)


CARD_COLUMNS = ("1", "2", "7", "14")  # 表一's 栏 shown as cards


def _headed(names: list[str], lang: str) -> list[str]:
    """Column headings with their 栏 numbers: "1 总数", "2 女" …"""
    return [f"{n} {label(name, lang)}" for n, name in enumerate(names, start=1)]


def table1_frame(report: Annual, lang: str) -> pd.DataFrame:
    """表一 as a column of 栏: 栏, 项目, 人数, and a note on the 栏 the data cannot tell."""
    cannot = t("annual.untold", lang)
    return pd.DataFrame(
        {
            t("annual.head.column", lang): [int(c) for c in TABLE1_COLUMNS],
            t("annual.head.item", lang): [column_words(c, lang) for c in TABLE1_COLUMNS],
            t("annual.head.people", lang): [report.table1[c] for c in TABLE1_COLUMNS],
            t("annual.head.note", lang): [
                cannot if c in report.untold else "" for c in TABLE1_COLUMNS
            ],
        }
    )


def _rows_first_total(frame: pd.DataFrame, rows: tuple[str, ...]) -> pd.DataFrame:
    return frame.loc[[TOTAL, *rows]]


def _with_rows(frame: pd.DataFrame, head: str, lang: str, names: list[str]) -> pd.DataFrame:
    out = frame.copy()
    out.columns = _headed(names, lang)
    out.insert(0, t(head, lang), [label(r, lang) for r in frame.index])
    return out.reset_index(drop=True)


def occupation_frame(report: Annual, lang: str) -> pd.DataFrame:
    """第二表 党员基本情况: 合计 then a row per occupation; 栏 1 总数, 2 女, 3 少数民族, 4–8
    the 年报 age bands."""
    frame = _rows_first_total(report.by_occupation, OCCUPATIONS)
    names = [TOTAL_WORD, "女", "少数民族", *ANNUAL_AGE_BANDS]
    return _with_rows(frame, N_("annual.head.occupation"), lang, names)


def category_frame(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """第三表 or 第四表: rows 合计, 女, 少数民族; 栏 1 合计 then a 栏 per category."""
    return _with_rows(table, N_("annual.head.row"), lang, [str(c) for c in table.columns])


def admitted_frame(report: Annual, lang: str) -> pd.DataFrame:
    """第十四表 发展党员情况: 合计 then a row per occupation; 栏 总数, 女, 少数民族, the three
    age bands, the six levels of 学历."""
    frame = _rows_first_total(report.admitted, OCCUPATIONS)
    names = [TOTAL_WORD, "女", "少数民族", *ADMITTED_AGE_BANDS, *EDUCATION]
    return _with_rows(frame, N_("annual.head.occupation"), lang, names)


def made_full_frame(report: Annual, lang: str) -> pd.DataFrame:
    """第十三表 预备党员转正情况: one row, a 栏 per MADE_FULL_COLUMNS."""
    frame = pd.DataFrame([report.made_full], index=[TOTAL])
    return _with_rows(frame, N_("annual.head.row"), lang, list(MADE_FULL_COLUMNS))


def organisations_frame(report: Annual, lang: str) -> pd.DataFrame:
    """基层党组织情况: 合计 then a row per sector; 栏 党委, 党总支, 党支部, 合计."""
    frame = _rows_first_total(report.organisations, SECTORS)
    return _with_rows(frame, N_("annual.head.sector"), lang, [*ORG_TYPES, TOTAL])


def coverage_frame(report: Annual, lang: str) -> pd.DataFrame | None:
    """The 两新组织 at the year's end by kind: units, 单独组建, 联合组建, 未建, the
    organisation and work rates (%, one decimal)."""
    if report.coverage is None:
        return None
    frame = report.coverage.copy()
    for rate in ("organisation_rate", "work_rate"):
        frame[rate] = (100 * frame[rate].astype(float)).round(1)
    frame.columns = [
        f"{n} {t(f'annual.coverage.{k}', lang)}" for n, k in enumerate(COVERAGE_COLUMNS, 1)
    ]
    frame.insert(0, t("annual.head.kind", lang), [label(k, lang) for k in frame.index])
    return frame.reset_index(drop=True)


CHECK_KEYS = (
    N_("annual.check.increase"),
    N_("annual.check.decrease"),
    N_("annual.check.expected"),
    N_("annual.check.difference"),
    N_("annual.check.reconciled"),
    N_("annual.check.previous"),
    N_("annual.check.table2_total"),
    N_("annual.check.table2_rows"),
    N_("annual.check.table2_bands"),
    N_("annual.check.education"),
    N_("annual.check.eras"),
    N_("annual.check.admitted_total"),
    N_("annual.check.admitted_rows"),
    N_("annual.check.admitted_bands"),
    N_("annual.check.admitted_education"),
)


def _records(check: Check, lang: str) -> str:
    shown = "、".join(check.records[:RECORDS_SHOWN])
    more = len(check.records) - RECORDS_SHOWN
    return shown + (t("annual.more_records", lang, n=fmt_int(more, lang)) if more > 0 else "")


def _rule(check: Check, lang: str) -> str:
    """The relation as written (``Check.rule``), its words in the UI language."""
    key = f"annual.rule.{check.key}"
    return t(key, lang) if key in STRINGS else check.rule


def checks_frame(report: Annual, lang: str) -> pd.DataFrame:
    """Every check: what it relates, the relation, its two sides, passed or not, and the
    records behind a failure (党员编号)."""
    result = {True: t(N_("annual.ok"), lang), False: t(N_("annual.failed"), lang)}
    rows = [
        {
            t("annual.head.check", lang): t(f"annual.check.{c.key}", lang),
            t("annual.head.rule", lang): _rule(c, lang),
            t("annual.head.left", lang): c.left,
            t("annual.head.right", lang): c.right,
            t("annual.head.result", lang): result[c.ok],
            t("annual.head.records", lang): "" if c.ok else _records(c, lang),
        }
        for c in report.checks
    ]
    return pd.DataFrame(rows)


def difference_frame(report: Annual, lang: str) -> pd.DataFrame:
    """The records behind 栏 15: 党员编号, 组织编号, 组织名称, 减少日期, 减少原因 (blank:
    未填)."""
    d = report.difference
    return pd.DataFrame(
        {
            t("annual.head.member_id", lang): d["member_id"],
            t("annual.head.branch_id", lang): d["branch_id"],
            t("annual.head.branch_name", lang): d["branch"],
            t("annual.head.left_on", lang): [fmt_date(x, lang) for x in d["left_on"]],
            t("annual.head.left_reason", lang): [
                label(r, lang) if isinstance(r, str) else t("annual.blank_reason", lang)
                for r in d["left_reason"]
            ],
        }
    )


def waterfall_steps(report: Annual, lang: str) -> list[tuple[str, str, int]]:
    """表一's steps (name, plotly measure, value): 上年底总数, each increase and decrease
    that is not 0 (a decrease negative), the difference (栏 15) when not 0, and
    本年底实有数."""
    c = report.table1
    steps = [(column_words("1", lang), "absolute", c["1"])]
    steps += [(column_words(k, lang), "relative", c[k]) for k in INCREASES if c[k]]
    steps += [(column_words(k, lang), "relative", -c[k]) for k in DECREASES if c[k]]
    if c["15"]:
        steps.append((column_words("15", lang), "relative", c["15"]))
    steps.append((column_words("14", lang), "total", c["14"]))
    return steps


def waterfall_range(report: Annual) -> tuple[float, float]:
    """The value axis of the waterfall: from below its lowest running total to above its
    highest, so that the year's changes show (not from 0)."""
    c = report.table1
    low = min(c["1"], c["14"], c["13"], c["1"] + c["2"] - c["7"])
    high = max(c["1"] + c["2"], c["14"], c["13"])
    pad = max((high - low) * 0.25, 1)
    step = 10 ** max(math.floor(math.log10(pad)), 0)  # the bottom on a round number
    return max(math.floor((low - pad * 2) / step) * step, 0), high + pad


def table1_waterfall(report: Annual, lang: str, title: str) -> go.Figure:
    """表一 as a waterfall (``waterfall_steps``) lying on its side, the steps named down the
    left (upright on any screen), on ``waterfall_range``."""
    steps = waterfall_steps(report, lang)
    names, measures, values = zip(*steps, strict=True)
    fig = go.Figure(
        go.Waterfall(
            y=list(names),
            x=list(values),
            orientation="h",
            measure=list(measures),
            text=[fmt_int(v, lang) if m != "relative" else f"{v:+,}" for _, m, v in steps],
            textposition="outside",
            cliponaxis=False,
            increasing={"marker": {"color": SECONDARY}},
            decreasing={"marker": {"color": OUTFLOW}},
            totals={"marker": {"color": PRIMARY}},
            connector={"line": {"color": MUTED, "width": 1}},
            hovertemplate="%{y}: %{x:,}<extra></extra>",
        )
    )
    low, high = waterfall_range(report)
    fig.update_xaxes(range=[low, high + (high - low) * 0.12], tickformat=",d", nticks=5)
    ticks = [title_lines(n, STEP_NAME_WIDTH) for n in names]
    fig.update_yaxes(autorange="reversed", automargin=True, tickvals=list(names), ticktext=ticks)
    fig.update_layout(height=110 + 44 * len(steps), showlegend=False)
    return style(fig, title, t("axis.people", lang), None)
