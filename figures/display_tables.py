"""Tables for display and download: column names and category labels in the UI language,
shares as percentages, dates as dates."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pandas as pd

from domain.clock import is_beijing_time, local_time, time_zone
from domain.contract import DATASETS
from domain.definitions import SHARE_MEASURES
from domain.rules import ALERT_RULES, DEVELOPMENT_RULE_ORDER, DEVELOPMENT_RULES, MEETING_RULES
from i18n import STRINGS, fmt_date, fmt_int, fmt_pct, label, t
from i18n.format import phrase, pick
from ingest.store import Step

# Columns holding a fraction (0..1): shown and downloaded as a percentage with one decimal.
SHARE_COLUMNS = frozenset(
    {
        *SHARE_MEASURES,
        "growth_rate",
        "share",
        "local",
        "national",
        "rate",
        "attendance_rate",
        "member_inventor_share",
        "front_line",
        "fulfilled",
        "organisation_rate",
        "own_rate",
        "work_rate",
        "staff_covered_share",
    }
)


def column_name(column: object, lang: str, percent: bool = False) -> str:
    key = f"col.{column}"
    name = t(key, lang) if key in STRINGS else label(str(column), lang)
    return phrase("percent_heading", lang, name=name) if percent else name


def localise(frame: pd.DataFrame | pd.Series, lang: str, index: str | None = None) -> pd.DataFrame:
    """The frame with its index as a first column, every column renamed for ``lang``,
    category labels translated, shares as percentages (46.3, headed "女性占比（%）"), other
    fractions rounded to two decimals, and dates as calendar days. ``index`` names the
    index column (a ``col.`` key)."""
    out = frame.to_frame() if isinstance(frame, pd.Series) else frame.copy()
    out = out.reset_index()
    if index is not None:
        out = out.rename(columns={out.columns[0]: index})
    names = []
    for column in out.columns:
        values = out[column]
        percent = column in SHARE_COLUMNS and pd.api.types.is_numeric_dtype(values)
        if percent:
            out[column] = (100 * values.astype(float)).round(1)
        elif pd.api.types.is_float_dtype(values):
            out[column] = values.round(2)
        elif pd.api.types.is_datetime64_any_dtype(values):
            out[column] = [d.date() if pd.notna(d) else None for d in values]
        elif values.dtype == object or isinstance(
            values.dtype, pd.CategoricalDtype | pd.StringDtype
        ):
            out[column] = values.map(lambda v: label(v, lang) if isinstance(v, str) else v)
        names.append(column_name(column, lang, percent))
    out.columns = names
    return out


def periods_table(by_period: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``metrics.orglife.compliance_by_period`` for display: monthly or quarterly in words."""
    words = by_period.assign(freq=by_period["freq"].map(lambda f: t(f"freq.{f}", lang)))
    return localise(words.set_index("period"), lang, "period")


def file_stem(title: str, scope: str, day: dt.date) -> str:
    """A download's file name: what it shows, for whom, as of when (no path characters)."""
    stem = f"{title}_{scope}_{day.isoformat()}"
    for bad in '/\\:*?"<>|':
        stem = stem.replace(bad, "-")
    return stem.replace(" ", "_")


def branch_link(branch_id: str, lang: str) -> str:
    """A relative link to the organisation's profile page, in the same language (the URL's
    parameters as ``app.url`` reads them: stable codes)."""
    query = {"lang": lang, "branch": branch_id}
    return "branch?" + urlencode(query)


def alerts_table(found: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``metrics.alerts.alerts`` for display: the warning, the organisation, its sector and
    community, what was found (in words), and a link to its profile."""
    rows = [
        {
            t("col.rule", lang): t(f"alert.{r.rule}", lang),
            t("col.branch", lang): r.name,
            t("col.sector", lang): label(r.sector, lang),
            t("col.community", lang): r.community,
            t("col.detail", lang): t(
                f"alert.{r.rule}.detail",
                lang,
                value=f"{r.value:,.0f}",
                date=fmt_date(r.date, lang) if pd.notna(r.date) else "—",
            ),
            t("col.source_rule", lang): ALERT_RULES[r.rule].source,
            t("col.link", lang): branch_link(r.branch_id, lang),
        }
        for r in found.itertuples()
    ]
    columns = ["rule", "branch", "link", "sector", "community", "detail", "source_rule"]
    return pd.DataFrame(rows, columns=[t(f"col.{c}", lang) for c in columns])


def alerts_export(found: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``alerts_table`` for a spreadsheet: the same columns but the link."""
    return alerts_table(found, lang).drop(columns=t("col.link", lang))


def support_table(by_branch: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``metrics.orglife.compliance_by_branch`` rows for display: the share of due
    rule-periods met, overall and per rule (%), with profile links."""
    fixed = {"branch_id", "name", "sector", "community", "due", "met", "rate", "below"}
    kinds = [c for c in by_branch.columns if c not in fixed]
    out = {
        t("col.branch", lang): by_branch["name"],
        t("col.sector", lang): [label(s, lang) for s in by_branch["sector"]],
        t("col.community", lang): by_branch["community"],
        column_name("rate", lang, True): (100 * by_branch["rate"]).round(1),
    }
    for kind in kinds:
        rates = (100 * by_branch[kind].astype(float)).round(1)
        out[phrase("percent_heading", lang, name=label(kind, lang))] = [
            f"{r:.1f}" if pd.notna(r) else "—" for r in rates
        ]
    out[t("col.link", lang)] = [branch_link(b, lang) for b in by_branch["branch_id"]]
    return pd.DataFrame(out)


def meeting_rules_table(lang: str) -> pd.DataFrame:
    """The meeting rules of ``domain.rules.MEETING_RULES``: activity, standard, source."""
    return pd.DataFrame(
        {
            t("col.kind", lang): [label(r.kind, lang) for r in MEETING_RULES],
            t("col.standard", lang): [
                t(f"rule.{r.freq}", lang, n=r.at_least) for r in MEETING_RULES
            ],
            t("col.source_rule", lang): [r.source for r in MEETING_RULES],
        }
    )


def alert_rules_table(lang: str) -> pd.DataFrame:
    """The warnings of ``domain.rules.ALERT_RULES``: name, threshold, source."""
    rules = list(ALERT_RULES.values())
    return pd.DataFrame(
        {
            t("col.rule", lang): [t(f"alert.{r.key}", lang) for r in rules],
            t("col.threshold", lang): [
                t(f"alert.{r.key}.threshold", lang, n=f"{r.threshold:g}") for r in rules
            ],
            t("col.source_rule", lang): [r.source for r in rules],
        }
    )


def quality_table(found: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``metrics.quality.suspicious`` for display: the check, the organisation, how many."""
    return pd.DataFrame(
        {
            t("col.check", lang): [t(f"quality.{c}", lang) for c in found["check"]],
            t("col.branch", lang): found["name"].to_numpy(),
            t("col.count", lang): found["count"].to_numpy(),
        }
    )


def completeness_table(full: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``metrics.quality.completeness`` for display: columns by their Chinese headers in the
    Chinese UI, the share filled as a percentage."""
    headers = {(d, f.name): f.zh for d, ds in DATASETS.items() for f in ds.fields}
    return pd.DataFrame(
        {
            t("col.dataset", lang): [t(f"dataset.{d}", lang) for d in full["dataset"]],
            t("col.column", lang): [
                pick(headers.get((d, c), c), c, lang)
                for d, c in zip(full["dataset"], full["column"], strict=True)
            ],
            t("col.filled", lang): [fmt_pct(s) for s in full["share"]],
        }
    )


def versions_table(figures: dict[str, dict[str, object]], lang: str) -> pd.DataFrame:
    """Headline figures of stored versions side by side (version id → figures), as text:
    counts with thousands separators, the as-of date as a date in ``lang``."""
    first = next(iter(figures.values()))
    out = {t("col.measure", lang): [t(f"vfig.{k}", lang) for k in first]}
    for version, values in figures.items():
        out[version] = [_version_figure(k, values[k], lang) for k in first]
    return pd.DataFrame(out)


def _version_figure(key: str, value: object, lang: str) -> str:
    if value is None:
        return "—"
    if key == "as_of":
        return fmt_date(pd.Timestamp(str(value)), lang)
    return fmt_int(value, lang) if isinstance(value, int | float) else str(value)


def _local(when: str) -> str:
    """An ISO 8601 time in the configured zone (``domain.clock``; 北京时间 by default):
    2026-11-25T08:30:00+00:00 → 2026-11-25 16:30:00."""
    return local_time(when)


def _zone(lang: str) -> str:
    """The time zone as the column headings name it: 北京时间 / Beijing time, or its name."""
    return t("time.beijing", lang) if is_beijing_time() else time_zone()


def plan_table(steps: list[Step], lang: str) -> pd.DataFrame:
    """What an import will do, a row per dataset: the action (replaced by the upload,
    added, carried forward from vN, removed), rows before and after, and for members the
    members added and left. Counts as text with separators; blank where not applicable."""

    def count(value: int | None) -> str:
        return "" if value is None else f"{value:,}"

    rows = [
        {
            t("col.dataset", lang): t(f"dataset_name.{s.dataset}", lang),
            t("col.plan", lang): t(f"plan.{s.action}", lang, version=s.origin or ""),
            t("col.rows_before", lang): count(s.rows_before),
            t("col.rows_after", lang): count(s.rows_after),
            t("col.members_added", lang): count(s.added),
            t("col.members_left", lang): count(s.left),
        }
        for s in steps
    ]
    return pd.DataFrame(rows)


def history_table(history: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``app.cached.store_history`` for display: ✓ after the current version, times in
    北京时间, headers and the file lists in ``lang``."""
    sep = phrase("list", lang)
    shown = history.assign(
        version=[
            v + (" ✓" if c else "")
            for v, c in zip(history["version"], history["current"], strict=True)
        ],
        created=history["created"].map(_local),
        files=history["files"].map(sep.join),
    ).drop(columns="current")
    return shown.rename(columns=lambda c: t(f"col.{c}", lang, zone=_zone(lang)))


def store_log_table(events: list[dict], lang: str) -> pd.DataFrame:
    """``ingest.store.Store.log`` for display, newest first: when (北京时间), what, which
    version, the version shown before a rollback, by whom."""
    rows = [
        {
            t("col.when", lang, zone=_zone(lang)): _local(e["when"]),
            t("col.action", lang): t(f"store.{e['action']}", lang),
            t("col.version", lang): e["version"],
            t("col.previous", lang): e.get("previous") or "—",
            t("col.who", lang): e.get("by") or "—",
        }
        for e in reversed(events)
    ]
    columns = ["col.when", "col.action", "col.version", "col.previous", "col.who"]
    return pd.DataFrame(rows, columns=[t(c, lang, zone=_zone(lang)) for c in columns])


def side_by_side(table: pd.DataFrame, lang: str, by: str) -> pd.DataFrame:
    """``localise`` of a comparison, by sector turned on its side: a measure per row, a
    sector per column (seven at most), so that every measure shows at 1366 px; cells as
    shown (counts with separators, the rest with one decimal). By community (tens of
    them) a community per row."""
    shown = localise(table, lang, by)
    if by != "sector":
        return shown
    first = shown.columns[0]
    cells = shown.set_index(first)
    text = {
        column: [
            f"{v:,.0f}" if float(v).is_integer() and not column.endswith(("（%）", " (%)"))
            else f"{v:.1f}"
            for v in cells[column]
        ]
        for column in cells.columns
    }  # fmt: skip
    out = pd.DataFrame(text, index=cells.index).T
    return out.rename_axis(t("col.measure", lang)).reset_index()


def development_checks_table(breaches: dict[str, int], lang: str) -> pd.DataFrame:
    """The five 发展党员 procedure checks: the check, the people found, and its source."""
    return pd.DataFrame(
        {
            t("col.procedure_check", lang): [t(f"rule.{r}", lang) for r in DEVELOPMENT_RULE_ORDER],
            t("col.people", lang): [breaches[r] for r in DEVELOPMENT_RULE_ORDER],
            t("col.basis", lang): [DEVELOPMENT_RULES[r].source for r in DEVELOPMENT_RULE_ORDER],
        }
    )


def development_support_table(by_branch: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``metrics.development.breaches_by_branch`` for display: the organisation, its sector,
    the people per check and in all, and a link to its profile."""
    links = [branch_link(b, lang) for b in by_branch["branch_id"]]
    support = by_branch.assign(link=links).drop(columns="branch_id")
    return localise(support.set_index("name"), lang, "branch")


def development_plan_table(plan: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``metrics.development.plan_progress`` for display: the committee, its sector, planned,
    admitted, the share fulfilled and a link to its profile."""
    links = [branch_link(b, lang) for b in plan["branch_id"]]
    shown = plan.drop(columns="top").rename(columns={"share": "fulfilled"}).assign(link=links)
    return localise(shown.drop(columns="branch_id").set_index("name"), lang, "branch")


def innovation_organisation_table(by_organisation: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``metrics.innovation.innovation_by_organisation`` for display, by organisation name."""
    shown = by_organisation.drop(columns="branch_id").set_index("name")
    return localise(shown, lang, "branch")


COVERAGE_COLUMNS = [
    "units", "own", "joint", "none", "instructor_only", "organisation_rate", "own_rate",
    "work_rate", "should_form", "staff", "staff_covered_share",
]  # fmt: skip


def coverage_kind_table(by_kind: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``metrics.coverage.coverage_by_kind`` for display: a row per kind, the counts, the
    three rates and the staff reached."""
    shown = by_kind[COVERAGE_COLUMNS].astype({"staff": "int64"})
    return localise(shown, lang, "unit_kind")


PLACE_COLUMNS = ["units", "own", "joint", "none", "organisation_rate", "work_rate", "should_form"]


def coverage_place_table(
    by_place: pd.DataFrame, lang: str, place: str = "community"
) -> pd.DataFrame:
    """``coverage_by_place`` for display: a row per (community or building, kind), the
    counts and the two rates that fit a 1366 px screen (the rest are in the rates chart's
    data)."""
    shown = by_place[PLACE_COLUMNS].reset_index(level="kind")
    return localise(shown.rename(columns={"kind": "unit_kind"}), lang, place)


def _unit_rows(units: pd.DataFrame) -> pd.DataFrame:
    """A unit list with the unit's name as its index and blank text cells shown blank (not
    "None")."""
    renamed = units.drop(columns="unit_id").rename(columns={"name": "unit", "kind": "unit_kind"})
    text = [
        c
        for c in renamed.columns
        if pd.api.types.is_string_dtype(renamed[c]) or renamed[c].dtype == object
    ]
    return renamed.fillna(dict.fromkeys(text, "")).set_index("unit")


def should_form_table(found: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``metrics.coverage.should_form_list`` for display: the unit, its kind and place, its
    full members (not its staff, to fit a 1366 px screen), its coverage, the organisation
    covering it jointly and a link to that organisation's profile (blank when none)."""
    links = [branch_link(b, lang) if isinstance(b, str) else None for b in found["branch_id"]]
    shown = found.drop(columns=["branch_id", "staff"]).rename(columns={"branch": "covering"})
    return localise(_unit_rows(shown.assign(link=links)), lang, "unit")


def unit_table(units: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A list of units (``unreached_list``, ``covered_by``) for display: the unit's name
    first, its kind, place, staff and full members (and coverage, where listed)."""
    return localise(_unit_rows(units), lang, "unit")


def development_due_table(due: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``metrics.development.due_soon`` for display: organisation, masked name, what is due
    and when."""
    words = due.drop(columns="branch_id").assign(due=due["due"].map(lambda d: t(f"due.{d}", lang)))
    return localise(words.rename(columns={"due": "due_kind"}).set_index("branch"), lang, "branch")
