"""Who is asking: the server-side session behind the ``tt_session`` cookie.

The cookie holds an opaque id (HttpOnly, SameSite=Lax, Secure over HTTPS); the session
row decides everything (core/accounts.py). A new id is issued at login and after the
second factor; logout revokes the row, so a replayed cookie gets nothing.
"""

from __future__ import annotations

from starlette.requests import Request

from thanthien.core import accounts
from thanthien.core.types import Actor

from .context import SESSION_COOKIE, context_of, set_actor
from .security import client_ip, is_https, renew_csrf

__all__ = ["SESSION_COOKIE", "attach_cookies", "begin", "end", "load_actor", "upgrade"]


def load_actor(request: Request) -> Actor | None:
    """Resolve the session once per request (the request context's ``session``/``actor``)."""
    ctx = context_of(request)
    if ctx.session_loaded:
        return ctx.actor
    session = accounts.resolve_session(request.cookies.get(SESSION_COOKIE), request.app.state.settings)
    return set_actor(request, session, session.actor if session else None).actor


def begin(request: Request, account, *, stage: str = "full") -> None:
    """Start a session for ``account`` (a fresh id; the old one, if any, is revoked)."""
    old = request.cookies.get(SESSION_COOKIE)
    if old:
        accounts.revoke_session(old)
    raw = accounts.start_session(
        account,
        request.app.state.settings,
        ip=client_ip(request),
        user_agent=request.headers.get("user-agent", ""),
        stage=stage,
    )
    context_of(request).session_new = raw
    renew_csrf(request)


def upgrade(request: Request) -> None:
    raw = accounts.upgrade_session(
        request.cookies.get(SESSION_COOKIE, ""),
        request.app.state.settings,
        ip=client_ip(request),
        user_agent=request.headers.get("user-agent", ""),
    )
    context_of(request).session_new = raw
    renew_csrf(request)


def end(request: Request) -> None:
    accounts.revoke_session(request.cookies.get(SESSION_COOKIE))
    ctx = context_of(request)
    ctx.session_end = True
    ctx.actor = None
    request.state.actor = None
    renew_csrf(request)


def attach_cookies(request: Request, response) -> None:
    """The session cookie of a new session; deleted at logout or when it names no live session."""
    ctx = context_of(request)
    if ctx.session_new:
        response.set_cookie(
            SESSION_COOKIE, ctx.session_new, path="/", httponly=True, samesite="lax", secure=is_https(request)
        )
    elif ctx.session_end or (request.cookies.get(SESSION_COOKIE) and ctx.session_loaded and ctx.session is None):
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=is_https(request))
