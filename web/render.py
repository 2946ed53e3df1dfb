"""One way to answer: an HTML page or its JSON twin, from the same data.

``respond(request, template, data)`` renders ``template`` with ``data`` plus the common
context, or — on a ``.json`` path — returns ``{"ok": true, **data}`` with attrs
instances and dates unstructured by the app's cattrs converter. Errors are
``{"ok": false, "error": message, "status": n}`` (422 adds ``errors: [{field, error}]``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

import attrs
from markupsafe import escape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from thanthien.core.access import ANYWHERE
from thanthien.core.errors import ValidationError

from . import auth, links
from .context import context_of, data_version_of
from .flash import FLASH_COOKIE, pop_flash, set_flash
from .security import LazyToken
from .spec import is_json, json_path

__all__ = [
    "FLASH_COOKIE",
    "Page",
    "error_response",
    "form_errors",
    "is_json",
    "json_path",
    "json_response",
    "paginate",
    "pop_flash",
    "redirect",
    "render_template",
    "respond",
    "set_flash",
    "view_data",
]

log = logging.getLogger("thanthien.web")

ERROR_TITLES = {
    400: "Yêu cầu không hợp lệ",
    401: "Cần đăng nhập",
    403: "Không có quyền truy cập",
    404: "Không tìm thấy trang",
    405: "Phương thức không được hỗ trợ",
    409: "Thao tác không hợp lệ",
    413: "Dữ liệu quá lớn",
    415: "Kiểu dữ liệu không được hỗ trợ",
    422: "Dữ liệu chưa hợp lệ",
    429: "Quá nhiều yêu cầu",
    500: "Lỗi hệ thống",
}


class JSONUTF8Response(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def to_json(request: Request, data: Any) -> Any:
    """Unstructure with the app's converter (attrs → dicts, dates → ISO strings)."""
    return request.app.state.converter.unstructure(data)


def json_response(request: Request, payload: dict, status: int = 200, headers: dict | None = None) -> Response:
    return JSONUTF8Response(to_json(request, payload), status_code=status, headers=headers)


def common_context(request: Request) -> dict[str, Any]:
    """What every template sees besides its data."""
    state = request.app.state
    actor = context_of(request).actor
    if actor is None and not context_of(request).session_loaded:
        try:
            actor = auth.load_actor(request)
        except Exception:  # noqa: BLE001 - an error page must render even without a database
            actor = None
    return {
        "request": request,
        "ward": state.settings.ward,
        "settings": state.settings,
        "actor": actor,
        "nav": nav_items(request, actor),
        "public_nav": public_nav_items(request),
        "csrf_token": LazyToken(request),
        "flash": pop_flash(request),
        "breadcrumbs": [],
        "json_url": alternate_url(request),
        # show only what the person can do (web/links.py)
        "may": lambda href: links.allowed(request, href),
        "may_read": lambda document_id: links.may_read_document(request, document_id),
        # "Gửi ý kiến về nội dung này" (core/opinions.py): the feedback form, or None
        "opinion_url": lambda kind, id, title="": links.opinion_url(request, kind, id, title),
    }


def nav_items(request: Request, actor) -> list:
    """The staff menu of ``actor``: kept per data version and roles (a scope may read the
    database, e.g. a board's unit), so a page does not ask every module's permission
    hooks again for every item while nothing changed."""
    if actor is None:
        return []
    state = request.app.state
    access = state.services.access

    def build() -> list:
        return [
            item
            for item in state.nav
            if item.staff
            and access.can(actor, item.permission, item.scope() if item.scope else ANYWHERE)
            and links.allowed(request, item.href)
        ]  # the menu's own gate (over the page's scope) and the page's

    cache = getattr(state, "data_cache", None)
    if cache is None:
        return build()
    key = ("nav", actor.kind, actor.person_id, actor.roles)
    return cache.get(key, build, version=data_version_of(request))


def public_nav_items(request: Request) -> list:
    return [item for item in request.app.state.nav if not item.staff]


def alternate_url(request: Request) -> str | None:
    spec = context_of(request).route_spec
    if spec is None or not spec.json_twin or spec.json:
        return None
    url = json_path(request.url.path)
    return url + (f"?{request.url.query}" if request.url.query else "")


def render_template(request: Request, template: str, data: dict[str, Any], **extra: Any) -> str:
    context = common_context(request)
    context.update(extra)
    context.update(data)
    return request.app.state.templates.get_template(template).render(context)


def view_data(data: Any) -> dict[str, Any]:
    """A typed view model (an attrs instance, the route's ``schema``) as the page's data:
    its fields, shallow (nested attrs objects stay objects for the template). A field whose
    JSON key cannot be a Python name says it in ``metadata={"key": "from"}``."""
    if isinstance(data, dict):
        return data
    if attrs.has(type(data)):
        return {f.metadata.get("key", f.name): getattr(data, f.name) for f in attrs.fields(type(data))}
    raise TypeError(f"page data must be a dict or an attrs view model, not {type(data).__name__}")


def respond(
    request: Request,
    template: str,
    data: Any,
    *,
    status: int = 200,
    breadcrumbs: Iterable[tuple[str, str | None]] | None = None,
    headers: dict[str, str] | None = None,
    context: dict[str, Any] | None = None,
) -> Response:
    """The page (HTML) or its JSON twin (``{"ok": true, **data}``).

    ``data`` is a dict or, better, the route's typed view model (an attrs instance whose
    class is the route's ``schema=``): its fields are the JSON keys, so the OpenAPI
    document and the response cannot drift apart.

    ``breadcrumbs`` (label, href) and ``context`` are for the HTML page only. When a
    write on this page failed validation (the route wrapper re-renders the page), the
    template also gets ``errors`` (``{field: message}``), ``error_message``,
    ``error_list`` and ``values`` (what was typed), and the status is 422.
    """
    data = view_data(data)
    if is_json(request):
        return json_response(request, {"ok": True, **data}, status, headers)
    extra = {"breadcrumbs": list(breadcrumbs or []), **(context or {})}
    pending = context_of(request).form_errors
    if pending:
        context_of(request).form_errors = None
        errors, values = pending
        data = {**data, **_error_context(errors), "values": {**(data.get("values") or {}), **values}}
        status = 422
    restored = context_of(request).form_restored
    if restored:  # a form kept across a session timeout (web/kept.py), filled in again
        context_of(request).form_restored = None
        message, values = restored
        data = {**data, "values": {**(data.get("values") or {}), **values}, "kept_message": message}
    html = render_template(request, template, data, **extra)
    response = HTMLResponse(html, status_code=status, headers=headers)
    alt = alternate_url(request)
    if alt:
        response.headers["Link"] = f'<{alt}>; rel="alternate"; type="application/json"'
    return response


#: the policy of a standalone print page (an official document in the NĐ 30 layout): its
#: own print stylesheet inline, no script, no form, nothing from elsewhere
PRINT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


def print_page(html: str, *, alternate: str | None = None) -> HTMLResponse:
    """A rendered official document (``core.documents.render_html``) as its A4 print page,
    under :data:`PRINT_CSP` so its inline print CSS applies (the app's own policy would
    block it and the page would print unstyled). ``alternate``: the JSON twin's path."""
    headers = {"Content-Security-Policy": PRINT_CSP}
    if alternate:
        headers["Link"] = f'<{alternate}>; rel="alternate"; type="application/json"'
    return HTMLResponse(html, headers=headers)


def redirect(request: Request, url: str, flash: str | None = None, *, data: dict | None = None) -> Response:
    """After a successful write: 303 to ``url`` with a flash message (HTML), or
    ``{"ok": true, "redirect": url, "message": flash, **data}`` (JSON)."""
    if is_json(request):
        payload: dict[str, Any] = {"ok": True, "redirect": url}
        if flash:
            payload["message"] = flash
        payload.update(data or {})
        return json_response(request, payload)
    if flash:
        set_flash(request, flash)
    return RedirectResponse(url, status_code=303)


def form_errors(
    request: Request, template: str, data: dict[str, Any], errors: list[tuple[str, str]], *, message: str | None = None
) -> Response:
    """422: the form again with one message per field, or the JSON list of errors."""
    message = message or "Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại các trường được đánh dấu."
    if is_json(request):
        return json_response(
            request,
            {"ok": False, "status": 422, "error": message, "errors": [{"field": f, "error": e} for f, e in errors]},
            422,
        )
    html = render_template(request, template, {**data, **_error_context(errors, message)})
    return HTMLResponse(html, status_code=422)


FORM_ERROR_MESSAGE = "Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại các trường được đánh dấu."


def _error_context(errors: list[tuple[str, str]], message: str | None = None) -> dict[str, Any]:
    field_errors: dict[str, str] = {}
    for field, error in errors:
        field_errors.setdefault(field or "_", error)
    return {"errors": field_errors, "error_message": message or FORM_ERROR_MESSAGE, "error_list": errors}


def error_response(request: Request, status: int, message: str, *, exc: Exception | None = None) -> Response:
    """An error page or envelope. A ValidationError is shown with its field messages."""
    if is_json(request):
        payload: dict[str, Any] = {"ok": False, "status": status, "error": message}
        if isinstance(exc, ValidationError):
            payload["errors"] = [{"field": f, "error": e} for f, e in exc.errors]
        return json_response(request, payload, status)
    title = ERROR_TITLES.get(status, "Lỗi")
    context = {
        "status": status,
        "title": title,
        "message": message,
        "errors": [{"field": f, "error": e} for f, e in exc.errors] if isinstance(exc, ValidationError) else [],
    }
    try:
        html = render_template(request, "error.html", context)
    except Exception:  # last resort, still no traceback (logged)
        log.exception("error page failed to render")
        html = (
            f"<!doctype html><html lang=vi><title>{escape(title)}</title>"
            f"<h1>{escape(title)}</h1><p>{escape(message)}</p>"
        )
    return HTMLResponse(html, status_code=status)


# ---------------------------------------------------------------------------
# pagination without COUNT(*) (a count of a large table on a request is refused by design)
# ---------------------------------------------------------------------------


@attrs.frozen
class Page:
    number: int
    per_page: int
    has_next: bool = False
    base_query: str = ""

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.per_page

    @property
    def fetch(self) -> int:
        """Rows to ask for: one more than shown, to know whether a next page exists."""
        return self.per_page + 1

    def url(self, number: int) -> str:
        q = self.base_query + ("&" if self.base_query else "") + f"page={number}"
        return "?" + q

    def cut(self, rows: list) -> tuple[list, Page]:
        return rows[: self.per_page], attrs.evolve(self, has_next=len(rows) > self.per_page)


def paginate(request: Request, per_page: int = 50) -> Page:
    try:
        number = max(1, min(int(request.query_params.get("page", "1")), 100000))
    except ValueError:
        number = 1
    base = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "page"])
    return Page(number, per_page, base_query=base)
