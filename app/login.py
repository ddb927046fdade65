"""The sign-in and the person using the app (see ``access/`` for the rules).

With no accounts (none in ``secrets.toml``, none in the store) everyone is let in as admin
of the whole sub-district and no sign-in is asked for. With password accounts, a sign-in
form: failed attempts are limited per user name and per client address, counted in the
store so that every server process shares them (``access.ledger``); a sign-in lasts
``session_hours`` in the browser (``access.tokens``, ``app.routes``). With ``[auth]``
configured, Streamlit's ``st.login``.

On every run the account is looked up again: a disabled account, a changed password, a
sign-out in another tab or an expired sign-in ends the session at once; role and scope are
never taken from the browser.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape

import streamlit as st

from access import tokens
from access.accounts import MIN_PASSWORD, find, with_password
from access.client import client_address
from access.config import AccessConfig, AccessConfigError, UserEntry, check_password, read_config
from access.ledger import Entry, Ledger
from access.pg_ledger import open_ledger
from access.throttle import MAX_FAILURES, WINDOW
from app.navigation import NAMES
from app.widgets import md_plain
from i18n import N_, t
from i18n.format import pick
from ingest.stores import access_location

_SIGNED_IN = "_signed_in"  # the session's Ticket, in session state
_HANDOVER = "_sign_in_handover"  # (hand-over token for the cookie, when it was made)
_HANDOVER_DRAWN = 60  # seconds for which each run asks for the cookie again
_ENDED = "_sign_in_ended"  # why the last sign-in ended (a catalogue key)
_CLEAR_COOKIE = "_sign_in_clear"  # the browser's cookie is to be cleared
_CHANGE_OPEN = "_change_password_open"  # the own-password dialog is open
_CHANGED = "_password_changed"  # a password was just changed (said once)


@dataclass(frozen=True)
class Person:
    role: str  # viewer, editor or admin
    name: str = ""  # login name or e-mail; "" when access control is off
    display: str = ""
    mode: str = "off"  # how they came in: "off", "password" or "oidc"
    scope: tuple[str, ...] = ()  # the organisations (组织编号) they may see; () all
    address: str = ""  # the client's address (``access.client``)
    own_password: bool = False  # an account of the store, whose owner changes its password


OPEN = Person(role="admin")


def ledger() -> Ledger:
    """The access records of the store (``access.ledger``)."""
    return open_ledger(access_location())


def _secrets() -> Mapping[str, object]:
    try:
        return st.secrets.to_dict()
    except (FileNotFoundError, OSError):
        return {}


def settings() -> AccessConfig:
    """The access settings; raises AccessConfigError when they cannot be used."""
    return read_config(_secrets())


def signing_secret(config: AccessConfig) -> str:
    """The secret that signs sign-in cookies: the settings' own, else the store's."""
    return config.secret or ledger().secret()


def _only_page(render: Callable[[], None], lang: str) -> None:
    """Show ``render`` at whatever page address was opened, so that after the login the
    same address opens the page it names."""
    title = t("app.title", lang)
    stand_ins = [st.Page(render, title=title, default=True)]
    stand_ins += [st.Page(render, title=title, url_path=name) for name in NAMES]
    st.navigation(stand_ins, position="hidden").run()
    st.stop()


def request_origin() -> tuple[str | None, str | None]:
    """The connection's other end as Streamlit gives it (None from this machine), and the
    request's ``X-Forwarded-For``."""
    headers = getattr(st.context, "headers", None) or {}
    return getattr(st.context, "ip_address", None), headers.get("X-Forwarded-For")


def address_of(config: AccessConfig) -> str:
    """The real client's address (behind a trusted proxy, from X-Forwarded-For); "" when
    unknown."""
    peer, forwarded_for = request_origin()
    return client_address(peer, forwarded_for, config.trusted_proxies) or ""


def require(lang: str) -> Person:
    """The person using the app; stops the run with a sign-in screen until there is one."""
    try:
        config = settings()
    except AccessConfigError as exc:
        why = pick(exc.zh, exc.en, lang)

        def broken() -> None:
            st.title(t("app.title", lang))
            st.error(t("login.bad_settings", lang, why=md_plain(why)))

        _only_page(broken, lang)
    if config.mode == "oidc":
        return _oidc(config, lang)
    if config.mode == "off" and not ledger().has_accounts():
        return OPEN
    return _password(config, lang)


def _why_not(config: AccessConfig, entry: UserEntry | None, ticket: tokens.Ticket) -> str | None:
    """Why the sign-in ``ticket`` no longer holds (a catalogue key), or None if it does."""
    if entry is None or not entry.enabled:
        return N_("login.ended.disabled")
    if tokens.fingerprint(entry.password_hash) != ticket.fingerprint:
        return N_("login.ended.password")
    if time.time() - ticket.issued > config.session_hours * 3600:
        return N_("login.ended.expired")
    led = ledger()
    if led.ended(ticket.token):
        return N_("login.ended.signed_out")
    # disabled since, perhaps enabled again (a token's time is in whole seconds)
    if ticket.issued < math.floor(led.ended_until(entry.name)):
        return N_("login.ended.disabled")
    return None


def browser_cookie() -> str | None:
    """The sign-in cookie the browser sent when this session opened (``st.context``)."""
    cookies = getattr(st.context, "cookies", None) or {}
    return cookies.get(tokens.COOKIE)


def _from_cookie(config: AccessConfig) -> tokens.Ticket | None:
    """The sign-in this browser kept, if its cookie is signed by this server and young
    enough."""
    value = browser_cookie()
    if not value:
        return None
    return tokens.read(value, signing_secret(config), config.session_hours * 3600)


def _password(config: AccessConfig, lang: str) -> Person:
    ticket = st.session_state.get(_SIGNED_IN)
    resumed = False
    if ticket is None and not st.session_state.get(_CLEAR_COOKIE):
        ticket = _from_cookie(config)
        resumed = ticket is not None
    if ticket is not None:
        entry = find(config, ledger(), ticket.user)
        why = _why_not(config, entry, ticket)
        if why is None and entry is not None:
            if resumed:  # a reload, a new tab: a sign-in of its own on the trail
                ledger().record(
                    Entry(
                        entry.name,
                        "sign_in",
                        " ".join(entry.scope),
                        address_of(config),
                        "login",
                        "",
                        "resumed",
                    )
                )
            st.session_state[_SIGNED_IN] = ticket
            person = Person(
                role=entry.role,
                name=entry.name,
                display=entry.display,
                mode="password",
                scope=entry.scope,
                address=address_of(config),
                own_password=entry.source == "store",
            )
            if entry.must_change:
                _only_page(lambda: _change_form(config, entry, person, lang, first=True), lang)
            return person
        if st.session_state.pop(_SIGNED_IN, None) is not None:
            st.session_state[_ENDED] = why
            ledger().record(
                Entry(ticket.user, "sign_out", "", address_of(config), "login", "", f"ended|{why}")
            )
        st.session_state[_CLEAR_COOKIE] = True

    def form() -> None:
        st.title(t("app.title", lang))
        ended = st.session_state.get(_ENDED)
        if ended:
            st.info(t(ended, lang))
        _clear_cookie()
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


def _client_keys(config: AccessConfig, user: str) -> list[str]:
    """The failed-login limit's keys: the user name, and the real client's address
    (``access.client.client_address``: behind a trusted proxy, from X-Forwarded-For)."""
    address = address_of(config)
    keys = [f"user:{user.strip().lower()}"]
    return [*keys, f"address:{address}"] if address else keys


def _try(config: AccessConfig, user: str, password: str, lang: str) -> None:
    keys = _client_keys(config, user)
    led = ledger()
    known = find(config, led, user)
    # a name that is no account is not kept: it may be a password typed in the wrong box
    where = Entry(who=known.name if known else "", action="", address=address_of(config),
                  page="login")  # fmt: skip
    wait = led.wait(keys, MAX_FAILURES, WINDOW)
    if wait > 0:
        led.record(_with(where, "locked_out"))
        st.error(t("login.too_many", lang, minutes=max(1, round(wait / 60))))
        return
    entry = check_password(known, password)
    if entry is None:
        led.failed(keys, WINDOW)
        led.record(_with(where, "sign_in_failed"))
        st.error(t("login.wrong", lang))
        return
    led.succeeded(keys[:1])
    ticket = tokens.new_ticket(entry.name, entry.password_hash)
    st.session_state[_SIGNED_IN] = ticket
    _hand_over(config, ticket)
    st.session_state.pop(_ENDED, None)
    st.session_state.pop(_CLEAR_COOKIE, None)
    led.record(_with(where, "sign_in", scope=" ".join(entry.scope)))
    st.rerun()


def _with(entry: Entry, action: str, scope: str = "") -> Entry:
    return Entry(entry.who, action, scope, entry.address, entry.page)


def _route(path: str) -> str:
    """A route of this server (``app.routes``), under the configured base path."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/{path}" if base else f"/{path}"


def _hand_over(config: AccessConfig, ticket: tokens.Ticket) -> None:
    signed = tokens.sign(ticket, signing_secret(config), handover=True)
    st.session_state[_HANDOVER] = (signed, time.time())


def keep_sign_in() -> None:
    """After a sign-in on the page: the browser fetches ``/_auth/keep`` with the hand-over
    token, and the answer sets the sign-in cookie (no script runs). Asked on every run of
    the first minute, so that a run the browser never shows does not lose it."""
    handover = st.session_state.get(_HANDOVER)
    if handover is None:
        return
    signed, made = handover
    if time.time() - made > _HANDOVER_DRAWN:
        del st.session_state[_HANDOVER]
        return
    src = escape(f"{_route('_auth/keep')}?t={signed}", quote=True)
    st.html(f'<img src="{src}" alt="" width="1" height="1" style="display:none">')


def _clear_cookie() -> None:
    """The browser forgets its sign-in cookie (fetching ``/_auth/end``)."""
    if st.session_state.pop(_CLEAR_COOKIE, None):
        src = escape(_route("_auth/end"), quote=True)
        st.html(f'<img src="{src}" alt="" width="1" height="1" style="display:none">')


def _change_form(
    config: AccessConfig, entry: UserEntry, person: Person, lang: str, first: bool = False
) -> None:
    """A person changes their own password (at the first sign-in with a one-time one)."""
    if first:
        st.title(t("app.title", lang))
        st.info(t("login.change.first", lang))
    with st.form("change_password", border=True, width=420):
        st.subheader(t("login.change", lang))
        old = st.text_input(t("login.change.old", lang), type="password")
        new = st.text_input(
            t("login.change.new", lang, n=MIN_PASSWORD), type="password", key="new_password"
        )
        again = st.text_input(t("login.change.again", lang), type="password")
        sent = st.form_submit_button(t("login.change.submit", lang), type="primary")
    if not sent:
        return
    keys = [f"change:{entry.name}"]
    led = ledger()
    wait = led.wait(keys, MAX_FAILURES, WINDOW)
    if wait > 0:
        st.error(t("login.too_many", lang, minutes=max(1, round(wait / 60))))
    elif check_password(entry, old) is None:
        led.failed(keys, WINDOW)
        st.error(t("login.change.wrong", lang))
    elif new != again:
        st.error(t("login.change.differ", lang))
    elif len(new) < MIN_PASSWORD or new == old:
        st.error(t("login.change.short", lang, n=MIN_PASSWORD))
    elif entry.source != "store":
        st.error(t("login.change.settings", lang))
    else:
        changed = with_password(entry, new)
        led.succeeded(keys)
        led.put([changed], by=entry.name)
        led.record(
            Entry(entry.name, "password_changed", " ".join(entry.scope), person.address, "login")
        )
        ticket = tokens.new_ticket(changed.name, changed.password_hash)
        st.session_state[_SIGNED_IN] = ticket
        _hand_over(config, ticket)
        st.session_state[_CHANGED] = True
        st.session_state.pop(_CHANGE_OPEN, None)
        st.rerun()


def change_password(person: Person, lang: str) -> None:
    """The form a signed-in person changes their own password with."""
    config = settings()
    entry = find(config, ledger(), person.name)
    if entry is None:
        return
    if entry.source != "store":
        st.caption(t("login.change.settings", lang))
        return
    _change_form(config, entry, person, lang)


def _open_change() -> None:
    st.session_state[_CHANGE_OPEN] = True


def _close_change() -> None:
    st.session_state.pop(_CHANGE_OPEN, None)


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
    return Person(
        role=role,
        name=email,
        display=display,
        mode="oidc",
        scope=config.oidc_scope(email),
        address=address_of(config),
    )


def sign_out(person: Person) -> None:
    """End the sign-in: in this browser (its cookie), and in every tab and process."""
    ticket = st.session_state.pop(_SIGNED_IN, None)
    st.session_state.pop(_HANDOVER, None)
    led = ledger() if person.mode != "off" else None
    if led is not None:
        led.record(Entry(person.name, "sign_out", " ".join(person.scope), person.address))
    if ticket is not None and led is not None:
        led.end(ticket.token)
        st.session_state[_CLEAR_COOKIE] = True
    elif st.user.get("is_logged_in", False):
        st.logout()


def badge(person: Person, lang: str) -> None:
    """In the sidebar: who is signed in, their role, and the way out."""
    if person.mode == "off":
        return
    side = st.sidebar
    side.caption(
        t("login.as", lang, name=md_plain(person.display), role=t(f"role.{person.role}", lang))
    )
    row = side.container(horizontal=True, gap="small")
    row.button(
        t("login.logout", lang), on_click=sign_out, args=(person,), type="tertiary", key="logout"
    )
    if person.own_password:  # the form is drawn only while its dialog is open
        row.button(t("login.change", lang), on_click=_open_change, type="tertiary", key="own_pw")
    if st.session_state.get(_CHANGE_OPEN):
        dialog = st.dialog(t("login.change", lang), on_dismiss=_close_change)
        dialog(lambda: change_password(person, lang))()
    if st.session_state.pop(_CHANGED, False):
        st.toast(t("login.change.done", lang), icon=":material/check:")
    with side:
        keep_sign_in()
