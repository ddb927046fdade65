"""The app shell, run by dashboard/view.py on every rerun.

Asks who is using it when users are configured (app/login.py), loads the dataset
(DANGJIAN_DATA_DIR, else the store's current version, else data/sample/), draws the sidebar,
the banner and the navigation of the pages that person's role may open, runs the chosen
page from pages/, and writes the view to the URL (app/url.py).
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from app import audit, cached, context, heap, login, navigation, sidebar, url
from app.style import CLOSE_ON_NAVIGATE, LAYOUT_CSS, STEP_SLIDES
from app.widgets import md_plain, problems_list
from i18n import fmt_date, t
from i18n.streamlit_ui import streamlit_css, streamlit_script
from ingest.problems import Report
from ingest.read import UPLOAD_TYPES
from ingest.upload import MAX_FILE_BYTES
from report.narrative import scope_name


def stop_with(message: str, lang: str, report: Report | None = None) -> None:
    """No dashboard for this data: say why (with the ingest report) and stop. The one page
    goes through a hidden st.navigation, so the sidebar shows no file-name menu."""

    def problems() -> None:
        st.title(t("app.title", lang))
        st.error(message)
        if report is not None:
            problems_list(report, lang, key="invalid_problems_xlsx")

    st.navigation([st.Page(problems, title=t("app.title", lang))], position="hidden").run()
    st.stop()


def refuse_link(lang: str) -> None:
    """A link outside the account's scope: the refusal, and the way back to their view."""

    def refused() -> None:
        st.title(t("app.title", lang))
        st.error(t("access.outside", lang))
        st.button(t("access.outside.back", lang), on_click=sidebar.back_to_scope, type="primary")

    st.navigation([st.Page(refused, title=t("app.title", lang))], position="hidden").run()
    st.stop()


def run() -> None:
    """One run of the app: shell, page, URL; then, when the run loaded a version, the
    memory that freed given back (``app.heap``)."""
    try:
        _run()
    finally:
        heap.give_back()


def _run() -> None:
    """The shell, the chosen page, the URL."""
    st.set_page_config(page_title="基层党建数据看板", page_icon="☭", layout="wide")
    if not st.get_option("client.disableDataExport"):  # a server started without our config
        st.set_option("client.disableDataExport", True)  # see .streamlit/config.toml
        st.rerun()  # the browser learns the setting as a run starts: nothing drawn yet
    url.start_run()
    lang = sidebar.language()
    words = streamlit_css(lang, MAX_FILE_BYTES // 2**20, UPLOAD_TYPES)  # Streamlit's own
    # one element for all of it: the page's style, Streamlit's words, and the scripts
    # (each element of a page adds a gap above the next; a projector's slide has none to
    # spare): the sidebar closing after a choice on a phone, 会议汇报's swipe and clicker,
    # and Streamlit's words as screen readers read them and copies copy them
    script = streamlit_script(lang, MAX_FILE_BYTES // 2**20, UPLOAD_TYPES)
    st.html(LAYOUT_CSS + words + CLOSE_ON_NAVIGATE + STEP_SLIDES + script,
            unsafe_allow_javascript=True)  # fmt: skip
    person = login.require(lang)
    login.badge(person, lang)
    folder = cached.data_dir()
    if not folder.is_dir():
        stop_with(t("error.no_data_dir", lang, path=md_plain(folder)), lang)
    version = cached.fingerprint(folder)
    result = cached.load(str(folder), version)
    if not result.ok:
        stop_with(t("error.invalid_data", lang), lang, result.report)

    account, missing = cached.account_scope(str(folder), version, person.scope)
    if missing and len(missing) == len(person.scope):
        stop_with(t("access.scope_missing", lang, ids="、".join(missing)), lang)
    ctx = replace(
        sidebar.filters(lang, str(folder), version, cached.is_sample(folder), account),
        role=person.role,
        user=person.display,
        login=person.name,
        roots=person.scope,
        address=person.address,
    )
    if sidebar.outside_scope(account):
        refuse_link(lang)

    by_name = navigation.pages(ctx.role, lang, ctx.whole)
    page = st.navigation(navigation.sections(by_name, lang), expanded=True)
    page_name = navigation.name_of(page, by_name)
    st.session_state[audit.PAGE] = page_name

    as_of = fmt_date(ctx.as_of, lang)
    if ctx.sample:
        st.caption(t("banner.sample", lang, as_of=as_of))
    else:
        stored = cached.is_stored(folder)
        source = t("banner.store", lang, version=folder.name) if stored else folder.name
        st.caption(t("banner.folder", lang, source=md_plain(source), as_of=as_of))
    if not ctx.scope.is_everything:
        st.caption(t("banner.scope", lang, scope=md_plain(scope_name(ctx.scope, lang))))
    context.put(ctx)
    url.publish()  # the shell's parameters, in case the page stops early
    page.run()
    sidebar.share_link(lang, page_name)
    url.publish()  # with the page's own
