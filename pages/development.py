"""发展党员 Development: the pipeline on D, its flows, the time each step takes, the reserve
by sector, the procedure's checks by organisation, and who is due soon."""

import streamlit as st

from access.roles import may_use
from app import audit, cached, context
from app.widgets import chart, data_table, figure, paged_table, section, table_of, text_table
from domain.definitions import STAGES
from figures.development import flows_chart, per_100_by_sector, stages_chart
from figures.display_tables import (
    development_checks_table,
    development_due_table,
    development_plan_table,
    development_support_table,
    localise,
)
from figures.national import national_shares, national_table
from i18n import N_, fmt_date, fmt_int, fmt_pct, t
from i18n.format import fmt_card
from report.narrative import scope_name

ctx = context.get(__file__)
lang = ctx.lang
st.title(t("page.development", lang))
dev = cached.development(*ctx.view, ctx.as_of)
if dev is None:
    st.info(t("development.no_dataset", lang))
    st.stop()
st.caption(t("development.caption", lang, as_of=fmt_date(ctx.as_of, lang)))

cards = st.columns(len(STAGES) + 1)
for col, stage in zip(cards, STAGES, strict=False):
    col.metric(t(f"stage.{stage}", lang), fmt_card(dev.stages[stage], lang, "people"), border=True)
cards[-1].metric(
    t("development.admitted_year", lang, year=ctx.as_of.year),
    fmt_card(dev.admitted_this_year, lang, "people"),
    border=True,
)

if dev.plan is not None:
    plan = section(t("development.plan", lang))
    if dev.planned is None:
        plan.info(t("development.no_plan", lang, year=ctx.as_of.year))
    else:
        plan.caption(
            t(
                "development.plan.caption",
                lang,
                year=ctx.as_of.year,
                planned=fmt_int(dev.planned, lang, "people"),
                admitted=fmt_int(dev.planned_admitted, lang, "people"),
                share=fmt_pct(dev.planned_share),
                as_of=fmt_date(ctx.as_of, lang),
                orgs=fmt_int(dev.planned_organisations, lang, "organisations"),
                outside=t(
                    "development.plan.outside",
                    lang,
                    total=fmt_int(dev.admitted_this_year, lang, "people"),
                    n=fmt_int(dev.admitted_outside_plan, lang, "people"),
                )
                if dev.admitted_outside_plan
                else "",
            )
        )
        with plan:
            paged_table(dev.plan, development_plan_table, "development_plan_page", lang,
                        download=t("development.plan", lang))  # fmt: skip

left, right = st.columns(2)
with left:
    chart(
        figure(stages_chart, dev.stages, lang, fmt_date(ctx.as_of, lang)),
        lambda: localise(dev.stages.rename(index=lambda s: t(f"stage.{s}", lang)), lang, "stage"),
        "development_funnel",
        lang,
        key="development_funnel",
    )
with right:
    flows = cached.development_flows(*ctx.view, ctx.start, ctx.as_of, "Y")
    chart(
        figure(flows_chart, flows, "Y", lang),
        lambda: localise(flows.add_prefix("flow_"), lang, "date"),
        "development_flows",
        lang,
        key="development_flows",
    )

with section(t("development.by_sector", lang)):
    chart(
        figure(per_100_by_sector, dev.by_sector, lang),
        lambda: localise(dev.by_sector, lang, "sector"),
        "development_by_sector",
        lang,
        key="development_by_sector",
    )

    left, right = st.columns(2)
    with left:
        st.subheader(t("development.days", lang))
        days = dev.days.rename(index=lambda s: t(f"step.{s}", lang))
        data_table(table_of(localise, days, lang, "step"), download=t("development.days", lang))
    with right:
        st.subheader(t("development.intake", lang))
        mix = dev.intake
        st.write(
            t(
                "development.intake.caption",
                lang,
                n=fmt_int(mix["admitted"], lang, "people"),
                female=fmt_pct(mix["female"]),
                young=fmt_pct(mix["age_35_or_under"]),
                college=fmt_pct(mix["college_or_above"]),
                front=fmt_pct(mix["front_line"]),
            )
        )
    chart(
        figure(
            national_shares,
            dev.intake_national,
            scope_name(ctx.scope, lang),
            lang,
            N_("chart.intake_national"),
        ),
        lambda: national_table(dev.intake_national, lang),
        "development_intake_national",
        lang,
        key="development_intake_national",
    )

with section(t("development.breaches", lang), t("development.breaches.caption", lang)):
    text_table(development_checks_table(dev.breaches, lang))
    paged_table(
        dev.by_branch,
        development_support_table,
        "development_support_page",
        lang,
        N_("development.no_breaches"),
        download=t("development.breaches", lang),
    )

with section(t("development.due", lang)):
    if may_use(ctx.role, "member_list"):
        audit.once("due_list", "development", " ".join(ctx.roots))
        st.caption(t("development.due.caption", lang))
        paged_table(dev.due, development_due_table, "development_due_page", lang)
    else:
        st.caption(
            t(
                "development.due.counts",
                lang,
                activists=fmt_int(dev.due_counts["activist_year"], lang, "people"),
                approvals=fmt_int(dev.due_counts["approval"], lang, "people"),
            )
        )
