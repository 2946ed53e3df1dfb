"""The request pipeline: what happens between Starlette and a view.

:func:`~thanthien.web.routing.page` wraps every endpoint with :func:`_wrap`, which

1. reads and caps the body of POST/PUT/PATCH/DELETE, parses it (form or JSON) and notes
   the CSRF token it carried (:func:`_read_form`),
2. then, in the threadpool, resolves the session (:func:`~thanthien.web.auth.load_actor`),
   checks the CSRF token (403 without it), enforces the route's permission (anonymous →
   302 to ``/login?next=…`` or a 401 JSON envelope; missing permission → 403), applies the
   rate limit of public form posts, and calls the endpoint,
3. turns a :class:`~thanthien.core.errors.ValidationError` of a write into the page of its
   form again, with the field errors (:func:`_form_error_page`, status 422), any other
   :class:`~thanthien.core.errors.ThanthienError` into its page or envelope, and any other
   exception into a 500 without details (logged),
4. sets the cookies the request asked for and adds ETag/Cache-Control to public GETs,
   answering 304 on a match (:func:`_finish`).

A public page declaring ``public_version`` is answered to anonymous visitors from the
body kept at its current version before any of this (:func:`_from_cache`, no session or
CSRF work), and its anonymous body is kept by :func:`_finish`
(:mod:`thanthien.web.public_cache`).

What the steps learn is kept in the request's
:class:`~thanthien.web.context.RequestContext`. This is the only web module that imports
auth, render, security and flash together.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from thanthien.core import audit
from thanthien.core.access import ANYWHERE
from thanthien.core.errors import ThanthienError, ValidationError

from . import auth, flash, kept, public_cache, render, security
from .context import context_of
from .forms import current_converter
from .request import MAX_ID
from .spec import JSON_FLAG, PUBLIC, STAFF, WRITE_METHODS, RouteSpec, is_json

log = logging.getLogger("thanthien.web")

CSRF_MESSAGE = (
    "Phiên làm việc của biểu mẫu đã hết hạn hoặc không hợp lệ (thiếu mã chống giả mạo). "
    "Vui lòng tải lại trang và gửi lại."
)


MUST_CHANGE_MESSAGE = (
    "Quản trị viên vừa đặt mật khẩu cho tài khoản của bạn. Vui lòng đổi mật khẩu "
    "(chọn mật khẩu của riêng bạn) trước khi tiếp tục."
)
PASSWORD_CHANGE_PATHS = ("/account/password", "/logout", "/login", "/-/session")
#: statuses of a refused write shown on the page of its form (a bad request, a wrong state)
REFUSED_STATUSES = (400, 409)


class _Rejected(Exception):
    def __init__(self, response: Response):
        self.response = response


async def _read_form(request: Request, spec: RouteSpec) -> dict[str, Any]:
    """Read the capped body and parse it as JSON or as a form; note the CSRF token it sent."""
    ctx = context_of(request)
    limit = spec.max_body or request.app.state.settings.web.max_body_bytes
    size = 0
    chunks = []
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _Rejected(render.error_response(request, 413, "Dữ liệu gửi lên quá lớn."))
        chunks.append(chunk)
    request._body = b"".join(chunks)  # lets request.form() re-read it
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json" or (ctype == "" and request._body[:1] in (b"{", b"[")):
        if not request._body.strip():
            return {}
        try:
            data = json.loads(request._body)
        except (ValueError, RecursionError):
            raise _Rejected(render.error_response(request, 400, "Dữ liệu JSON không hợp lệ.")) from None
        if not isinstance(data, dict):
            raise _Rejected(render.error_response(request, 400, "Dữ liệu JSON phải là một đối tượng."))
        problem = _json_problem(data)
        if problem:
            raise _Rejected(render.error_response(request, 400, problem))
        ctx.csrf_submitted = request.headers.get("x-csrf-token") or data.pop("csrf_token", None)
        return data
    if ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        try:
            formdata = await request.form(max_files=20, max_fields=500)
        except Exception:  # noqa: BLE001 - python-multipart errors
            raise _Rejected(render.error_response(request, 400, "Dữ liệu biểu mẫu không hợp lệ.")) from None
        out: dict[str, Any] = {}
        for key in formdata:
            values = formdata.getlist(key)
            out[key] = values[0] if len(values) == 1 else list(values)
        problem = _json_problem(out)
        if problem:
            raise _Rejected(render.error_response(request, 400, problem))
        token = out.pop("csrf_token", None)
        ctx.csrf_submitted = request.headers.get("x-csrf-token") or (token if isinstance(token, str) else None)
        return out
    ctx.csrf_submitted = request.headers.get("x-csrf-token")
    if request._body:
        raise _Rejected(render.error_response(request, 415, "Kiểu dữ liệu gửi lên không được hỗ trợ."))
    return {}


MAX_JSON_DEPTH = 16


def _json_problem(value: Any, depth: int = 0) -> str:
    """Why submitted data is refused before any view sees it: nested deeper than
    :data:`MAX_JSON_DEPTH`, or text with a lone surrogate (which no database stores).
    Issue 10 item 8: a 400 envelope, never a 500. (A NUL byte in a text field is refused
    by the form itself, on the same form: ``web.forms.structure``.)"""
    if depth > MAX_JSON_DEPTH:
        return "Dữ liệu JSON lồng nhau quá sâu."
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "Dữ liệu chứa ký tự Unicode không hợp lệ."
        return ""
    if isinstance(value, dict):
        items = [*value.keys(), *value.values()]
    elif isinstance(value, list):
        items = value
    else:
        return ""
    for item in items:
        problem = _json_problem(item, depth + 1)
        if problem:
            return problem
    return ""


def _bad_path_param(request: Request) -> bool:
    """A path id beyond 64 bits, or any path parameter with a NUL byte or lone surrogate."""
    for value in request.path_params.values():
        if isinstance(value, int) and not isinstance(value, bool) and not 0 <= value <= MAX_ID:
            return True
        if isinstance(value, str) and ("\x00" in value or _json_problem(value)):
            return True
    return False


def _wrap(endpoint: Callable, spec: RouteSpec) -> Callable:
    """The ASGI endpoint of one route: body, CSRF, session, permission, rate limit, errors."""

    def run(request: Request, form: dict | None) -> Response:
        try:
            actor = auth.load_actor(request)
            if form is not None and not security.csrf_ok(request):
                return render.error_response(request, 403, CSRF_MESSAGE)
            if spec.permission != PUBLIC:
                if actor is None:
                    if is_json(request):
                        return render.error_response(request, 401, "Vui lòng đăng nhập.")
                    if form:  # the session ended while the officer typed: keep the form
                        kept_response = kept.keep_and_login(request, form, request.cookies.get(auth.SESSION_COOKIE))
                        if kept_response is not None:
                            return _finish(request, kept_response, spec)
                    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                    return RedirectResponse(f"/login?next={quote(target)}", status_code=302)
                session = context_of(request).session
                if (
                    session is not None
                    and session.account.must_change_password
                    and request.url.path.removesuffix(".json") not in PASSWORD_CHANGE_PATHS
                ):
                    # an administrator's reset: nothing else until a new password (issue 10 item 7)
                    if is_json(request):
                        return render.error_response(request, 403, MUST_CHANGE_MESSAGE)
                    flash.set_flash(request, MUST_CHANGE_MESSAGE, "warning")
                    return _finish(request, RedirectResponse("/account/password", status_code=303), spec)
                access = request.app.state.services.access
                if spec.permission != STAFF and not access.can(actor, spec.permission, ANYWHERE):
                    return render.error_response(request, 403, "Bạn không có quyền truy cập trang này.")
            if form is None and actor is not None and kept.KEPT_COOKIE in request.cookies and not is_json(request):
                kept.restore(request)
            if form is not None and spec.rate_limit and not security.rate_ok(request, spec):
                return render.error_response(request, 429, "Bạn đã gửi quá nhiều lần. Vui lòng thử lại sau ít phút.")
            try:
                response = endpoint(request, form)
                if form is not None:
                    audit.maybe_checkpoint()  # outside the write's transaction (issue 10 item 4)
            except ValidationError as exc:
                response = _form_error_page(request, form, spec, endpoint, exc)
                if response is None:
                    raise
            except ThanthienError as exc:
                # a refused action (a wrong state, a rule): its form again with the reason, not a bare page
                if form is None or exc.status not in REFUSED_STATUSES:
                    raise
                response = _form_error_page(
                    request, form, spec, endpoint, ValidationError([(exc.field or "", exc.message)]), status=exc.status
                )
                if response is None or response.status_code != exc.status:  # the form page is gone: plain error
                    context_of(request).flash_out = None
                    raise
        except ThanthienError as exc:
            response = render.error_response(request, exc.status, exc.message, exc=exc)
        except Exception:  # never show a traceback (logged)
            log.exception("unexpected error on %s %s", request.method, request.url.path)
            response = render.error_response(request, 500, "Đã có lỗi xảy ra. Vui lòng thử lại sau.")
        return _finish(request, response, spec)

    async def app_endpoint(request: Request) -> Response:
        if spec.json:
            request.scope[JSON_FLAG] = True
        context_of(request).route_spec = spec
        current_converter.set(request.app.state.converter)
        form = None
        if _bad_path_param(request):
            return await run_in_threadpool(render.error_response, request, 404, "Không tìm thấy trang bạn yêu cầu.")
        if spec.public_version is not None and request.method in ("GET", "HEAD") and public_cache.anonymous(request):
            hit = await run_in_threadpool(_from_cache, request, spec)
            if hit is not None:
                return hit
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


def _max_age(spec: RouteSpec) -> int:
    return spec.public_cache if spec.public_cache is not None else 60


def _from_cache(request: Request, spec: RouteSpec) -> Response | None:
    """The kept body of this anonymous public GET at the page's current version, or
    ``None`` (the version is noted for :func:`_finish` to keep what gets built)."""
    try:
        version = spec.public_version(request)
    except Exception:
        log.exception("public version of %s", request.url.path)
        return None
    context_of(request).public_version = (version,)
    hit = public_cache.lookup(request, version)
    return public_cache.kept_response(request, hit, _max_age(spec)) if hit is not None else None


def _form_error_page(
    request: Request, form: dict | None, spec: RouteSpec, endpoint: Callable, exc: ValidationError, status: int = 422
) -> Response | None:
    """A write that failed validation, on an HTML route: the page of its form again, with
    the field errors and what was typed (``None``: let the error envelope answer)."""
    if form is None or is_json(request):
        return None
    page_view = spec.error_page or (endpoint if "GET" in spec.methods else None)
    if page_view is None:
        return None
    context_of(request).form_errors = (list(exc.errors), _typed_values(form))
    response = page_view(request, None)
    if response.status_code in (200, 422):
        response.status_code = status
    return response


def _typed_values(form: dict) -> dict[str, Any]:
    """What the person typed, to fill the form again (files cannot be kept)."""
    out: dict[str, Any] = {}
    for key, value in form.items():
        plain = isinstance(value, (str, int, float, bool)) or value is None
        plain_list = isinstance(value, list) and all(isinstance(v, (str, int, float, bool)) for v in value)
        if plain or plain_list:
            out[key] = value
    return out


def _finish(request: Request, response: Response, spec: RouteSpec) -> Response:
    """Cookies the request asked for, caching headers, 304."""
    ctx = context_of(request)
    security.attach_cookies(request, response)
    flash.attach_cookies(request, response)
    auth.attach_cookies(request, response)
    kept.attach_cookies(request, response)
    if "cache-control" in response.headers:
        return response
    public_get = (
        spec.permission == PUBLIC
        and request.method in ("GET", "HEAD")
        and response.status_code == 200
        and hasattr(response, "body")
    )
    if not public_get:
        response.headers["Cache-Control"] = "no-store"
        return response
    personal = ctx.actor is not None or "set-cookie" in response.headers or ctx.csrf_used
    if not personal and ctx.public_version is not None:
        kept_page = public_cache.keep(request, ctx.public_version[0], response)
        if kept_page is not None:
            return public_cache.kept_response(request, kept_page, _max_age(spec))
    etag = public_cache.etag_of(response.body)
    response.headers["ETag"] = etag
    response.headers["Vary"] = "Cookie"
    if personal:
        response.headers["Cache-Control"] = "private, no-cache"
    else:
        response.headers["Cache-Control"] = f"public, max-age={_max_age(spec)}"
    inm = request.headers.get("if-none-match")
    if (inm and etag in [t.strip() for t in inm.split(",")]) or inm == "*":
        headers = {
            k: v
            for k, v in response.headers.items()
            if k.lower() in ("etag", "cache-control", "vary", "link", "set-cookie")
        }
        not_modified = Response(status_code=304, headers=headers)
        return not_modified
    return response
