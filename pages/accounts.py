"""用户与权限 Users and access (admin, whole sub-district): every account, adding one,
changing its role, scope or state, resetting its password, and importing many from a sheet.
Everyone changes their own password from the sidebar (``app.login.badge``)."""

from functools import partial

import streamlit as st

from access.roles import ROLES
from app import accounts, audit, cached, context
from app.widgets import data_table, md_plain, problems_list
from i18n import fmt_int, t

ctx = context.get(__file__)
lang = ctx.lang
st.title(t("page.accounts", lang))
if not ctx.login:  # no sign-in yet: the first admin is the server's to write
    st.info(t("accounts.off", lang))
    with st.expander(t("accounts.off.how", lang)):
        st.code(
            "python -m access add-user wangfang --role admin --name 王芳 "
            "--secrets .streamlit/secrets.toml",
            language="bash",
        )
    st.stop()
st.caption(t("accounts.caption", lang))
organisations = cached.organisations(ctx.folder, ctx.version)


def organisation_label(branch_id: str) -> str:
    return f"{organisations.get(branch_id, branch_id)} · {branch_id}"


issued = accounts.issued()
if issued:
    st.success(t("accounts.issued.help", lang, n=fmt_int(len(issued), lang)))
    if len(issued) == 1:  # one to pass on: in a box with a copy button
        st.code(issued[0].password, language=None)
    data_table(accounts.issued_table(issued, lang))
    st.download_button(
        t("accounts.issued.download", lang),
        audit.on_download(
            partial(accounts.issued_xlsx, issued, lang),
            "accounts",
            t("accounts.issued", lang) + ".xlsx",
            "account",
        ),
        file_name=t("accounts.issued", lang) + ".xlsx",
        icon=":material/download:",
        on_click="ignore",
        key="issued_xlsx",
    )

entries = accounts.accounts()
st.header(t("accounts.list", lang))
data_table(accounts.table(entries, organisations, lang), height=360 if len(entries) > 9 else "auto")

st.header(t("accounts.add", lang))
with st.form("add_account", border=True):
    left, right = st.columns(2)
    name = left.text_input(t("accounts.col.name", lang), help=t("accounts.name.help", lang))
    display = right.text_input(t("accounts.col.display", lang))
    role = left.selectbox(
        t("accounts.col.role", lang), ROLES, format_func=lambda r: t(f"role.{r}", lang)
    )
    scope = right.multiselect(
        t("accounts.col.scope", lang),
        list(organisations),
        format_func=organisation_label,
        placeholder=t("scope.all", lang),
    )
    if st.form_submit_button(t("accounts.add.submit", lang), type="primary"):
        name = name.strip()
        if not accounts.valid_name(name):
            st.error(t("accounts.name.bad", lang))
        elif accounts.taken(name):
            st.error(t("accounts.name.taken", lang, name=md_plain(name)))
        else:
            accounts.add(name, display.strip(), role, tuple(scope))
            st.rerun()

stored = [e for e in entries if e.source == "store"]
if stored:
    st.header(t("accounts.change", lang))
    chosen = st.selectbox(
        t("accounts.change.pick", lang),
        [e.name for e in stored],
        format_func=lambda n: next(f"{e.display} · {e.name}" for e in stored if e.name == n),
    )
    entry = next(e for e in stored if e.name == chosen)
    with st.form(f"change_{chosen}", border=True):
        left, right = st.columns(2)
        role = left.selectbox(
            t("accounts.col.role", lang),
            ROLES,
            index=ROLES.index(entry.role),
            format_func=lambda r: t(f"role.{r}", lang),
        )
        scope = right.multiselect(
            t("accounts.col.scope", lang),
            list(dict.fromkeys([*entry.scope, *organisations])),
            default=list(entry.scope),
            format_func=organisation_label,
            placeholder=t("scope.all", lang),
        )
        enabled = st.toggle(t("accounts.enabled", lang), value=entry.enabled)
        if st.form_submit_button(t("accounts.change.submit", lang), type="primary"):
            accounts.change(chosen, role, tuple(scope), enabled)
            st.toast(t("accounts.change.done", lang, name=md_plain(chosen)))
            st.rerun()
    st.button(
        t("accounts.reset", lang),
        on_click=accounts.reset_password,
        args=(chosen,),
        icon=":material/lock_reset:",
        key="reset_password",
    )

st.header(t("accounts.import", lang))
st.caption(t("accounts.import.caption", lang))
st.download_button(
    t("accounts.template", lang),
    accounts.template_xlsx(),
    file_name=t("accounts.template.file", lang),
    icon=":material/download:",
    on_click="ignore",
    key="accounts_template",
)
sheet = st.file_uploader(
    t("accounts.import.file", lang), type=["xlsx", "xls"], key="accounts_sheet"
)
if sheet is not None:
    rows, report = accounts.check_sheet(sheet.getvalue(), sheet.name, ctx.folder, ctx.version)
    if not report.ok:
        st.error(t("accounts.import.failed", lang))
        problems_list(report, lang, key="accounts_problems")
    else:
        new = sum(not accounts.taken(r.name) for r in rows)
        st.info(
            t("accounts.import.ready", lang, n=fmt_int(len(rows), lang), new=fmt_int(new, lang))
        )
        data_table(accounts.rows_table(rows, organisations, lang))
        if st.button(t("accounts.import.confirm", lang), type="primary", key="accounts_confirm"):
            accounts.import_rows(rows, sheet.name)
            st.rerun()
