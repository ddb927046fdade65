"""The login screen and the person using the app (see ``access/`` for the rules).

With no users configured everyone is let in as admin and no login is asked for. With
password users, a login form (failed attempts limited per name and per client address);
with ``[auth]`` configured, Streamlit's ``st.login``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import streamlit as st

from access.client import client_address
from access.config import AccessConfig, AccessConfigError, authenticate, read_config
from access.throttle import Throttle
from app.navigation import NAMES
from app.widgets import md_plain
from i18n import t
from i18n.format import pick

_SIGNED_IN = "_signed_in"  # the login name, in session state


@dataclass(frozen=True)
class Person:
    role: str  # viewer, editor or admin
    name: str = ""  # login name or e-mail; "" when access control is off
    display: str = ""
    mode: str = "off"  # how they came in: "off", "password" or "oidc"


OPEN = Person(role="admin")


@st.cache_resource(show_spinner=False)
def throttle() -> Throttle:
    """Failed logins, shared by every session of this server."""
    return Throttle()


def _secrets() -> Mapping[str, object]:
    try:
        return st.secrets.to_dict()
    except (FileNotFoundError, OSError):
        return {}


def settings() -> AccessConfig:
    """The access settings; raises AccessConfigError when they cannot be used."""
    return read_config(_secrets())


def _only_page(render: Callable[[], None], lang: str) -> None:
    """Show ``render`` at whatever page address was opened, so that after the login the
    same address opens the page it names."""
    title = t("app.title", lang)
    stand_ins = [st.Page(render, title=title, default=True)]
    stand_ins += [st.Page(render, title=title, url_path=name) for name in NAMES]
    st.navigation(stand_ins, position="hidden").run()
    st.stop()


def require(lang: str) -> Person:
    """The person using the app; stops the run with a login screen until there is one."""
    try:
        config = settings()
    except AccessConfigError as exc:
        why = pick(exc.zh, exc.en, lang)

        def broken() -> None:
            st.title(t("app.title", lang))
            st.error(t("login.bad_settings", lang, why=md_plain(why)))

        _only_page(broken, lang)
    if config.mode == "off":
        return OPEN
    if config.mode == "oidc":
        return _oidc(config, lang)
    return _password(config, lang)


def _password(config: AccessConfig, lang: str) -> Person:
    name = st.session_state.get(_SIGNED_IN)
    entry = config.users.get(name) if name else None
    if entry is not None:
        return Person(role=entry.role, name=entry.name, display=entry.display, mode="password")
    st.session_state.pop(_SIGNED_IN, None)

    def form() -> None:
        st.title(t("app.title", lang))
        with st.form("login", border=True, width=420):
            st.subheader(t("login.title", lang))
            user = st.text_input(t("login.user", lang), key="login_user")
            password = st.text_input(t("login.password", lang), type="password")
            sent = st.form_submit_button(t("login.submit", lang), type="primary")
            st.caption(t("login.help", lang))
        if sent:
            _try(config, user, password, lang)

    _only_page(form, lang)
    raise AssertionError("unreachable")  # _only_page stops the run


def request_origin() -> tuple[str | None, str | None]:
    """The connection's other end as Streamlit gives it (None from this machine), and the
    request's ``X-Forwarded-For``."""
    headers = getattr(st.context, "headers", None) or {}
    return getattr(st.context, "ip_address", None), headers.get("X-Forwarded-For")


def _client_keys(config: AccessConfig, user: str) -> list[str]:
    """The failed-login limit's keys: the user name, and the real client's address
    (``access.client.client_address``: behind a trusted proxy, from X-Forwarded-For)."""
    peer, forwarded_for = request_origin()
    address = client_address(peer, forwarded_for, config.trusted_proxies)
    keys = [f"user:{user.strip().lower()}"]
    return [*keys, f"address:{address}"] if address else keys


def _try(config: AccessConfig, user: str, password: str, lang: str) -> None:
    keys = _client_keys(config, user)
    wait = throttle().wait(keys)
    if wait > 0:
        st.error(t("login.too_many", lang, minutes=max(1, round(wait / 60))))
        return
    entry = authenticate(config, user, password)
    if entry is None:
        throttle().failed(keys)
        st.error(t("login.wrong", lang))
        return
    throttle().succeeded(keys[:1])
    st.session_state[_SIGNED_IN] = entry.name
    st.rerun()


def _oidc(config: AccessConfig, lang: str) -> Person:
    if not st.user.get("is_logged_in", False):

        def sign_in() -> None:
            st.title(t("app.title", lang))
            st.info(t("login.sso", lang))
            st.button(
                t("login.sso.button", lang),
                type="primary",
                on_click=st.login,
                args=(config.provider,) if config.provider else (),
            )

        _only_page(sign_in, lang)
    email = str(st.user.get("email") or "")
    role = config.oidc_role(email)
    if role is None:

        def refused() -> None:
            st.title(t("app.title", lang))
            st.error(t("login.sso.refused", lang, email=email or "—"))
            st.button(t("login.logout", lang), on_click=st.logout)

        _only_page(refused, lang)
    display = str(st.user.get("name") or email)
    return Person(role=role, name=email, display=display, mode="oidc")


def sign_out() -> None:
    if st.session_state.pop(_SIGNED_IN, None) is None and st.user.get("is_logged_in", False):
        st.logout()


def badge(person: Person, lang: str) -> None:
    """In the sidebar: who is signed in, their role, and the way out."""
    if person.mode == "off":
        return
    side = st.sidebar
    side.caption(
        t("login.as", lang, name=md_plain(person.display), role=t(f"role.{person.role}", lang))
    )
    side.button(t("login.logout", lang), on_click=sign_out, type="tertiary", key="logout")
