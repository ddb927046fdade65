"""The access settings, read from Streamlit's secrets (``.streamlit/secrets.toml``).

Access control is off unless users are configured. Two ways to configure them:

- password users::

    [access.users.wangfang]          # the user name typed at the login
    password = "scrypt$16384$8$1$…"  # from `python -m access add-user`, never plain text
    role = "admin"                   # viewer | editor | admin
    name = "王芳"                     # optional: shown in the sidebar
    scope = ["B0010001"]             # optional: the organisations (组织编号) they may see,
                                     # each with everything under it; omitted: all of them

- single sign-on with Streamlit's ``st.login`` (OIDC): an ``[auth]`` section as Streamlit
  documents it, and roles by e-mail address::

    [access.roles]
    "wang@example.gov.cn" = "admin"
    [access.scopes]                  # optional, as scope above
    "chen@example.gov.cn" = ["B0010001"]
    [access]
    default_role = "viewer"          # signed-in people not listed; omit to refuse them
    provider = "gov"                 # optional: which [auth.NAME] provider st.login uses

When ``[auth]`` is configured, it is used instead of the password users. Accounts made on
the 用户与权限 page live in the store (``access.ledger``) beside those written here.

A password sign-in lasts (``access.tokens``) for ``session_hours`` (default 12), in a cookie
signed with ``secret`` (any long random string; without one, a secret made once and kept in
the store is used)::

    [access]
    secret = "…"
    session_hours = 12

Behind a reverse proxy, name it so that failed sign-ins are counted per real client
(``access.client``)::

    [access]
    trusted_proxies = ["127.0.0.1"]  # addresses or networks ("10.0.0.0/8") of the proxies
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from access.client import Network, networks
from access.passwords import DUMMY_HASH, is_password_hash, verify_password
from access.roles import ROLES


@dataclass(frozen=True)
class UserEntry:
    name: str  # the login name
    password_hash: str
    role: str
    display: str  # shown in the sidebar
    scope: tuple[str, ...] = ()  # the organisations (组织编号) they may see; () all
    enabled: bool = True
    must_change: bool = False  # a one-time password: to be changed at the next sign-in
    source: str = "settings"  # "settings" (secrets.toml, read-only) or "store"


@dataclass(frozen=True)
class AccessConfig:
    mode: str  # "off", "password" or "oidc"
    users: Mapping[str, UserEntry] = field(default_factory=dict)
    roles_by_email: Mapping[str, str] = field(default_factory=dict)
    default_role: str | None = None  # OIDC users not in roles_by_email; None refuses them
    provider: str | None = None  # the st.login provider, when [auth] names several
    trusted_proxies: tuple[Network, ...] = ()  # whose X-Forwarded-For is believed
    scopes_by_email: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    secret: str | None = None  # signs the sign-in cookie; None: the store's own
    session_hours: float = 12.0  # how long a password sign-in lasts

    def oidc_role(self, email: str | None) -> str | None:
        """The role of a signed-in person, or None if they may not come in."""
        if email and email.strip().lower() in self.roles_by_email:
            return self.roles_by_email[email.strip().lower()]
        return self.default_role

    def oidc_scope(self, email: str | None) -> tuple[str, ...]:
        """The organisations a signed-in person may see; () for all of them."""
        return self.scopes_by_email.get((email or "").strip().lower(), ())


class AccessConfigError(ValueError):
    """The settings cannot be used as written; ``zh`` and ``en`` say where and why."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


def _role(value: object, where: str) -> str:
    if value not in ROLES:
        raise AccessConfigError(
            f"{where} 的角色“{value}”无效，应为 viewer、editor 或 admin 之一",
            f"{where}: role {value!r} is not one of viewer, editor, admin",
        )
    return str(value)


def _proxies(value: object) -> tuple[Network, ...]:
    """``[access] trusted_proxies``: a list of addresses or networks."""
    if value is None:
        return ()
    where = "[access] trusted_proxies"
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise AccessConfigError(f"{where} 应为地址列表", f"{where} must be a list of addresses")
    try:
        return networks([str(v) for v in value])
    except ValueError as exc:
        raise AccessConfigError(
            f"{where} 中有无效的地址或网段：{exc}", f"{where}: not an address or network: {exc}"
        ) from None


def _scope(value: object, where: str) -> tuple[str, ...]:
    """A scope: a list of 组织编号 (a single one may be written as a string)."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(
        isinstance(v, str) and v.strip() for v in value
    ):
        raise AccessConfigError(
            f'{where} 的 scope 应为组织编号列表，如 ["B0010001"]',
            f'{where}: scope must be a list of organisation ids, such as ["B0010001"]',
        )
    return tuple(dict.fromkeys(v.strip() for v in value))


def _hours(value: object) -> float:
    if value is None:
        return 12.0
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 24 * 90:
        raise AccessConfigError(
            "[access] session_hours 应为 0 到 2160 之间的小时数",
            "[access] session_hours must be a number of hours between 0 and 2160",
        )
    return float(value)


def read_config(secrets: Mapping[str, object]) -> AccessConfig:
    """The access settings in ``secrets`` (a mapping like ``st.secrets``)."""
    access = secrets.get("access") or {}
    if not isinstance(access, Mapping):
        raise AccessConfigError("[access] 应为一个表", "[access] must be a table")
    proxies = _proxies(access.get("trusted_proxies"))
    secret = str(access["secret"]) if access.get("secret") else None
    hours = _hours(access.get("session_hours"))
    if isinstance(secrets.get("auth"), Mapping):
        roles = access.get("roles") or {}
        default = access.get("default_role")
        scopes = access.get("scopes") or {}
        return AccessConfig(
            mode="oidc",
            roles_by_email={
                str(email).strip().lower(): _role(role, f"[access.roles] {email}")
                for email, role in roles.items()
            },
            default_role=None if default is None else _role(default, "[access] default_role"),
            provider=str(access["provider"]) if access.get("provider") else None,
            trusted_proxies=proxies,
            scopes_by_email={
                str(email).strip().lower(): _scope(scope, f"[access.scopes] {email}")
                for email, scope in scopes.items()
            },
            secret=secret,
            session_hours=hours,
        )
    users: dict[str, UserEntry] = {}
    for name, entry in (access.get("users") or {}).items():
        where = f"[access.users.{name}]"
        if not isinstance(entry, Mapping):
            raise AccessConfigError(f"{where} 应为一个表", f"{where} must be a table")
        stored = entry.get("password")
        if not is_password_hash(stored):
            raise AccessConfigError(
                f"{where} 的 password 不是 scrypt 哈希（请用 python -m access add-user 生成，"
                "切勿写入明文密码）",
                f"{where}: password is not a scrypt hash (make one with "
                "`python -m access add-user`; never write a plain-text password)",
            )
        users[str(name)] = UserEntry(
            name=str(name),
            password_hash=str(stored),
            role=_role(entry.get("role"), where),
            display=str(entry.get("name") or name),
            scope=_scope(entry.get("scope"), where),
        )
    mode = "password" if users else "off"
    return AccessConfig(
        mode=mode, users=users, trusted_proxies=proxies, secret=secret, session_hours=hours
    )


def check_password(entry: UserEntry | None, password: str) -> UserEntry | None:
    """``entry`` if it is an enabled account and ``password`` is its password, else None.
    An unknown name (None) costs the same scrypt check as a wrong password."""
    ok = verify_password(password, entry.password_hash if entry else DUMMY_HASH)
    return entry if ok and entry and entry.enabled else None


def authenticate(config: AccessConfig, name: str, password: str) -> UserEntry | None:
    """The ``secrets.toml`` user whose name and password these are, or None."""
    return check_password(config.users.get(name.strip()), password)
