"""``python -m access``: make a user entry with a hashed password, check the settings.

    python -m access add-user wangfang --role admin --name 王芳 [--scope ID]... [--secrets FILE]
    python -m access check [--secrets .streamlit/secrets.toml]

add-user asks for the password twice (or reads one line from standard input when it is not
a terminal) and prints the entry; with --secrets it appends the entry to that file.
Exit codes: 0 done, 2 bad usage or settings.
"""

from __future__ import annotations

import argparse
import getpass
import re
import sys
import tomllib
from pathlib import Path

from access.config import AccessConfigError, read_config
from access.passwords import hash_password
from access.roles import ROLES

DEFAULT_SECRETS = Path(".streamlit") / "secrets.toml"
NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
MIN_LENGTH = 8


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def user_entry(
    name: str,
    password: str,
    role: str,
    display: str | None = None,
    scope: tuple[str, ...] = (),
) -> str:
    """The TOML block for one password user (``scope``: the 组织编号 they may see)."""
    lines = [
        f"[access.users.{name}]",
        f"password = {_toml_string(hash_password(password))}",
        f"role = {_toml_string(role)}",
    ]
    if display:
        lines.append(f"name = {_toml_string(display)}")
    if scope:
        lines.append(f"scope = [{', '.join(_toml_string(s) for s in scope)}]")
    return "\n".join(lines) + "\n"


def _read_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("密码 Password: ")
    if getpass.getpass("再输一次 Again: ") != first:
        raise SystemExit("两次输入的密码不一致 / the passwords differ")
    return first


def _load(path: Path) -> dict:
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise AccessConfigError(
            f"{path} 不是有效的 TOML：{exc}", f"{path} is not TOML: {exc}"
        ) from None


def add_user(args: argparse.Namespace) -> int:
    if not NAME.match(args.user):
        print(
            "用户名只能包含字母、数字、下划线、点和连字符 / a user name may hold only letters, "
            "digits, _ . and -",
            file=sys.stderr,
        )
        return 2
    password = _read_password()
    if len(password) < MIN_LENGTH:
        print(
            f"密码至少 {MIN_LENGTH} 个字符 / a password needs at least {MIN_LENGTH} characters",
            file=sys.stderr,
        )
        return 2
    entry = user_entry(args.user, password, args.role, args.name, tuple(args.scope or ()))
    if args.secrets is None:
        print(entry, end="")
        return 0
    path = Path(args.secrets)
    existing = _load(path)
    if args.user in existing.get("access", {}).get("users", {}):
        print(f"{path} 已有用户 {args.user} / {path} already has user {args.user}", file=sys.stderr)
        return 2
    path.parent.mkdir(parents=True, exist_ok=True)
    text = path.read_text("utf-8") if path.exists() else ""
    separator = "\n" if text.endswith("\n") else ("\n\n" if text else "")
    path.write_text(text + separator + entry, "utf-8")
    print(f"已写入 {path}：{args.user}（{args.role}） / added {args.user} ({args.role}) to {path}")
    return 0


def check(args: argparse.Namespace) -> int:
    path = Path(args.secrets or DEFAULT_SECRETS)
    config = read_config(_load(path))
    if config.mode == "off":
        print(f"{path}：未配置用户，访问控制关闭 / no users: access control is off")
    elif config.mode == "oidc":
        print(
            f"{path}：统一身份认证（st.login），{len(config.roles_by_email)} 个邮箱已分配角色 / "
            f"single sign-on (st.login), {len(config.roles_by_email)} e-mail roles"
        )
    else:
        for user in config.users.values():
            scope = "、".join(user.scope) or "全街道 whole sub-district"
            print(f"{user.name}\t{user.role}\t{user.display}\t{scope}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m access", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add-user", help="make a user entry with a hashed password")
    add.add_argument("user", help="the login name (letters, digits, _ . -)")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument("--name", help="the name shown in the sidebar, e.g. 王芳")
    add.add_argument("--secrets", help=f"append the entry to this file, e.g. {DEFAULT_SECRETS}")
    add.add_argument(
        "--scope", action="append", metavar="组织编号",
        help="an organisation they may see, with all under it (repeatable; default: all)",
    )  # fmt: skip
    chk = sub.add_parser("check", help="read the settings and list the users")
    chk.add_argument("--secrets", help=f"default {DEFAULT_SECRETS}")
    args = parser.parse_args(argv)
    try:
        return add_user(args) if args.command == "add-user" else check(args)
    except AccessConfigError as exc:
        print(f"{exc.zh}\n{exc.en}", file=sys.stderr)
        return 2
