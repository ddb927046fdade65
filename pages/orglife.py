"""组织生活 Organisational life: 三会一课 compliance, attendance, volunteering, the activity
calendar, and the branches to support."""

import streamlit as st

from app import cached, context
from app.widgets import chart, data_table, figure, paged_table
from domain.rules import COMPLIANCE_STANDARD
from figures.display_tables import localise, meeting_rules_table, periods_table, support_table
from figures.orglife import activity_calendar, compliance_chart, compliance_trend
from i18n import fmt_big, fmt_pct, t
from i18n.format import fmt_card_big

ctx = context.get(__file__)
lang = ctx.lang
st.title(t("page.orglife", lang))
life = cached.orglife(*ctx.view, ctx.as_of)
if life is None:
    st.info(t("orglife.no_dataset", lang))
    st.stop()

f = life.figures
cards = st.columns(5)
cards[0].metric(t("kpi.activities_12m", lang), fmt_big(f["activities"], lang), border=True)
cards[1].metric(t("kpi.attendance", lang), fmt_pct(f["attendance_rate"]), border=True)
cards[2].metric(
    t("kpi.compliance", lang),
    fmt_pct(life.compliance),
    help=t("kpi.compliance.help", lang),
    border=True,
)
cards[3].metric(
    t("kpi.volunteer_hours", lang),
    fmt_card_big(f["volunteer_hours"], lang, "hours"),
    help=t("kpi.volunteer_hours.help", lang),
    border=True,
)
cards[4].metric(
    t("kpi.mass_participation", lang),
    fmt_big(f["mass_participation"], lang),
    help=t("kpi.mass_participation.help", lang),
    border=True,
)

left, right = st.columns([2, 3])
with left:
    chart(
        figure(compliance_chart, life.by_rule, lang),
        lambda: localise(life.by_rule, lang, "kind"),
        "compliance_by_rule",
        lang,
        key="orglife_compliance",
    )
with right:
    chart(
        figure(activity_calendar, life.daily, lang),
        lambda: localise(life.daily, lang, "date"),
        "activity_calendar",
        lang,
        key="orglife_calendar",
    )

chart(
    figure(compliance_trend, life.by_period, lang),
    lambda: periods_table(life.by_period, lang),
    "compliance_by_period",
    lang,
    key="orglife_trend",
)

standard = fmt_pct(COMPLIANCE_STANDARD, 0)
st.header(t("orglife.support", lang, standard=standard))
st.caption(t("orglife.support.caption", lang))
if life.support.empty:
    st.success(t("orglife.none_below", lang))
else:
    paged_table(life.support, support_table, "orglife_support_page", lang,
                download=t("orglife.support.file", lang))  # fmt: skip

with st.expander(t("orglife.rules", lang)):
    st.caption(t("orglife.rules.caption", lang))
    data_table(meeting_rules_table(lang))
