"""The sign-in a browser keeps: a signed, expiring token in an HttpOnly cookie.

The token names the account, a fingerprint of its password hash (so a changed password
ends it) and a random id (so a sign-out ends it everywhere, ``Ledger.end``); it is signed
with the server's secret (itsdangerous, HMAC-SHA256) and carries its time. Role and scope
are never in it: they are looked up on every run.

A sign-in made on the page reaches the cookie through a hand-over token that lasts
HANDOVER seconds: the page asks the server's ``/_auth/keep`` route for an image with it,
and the route's answer sets the cookie (``app.routes``).
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

from itsdangerous import BadData, URLSafeTimedSerializer

COOKIE = "dangjian_session"
HANDOVER = 120  # seconds
_SESSION, _HAND_OVER = "sign-in", "hand-over"


@dataclass(frozen=True)
class Ticket:
    user: str  # the login name
    fingerprint: str  # of the password hash when it was issued
    token: str  # a random id of this sign-in
    issued: float = 0.0  # when it was issued, seconds since the epoch (as signed: whole seconds)


def fingerprint(password_hash: str) -> str:
    """A short digest of a password hash: changes whenever the password does."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def new_ticket(user: str, password_hash: str) -> Ticket:
    """A new sign-in of ``user``, issued now."""
    return Ticket(user, fingerprint(password_hash), secrets.token_urlsafe(16), time.time())


def _serializer(secret: str, purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=f"dangjian {purpose}")


def sign(ticket: Ticket, secret: str, *, handover: bool = False) -> str:
    purpose = _HAND_OVER if handover else _SESSION
    return _serializer(secret, purpose).dumps([ticket.user, ticket.fingerprint, ticket.token])


def read(
    value: str | None, secret: str, max_age: float, *, handover: bool = False
) -> Ticket | None:
    """The ticket ``value`` carries if its signature holds and it is under ``max_age``
    seconds old (HANDOVER for a hand-over token); None otherwise."""
    if not value or len(value) > 1000:
        return None
    purpose = _HAND_OVER if handover else _SESSION
    age = HANDOVER if handover else max_age
    try:
        payload, when = _serializer(secret, purpose).loads(
            value, max_age=age, return_timestamp=True
        )
        user, print_, token = payload
    except (BadData, ValueError, TypeError):
        return None
    if not all(isinstance(x, str) for x in (user, print_, token)):
        return None
    return Ticket(user, print_, token, when.timestamp())
