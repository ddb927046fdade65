"""The deck: slides built from the metrics and the figure builders, for the slideshow page,
the PPTX, the offline HTML and the written briefing alike.

A slide holds its finding in words (generated from the figures), the plotly figure the
pages draw, the same data as a native chart for PowerPoint (``NativeChart``), two or three
key figures and speaker notes. No slide holds a name or any member-level row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

import pandas as pd
import plotly.graph_objects as go

from domain.definitions import STAGES, records_start, trend_start
from domain.rules import ALERT_ORDER, ALERT_RULES, DEVELOPMENT_RULE_ORDER
from figures.annual import (
    card_words,
    period,
    table1_waterfall,
    waterfall_range,
    waterfall_steps,
)
from figures.charts import membership_trend, sector_bar, sector_donut
from figures.coverage import RATES, rates_chart
from figures.development import STAGE_COLORS, stages_chart
from figures.health import alert_counts_chart
from figures.innovation import GRANTED_COLOR, KIND_COLORS, patents_by_year_chart
from figures.national import national_shares
from figures.orglife import compliance_chart
from figures.theme import MUTED, OUTFLOW, PRIMARY, SECONDARY, SLICE_LABEL_MIN, sector_color
from i18n import N_, fmt_date, fmt_int, fmt_pct, fmt_period, label, t
from i18n.format import fmt_card, fmt_card_big, fmt_ratio, fmt_year_upto, sentence_case
from metrics.alerts import alert_counts
from metrics.innovation import KINDS
from metrics.scope import whole_of
from queries import members as members_queries
from queries.annual import Annual, annual, last_complete_year
from queries.coverage import coverage
from queries.development import Development, development
from queries.health import health
from queries.innovation import Innovation, innovation
from queries.national import shares_against_national
from queries.orglife import OrgLife, orglife
from queries.overview import opening
from queries.sectors import comparison, totals
from report.narrative import change_phrase, overview_headline

OUTLINES: dict[str, tuple[str, ...]] = {
    "annual": (
        "overview",
        "trend",
        "yearend",
        "development",
        "national",
        "sectors",
        "coverage",
        "orglife",
        "innovation",
        "alerts",
        "next_steps",
    ),
    "members": ("overview", "trend", "yearend", "development", "national", "sectors"),
}
SLIDES: tuple[str, ...] = OUTLINES["annual"]


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    color: str | None = None  # None: one colour per category (point_colors)


@dataclass(frozen=True)
class NativeChart:
    """The data of a chart as PowerPoint draws it natively.

    kind: column, column_stacked, bar (horizontal), line or doughnut. number_format: an
    Excel format for the axis and labels ('0.0%' for shares, '#,##0' for counts). A series
    coloured INVISIBLE is drawn without fill or labels (a waterfall's base); minimum: the
    value axis' first value (None: 0).
    """

    kind: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    number_format: str = "#,##0"
    point_colors: tuple[str, ...] = ()
    minimum: float | None = None


INVISIBLE = "none"  # a series' colour: not drawn (``NativeChart``)


@dataclass(frozen=True)
class Slide:
    key: str
    title: str
    headline: str
    figure: go.Figure | None = None
    chart: NativeChart | None = None
    figures: tuple[tuple[str, str], ...] = ()  # (label, value), two or three
    bullets: tuple[str, ...] = ()
    notes: str = ""
    table: pd.DataFrame | None = field(default=None, compare=False)  # the chart's data


@dataclass(frozen=True)
class Deck:
    title: str
    subtitle: str
    as_of: pd.Timestamp
    source: str
    slides: tuple[Slide, ...]


T = TypeVar("T")


class _Shared(dict):
    """The tables of one deck build, with the results that two slides share, and the whole
    dataset they were taken from (``metrics.scope.whole_of``)."""

    def __init__(self, tables: Mapping[str, pd.DataFrame]) -> None:
        super().__init__(tables)
        self.whole, self.scope = whole_of(tables)
        self.results: dict[tuple, object] = {}


def _shared(tables: Mapping[str, pd.DataFrame], key: tuple, compute: Callable[[], T]) -> T:
    results = getattr(tables, "results", None)
    if results is None:
        return compute()
    if key not in results:
        results[key] = compute()
    return results[key]


def _orglife(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp) -> OrgLife | None:
    """``queries.orglife.orglife`` on D (computed once per deck)."""
    return _shared(tables, ("orglife", on), lambda: orglife(tables, on))


def _alerts_on(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp) -> pd.DataFrame:
    """``queries.health.health`` on D (computed once per deck)."""
    return _shared(tables, ("alerts", on), lambda: health(tables, on))


def _overview(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp, scope: str, lang: str):
    now = opening(tables, on)
    by_sector = pd.Series(now["members"]["by_sector"])
    by_sector = by_sector[by_sector > 0]
    text = overview_headline(now, scope, lang)
    m = now["members"]
    shares = by_sector / by_sector.sum()
    names = [  # a slice too small for its label has its share in the legend
        label(s, lang) + ("" if share >= SLICE_LABEL_MIN else f" {fmt_pct(share)}")
        for s, share in shares.items()
    ]
    return Slide(
        key="overview",
        title=t("slide.overview", lang),
        headline=text,
        figure=sector_donut(by_sector, lang),
        chart=NativeChart(
            "doughnut",
            tuple(names),
            (Series(t("col.active", lang), tuple(float(v) for v in by_sector)),),
            point_colors=tuple(sector_color(s) for s in by_sector.index),
        ),
        figures=(
            (t("kpi.branches", lang), fmt_card(now["branches"]["total"], lang, "branches")),
            (t("kpi.active", lang), fmt_card(m["active"], lang, "members")),
            (t("kpi.probationary", lang), fmt_card(m["probationary"], lang, "members")),
        ),
        notes=text,
        table=by_sector.rename("members").to_frame(),
    )


def _signed(n: int, lang: str) -> str:
    """The net change: 净增加287名 / 净减少12名 / 增减相抵 (zh); net +287 / net −12 / no net
    change (en)."""
    if n == 0:
        return t("net.zero", lang)
    return t(N_("net.up") if n > 0 else N_("net.down"), lang, n=fmt_int(abs(n), lang))


def _trend(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp, scope: str, lang: str):
    members = tables["members"]
    start = trend_start(records_start(members), on)
    series = members_queries.trend(members, start, on, "Q")
    year = members_queries.this_year(members, on)
    first = members_queries.active_before(members, start)
    last = int(series["active"].iat[-1])
    period = fmt_period(on, "Y", lang)
    text = t(
        "slide.trend.headline",
        lang,
        start=fmt_date(start - pd.Timedelta(days=1), lang),
        first=fmt_int(first, lang),
        last=fmt_int(last, lang),
        change=change_phrase(last, first, lang),
        period=period,
        new=fmt_int(year.new, lang),
        transfer=fmt_int(year.transfer_in, lang),
        out=fmt_int(year.outflow, lang),
        net=_signed(year.net, lang),
    )
    fig = membership_trend(series, "Q", lang)
    return Slide(
        key="trend",
        title=t("slide.trend", lang),
        headline=text,
        figure=fig,
        chart=NativeChart(
            "column_stacked",
            tuple(fig.data[0].x),
            (
                Series(t("col.full", lang), tuple(float(v) for v in series["full"]), PRIMARY),
                Series(
                    t("col.probationary_n", lang),
                    tuple(float(v) for v in series["probationary"]),
                    SECONDARY,
                ),
            ),
        ),
        figures=(
            (t("kpi.new.period", lang, period=period), fmt_card(year.new, lang, "members")),
            (t("col.transfer_in.period", lang), fmt_card(year.transfer_in, lang, "members")),
            (t("col.outflow.period", lang), fmt_card(year.outflow, lang, "members")),
        ),
        notes=text,
        table=series,
    )


def _development_words(dev: Development, on: pd.Timestamp, scope: str, lang: str) -> str:
    """The pipeline in words: the three stages, this year's admissions (against the plan,
    where there is one), and the procedure checks' finding."""
    text = t(
        "slide.development.headline",
        lang,
        scope=sentence_case(scope, lang),
        as_of=fmt_date(on, lang),
        activists=fmt_int(dev.stages["activist"], lang),
        candidates=fmt_int(dev.stages["candidate"], lang),
        admitted=fmt_int(dev.admitted_this_year, lang),
    )
    if dev.planned:
        one = dev.planned_organisations == 1
        text += t(
            N_("slide.development.plan.one") if one else N_("slide.development.plan"),
            lang,
            orgs=fmt_int(dev.planned_organisations, lang),
            admitted=fmt_int(dev.planned_admitted, lang),
            share=fmt_pct(dev.planned_share),
        )
    people = int(dev.by_branch["total"].sum())
    if not people:
        return text + t("slide.development.clean", lang)
    top = max(DEVELOPMENT_RULE_ORDER, key=lambda r: dev.breaches[r])
    return text + t(
        "slide.development.findings",
        lang,
        people=fmt_int(people, lang),
        rule=t(f"rule.{top}", lang),
        n=fmt_int(dev.breaches[top], lang),
    )


def _development(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp, scope: str, lang: str):
    dev = development(tables, on)
    if dev is None:
        return None
    text = _development_words(dev, on, scope, lang)
    names = tuple(t(f"stage.{s}", lang) for s in STAGES)
    people = int(dev.by_branch["total"].sum())
    return Slide(
        key="development",
        title=t("slide.development", lang),
        headline=text,
        figure=stages_chart(dev.stages, lang, fmt_date(on, lang)),
        chart=NativeChart(
            "bar",
            names,
            (Series(t("axis.people", lang), tuple(float(dev.stages[s]) for s in STAGES), None),),
            point_colors=tuple(STAGE_COLORS[s] for s in STAGES),
        ),
        figures=(
            (t("stage.activist", lang), fmt_card(dev.stages["activist"], lang, "people")),
            (
                t("development.admitted_year", lang, year=on.year),
                fmt_card(dev.admitted_this_year, lang, "people"),
            ),
            (t("slide.development.with_findings", lang), fmt_card(people, lang, "people")),
        ),
        notes=text,
        table=dev.stages.to_frame(),
    )


def _coverage(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp, scope: str, lang: str):
    cover = coverage(tables, on)
    if cover is None:
        return None
    kinds, national = cover.by_kind, cover.national
    enterprises, organisations = kinds.loc["非公企业"], kinds.loc["社会组织"]
    should = int(cover.total["should_form"])
    text = t(
        "slide.coverage.headline",
        lang,
        scope=sentence_case(scope, lang),
        n1=fmt_int(enterprises["units"], lang),
        n2=fmt_int(organisations["units"], lang),
        r1=fmt_pct(enterprises["organisation_rate"]),
        r2=fmt_pct(organisations["organisation_rate"]),
        year=int(national["year"].max()),
        nr1=fmt_pct(national.at["非公企业", "rate"]),
        nr2=fmt_pct(national.at["社会组织", "rate"]),
        should=fmt_int(should, lang),
    )
    return Slide(
        key="coverage",
        title=t("slide.coverage", lang),
        headline=text,
        figure=rates_chart(kinds, national, lang),
        chart=NativeChart(
            "bar",
            tuple(t(f"col.{r}", lang) for r in RATES),
            tuple(
                Series(
                    label(kind, lang),
                    tuple(float(v) for v in kinds.loc[kind, list(RATES)].fillna(0)),
                    sector_color(str(kind)),
                )
                for kind in kinds.index
            ),
            number_format="0.0%",
        ),
        figures=(
            (
                t("coverage.card.organisation_rate", lang, kind=label("非公企业", lang)),
                fmt_pct(enterprises["organisation_rate"]),
            ),
            (
                t("coverage.card.organisation_rate", lang, kind=label("社会组织", lang)),
                fmt_pct(organisations["organisation_rate"]),
            ),
            (t("slide.coverage.should_form", lang), fmt_card(should, lang, "units")),
        ),
        notes=text,
        table=kinds[list(RATES)],
    )


def _national(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp, scope: str, lang: str):
    table = shares_against_national(tables["members"], on)
    names = [t(N_("col.growth_rate") if m == "growth" else f"col.{m}", lang) for m in table.index]
    year = int(table["national_year"].max())
    female, college = table.loc["female"], table.loc["college_or_above"]
    text = t(
        "slide.national.headline",
        lang,
        scope=scope,
        female=fmt_pct(female["local"]),
        female_n=fmt_pct(female["national"]),
        college=fmt_pct(college["local"]),
        college_n=fmt_pct(college["national"]),
        year=year,
    )
    return Slide(
        key="national",
        title=t("slide.national", lang),
        headline=text,
        figure=national_shares(table, scope, lang),
        chart=NativeChart(
            "bar",
            tuple(names),
            (
                Series(
                    sentence_case(scope, lang), tuple(float(v) for v in table["local"]), PRIMARY
                ),
                Series(
                    t("national.name", lang) + f" {year}",
                    tuple(float(v) for v in table["national"]),
                    MUTED,
                ),
            ),
            number_format="0.0%",
        ),
        figures=tuple(
            (n, fmt_pct(v)) for n, v in zip(names[:3], table["local"].iloc[:3], strict=True)
        ),
        notes=text + " " + t("national.caption", lang),
        table=table,
    )


def _sectors(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp, scope: str, lang: str):
    table = comparison(tables, on, "sector")
    total = totals(table)
    members, per_branch = table["members"], table["members_per_branch"]
    text = t(
        "slide.sectors.headline",
        lang,
        top=label(total.largest, lang),
        top_share=fmt_pct(total.largest_share),
        high=label(total.most_per_branch, lang),
        high_n=fmt_ratio(per_branch[total.most_per_branch]),
        low=label(total.fewest_per_branch, lang),
        low_n=fmt_ratio(per_branch[total.fewest_per_branch]),
    )
    return Slide(
        key="sectors",
        title=t("slide.sectors", lang),
        headline=text,
        figure=sector_bar(members, "members", lang),
        chart=NativeChart(
            "column",
            tuple(label(s, lang) for s in members.index),
            (Series(t("col.active", lang), tuple(float(v) for v in members)),),
            point_colors=tuple(sector_color(s) for s in members.index),
        ),
        figures=(
            (t("slide.sectors.count", lang), fmt_card(total.groups, lang)),
            (t("measure.members_per_branch", lang), fmt_ratio(total.members_per_branch)),
        ),
        notes=text,
        table=table,
    )


def _orglife_slide(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp, scope: str, lang: str):
    life = _orglife(tables, on)
    if life is None:
        return None
    f, by_rule, rate = life.figures, life.by_rule, life.compliance
    text = t(
        "slide.orglife.headline",
        lang,
        activities=fmt_int(f["activities"], lang),
        attendance=fmt_pct(f["attendance_rate"]),
        compliance=fmt_pct(rate),
        below=fmt_int(life.below, lang),
    )
    return Slide(
        key="orglife",
        title=t("slide.orglife", lang),
        headline=text,
        figure=compliance_chart(by_rule, lang),
        chart=NativeChart(
            "bar",
            tuple(label(k, lang) for k in by_rule.index),
            (Series(t("col.rate", lang), tuple(float(v) for v in by_rule["rate"]), PRIMARY),),
            number_format="0.0%",
        ),
        figures=(
            (t("kpi.attendance", lang), fmt_pct(f["attendance_rate"])),
            (t("kpi.compliance", lang), fmt_pct(rate)),
            (t("kpi.volunteer_hours", lang), fmt_card_big(f["volunteer_hours"], lang, "hours")),
        ),
        notes=text,
        table=by_rule,
    )


def _innovation(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp, scope: str, lang: str):
    inno: Innovation | None = innovation(tables, on)
    if inno is None:
        return None
    counts, years, orgs = inno.counts, inno.by_year.tail(6), inno.by_organisation
    lead = orgs.iloc[0] if len(orgs) else None
    text = t(
        "slide.innovation.headline",
        lang,
        filed=fmt_int(counts["filed"], lang),
        granted=fmt_int(counts["granted"], lang),
        invention=fmt_int(counts["granted_invention"], lang),
    )
    if lead is not None:
        text += t(
            "slide.innovation.lead",
            lang,
            name=lead["name"],
            filed=fmt_int(int(lead["filed"]), lang),
            invention=fmt_int(int(lead["granted_invention"]), lang),
        )
    fig = patents_by_year_chart(years, lang, on)
    filed = tuple(
        Series(
            t("innovation.filed_kind", lang, kind=label(k, lang)),
            tuple(float(v) for v in years[k]),
            KIND_COLORS[k],
        )
        for k in KINDS
    )
    granted = Series(
        t("col.granted", lang), tuple(float(v) for v in years["granted"]), GRANTED_COLOR
    )
    return Slide(
        key="innovation",
        title=t("slide.innovation", lang),
        headline=text,
        figure=fig,
        chart=NativeChart(  # clustered: the grants beside each kind's applications
            "column",
            tuple(fmt_year_upto(int(y), on, lang) for y in years.index),
            (*filed, granted),
        ),
        figures=(
            (t("kpi.filed", lang), fmt_card(counts["filed"], lang, "patents")),
            (t("kpi.granted", lang), fmt_card(counts["granted"], lang, "patents")),
            (
                t("kpi.granted_invention", lang),
                fmt_card(counts["granted_invention"], lang, "patents"),
            ),
        ),
        notes=text,
        table=years,
    )


def _alerts(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp, scope: str, lang: str):
    counts = alert_counts(_alerts_on(tables, on))
    rules = [r for r in ALERT_ORDER if counts[r]]
    text = t(
        "slide.alerts.headline",
        lang,
        n=fmt_int(counts["total"], lang),
        orgs=fmt_int(counts["organisations"], lang),
    )
    if not rules:  # nothing to chart: a slide of words (an empty chart has no place in a deck)
        return Slide(
            key="alerts",
            title=t("slide.alerts", lang),
            headline=text,
            bullets=(t("alerts.none", lang),),
            notes=text,
        )
    fig = alert_counts_chart(counts, lang)
    return Slide(
        key="alerts",
        title=t("slide.alerts", lang),
        headline=text,
        figure=fig,
        chart=NativeChart(
            "bar",
            tuple(t(f"alert.{r}", lang) for r in rules),
            (
                Series(
                    t("col.organisations", lang), tuple(float(counts[r]) for r in rules), PRIMARY
                ),
            ),
        ),
        figures=tuple((t(f"alert.{r}", lang), fmt_card(counts[r], lang)) for r in rules[:3]),
        notes=text,
        table=pd.DataFrame({"count": [counts[r] for r in rules]}, index=rules),
    )


def _next_steps(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp, scope: str, lang: str):
    counts = alert_counts(_alerts_on(tables, on))
    bullets = [
        t(f"slide.next.{r}", lang, n=fmt_int(counts[r], lang), threshold=ALERT_RULES[r].threshold)
        for r in ALERT_ORDER
        if counts[r]
    ]
    life = _orglife(tables, on)
    if life is not None and life.below:
        bullets.insert(0, t("slide.next.support", lang, n=fmt_int(life.below, lang)))
    text = t("slide.next.headline", lang)
    return Slide(
        key="next_steps",
        title=t("slide.next_steps", lang),
        headline=text,
        bullets=tuple(bullets[:6]),
        notes=text + " " + " ".join(bullets),
    )


def _waterfall_chart(report: Annual, lang: str) -> NativeChart:
    """表一's waterfall as PowerPoint draws it: stacked columns on an invisible base."""
    steps = waterfall_steps(report, lang)
    base, totals, up, down = [], [], [], []
    running = 0
    for _, measure, value in steps:
        if measure != "relative":
            running = value if measure == "absolute" else running
            base.append(0), totals.append(value), up.append(0), down.append(0)
            continue
        after = running + value
        base.append(min(running, after))
        totals.append(0)
        up.append(max(value, 0))
        down.append(max(-value, 0))
        running = after
    names = tuple(name for name, _, _ in steps)
    return NativeChart(
        "column_stacked",
        names,
        (
            Series("", tuple(float(v) for v in base), INVISIBLE),
            Series(t("annual.chart.totals", lang), tuple(float(v) for v in totals), PRIMARY),
            Series(t("annual.chart.increase", lang), tuple(float(v) for v in up), SECONDARY),
            Series(t("annual.chart.decrease", lang), tuple(float(v) for v in down), OUTFLOW),
        ),
        minimum=waterfall_range(report)[0],
    )


def _yearend(tables: Mapping[str, pd.DataFrame], on: pd.Timestamp, scope: str, lang: str):
    """表一 of the last complete year up to D, as the 年报 counts it (``queries.annual``)."""
    year = max(last_complete_year(on), records_start(tables["members"]).year)
    report = _shared(tables, ("annual", year, on), lambda: annual(tables, year, on))
    c = report.table1
    when = t("annual.year", lang, year=year) if report.complete else fmt_date(report.end, lang)
    text = t(
        "slide.yearend.headline",
        lang,
        scope=sentence_case(scope, lang),
        period=when,
        first=fmt_int(c["1"], lang),
        added=fmt_int(c["2"], lang),
        admitted=fmt_int(c["3"], lang),
        moved_in=fmt_int(c["4"] + c["5"], lang),
        removed=fmt_int(c["7"], lang),
        died=fmt_int(c["10"], lang),
        moved_out=fmt_int(c["11"], lang),
        last=fmt_int(c["14"], lang),
    )
    if c["15"]:
        text += t("slide.yearend.difference", lang, n=fmt_int(abs(c["15"]), lang),
                  records=fmt_int(len(report.difference), lang))  # fmt: skip
    else:
        text += t("slide.yearend.reconciled", lang)
    title = t("annual.chart.title", lang, filer=scope, period=period(report, lang))
    return Slide(
        key="yearend",
        title=t("slide.yearend", lang),
        headline=text,
        figure=table1_waterfall(report, lang, title),
        chart=_waterfall_chart(report, lang),
        figures=(
            (card_words("2", lang), fmt_card(c["2"], lang, "members")),
            (card_words("7", lang), fmt_card(c["7"], lang, "members")),
            (card_words("14", lang), fmt_card(c["14"], lang, "members")),
        ),
        notes=text,
        table=pd.DataFrame({"value": report.table1}).rename_axis("column"),
    )


BUILDERS = {
    "overview": _overview,
    "trend": _trend,
    "yearend": _yearend,
    "development": _development,
    "national": _national,
    "sectors": _sectors,
    "coverage": _coverage,
    "orglife": _orglife_slide,
    "innovation": _innovation,
    "alerts": _alerts,
    "next_steps": _next_steps,
}


# The dataset a slide is drawn from, where it is not always there.
NEEDS = {
    "orglife": "participation",
    "innovation": "patents",
    "development": "development",
    "coverage": "units",
}


def shown_keys(tables: Mapping[str, pd.DataFrame], keys: tuple[str, ...]) -> tuple[str, ...]:
    """The slides of ``keys`` that the tables can fill, in order."""
    return tuple(k for k in keys if NEEDS.get(k, "branches") in tables)


def build_slide(
    tables: Mapping[str, pd.DataFrame], on: pd.Timestamp, lang: str, scope: str, key: str
) -> Slide:
    """One slide of the deck on its own (the slideshow draws the slide on screen first;
    the whole deck is built for an export)."""
    return BUILDERS[key](tables, on, scope, lang)


def build_deck(
    tables: Mapping[str, pd.DataFrame],
    on: pd.Timestamp,
    lang: str,
    scope: str,
    source: str,
    keys: tuple[str, ...] = SLIDES,
) -> Deck:
    """The slides named in ``keys``, in that order; a slide whose dataset is absent
    (patents, participation) is left out."""
    shared = _Shared(tables)
    slides = [BUILDERS[k](shared, on, scope, lang) for k in shown_keys(tables, keys)]
    return Deck(
        title=t("deck.title", lang),
        subtitle=t(
            "deck.subtitle", lang, scope=sentence_case(scope, lang), as_of=fmt_date(on, lang)
        ),
        as_of=on,
        source=source,
        slides=tuple(s for s in slides if s is not None),
    )
