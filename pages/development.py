"""发展党员 Development: the pipeline on D, its flows, the time each step takes, the reserve
by sector, the procedure's checks by organisation, and who is due soon."""

import pandas as pd
import streamlit as st

from access.roles import may_use
from app import context, data
from app.widgets import chart, data_table, figure
from domain.definitions import STAGES
from domain.rules import DEVELOPMENT_RULE_ORDER, DEVELOPMENT_RULES
from figures.development import flows_chart, per_100_by_sector, stages_chart
from figures.tables import branch_link, localise
from i18n import fmt_date, fmt_int, fmt_pct, t
from i18n.format import fmt_card

ctx = context.get(__file__)
lang, key = ctx.lang, (ctx.folder, ctx.version, ctx.scope)
st.title(t("page.development", lang))
dev = data.development(*key, ctx.as_of)
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
    flows = data.development_flows(*key, ctx.start, ctx.as_of, "Y")
    chart(
        figure(flows_chart, flows, "Y", lang),
        lambda: localise(flows.add_prefix("flow_"), lang, "date"),
        "development_flows",
        lang,
        key="development_flows",
    )

st.header(t("development.by_sector", lang))
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
    data_table(localise(days, lang, "step"))
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

st.header(t("development.breaches", lang))
st.caption(t("development.breaches.caption", lang))
rules = pd.DataFrame(
    {
        t("col.procedure_check", lang): [t(f"rule.{r}", lang) for r in DEVELOPMENT_RULE_ORDER],
        t("col.people", lang): [dev.breaches[r] for r in DEVELOPMENT_RULE_ORDER],
        t("col.basis", lang): [DEVELOPMENT_RULES[r].source for r in DEVELOPMENT_RULE_ORDER],
    }
)
data_table(rules)
if dev.by_branch.empty:
    st.info(t("development.no_breaches", lang))
else:
    support = dev.by_branch.assign(
        link=[branch_link(b, lang) for b in dev.by_branch["branch_id"]]
    ).drop(columns="branch_id")
    shown = localise(support.set_index("name"), lang, "branch")
    data_table(shown, height=320)

st.header(t("development.due", lang))
due = dev.due
if may_use(ctx.role, "member_list"):
    st.caption(t("development.due.caption", lang))
    shown = due.drop(columns="branch_id").assign(
        due=lambda f: f["due"].map(lambda d: t(f"due.{d}", lang))
    )
    data_table(
        localise(shown.rename(columns={"due": "due_kind"}).set_index("branch"), lang, "branch"),
        height=320,
    )
else:
    counts = due["due"].value_counts()
    st.caption(
        t(
            "development.due.counts",
            lang,
            activists=fmt_int(int(counts.get("activist_year", 0)), lang, "people"),
            approvals=fmt_int(int(counts.get("approval", 0)), lang, "people"),
        )
    )
