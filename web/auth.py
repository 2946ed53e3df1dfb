"""Who is asking: the server-side session behind the ``tt_session`` cookie.

The cookie holds an opaque id (HttpOnly, SameSite=Lax, Secure over HTTPS); the session
row decides everything (core/accounts.py). A new id is issued at login and after the
second factor; logout revokes the row, so a replayed cookie gets nothing.
"""
from __future__ import annotations

from starlette.requests import Request

from thanthien.core import accounts

from .security import client_ip, is_https, renew_csrf

SESSION_COOKIE = "tt_session"


def load_actor(request: Request):
    """Resolve the session once per request; sets ``request.state.actor``/``.session``."""
    if hasattr(request.state, "session"):
        return request.state.actor
    session = accounts.resolve_session(request.cookies.get(SESSION_COOKIE), request.app.state.settings)
    request.state.session = session
    request.state.actor = session.actor if session else None
    return request.state.actor


def begin(request: Request, account, *, stage: str = "full") -> None:
    """Start a session for ``account`` (a fresh id; the old one, if any, is revoked)."""
    old = request.cookies.get(SESSION_COOKIE)
    if old:
        accounts.revoke_session(old)
    raw = accounts.start_session(account, request.app.state.settings, ip=client_ip(request),
                                 user_agent=request.headers.get("user-agent", ""), stage=stage)
    request.state.session_new = raw
    renew_csrf(request)


def upgrade(request: Request) -> None:
    raw = accounts.upgrade_session(request.cookies.get(SESSION_COOKIE, ""), request.app.state.settings,
                                   ip=client_ip(request), user_agent=request.headers.get("user-agent", ""))
    request.state.session_new = raw
    renew_csrf(request)


def end(request: Request) -> None:
    accounts.revoke_session(request.cookies.get(SESSION_COOKIE))
    request.state.session_end = True
    request.state.actor = None
    renew_csrf(request)


def attach_cookies(request: Request, response) -> None:
    new = getattr(request.state, "session_new", None)
    if new:
        response.set_cookie(SESSION_COOKIE, new, path="/", httponly=True, samesite="lax", secure=is_https(request))
    elif getattr(request.state, "session_end", False) or (
            request.cookies.get(SESSION_COOKIE) and getattr(request.state, "session", 1) is None):
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=is_https(request))
