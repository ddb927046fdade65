"""统计年报 Annual statistics: the 党内统计年报's tables of a year for the account's scope or
one 党委, laid out as the forms, their checks, the records behind a difference, and the
workbook to hand in."""

from functools import partial

import streamlit as st

from app import annual, audit, context, params, url
from app.widgets import XLSX_MIME, chart, data_table, figure, md_plain
from figures.annual import (
    CARD_COLUMNS,
    admitted_frame,
    card_words,
    category_frame,
    checks_frame,
    coverage_frame,
    difference_frame,
    form_title,
    made_full_frame,
    occupation_frame,
    organisations_frame,
    period,
    table1_frame,
    table1_waterfall,
)
from figures.display_tables import file_stem
from i18n import fmt_date, fmt_int, t
from i18n.format import fmt_card
from report.narrative import scope_name

ctx = context.get(__file__)
lang = ctx.lang
st.title(t("page.annual", lang))
st.caption(t("annual.caption", lang))

choices = annual.filers(ctx.folder, ctx.version, ctx.account)
controls = st.columns(2)
year = url.selectbox(
    params.YEAR,
    t("annual.pick.year", lang),
    lang,
    options=annual.years(ctx.earliest, ctx.as_of),
    default=annual.default_year(ctx.earliest, ctx.as_of),
    shown=lambda y, lang: t("annual.year", lang, year=y),
    container=controls[0],
)
org = url.selectbox(
    params.ORG,
    t("annual.pick.org", lang),
    lang,
    options=[annual.WHOLE, *choices],
    shown=lambda o, lang: scope_name(ctx.account, lang) if o == annual.WHOLE else choices[o],
    container=controls[1],
    help=t("annual.pick.org.help", lang),
)
unknown = url.unmatched(params.ORG)
context.refuse_if_outside(ctx, unknown)
if unknown:
    st.info(t("branch.not_available", lang, name=md_plain(unknown[0], limit=100)))

scope = annual.scope_of(ctx.folder, ctx.version, ctx.account, org)
filer = scope_name(scope, lang)
report = annual.report(ctx.folder, ctx.version, scope, int(year), ctx.as_of)
when = period(report, lang)
if not report.complete:
    st.warning(t("annual.not_complete", lang, year=year, date=fmt_date(report.end, lang)))

c = report.table1
failed = report.failed
cards = st.columns(5)
for col, column in zip(cards[:-1], CARD_COLUMNS, strict=True):
    col.metric(card_words(column, lang), fmt_card(c[column], lang, "members"), border=True)
passed = len(report.checks) - len(failed)
cards[-1].metric(
    t("annual.card.checks", lang),
    f"{passed} / {len(report.checks)}",
    t("annual.card.failed", lang, n=len(failed)) if failed else t("annual.card.all_ok", lang),
    delta_color="inverse" if failed else "off",
    delta_arrow="off",
    border=True,
)
stem = file_stem(t("annual.file", lang, year=year), filer, report.end.date())
workbook = partial(
    annual.workbook, ctx.folder, ctx.version, scope, int(year), ctx.as_of, scope_name(scope, "zh")
)
st.download_button(
    t("annual.download", lang),
    audit.on_download(workbook, "annual", stem + ".xlsx", "export"),
    file_name=stem + ".xlsx",
    mime=XLSX_MIME,
    icon=":material/download:",
    on_click="ignore",
    type="primary",
    key="annual_workbook",
)
st.caption(t("annual.download.caption", lang))

title = t("annual.chart.title", lang, filer=filer, period=when)
chart(
    figure(table1_waterfall, report, lang, title),
    partial(table1_frame, report, lang),
    "annual_waterfall",
    lang,
    key="annual_waterfall",
    subject=filer,
)
st.caption(t("annual.chart.caption", lang))

st.header(form_title("annual.form.1", report, lang))
st.caption(t("annual.form.caption", lang, filer=filer, period=when))
data_table(
    table1_frame(report, lang),
    height="all",
    download=t("annual.form.1", lang),
    subject=filer,
)
if report.untold:
    st.info(t("annual.untold_note", lang, columns="、".join(report.untold)))
if c["15"]:
    st.warning(t("annual.difference_note", lang, n=fmt_int(len(report.difference), lang)))
    data_table(difference_frame(report, lang), download=t("annual.difference", lang))

st.header(t("annual.checks", lang))
data_table(
    checks_frame(report, lang),
    height="all",
    download=t("annual.checks", lang),
    subject=filer,
)

st.header(t("annual.other_tables", lang))
forms = (
    ("annual.form.2", lambda: occupation_frame(report, lang)),
    ("annual.form.3", lambda: category_frame(report.eras, lang)),
    ("annual.form.4", lambda: category_frame(report.education, lang)),
    ("annual.form.13", lambda: made_full_frame(report, lang)),
    ("annual.form.14", lambda: admitted_frame(report, lang)),
    ("annual.form.orgs", lambda: organisations_frame(report, lang)),
)
# lazy: only the tab open is made (a click on another reruns the page)
tabs = st.tabs(
    [t(key.replace("form", "tab"), lang) for key, _ in forms], key="annual_form", on_change="rerun"
)
for tab, (key, make) in zip(tabs, forms, strict=True):
    if not tab.open:
        continue
    with tab:
        st.caption(form_title(key, report, lang) + " · " + t(f"{key}.caption", lang))
        data_table(make(), download=t(key, lang), subject=filer)
        if key == "annual.form.orgs" and (cover := coverage_frame(report, lang)) is not None:
            st.caption(t("annual.coverage.title", lang))
            data_table(cover)
