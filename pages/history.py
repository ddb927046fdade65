"""版本历史 Versions (admin): the store's versions, two compared, rollback, and the log."""

import streamlit as st

from access.roles import may_use
from app import audit, cached, context
from app.widgets import data_table, md_plain
from figures.display_tables import history_table, store_log_table, versions_table
from i18n import t
from i18n.format import pick

ctx = context.get(__file__)
lang = ctx.lang
st.title(t("page.history", lang))
if cached.folder_wins():
    st.info(t("history.folder_wins", lang))
    with st.expander(t("data.folder.how", lang)):
        st.caption(t("data.folder.how.text", lang))

history = cached.store_history()
if history is None:
    st.info(t("history.none", lang))
    st.stop()

st.header(t("data.history", lang))
st.caption(t("data.history.caption", lang))
data_table(history_table(history, lang))
ids = history["version"].tolist()
current = history.loc[history["current"], "version"].iat[0]

if len(ids) > 1:
    st.header(t("history.compare", lang))
    left, right = st.columns(2)
    a = left.selectbox(t("data.compare.a", lang), ids, index=1, key="cmp_a")
    b = right.selectbox(t("data.compare.b", lang), ids, index=0, key="cmp_b")
    store = cached.store_path()
    data_table(versions_table({v: cached.version_figures(v, store) for v in (a, b)}, lang))

if may_use(ctx.role, "rollback"):
    st.header(t("history.rollback", lang))
    st.caption(t("history.rollback.caption", lang))
    others = [v for v in ids if v != current]
    if not others:
        st.info(t("history.rollback.only_one", lang))
    else:
        target = st.selectbox(
            t("history.rollback.choose", lang), others, key="rollback_to", width=320
        )
        by = st.text_input(t("history.rollback.by", lang), value=ctx.user, key="rollback_by")
        sure = st.checkbox(
            t("history.rollback.confirm", lang, version=target, current=current),
            key="rollback_sure",
            on_change=cached.remember_confirmed,
            args=("rollback_sure", current),  # the version current when it was ticked
        )
        if st.button(
            t("history.rollback.button", lang, version=target),
            icon=":material/undo:",
            key="rollback",
            disabled=not sure,
        ):
            if not by.strip():  # every rollback says who did it, like an import
                st.error(t("history.rollback.by_needed", lang))
            else:
                confirmed = cached.confirmed_against("rollback_sure")
                refused = cached.rollback(target, by=by.strip(), expected=confirmed)
                st.session_state.pop("rollback_sure", None)
                if refused is None:
                    audit.note("rollback", "history", "", f"version|{target}")
                    st.toast(t("history.rollback.done", lang, version=target))
                else:  # another import or rollback landed after the box was ticked
                    st.session_state["_rollback_refused"] = refused
                st.rerun()
        refused = st.session_state.pop("_rollback_refused", None)
        if refused is not None:
            st.warning(md_plain(pick(refused.message_zh, refused.message_en, lang)),
                       icon=":material/sync:")  # fmt: skip

st.header(t("history.log", lang))
data_table(store_log_table(cached.store_log(), lang))
