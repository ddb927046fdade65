"""报送情况 Reporting (admin, whole sub-district): which organisation has updated its own
data this month, and the last update of each dataset for each."""

import streamlit as st

from app import cached, context, reporting
from app.widgets import data_table
from i18n import t

ctx = context.get(__file__)
lang = ctx.lang
st.title(t("page.reporting", lang))
st.caption(t("reporting.caption", lang))
versions = reporting.versions()
if not versions:
    st.info(t("reporting.none", lang))
    st.stop()
branches = cached.load(ctx.folder, ctx.version).tables["branches"]
status = reporting.status(versions, branches, reporting.account_roots())
missing, listed = int((~status["reported"]).sum()), len(status)
st.metric(t("reporting.missing.count", lang), f"{missing:,} / {listed:,}", border=True)
shown = reporting.words(status, lang)
data_table(shown, height=480 if listed > 12 else "auto", download=t("page.reporting", lang))
st.caption(t("reporting.history", lang))
