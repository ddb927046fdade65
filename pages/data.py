"""数据管理 Data: what the dashboard is showing, how complete it is, what to check, and the
templates and data dictionary for the next update."""

import streamlit as st

from app import audit, cached, context, importing
from app.widgets import card_columns, data_table, md_plain, problems_list, problems_table
from domain.contract import DATASETS
from figures.display_tables import completeness_table, plan_table, quality_table
from i18n import N_, t
from i18n.format import pick

REFUSED = "_upload_refused"  # the confirmation refused because the data changed since
DONE = "_upload_done"  # the version the last confirmed import became, until the next upload

ctx = context.get(__file__)
lang = ctx.lang
st.title(t("page.data", lang))
q = cached.quality(*ctx.view, ctx.as_of)

st.header(t("data.current", lang))
st.caption(t("data.current.caption", lang))
with st.expander(t("data.cli", lang)):
    st.caption(t("data.cli.text", lang))
    st.code(t("data.cli.command", lang), language="bash")
rows = q["rows"]
for col, name in zip(card_columns(len(DATASETS), 3), DATASETS, strict=False):
    shown = f"{int(rows[name]):,}" if name in rows else t("kpi.no_dataset", lang)
    col.metric(t(f"dataset.{name}", lang), shown, border=True)

st.header(t("data.upload", lang))
st.caption(t("data.upload.caption", lang))
if cached.folder_wins():
    st.info(t("data.upload.folder_wins", lang))
    with st.expander(t("data.folder.how", lang)):
        st.caption(t("data.folder.how.text", lang))
if not ctx.whole:  # an organisation's own part
    st.info(t("data.upload.scoped", lang, scope=md_plain("、".join(ctx.account.names))))
files = st.file_uploader(
    t("data.upload.files", lang),
    type=importing.UPLOAD_TYPES,
    accept_multiple_files=True,
    key=importing.uploader_key(),
)
if files:
    st.session_state.pop(DONE, None)
elif DONE in st.session_state:
    st.success(t("data.upload.done.page", lang, version=st.session_state[DONE]))
if files:
    signature = tuple((f.name, f.size) for f in files)
    if st.session_state.get("_upload_signature") != signature:
        with st.status(t("data.upload.checking", lang), expanded=False) as status:
            checked = importing.check(files, ctx.roots)
            st.session_state.pop(REFUSED, None)
            passed = checked["error"] is None and checked["result"].ok
            if not passed:  # a refused check is on the trail too
                found = checked["result"].report.n_errors if checked["result"] else 0
                audit.note("import_failed", "data", "、".join(f.name for f in files),
                           f"problems|{found}")  # fmt: skip
            status.update(
                label=t(N_("data.upload.checked") if passed else N_("data.upload.failed"), lang),
                state="complete" if passed else "error",
            )
        st.session_state["_upload_signature"] = signature
    item = importing.pending()
    refused = st.session_state.get(REFUSED)
    if refused is not None and item is not None and item["error"] is None:
        st.warning(md_plain(pick(refused.message_zh, refused.message_en, lang)),
                   icon=":material/sync:")  # fmt: skip
    if item is None or item["error"] is not None:
        error = item["error"] if item else None
        if error is not None:
            st.error(md_plain(pick(error.message_zh, error.message_en, lang)))
    elif not item["result"].ok:
        st.error(t("data.upload.invalid", lang))
        codes = {p.code for p in item["result"].report.problems}
        if "ref.carried_unknown_branch" in codes:
            st.info(t("data.upload.carried_errors", lang))
        problems_list(item["result"].report, lang, key="problems_xlsx")
    else:
        carrying = importing.carries(item)
        st.success(
            t(N_("data.upload.valid_carried") if carrying else N_("data.upload.valid"), lang)
        )
        data_table(plan_table(item["steps"], lang))
        warned = item["result"].report
        if warned.n_warnings:
            with st.expander(t("data.upload.warnings", lang, n=f"{warned.n_warnings:,}")):
                data_table(problems_table(warned, lang), height=240)
    if item is not None and item["error"] is None:
        removable = importing.removable(item)
        if removable:
            chosen = st.multiselect(
                t("data.upload.remove", lang),
                removable,
                default=list(item["remove"]),
                format_func=lambda name: t(f"dataset_name.{name}", lang),
                help=t("data.upload.remove.help", lang),
                placeholder=t("data.upload.remove.none", lang),
                key=importing.REMOVE,
            )
            if tuple(chosen) != tuple(item["remove"]):
                importing.recheck(tuple(chosen), files)
                st.rerun()
    if item is not None and item["error"] is None and item["result"].ok:
        by = st.text_input(t("data.upload.by", lang), value=ctx.user, key="upload_by")
        if st.button(t("data.upload.confirm", lang), type="primary", icon=":material/check:"):
            if not by.strip():  # every version says who imported it
                st.error(t("data.upload.by_needed", lang))
            else:
                done = importing.confirm(by.strip(), files, ctx.roots)
                if done.refused is not None:  # another import landed since the check
                    st.session_state[REFUSED] = done.refused
                else:
                    names = "、".join(f.name for f in files)
                    audit.note("import", "data", names, f"version|{done.version}")
                    st.session_state.pop("_upload_signature", None)
                    st.session_state.pop(REFUSED, None)
                    st.session_state[DONE] = done.version  # said on the page until the next
                    st.toast(t("data.upload.done", lang, version=done.version))
                st.rerun()
elif importing.pending() is not None:
    importing.drop()

st.header(t("data.quality", lang))
st.caption(t("data.quality.caption", lang))
found = q["suspicious"]
if found.empty:
    st.success(t("data.quality.none", lang))
else:
    data_table(quality_table(found, lang), download=t("data.quality", lang))
with st.expander(t("data.completeness", lang)):
    data_table(completeness_table(q["completeness"], lang), height=360,
               download=t("data.completeness", lang))  # fmt: skip

st.header(t("data.templates", lang))
st.caption(t("data.templates.caption", lang))
row = st.container(horizontal=True)
for name, dataset in DATASETS.items():
    row.download_button(
        f"{pick(dataset.zh, name, lang)}.xlsx",
        cached.template(name),
        file_name=t("data.template.file", lang, name=pick(dataset.zh, name, lang)),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click="ignore",
        key=f"template_{name}",
    )
row.download_button(
    t("data.dictionary", lang),
    cached.dictionary(),
    file_name="data_dictionary_数据规范.md",
    mime="text/markdown",
    icon=":material/menu_book:",
    on_click="ignore",
    key="dictionary",
)
