"""CSRF tokens, signed cookies, rate limits and security headers.

CSRF is a signed double-submit token, an equivalent of a synchronizer token: a random
value lives in the HttpOnly cookie ``tt_csrf``; forms carry ``HMAC(app secret, value)``
in the ``csrf_token`` field (JSON writes: the ``X-CSRF-Token`` header or a
``csrf_token`` key). Forms therefore work without JavaScript, and a cookie tossed by a
sibling domain is useless without the app secret. The value is renewed at login and
logout. The token is also bound to the session (issue 10 item 8): the MAC covers the
live session's id, so a cookie/token pair taken from one session (an attacker's own)
is refused in another.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
import time
from collections import deque

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from thanthien.core.storage.db import write_transaction
from thanthien.core.storage.kv import kv_get, kv_set

from .context import SESSION_COOKIE, context_of, set_actor

CSRF_COOKIE = "tt_csrf"
SECRET_KEY = "web.secret"


def app_secret(request: Request) -> bytes:
    return request.app.state.secret_holder.get()


def load_or_create_secret() -> bytes:
    """The app secret, kept in the database so every worker shares it."""
    value = kv_get(SECRET_KEY)
    if not value:
        with write_transaction():
            value = kv_get(SECRET_KEY)
            if not value:
                value = secrets.token_hex(32)
                kv_set(SECRET_KEY, value)
    return bytes.fromhex(value)


def _mac(secret: bytes, value: str) -> str:
    digest = hmac.new(secret, value.encode("utf-8"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode("ascii").rstrip("=")


def sign(request: Request, value: str) -> str:
    raw = base64.urlsafe_b64encode(value.encode("utf-8")).decode("ascii").rstrip("=")
    return raw + "." + _mac(app_secret(request), raw)


def unsign(request: Request, signed: str) -> str | None:
    raw, _, mac = signed.rpartition(".")
    if not raw or not hmac.compare_digest(mac, _mac(app_secret(request), raw)):
        return None
    try:
        return base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None


def _csrf_value(request: Request) -> str:
    ctx = context_of(request)
    if ctx.csrf_new:
        return ctx.csrf_new
    value = request.cookies.get(CSRF_COOKIE, "")
    if len(value) < 16:
        value = secrets.token_urlsafe(24)
        ctx.csrf_new = value
    return value


def _session_binding(request: Request, *, live: bool = True) -> str:
    """The session a token belongs to ("" before login): the session started by this
    request, else the cookie of the session it resolved. With ``live=False``, the
    browser's session cookie even when its session has just expired (see :func:`csrf_ok`)."""
    from thanthien.core import accounts

    ctx = context_of(request)
    if not ctx.session_loaded:  # what auth.load_actor does (auth imports this module)
        session = accounts.resolve_session(request.cookies.get(SESSION_COOKIE), request.app.state.settings)
        set_actor(request, session, session.actor if session else None)
    if ctx.session_end:
        return ""
    if ctx.session_new:
        raw = ctx.session_new
    elif ctx.session is not None or not live:
        raw = request.cookies.get(SESSION_COOKIE, "")
        if not raw:
            return ""
    else:
        return ""
    return hashlib.sha256(raw.encode("ascii", "replace")).hexdigest()


def _token_for(request: Request, value: str, binding: str | None = None) -> str:
    binding = _session_binding(request) if binding is None else binding
    return _mac(app_secret(request), "csrf:" + value + "|" + binding)


def csrf_token(request: Request) -> str:
    """The token to put in a form (sets the cookie on the response if needed)."""
    context_of(request).csrf_used = True
    return _csrf_value(request) and _token_for(request, _csrf_value(request))


def renew_csrf(request: Request) -> None:
    """A new cookie value (login, logout): tokens from before stop working."""
    context_of(request).csrf_new = secrets.token_urlsafe(24)


def csrf_ok(request: Request) -> bool:
    """Whether the write carried the token matching the request's CSRF cookie and session.

    A form typed while the session was alive and posted after it expired still carries
    the token of that session's cookie: it passes, so the form can be kept for after the
    new login (issue 15 item 1) — the expired session itself grants nothing."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    submitted = context_of(request).csrf_submitted
    if len(cookie) < 16 or not submitted or not isinstance(submitted, str):
        return False
    bindings = {_session_binding(request), _session_binding(request, live=False)}
    return any(hmac.compare_digest(submitted, _token_for(request, cookie, b)) for b in bindings)


class LazyToken:
    """``{{ csrf_token }}`` in a template: computed (and the cookie set) only when used."""

    def __init__(self, request: Request):
        self.request = request

    def __str__(self) -> str:
        return csrf_token(self.request)

    def __html__(self) -> str:
        return str(self)

    def __bool__(self) -> bool:
        return True


def is_https(request: Request) -> bool:
    return request.url.scheme == "https"


def set_cookie(request: Request, response, name: str, value: str, *, max_age: int | None = None) -> None:
    response.set_cookie(name, value, max_age=max_age, path="/", httponly=True, samesite="lax", secure=is_https(request))


def attach_cookies(request: Request, response) -> None:
    """The CSRF cookie, when this request chose a new value."""
    new = context_of(request).csrf_new
    if new:
        set_cookie(request, response, CSRF_COOKIE, new)


# ---------------------------------------------------------------------------
# rate limits of public form posts
# ---------------------------------------------------------------------------


class RateLimiter:
    """A sliding window per (client address, path), in memory (per worker)."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self._hits: dict[tuple[str, str], deque] = {}
        self._lock = threading.Lock()

    def hit(self, key: tuple[str, str], limit: int, seconds: int) -> bool:
        now = self.clock()
        with self._lock:
            q = self._hits.setdefault(key, deque())
            while q and q[0] <= now - seconds:
                q.popleft()
            if len(q) >= limit:
                return False
            q.append(now)
            if len(self._hits) > 50000:  # bound memory under a flood
                self._hits = {k: v for k, v in self._hits.items() if v and v[-1] > now - seconds}
            return True


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def rate_ok(request: Request, spec) -> bool:
    limit, seconds = spec.rate_limit
    return request.app.state.rate_limiter.hit((client_ip(request), request.url.path), limit, seconds)


# ---------------------------------------------------------------------------
# security headers
# ---------------------------------------------------------------------------

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)

HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"x-content-type-options", b"nosniff"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeadersMiddleware:
    """Adds the headers to every response (a response may set its own CSP)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"

        async def send_wrapper(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for key, value in HEADERS:
                    if key not in present:
                        headers.append((key, value))
                if https and b"strict-transport-security" not in present:
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_wrapper)
