"""Routes with a permission and a JSON twin (DESIGN.md §6).

``page(path, endpoint, permission=...)`` returns two Starlette routes bound to the same
endpoint: ``/x`` (HTML) and ``/x.json``. Endpoints are plain synchronous functions
``def view(request, form) -> Response``; the wrapper built here

1. reads and caps the body of POST/PUT/PATCH/DELETE, parses it (form or JSON) and checks
   the CSRF token (403 without it),
2. then, in the threadpool, resolves the session (``request.state.actor``), enforces the
   route's permission (anonymous → 302 to ``/login?next=…`` or a 401 JSON envelope;
   missing permission → 403), applies the rate limit of public form posts, and calls the
   endpoint,
3. turns :class:`~thanthien.core.errors.ThanthienError` into the right page or envelope
   and any other exception into a 500 without details (logged),
4. adds ETag/Cache-Control to public GETs and answers 304 on a match.

Every route of the app must carry a permission: :data:`PUBLIC`, :data:`STAFF` or a key
declared with ``register_permissions``; ``create_app`` refuses to start otherwise.
"""
from __future__ import annotations

import hashlib
import json
import logging
import time
from typing import Any, Callable, Iterable
from urllib.parse import quote

import attrs
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from thanthien.core.access import ANYWHERE
from thanthien.core.errors import ThanthienError, ValidationError

from .forms import current_converter

log = logging.getLogger("thanthien.web")

#: Anyone, without an account (the public portal).
PUBLIC = "public"
#: Any logged-in staff member.
STAFF = "staff"

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
JSON_FLAG = "thanthien.json"


@attrs.frozen
class RouteSpec:
    """What the app knows about a route made by :func:`page` (read by tests and OpenAPI)."""

    path: str
    permission: str
    methods: tuple[str, ...]
    json: bool  # this is the .json twin
    json_twin: bool  # the page has a .json twin
    public_cache: int | None = None
    schema: Any = None  # response schema: an attrs class, a JSON-schema dict or None
    body: Any = None  # request body schema for writes: attrs class or dict
    summary: str = ""
    max_body: int | None = None
    rate_limit: tuple[int, int] | None = None  # (requests, seconds) per client address
    #: the page that shows this route's form, re-rendered with the field errors and the
    #: typed input when a write fails validation (default: the endpoint itself as a GET)
    error_page: Any = None

    @property
    def typed_body(self) -> type | None:
        """The attrs form class of the write's body, if declared."""
        return self.body if isinstance(self.body, type) and attrs.has(self.body) else None


def json_path(path: str) -> str:
    """``/x`` → ``/x.json``; ``/`` (or ``/a/``) → ``/index.json`` (``/a/index.json``)."""
    if path.endswith("/"):
        return path + "index.json"
    return path + ".json"


def is_json(request: Request) -> bool:
    return bool(request.scope.get(JSON_FLAG)) or request.url.path.endswith(".json")


def page(
    path: str,
    endpoint: Callable[[Request, dict | None], Response],
    *,
    permission: str,
    methods: Iterable[str] = ("GET",),
    name: str | None = None,
    json_twin: bool = True,
    public_cache: int | None = None,
    schema: Any = None,
    body: Any = None,
    summary: str | None = None,
    max_body: int | None = None,
    rate_limit: tuple[int, int] | None = None,
    error_page: Callable[[Request, None], Response] | None = None,
) -> list[Route]:
    """The HTML route ``path`` and (``json_twin``) its ``.json`` twin, same endpoint.

    ``permission`` is required: ``PUBLIC``, ``STAFF`` or a declared permission key.
    ``public_cache`` is the ``max-age`` (seconds) of public GET responses (default 60).
    ``schema`` describes the JSON response (an attrs view class) for the OpenAPI document.
    ``body`` is the attrs form class of a write (OpenAPI's request body): the endpoint
    checks what it must (permission, scope) and then structures the form with
    ``structure(form, body)``. A :class:`~thanthien.core.errors.ValidationError` raised by
    a write — from structuring or from a service — re-renders ``error_page`` (default: the
    endpoint itself as a GET) with ``errors`` next to the fields and ``values`` as typed,
    status 422; the JSON twin answers the 422 envelope with the field errors.
    ``rate_limit`` defaults to 10 posts per minute per address on PUBLIC write routes.
    """
    if not permission or not isinstance(permission, str):
        raise ValueError(f"page({path!r}): a permission is required")
    methods = tuple(m.upper() for m in methods)
    if rate_limit is None and permission == PUBLIC and WRITE_METHODS & set(methods):
        rate_limit = (10, 60)
    doc = summary if summary is not None else ((endpoint.__doc__ or "").strip().splitlines() or [""])[0]
    routes = []
    variants = [(json_path(path), True)] if json_twin else []
    variants.append((path, False))  # the twin first: "/x/{id}" would swallow "/x/5.json"
    for p, as_json in variants:
        spec = RouteSpec(p, permission, methods, as_json, json_twin, public_cache, schema, body, doc,
                         max_body, rate_limit, error_page)
        route_name = (name + (".json" if as_json else "")) if name else None
        route = Route(p, _wrap(endpoint, spec), methods=list(methods), name=route_name)
        route.thanthien = spec  # type: ignore[attr-defined]
        routes.append(route)
    return routes


def route_spec(route: BaseRoute) -> RouteSpec | None:
    return getattr(route, "thanthien", None)


def walk_routes(routes: Iterable[BaseRoute], prefix: str = "") -> Iterable[tuple[str, BaseRoute]]:
    """Every (full path, route) pair, descending into mounts."""
    for route in routes:
        if isinstance(route, Mount):
            sub = getattr(route, "routes", None) or []
            if sub:
                yield from walk_routes(sub, prefix + route.path)
            else:
                yield prefix + route.path, route
        else:
            yield prefix + getattr(route, "path", ""), route


# ---------------------------------------------------------------------------
# the wrapper
# ---------------------------------------------------------------------------


class _Rejected(Exception):
    def __init__(self, response: Response):
        self.response = response


async def _read_form(request: Request, spec: RouteSpec) -> dict[str, Any]:
    """Read the capped body and parse it as JSON or as a form."""
    from .render import error_response

    limit = spec.max_body or request.app.state.settings.web.max_body_bytes
    size = 0
    chunks = []
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _Rejected(error_response(request, 413, "Dữ liệu gửi lên quá lớn."))
        chunks.append(chunk)
    request._body = b"".join(chunks)  # noqa: SLF001 - lets request.form() re-read it
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json" or (ctype == "" and request._body[:1] in (b"{", b"[")):
        if not request._body.strip():
            return {}
        try:
            data = json.loads(request._body)
        except ValueError:
            raise _Rejected(error_response(request, 400, "Dữ liệu JSON không hợp lệ.")) from None
        if not isinstance(data, dict):
            raise _Rejected(error_response(request, 400, "Dữ liệu JSON phải là một đối tượng."))
        request.state.csrf_submitted = request.headers.get("x-csrf-token") or data.pop("csrf_token", None)
        return data
    if ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        try:
            formdata = await request.form(max_files=20, max_fields=500)
        except Exception:  # noqa: BLE001 - python-multipart errors
            raise _Rejected(error_response(request, 400, "Dữ liệu biểu mẫu không hợp lệ.")) from None
        out: dict[str, Any] = {}
        for key in formdata.keys():
            values = formdata.getlist(key)
            out[key] = values[0] if len(values) == 1 else list(values)
        token = out.pop("csrf_token", None)
        request.state.csrf_submitted = request.headers.get("x-csrf-token") or (
            token if isinstance(token, str) else None)
        return out
    request.state.csrf_submitted = request.headers.get("x-csrf-token")
    if request._body:
        raise _Rejected(error_response(request, 415, "Kiểu dữ liệu gửi lên không được hỗ trợ."))
    return {}


def _wrap(endpoint: Callable, spec: RouteSpec):
    from . import auth, render, security

    def run(request: Request, form: dict | None) -> Response:
        try:
            actor = auth.load_actor(request)
            if form is not None and not security.csrf_ok(request):
                return render.error_response(request, 403, "Phiên làm việc của biểu mẫu đã hết hạn hoặc không hợp lệ "
                                                           "(thiếu mã chống giả mạo). Vui lòng tải lại trang và gửi lại.")
            if spec.permission != PUBLIC:
                if actor is None:
                    if is_json(request):
                        return render.error_response(request, 401, "Vui lòng đăng nhập.")
                    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                    return RedirectResponse(f"/login?next={quote(target)}", status_code=302)
                if spec.permission != STAFF and not request.app.state.services.access.can(actor, spec.permission, ANYWHERE):
                    return render.error_response(request, 403, "Bạn không có quyền truy cập trang này.")
            if form is not None and spec.rate_limit and not security.rate_ok(request, spec):
                return render.error_response(request, 429, "Bạn đã gửi quá nhiều lần. Vui lòng thử lại sau ít phút.")
            try:
                response = endpoint(request, form)
            except ValidationError as exc:
                response = _form_error_page(request, form, spec, endpoint, exc)
                if response is None:
                    raise
        except ThanthienError as exc:
            response = render.error_response(request, exc.status, exc.message, exc=exc)
        except Exception:  # noqa: BLE001 - never show a traceback
            log.exception("unexpected error on %s %s", request.method, request.url.path)
            response = render.error_response(request, 500, "Đã có lỗi xảy ra. Vui lòng thử lại sau.")
        return _finish(request, response, spec)

    async def app_endpoint(request: Request) -> Response:
        if spec.json:
            request.scope[JSON_FLAG] = True
        request.state.route_spec = spec
        current_converter.set(request.app.state.converter)
        form = None
        if request.method in WRITE_METHODS:
            try:
                form = await _read_form(request, spec)
            except _Rejected as rej:
                return rej.response
        return await run_in_threadpool(run, request, form)

    app_endpoint.__name__ = getattr(endpoint, "__name__", "endpoint")
    app_endpoint.__doc__ = endpoint.__doc__
    app_endpoint.thanthien_endpoint = endpoint  # type: ignore[attr-defined]
    return app_endpoint


def _form_error_page(request: Request, form: dict | None, spec: RouteSpec, endpoint: Callable,
                     exc: ValidationError) -> Response | None:
    """A write that failed validation, on an HTML route: the page of its form again, with
    the field errors and what was typed (``None``: let the error envelope answer)."""
    if form is None or is_json(request):
        return None
    page_view = spec.error_page or (endpoint if "GET" in spec.methods else None)
    if page_view is None:
        return None
    request.state.form_errors = (list(exc.errors), _typed_values(form))
    response = page_view(request, None)
    if response.status_code == 200:
        response.status_code = 422
    return response


def _typed_values(form: dict) -> dict[str, Any]:
    """What the person typed, to fill the form again (files cannot be kept)."""
    out: dict[str, Any] = {}
    for key, value in form.items():
        if isinstance(value, (str, int, float, bool)) or value is None:
            out[key] = value
        elif isinstance(value, list) and all(isinstance(v, (str, int, float, bool)) for v in value):
            out[key] = value
    return out


def _finish(request: Request, response: Response, spec: RouteSpec) -> Response:
    """Cookies the request asked for, caching headers, 304."""
    from . import auth, security

    security.attach_cookies(request, response)
    auth.attach_cookies(request, response)
    if "cache-control" in response.headers:
        return response
    public_get = (spec.permission == PUBLIC and request.method in ("GET", "HEAD")
                  and response.status_code == 200 and hasattr(response, "body"))
    if not public_get:
        response.headers["Cache-Control"] = "no-store"
        return response
    personal = (getattr(request.state, "actor", None) is not None
                or "set-cookie" in response.headers or getattr(request.state, "csrf_used", False))
    etag = 'W/"' + hashlib.sha256(response.body).hexdigest()[:32] + '"'
    response.headers["ETag"] = etag
    response.headers["Vary"] = "Cookie"
    if personal:
        response.headers["Cache-Control"] = "private, no-cache"
    else:
        response.headers["Cache-Control"] = f"public, max-age={spec.public_cache if spec.public_cache is not None else 60}"
    inm = request.headers.get("if-none-match")
    if inm and etag in [t.strip() for t in inm.split(",")] or inm == "*":
        headers = {k: v for k, v in response.headers.items()
                   if k.lower() in ("etag", "cache-control", "vary", "link", "set-cookie")}
        not_modified = Response(status_code=304, headers=headers)
        return not_modified
    return response


def monotonic() -> float:
    return time.monotonic()
