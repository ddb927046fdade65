"""The accounts sheet (用户与权限's bulk import): one row per account.

| column | 表头 (also accepted) | meaning |
|---|---|---|
| ``name`` | 用户名 (登录名, 账号) | the login name: letters, digits, ``_ . -``, at most 64 |
| ``display`` | 姓名 (显示名称) | shown in the sidebar and the audit trail |
| ``role`` | 角色 (权限) | 查看者, 编辑 or 管理员 (viewer, editor, admin) |
| ``scope`` | 管理范围 (数据范围, 所属组织) | 组织编号 or full names (、 , ; or new lines |
|  |  | between them); blank or 全街道: the whole sub-district |

The roles' rules are ``access.roles``; an organisation in a scope brings every
organisation under it (``metrics.scope.subtree``).
"""

from __future__ import annotations

import re

# column → the headers accepted, the first being the template's
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("用户名", "登录名", "账号", "user name", "username"),
    "display": ("姓名", "显示名称", "name", "display name"),
    "role": ("角色", "权限", "role"),
    "scope": ("管理范围", "数据范围", "所属组织", "scope"),
}
REQUIRED = ("name", "role")
# the words a role may be written in → the role
ROLE_WORDS: dict[str, str] = {
    "viewer": "viewer",
    "查看者": "viewer",
    "查看": "viewer",
    "editor": "editor",
    "编辑": "editor",
    "编辑者": "editor",
    "admin": "admin",
    "管理员": "admin",
}
WHOLE_WORDS = frozenset({"", "全街道", "全部", "all", "whole"})
USER_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
SCOPE_SEPARATORS = re.compile(r"[、,，;；\n]+")
MAX_ACCOUNTS = 5000  # rows read from one sheet
