"""The pages, their navigation sections, and which of them a role sees.

Every page lives at its own name (``/overview``, ``/members`` …); the app's root address
opens the overview, keeping the URL's parameters. A page the role may not open is
registered hidden, at its own URL, as a refusal: it is not in the menu, and a link to it
says why it will not open (see ``access.roles``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from access.roles import may_open
from app import context
from i18n import t

PAGES_DIR = Path(__file__).resolve().parent.parent / "pages"
HOME = "overview"  # what the root address opens
# (page, icon, navigation section), in menu order
PAGES = (
    ("overview", ":material/dashboard:", "subdistrict"),
    ("members", ":material/groups:", "subdistrict"),
    ("sectors", ":material/compare:", "subdistrict"),
    ("branch", ":material/account_tree:", "organisations"),
    ("innovation", ":material/lightbulb:", "topics"),
    ("orglife", ":material/event_available:", "topics"),
    ("development", ":material/person_add:", "topics"),
    ("coverage", ":material/domain:", "topics"),
    ("alerts", ":material/health_and_safety:", "topics"),
    ("present", ":material/slideshow:", "present"),
    ("annual", ":material/summarize:", "present"),
    ("data", ":material/database:", "data"),
    ("history", ":material/history:", "data"),
    ("reporting", ":material/fact_check:", "data"),
    ("accounts", ":material/manage_accounts:", "data"),
    ("audit", ":material/policy:", "data"),
)
NAMES = tuple(name for name, *_ in PAGES)


def page_file(name: str) -> Path:
    """The script of page ``name``."""
    return PAGES_DIR / f"{name}.py"


def menu(role: str, whole: bool = True) -> list[str]:
    """The pages in ``role``'s menu, in order (``whole``: the account sees the whole
    sub-district)."""
    return [name for name in NAMES if may_open(role, name, whole)]


def _refusal(name: str, role: str, lang: str, whole: bool) -> Callable[[], None]:
    def refuse() -> None:
        context.refuse(name, role, lang, whole)

    return refuse


def _home(target: st.Page) -> Callable[[], None]:
    def home() -> None:
        query = [(k, v) for k in st.query_params for v in st.query_params.get_all(k)]
        st.switch_page(target, query_params=query)

    return home


_KEPT = "_navigation_pages"  # this session's pages: ((role, lang, whole), pages)


def pages(role: str, lang: str, whole: bool = True) -> dict[str, st.Page]:
    """Every page by name, and ``""``: the root address, which opens HOME. Made once per
    session for the same role, language and scope: making an ``st.Page`` of a script
    resolves its path, a system call per folder on every run; a page is not shared between
    sessions, as ``st.navigation`` marks on it the one a run may call."""
    key = (role, lang, whole)
    kept = st.session_state.get(_KEPT)
    if kept is None or kept[0] != key:
        kept = st.session_state[_KEPT] = (key, _made(role, lang, whole))
    return kept[1]


def _made(role: str, lang: str, whole: bool) -> dict[str, st.Page]:
    """The pages of ``pages``, made."""
    shown = set(menu(role, whole))
    by_name = {
        name: st.Page(
            page_file(name) if name in shown else _refusal(name, role, lang, whole),
            title=t(f"page.{name}", lang),
            icon=icon,
            url_path=name,
            visibility="visible" if name in shown else "hidden",
        )
        for name, icon, _ in PAGES
    }
    home = st.Page(
        _home(by_name[HOME]), title=t(f"page.{HOME}", lang), default=True, visibility="hidden"
    )
    return {"": home, **by_name}


def name_of(page: st.Page, by_name: dict[str, st.Page]) -> str:
    """The name of the page ``st.navigation`` chose."""
    return next(name for name, p in by_name.items() if p.url_path == page.url_path)


def sections(by_name: dict[str, st.Page], lang: str) -> dict[str, list[st.Page]]:
    """The pages grouped under their section titles, for ``st.navigation``; the root
    address's page is hidden in the first."""
    out: dict[str, list[st.Page]] = {}
    for name, _, section in PAGES:
        out.setdefault(t(f"nav.section.{section}", lang), []).append(by_name[name])
    first = next(iter(out))
    out[first].insert(0, by_name[""])
    return out
