"""The web application factory.

``create_app(settings, pm=None, db=None)``: core routes, then each enabled plugin's
``register_routes()`` mounted at ``/<plugin>``. Every route must carry a permission
(see :mod:`thanthien.web.routing`); the app refuses to start otherwise. The lifespan
opens the database and applies migrations (or uses ``db`` as given, e.g. by tests).
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from thanthien.core.converters import make_converter
from thanthien.core.datacache import TimedCache, VersionedCache
from thanthien.core.hooks import collect
from thanthien.core.plugins import enabled_plugin_names, make_plugin_manager
from thanthien.core.services import make_services
from thanthien.core.settings import Settings, load_settings
from thanthien.core.storage.db import open_database

from . import api, views
from .context import set_actor
from .forms import install_web_hooks
from .render import error_response
from .routing import PUBLIC, STAFF, route_spec, walk_routes
from .security import RateLimiter, SecurityHeadersMiddleware, load_or_create_secret
from .templating import make_environment

log = logging.getLogger("thanthien.web")
STATIC_DIR = Path(__file__).resolve().parent / "static"


class RouteWithoutPermission(RuntimeError):
    """A route was added without a permission declaration (refused at start-up)."""


class _Secret:
    """The app secret, read from (or created in) the database on first use."""

    def __init__(self):
        self._value: bytes | None = None
        self._lock = threading.Lock()

    def get(self) -> bytes:
        if self._value is None:
            with self._lock:
                if self._value is None:
                    self._value = load_or_create_secret()
        return self._value


def plugin_routes(pm, settings) -> list[BaseRoute]:
    """Each enabled plugin's routes, mounted at ``/<plugin name>``."""
    mounts: list[BaseRoute] = []
    impls = sorted(pm.hook.register_routes.get_hookimpls(), key=lambda i: pm.get_name(i.plugin) or "")
    for impl in impls:
        name = pm.get_name(impl.plugin)
        kwargs = {"settings": settings} if "settings" in impl.argnames else {}
        routes = impl.function(**kwargs)
        if routes:
            mounts.append(Mount(f"/{name}", routes=list(routes), name=name))
    return mounts


def check_permissions(routes: list[BaseRoute], known: set[str]) -> None:
    """Every route carries PUBLIC, STAFF or a declared permission key."""
    for path, route in walk_routes(routes):
        if getattr(route, "thanthien_static", False):
            continue
        spec = route_spec(route)
        if spec is None:
            raise RouteWithoutPermission(
                f"route {path!r} has no permission: build it with thanthien.web.routing.page(..., permission=...)"
            )
        if spec.permission not in (PUBLIC, STAFF) and spec.permission not in known:
            raise RouteWithoutPermission(
                f"route {path!r} uses permission {spec.permission!r}, which no plugin declares (register_permissions)"
            )


def create_app(settings: Settings, pm=None, db=None, *, worker: bool = False) -> Starlette:
    """The ward's web app. ``worker=True`` (``thanthien serve``) also runs the worker of
    scheduled jobs and outbox delivery (:mod:`thanthien.core.scheduler`) in a thread for
    the app's lifetime."""
    pm = pm or make_plugin_manager(settings)
    services = make_services(settings, pm)
    services.check()  # every plugin's settings section, refused at start with file, key, reason

    static = Mount("/static", app=StaticFiles(directory=str(STATIC_DIR)), name="static")
    static.thanthien_static = True  # type: ignore[attr-defined]
    routes: list[BaseRoute] = [static, *views.core_routes(), *api.routes()]
    routes += plugin_routes(pm, settings)
    check_permissions(routes, set(services.access.permissions))

    @contextlib.asynccontextmanager
    async def lifespan(app):
        database = db
        if database is None:
            database = open_database(settings.database_url)
            services.prepare_database(database)  # migrations + deadline recompute on calendar change
        app.state.db = database
        async with contextlib.AsyncExitStack() as stack:
            if worker:
                from thanthien.core.commands import core_commands
                from thanthien.core.scheduler import background_worker

                stack.enter_context(background_worker(services, database, extra_commands=core_commands))
            yield
        if db is None:
            database.close()

    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        # the body limit inside the security headers, answering with the app's envelope
        # (Starlette's own limit sits outside every middleware and answers in plain text)
        middleware=[
            *([Middleware(ServerTimingMiddleware)] if os.environ.get(SERVER_TIMING_ENV) == "1" else []),
            Middleware(SecurityHeadersMiddleware),
            Middleware(BodyLimitMiddleware, max_body=settings.web.max_body_bytes),
        ],
        exception_handlers={HTTPException: _http_error, 404: _http_error, 405: _http_error, 500: _server_error},
    )
    state = app.state
    state.settings = settings
    state.pm = pm
    state.services = services
    state.db = db
    state.converter = install_web_hooks(make_converter(pm))
    state.templates = make_environment(settings, pm)
    nav = collect(pm.hook.register_nav_items, settings=settings)
    state.nav = sorted(nav, key=lambda n: (n.order, n.label))
    widgets = collect(pm.hook.register_dashboard_widgets, settings=settings)
    state.widgets = sorted(widgets, key=lambda w: (w.order, w.key))
    state.plugins = enabled_plugin_names(pm)
    state.rate_limiter = RateLimiter()
    state.data_cache = VersionedCache()  # answers kept per data version (core/datacache.py)
    state.timed_cache = TimedCache()  # dear figures kept a while, refreshed in the background
    state.secret_holder = _Secret()
    return app


async def _http_error(request: Request, exc: Exception):
    status = getattr(exc, "status_code", 500)
    messages = {
        404: "Không tìm thấy trang bạn yêu cầu. Có thể địa chỉ đã thay đổi hoặc bị gõ sai.",
        405: "Phương thức này không được hỗ trợ cho địa chỉ này.",
        413: "Dữ liệu gửi lên quá lớn.",
    }
    message = messages.get(status, "Yêu cầu không hợp lệ.")
    response = await run_in_threadpool(error_response, request, status, message)
    headers = getattr(exc, "headers", None)
    if status == 405 and headers:
        response.headers.update(headers)
    return response


async def _server_error(request: Request, exc: Exception):
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    set_actor(request, None, None)  # the error page does not touch the database
    return error_response(request, 500, "Đã có lỗi xảy ra. Vui lòng thử lại sau.")


#: ``THANTHIEN_SERVER_TIMING=1``: every response says how long the app took (``bench/``)
SERVER_TIMING_ENV = "THANTHIEN_SERVER_TIMING"


class ServerTimingMiddleware:
    """``Server-Timing: app;dur=<ms>`` on every response: the time from the request
    reaching the app to its response starting (routing, session, the view, the template),
    without the HTTP server's own parsing and the network. Off unless
    ``THANTHIEN_SERVER_TIMING=1`` (the benchmarks turn it on)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()

        async def timed(message):
            if message["type"] == "http.response.start":
                took = (time.perf_counter() - began) * 1000
                headers = [*message.get("headers", []), (b"server-timing", f"app;dur={took:.3f}".encode())]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, timed)


class BodyLimitMiddleware:
    """Refuse a body announced larger than ``[web] max_body_bytes`` before reading it, with
    the app's error page or JSON envelope (413). A body streamed without a length is
    counted by the request pipeline (each route's own limit, never above this one)."""

    def __init__(self, app, max_body: int):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            length = next((v for k, v in scope.get("headers", []) if k == b"content-length"), None)
            too_large = False
            if length is not None:
                try:
                    too_large = int(length) > self.max_body
                except ValueError:
                    too_large = True
            if too_large:
                request = Request(scope)
                set_actor(request, None, None)  # the error page does not touch the database
                response = await run_in_threadpool(error_response, request, 413, "Dữ liệu gửi lên quá lớn.")
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def app_from_environment() -> Starlette:
    """The app of one uvicorn worker process (``thanthien serve --workers N``); the worker
    of scheduled jobs runs in each unless ``THANTHIEN_NO_WORKER=1`` (the jobs' and the
    outbox's database locks keep them from doing the same work twice)."""
    return create_app(load_settings(), worker=os.environ.get("THANTHIEN_NO_WORKER") != "1")
