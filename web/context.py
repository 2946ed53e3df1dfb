"""One typed record per request: what the request pipeline learns and decides while it
runs, stored at ``request.state.tt``.

Every module of the pipeline reads and writes this one object instead of loose
``request.state`` attributes, so the contract between them is searchable and typed:

==================  ===========================  ======================================
field               written by                   read by
==================  ===========================  ======================================
``route_spec``      pipeline (each request)      render (the ``.json`` link), views
``session_loaded``  auth.load_actor              render, auth
``session``         auth.load_actor              views (second factor), auth cookies
``actor``           auth.load_actor / end        request.actor_of, render, pipeline
``session_new``     auth.begin / upgrade         auth.attach_cookies
``session_end``     auth.end                     auth.attach_cookies
``csrf_new``        security (new cookie value)  security.attach_cookies
``csrf_used``       security.csrf_token          pipeline (a page with a token is personal)
``csrf_submitted``  pipeline (the body's token)  security.csrf_ok
``flash_in``        flash.pop_flash              flash.pop_flash (read once)
``flash_out``       flash.set_flash              flash.attach_cookies
``form_errors``     pipeline (failed write)      render.respond (re-render with errors)
``form_restored``   kept.restore (after login)   render.respond (a kept form filled again)
``kept_cookie``     kept (keep / clear)          kept.attach_cookies
``data_version``    data_version_of (first use)  render (the menu), views (the dashboard)
==================  ===========================  ======================================

``request.state.actor`` is kept equal to ``actor`` for code written before this record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
from starlette.requests import Request

#: the cookie holding the opaque session id (web.auth sets it; web.security binds CSRF tokens to it)
SESSION_COOKIE = "tt_session"

if TYPE_CHECKING:
    from thanthien.core.accounts import Session
    from thanthien.core.types import Actor

    from .spec import RouteSpec

STATE_KEY = "tt"


@attrs.define
class RequestContext:
    """What the web pipeline knows about one request (see the module docstring)."""

    route_spec: RouteSpec | None = None
    # who is asking
    session_loaded: bool = False
    session: Session | None = None
    actor: Actor | None = None
    session_new: str | None = None  # the raw id of a session started now (cookie to set)
    session_end: bool = False  # logged out: delete the cookie
    # CSRF
    csrf_new: str | None = None  # a new cookie value to set
    csrf_used: bool = False  # a token went into the page
    csrf_submitted: str | None = None  # the token the write sent
    # flash messages
    flash_loaded: bool = False
    flash_in: dict[str, str] | None = None  # the message shown on this page
    flash_out: tuple[str, str] | None = None  # (kind, message) for the next page
    clear_flash: bool = False
    # a write that failed validation: ([(field, message)], typed values)
    form_errors: tuple[list[tuple[str, str]], dict[str, Any]] | None = None
    # a form kept across a session timeout, given back: (message, typed values)
    form_restored: tuple[str, dict[str, Any]] | None = None
    kept_cookie: str | None = None  # "keep" (set by the response) | "clear"
    # the version of a public page read before building it, as a 1-tuple (web/public_cache.py)
    public_version: tuple[Any] | None = None
    # the ward's data version, read once per request (core/datacache.py)
    data_version: int | None = None


def context_of(request: Request) -> RequestContext:
    """The request's :class:`RequestContext` (created on first use)."""
    ctx = getattr(request.state, STATE_KEY, None)
    if ctx is None:
        ctx = RequestContext()
        setattr(request.state, STATE_KEY, ctx)
    return ctx


def data_version_of(request: Request) -> int:
    """The data version (core/datacache.py), read on first use in this request."""
    ctx = context_of(request)
    if ctx.data_version is None:
        from thanthien.core.datacache import data_version

        ctx.data_version = data_version()
    return ctx.data_version


def set_actor(request: Request, session: Session | None, actor: Actor | None) -> RequestContext:
    """Record who is asking (also as ``request.state.actor``, for older code)."""
    ctx = context_of(request)
    ctx.session_loaded = True
    ctx.session = session
    ctx.actor = actor
    request.state.actor = actor
    return ctx
