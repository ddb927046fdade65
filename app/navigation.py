"""The pages, their navigation sections, and which of them a role sees.

A page the role may not open is registered hidden, at its own URL, as a refusal: it is not
in the menu, and a link to it says why it will not open (see ``access.roles``).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from access.roles import may_open
from app import context
from i18n import t

# (page, icon, navigation section), in menu order
PAGES = (
    ("overview", ":material/dashboard:", "subdistrict"),
    ("members", ":material/groups:", "subdistrict"),
    ("sectors", ":material/compare:", "subdistrict"),
    ("branch", ":material/account_tree:", "organisations"),
    ("innovation", ":material/lightbulb:", "topics"),
    ("orglife", ":material/event_available:", "topics"),
    ("alerts", ":material/health_and_safety:", "topics"),
    ("present", ":material/slideshow:", "present"),
    ("data", ":material/database:", "data"),
    ("history", ":material/history:", "data"),
)
NAMES = tuple(name for name, *_ in PAGES)


def menu(role: str) -> list[str]:
    """The pages in ``role``'s menu, in order."""
    return [name for name in NAMES if may_open(role, name)]


def _refusal(name: str, role: str, lang: str) -> Callable[[], None]:
    def refuse() -> None:
        context.refuse(name, role, lang)

    return refuse


def pages(role: str, lang: str, first: str) -> dict[str, st.Page]:
    """Every page by name; ``first`` is the default one."""
    shown = set(menu(role))
    return {
        name: st.Page(
            f"pages/{name}.py" if name in shown else _refusal(name, role, lang),
            title=t(f"page.{name}", lang),
            icon=icon,
            url_path=name,
            default=name == first,
            visibility="visible" if name in shown else "hidden",
        )
        for name, icon, _ in PAGES
    }


def sections(by_name: dict[str, st.Page], lang: str) -> dict[str, list[st.Page]]:
    """The pages grouped under their section titles, for ``st.navigation``."""
    out: dict[str, list[st.Page]] = {}
    for name, _, section in PAGES:
        out.setdefault(t(f"nav.section.{section}", lang), []).append(by_name[name])
    return out
