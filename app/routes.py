"""The server's own routes beside the app (``dashboard/main.py`` mounts them):

- ``/_auth/keep?t=<hand-over token>``: sets the sign-in cookie (``access.tokens``) and
  answers with an empty image; the page asks for it after a sign-in, and each hand-over
  token sets a cookie once (a copy from a log is worth nothing);
- ``/_auth/end``: clears the cookie.

The cookie is HttpOnly (no script reads it), SameSite=Lax, and Secure when the request came
over HTTPS (directly, or by a proxy's ``X-Forwarded-Proto``).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from access import tokens
from access.config import AccessConfigError
from app.login import ledger, settings, signing_secret

# a transparent 1×1 GIF
_PIXEL = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
)


def _image() -> Response:
    return Response(_PIXEL, media_type="image/gif", headers={"Cache-Control": "no-store"})


def _secure(request: Request) -> bool:
    forwarded = request.headers.get("x-forwarded-proto", "")
    return request.url.scheme == "https" or forwarded.split(",")[0].strip() == "https"


async def keep(request: Request) -> Response:
    response = _image()
    try:
        config = settings()
    except AccessConfigError:
        return response
    handover = request.query_params.get("t")
    ticket = tokens.read(handover, signing_secret(config), 0, handover=True)
    if ticket is None or not ledger().hand_over(ticket.token):  # each hand-over once
        return response
    seconds = int(config.session_hours * 3600)
    response.set_cookie(
        tokens.COOKIE,
        tokens.sign(ticket, signing_secret(config)),
        max_age=seconds,
        path="/",
        httponly=True,
        samesite="lax",
        secure=_secure(request),
    )
    return response


async def end(request: Request) -> Response:
    response = _image()
    response.delete_cookie(tokens.COOKIE, path="/", httponly=True, samesite="lax")
    return response


ROUTES = [Route("/_auth/keep", keep), Route("/_auth/end", end)]
