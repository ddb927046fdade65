"""查询留痕 Audit trail (admin, whole sub-district): every sign-in, look at member-level
data, export, import, rollback and account change, filtered and downloaded; nobody can
change or delete an entry."""

import streamlit as st

from access.ledger import ACTIONS
from app import accounts, cached, context
from app.widgets import data_table, downloads
from i18n import fmt_int, t

ctx = context.get(__file__)
lang = ctx.lang
st.title(t("page.audit", lang))
st.caption(t("audit.caption", lang))

trail = accounts.trail()
if trail.empty:
    st.info(t("audit.none", lang))
    st.stop()

left, middle, right = st.columns(3)
who = left.multiselect(
    t("audit.col.who", lang), sorted(trail["who"].unique()), placeholder=t("audit.everyone", lang)
)
actions = middle.multiselect(
    t("audit.col.action", lang),
    list(ACTIONS),
    format_func=lambda a: t(f"audit.action.{a}", lang),
    placeholder=t("audit.every_action", lang),
)
organisation = right.text_input(t("audit.col.organisation", lang))
first, last = trail["at"].min().date(), trail["at"].max().date()
days = st.date_input(t("audit.days", lang), (first, last), min_value=first, max_value=last)
span = tuple(days) if isinstance(days, tuple | list) and len(days) == 2 else None
shown = accounts.filtered(trail, who, actions, organisation, span)
st.caption(t("audit.count", lang, n=fmt_int(len(shown), lang), total=fmt_int(len(trail), lang)))
table = accounts.trail_table(shown, cached.organisations(ctx.folder, ctx.version), lang)
data_table(table.head(1000), height=480 if len(shown) > 12 else "auto")
downloads(table, t("page.audit", lang), lang, "audit")
