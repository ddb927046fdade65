"""支部画像 Branch profile: one organisation against its sector and the sub-district."""

import pandas as pd
import streamlit as st

from access.roles import may_use
from app import audit, cached, context, params, url
from app.picker import pick_branch
from app.widgets import chart, data_table, figure, md_plain
from domain.definitions import STAGES
from figures.charts import comparison_names, growth_compare, membership_trend, shares_compare
from figures.display_tables import localise, unit_table
from i18n import N_, fmt_date, fmt_int, fmt_pct, label, t
from i18n.format import fmt_card, fmt_card_change, phrase

ctx = context.get(__file__)
lang = ctx.lang
st.title(t("page.branch", lang))

labels = cached.branch_choices(*ctx.view, ctx.as_of)  # branch_id → "name · branch_id"
if not labels:
    st.info(t("branch.none", lang))
    st.stop()
notice = st.container()  # above the box: the link named a branch not shown
branch_id = pick_branch(ctx, labels, lang)
unknown = url.unmatched(params.BRANCH)
context.refuse_if_outside(ctx, unknown)
if unknown:
    notice.info(t("branch.not_available", lang, name=md_plain(unknown[0], limit=100)))
p = cached.profile(ctx.folder, ctx.version, branch_id, ctx.as_of, ctx.start)
info, kpis = p["info"], p["kpis"]

st.subheader(md_plain(info["name"]))
facts = t(
    "branch.facts",
    lang,
    org_type=t(f"org.{info['org_type']}", lang),
    sector=label(info["sector"], lang),
    community=md_plain(info["community"] or "—"),
    founded=fmt_date(info["founded_on"], lang),
)
extra = [t("branch.includes", lang, n=p["children"])] if p["children"] else []
if pd.notna(info["term_ends_on"]):
    term = pd.Timestamp(info["term_ends_on"])
    overdue = (ctx.as_of - term).days  # as 组织健康 says it: 换届逾期
    words = N_("alert.term_overdue.detail") if overdue > 0 else N_("branch.term")
    extra.append(t(words, lang, date=fmt_date(term, lang), value=overdue))
st.caption(" · ".join([facts, *extra]))

cols = st.columns(4)
cols[0].metric(
    t("kpi.active", lang),
    fmt_card(kpis["active"], lang, "members"),
    fmt_card_change(kpis["active_change"], lang, "members"),
    border=True,
    delta_description=t("kpi.vs_year", lang),
    delta_arrow="auto" if kpis["active_change"] else "off",  # ±0: grey, no arrow
    delta_color="normal" if kpis["active_change"] else "off",
)
cols[1].metric(
    t("kpi.probationary", lang), fmt_card(kpis["probationary"], lang, "members"), border=True
)
cols[2].metric(
    t("col.new_members_12m", lang), fmt_card(kpis["new_12m"], lang, "members"), border=True
)
activities = kpis["activities_12m"]
cols[3].metric(
    t("branch.activities", lang),
    t("kpi.no_dataset", lang) if activities is None else fmt_card(activities, lang, "activities"),
    None
    if activities is None
    else f"{t('kpi.attendance', lang)} {fmt_pct(kpis['attendance_12m'])}",
    delta_color="off",
    delta_arrow="off",
    border=True,
)

left, right = st.columns(2)
with left:
    trend = p["trend"]
    zero = st.toggle(t("trend.from_zero", lang), key="branch_trend_zero",
                     help=t("trend.from_zero.help", lang))  # fmt: skip
    chart(
        figure(
            membership_trend,
            trend,
            "M",
            lang,
            title=t("branch.trend", lang),
            max_ticks=4,
            from_zero=zero,
        ),
        lambda: localise(trend.rename(columns={"probationary": "probationary_n"}), lang, "date"),
        "branch_trend",
        lang,
        key="branch_trend",
        subject=info["name"],
    )
with right:
    rows = p["shares"].rename(index=comparison_names(info["sector"], lang))
    chart(
        figure(shares_compare, rows, lang),
        lambda: localise(rows, lang, "branch"),
        "branch_shares",
        lang,
        key="branch_shares",
        subject=info["name"],
    )

growth = p["growth"]
chart(
    figure(growth_compare, growth, info["sector"], lang),
    lambda: localise(growth.rename(columns=comparison_names(info["sector"], lang)), lang, "date"),
    "branch_growth",
    lang,
    key="branch_growth",
    subject=info["name"],
)

dev = p["pipeline"]
if dev is not None:
    st.subheader(t("branch.pipeline", lang))
    cards = st.columns(len(STAGES) + 1)
    for col, stage in zip(cards, STAGES, strict=False):
        col.metric(
            t(f"stage.{stage}", lang), fmt_card(dev["stages"][stage], lang, "people"), border=True
        )
    cards[-1].metric(
        t("development.admitted_year", lang, year=ctx.as_of.year),
        fmt_card(dev["admitted_this_year"], lang, "people"),
        border=True,
    )
    found = [
        t("branch.pipeline.finding", lang, rule=t(f"rule.{r}", lang), n=fmt_int(n, lang, "people"))
        for r, n in dev["breaches"].items()
        if n
    ]
    words = [
        t("branch.pipeline.findings", lang, findings=phrase("clause", lang).join(found))
        if found
        else t("branch.pipeline.no_findings", lang)
    ]
    if dev["plan"] is not None:
        plan = dev["plan"]
        words.append(
            t(
                "branch.pipeline.plan",
                lang,
                year=ctx.as_of.year,
                planned=fmt_int(plan["planned"], lang, "people"),
                admitted=fmt_int(plan["admitted"], lang, "people"),
                share=fmt_pct(plan["share"]),
            )
        )
    st.caption(phrase("between_sentences", lang).join(words))

covered = p["units"]
if covered is not None and len(covered):
    st.subheader(t("branch.units", lang))
    st.caption(t("branch.units.caption", lang, n=fmt_int(len(covered), lang, "units")))
    data_table(unit_table(covered, lang), height=240 if len(covered) > 6 else "auto",
               download=t("branch.units", lang), subject=info["name"])  # fmt: skip

if may_use(ctx.role, "member_list"):
    audit.once("member_list", "branch", branch_id)
    st.subheader(t("branch.members", lang))
    st.caption(t("branch.members.caption", lang))
    members = p["members"].assign(
        status=lambda f: f["status"].map(lambda s: t(f"status.{s}", lang)),
        gender=lambda f: f["gender"].map(lambda g: t(f"gender.{g}", lang), na_action="ignore"),
    )
    st.dataframe(
        localise(members.set_index("branch"), lang, "branch"),
        hide_index=True,
        width="stretch",
        height=360,
    )
else:
    st.caption(t("branch.members.hidden", lang))
