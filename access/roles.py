"""Roles and what each may see.

- viewer: the aggregate pages, the slideshow and the exports (which never hold personal
  data);
- editor: adds member-level tables (a branch's member list, masked names) and the
  数据管理 page with uploads;
- admin: adds the 版本历史 page (version history, comparison, rollback), 用户与权限
  (accounts) and 查询留痕 (the audit trail).

Each role sees everything the roles before it see, within the account's scope (an
editor's upload replaces only its scope's records). The pages about the whole store
(versions, accounts, the audit trail, who has reported) and rollback are for accounts whose
scope is the whole sub-district (WHOLE_ONLY).
"""

from __future__ import annotations

ROLES = ("viewer", "editor", "admin")

# The lowest role that may open each page (pages not listed: viewer).
PAGE_ROLE = {
    "data": "editor",
    "history": "admin",
    "reporting": "admin",
    "accounts": "admin",
    "audit": "admin",
}
# The lowest role that sees each part of a page.
FEATURE_ROLE = {"member_list": "editor", "upload": "editor", "rollback": "admin"}
# Pages and parts for accounts whose scope is the whole sub-district only.
WHOLE_ONLY = frozenset({"history", "reporting", "accounts", "audit", "rollback"})


def rank(role: str) -> int:
    """0 for viewer, 1 for editor, 2 for admin; ValueError for anything else."""
    try:
        return ROLES.index(role)
    except ValueError:
        raise ValueError(f"unknown role {role!r}; roles are {', '.join(ROLES)}") from None


def may_open(role: str, page: str, whole: bool = True) -> bool:
    """Whether ``role`` may open ``page``; ``whole``: the account's scope is the whole
    sub-district."""
    return rank(role) >= rank(PAGE_ROLE.get(page, "viewer")) and (whole or page not in WHOLE_ONLY)


def may_use(role: str, feature: str, whole: bool = True) -> bool:
    return rank(role) >= rank(FEATURE_ROLE[feature]) and (whole or feature not in WHOLE_ONLY)
