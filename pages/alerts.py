"""组织健康 Organisational health: warnings about organisations, each with its rule, source
and a link to the organisation's profile."""

import streamlit as st

from app import audit, cached, context
from app.widgets import data_table, pager
from domain.rules import ALERT_ORDER
from figures.display_tables import alert_rules_table, alerts_export, alerts_table
from i18n import t
from i18n.format import phrase
from report.download import to_xlsx_bytes

ctx = context.get(__file__)
lang = ctx.lang
st.title(t("page.alerts", lang))
st.caption(t("alerts.caption", lang))

found = cached.health(*ctx.view, ctx.as_of)
counts = cached.health_counts(*ctx.view, ctx.as_of)

if found.empty:
    st.success(t("alerts.none", lang))
else:
    st.markdown(
        "#### "
        + t("alerts.count", lang, n=f"{counts['total']:,}", orgs=f"{counts['organisations']:,}")
    )
    chosen = st.pills(
        t("alerts.filter", lang),
        [rule for rule in ALERT_ORDER if counts[rule]],
        format_func=lambda r: t(f"alert.{r}", lang) + phrase("paren", lang, text=f"{counts[r]:,}"),
        selection_mode="multi",
        key="alert_rules",
    )
    shown = found[found["rule"].isin(chosen)] if chosen else found
    rows = shown.iloc[pager(len(shown), "alert_page", lang)]
    data_table(alerts_table(rows, lang), height=480 if len(rows) > 12 else "auto")
    st.download_button(
        t("alerts.download", lang, n=f"{len(shown):,}"),
        audit.on_download(
            lambda: to_xlsx_bytes(alerts_export(shown, lang), sheet=t("page.alerts", lang)),
            "alerts",
            t("page.alerts", lang) + ".xlsx",
        ),
        file_name=t("page.alerts", lang) + ".xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click="ignore",
        key="alerts_xlsx",
    )

with st.expander(t("orglife.rules", lang)):
    data_table(alert_rules_table(lang))
