"""Roles and what each may see.

- viewer: the aggregate pages, the slideshow and the exports (which never hold personal
  data);
- editor: adds member-level tables (a branch's member list, masked names) and the
  数据管理 page with uploads;
- admin: adds the 版本历史 page (version history, comparison, rollback).

Each role sees everything the roles before it see.
"""

from __future__ import annotations

ROLES = ("viewer", "editor", "admin")

# The lowest role that may open each page (pages not listed: viewer).
PAGE_ROLE = {"data": "editor", "history": "admin"}
# The lowest role that sees each part of a page.
FEATURE_ROLE = {"member_list": "editor", "upload": "editor", "rollback": "admin"}


def rank(role: str) -> int:
    """0 for viewer, 1 for editor, 2 for admin; ValueError for anything else."""
    try:
        return ROLES.index(role)
    except ValueError:
        raise ValueError(f"unknown role {role!r}; roles are {', '.join(ROLES)}") from None


def may_open(role: str, page: str) -> bool:
    return rank(role) >= rank(PAGE_ROLE.get(page, "viewer"))


def may_use(role: str, feature: str) -> bool:
    return rank(role) >= rank(FEATURE_ROLE[feature])
