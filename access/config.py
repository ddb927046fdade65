"""The access settings, read from Streamlit's secrets (``.streamlit/secrets.toml``).

Access control is off unless users are configured. Two ways to configure them:

- password users::

    [access.users.wangfang]          # the user name typed at the login
    password = "scrypt$16384$8$1$…"  # from `python -m access add-user`, never plain text
    role = "admin"                   # viewer | editor | admin
    name = "王芳"                     # optional: shown in the sidebar

- single sign-on with Streamlit's ``st.login`` (OIDC): an ``[auth]`` section as Streamlit
  documents it, and roles by e-mail address::

    [access.roles]
    "wang@example.gov.cn" = "admin"
    [access]
    default_role = "viewer"          # signed-in people not listed; omit to refuse them
    provider = "gov"                 # optional: which [auth.NAME] provider st.login uses

When ``[auth]`` is configured, it is used instead of the password users.

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


@dataclass(frozen=True)
class AccessConfig:
    mode: str  # "off", "password" or "oidc"
    users: Mapping[str, UserEntry] = field(default_factory=dict)
    roles_by_email: Mapping[str, str] = field(default_factory=dict)
    default_role: str | None = None  # OIDC users not in roles_by_email; None refuses them
    provider: str | None = None  # the st.login provider, when [auth] names several
    trusted_proxies: tuple[Network, ...] = ()  # whose X-Forwarded-For is believed

    def oidc_role(self, email: str | None) -> str | None:
        """The role of a signed-in person, or None if they may not come in."""
        if email and email.strip().lower() in self.roles_by_email:
            return self.roles_by_email[email.strip().lower()]
        return self.default_role


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


def read_config(secrets: Mapping[str, object]) -> AccessConfig:
    """The access settings in ``secrets`` (a mapping like ``st.secrets``)."""
    access = secrets.get("access") or {}
    if not isinstance(access, Mapping):
        raise AccessConfigError("[access] 应为一个表", "[access] must be a table")
    proxies = _proxies(access.get("trusted_proxies"))
    if isinstance(secrets.get("auth"), Mapping):
        roles = access.get("roles") or {}
        default = access.get("default_role")
        return AccessConfig(
            mode="oidc",
            roles_by_email={
                str(email).strip().lower(): _role(role, f"[access.roles] {email}")
                for email, role in roles.items()
            },
            default_role=None if default is None else _role(default, "[access] default_role"),
            provider=str(access["provider"]) if access.get("provider") else None,
            trusted_proxies=proxies,
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
        )
    mode = "password" if users else "off"
    return AccessConfig(mode=mode, users=users, trusted_proxies=proxies)


def authenticate(config: AccessConfig, name: str, password: str) -> UserEntry | None:
    """The user whose name and password these are, or None. An unknown name costs the
    same scrypt check as a wrong password."""
    entry = config.users.get(name.strip())
    ok = verify_password(password, entry.password_hash if entry else DUMMY_HASH)
    return entry if ok and entry else None
