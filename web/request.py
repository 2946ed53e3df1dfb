"""Request helpers for views (core's pages and every plan module's): one public module.

A view is ``def view(request, form) -> Response``; these helpers give it what it needs::

    from thanthien.web.request import actor_of, core_of, path_id, require

    def dossier(request, form):
        core = core_of(request)                          # the CoreServices bundle
        case = core.cases.get(path_id(request))          # 404 on a bad or huge id
        require(request, "motcua.view", case.unit_id)    # 403 outside the actor's units
        ...

Permissions fail closed: a scope of ``None`` is a resource of the whole ward (ward-wide
grants only); pass the resource's unit id or :class:`~thanthien.core.access.Scope`, or
:data:`~thanthien.core.access.ANYWHERE` only to decide which buttons and menus to show.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from starlette.requests import Request

from thanthien.core.access import ANYWHERE, WARD, Scope, ScopeLike
from thanthien.core.converters import parse_date
from thanthien.core.errors import NotFound, PermissionDenied, ValidationError
from thanthien.core.types import Actor

from .context import context_of

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

__all__ = [
    "ANYWHERE",
    "WARD",
    "Scope",
    "actor_of",
    "can",
    "core_of",
    "path_id",
    "query_date",
    "query_int",
    "query_period",
    "query_text",
    "require",
    "staff_actor",
    "units_for",
]

#: the largest id a database row can have (64-bit signed)
MAX_ID = 2**63 - 1


def core_of(request: Request) -> CoreServices:
    """The app's :class:`~thanthien.core.services.CoreServices` bundle."""
    return request.app.state.services


def actor_of(request: Request) -> Actor | None:
    """The logged-in staff member (``None`` for a resident on a public page)."""
    return context_of(request).actor


def staff_actor(request: Request) -> Actor:
    """The logged-in actor on a route the pipeline already gated (``STAFF`` or a permission):
    never ``None`` there; a 403 if called elsewhere without a login."""
    actor = actor_of(request)
    if actor is None:
        raise PermissionDenied("Vui lòng đăng nhập.")
    return actor


def can(request: Request, permission: str, scope: ScopeLike = None) -> bool:
    """Whether the actor may use ``permission`` on a resource of ``scope`` (see module doc)."""
    return core_of(request).access.can(actor_of(request), permission, scope)


def require(
    request: Request,
    permission: str,
    scope: ScopeLike = None,
    *,
    unit_id: int | None = None,
    message: str | None = None,
) -> Actor:
    """The actor, or :class:`PermissionDenied` (403) unless :func:`can`."""
    return core_of(request).access.require(
        actor_of(request),
        permission,
        scope,
        unit_id=unit_id,
        message=message or "Bạn không có quyền thực hiện thao tác này.",
    )


def units_for(request: Request, permission: str) -> set[int] | None:
    """Units whose resources the actor reaches with ``permission`` (``None`` = the whole
    ward): filter lists, exports and dashboards with it."""
    return core_of(request).access.units_for(actor_of(request), permission)


def path_id(request: Request, name: str = "id") -> int:
    """An integer path parameter; a missing, non-numeric or out-of-range id is a 404."""
    raw = request.path_params.get(name)
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    elif isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) <= 19:
        value = int(raw)
    else:
        raise NotFound("Không tìm thấy trang bạn yêu cầu.")
    if not 0 < value <= MAX_ID:
        raise NotFound("Không tìm thấy trang bạn yêu cầu.")
    return value


# ---------------------------------------------------------------------------
# query string
# ---------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def query_text(request: Request, name: str, default: str = "", max_length: int = 200) -> str:
    """A text parameter, stripped, without control characters, at most ``max_length``."""
    value = request.query_params.get(name, default) or ""
    return _CONTROL.sub("", value).strip()[:max_length]


def query_int(request: Request, name: str, default: int | None = None) -> int | None:
    """An integer parameter (``default`` when absent or empty); a bad one is a 422."""
    text = query_text(request, name)
    if not text:
        return default
    if not re.fullmatch(r"[+-]?\d{1,18}", text):
        raise ValidationError([(name, "Giá trị phải là một số nguyên.")])
    return int(text)


def query_date(request: Request, name: str, default: dt.date | None = None) -> dt.date | None:
    """A date parameter (``?tu=01/03/2026`` or ISO); empty gives ``default``; bad is a 422."""
    text = query_text(request, name, max_length=40)
    if not text:
        return default
    try:
        return parse_date(text)
    except ValueError:
        raise ValidationError([(name, "Ngày không hợp lệ (dd/mm/yyyy).")]) from None


def query_period(
    request: Request,
    default_start: dt.date,
    default_end: dt.date,
    *,
    names: tuple[str, str] = ("tu", "den"),
    max_days: int | None = None,
) -> tuple[dt.date, dt.date]:
    """A period from two date parameters (``?tu=…&den=…``; ``from``/``to`` accepted too).

    Refuses an end before the start and, with ``max_days``, a longer period (422 with
    the field in error)."""
    start_name, end_name = names
    start = query_date(request, start_name) or query_date(request, "from") or default_start
    end = query_date(request, end_name) or query_date(request, "to") or default_end
    if end < start:
        raise ValidationError([(end_name, "Ngày kết thúc phải sau ngày bắt đầu.")])
    if max_days is not None and (end - start).days + 1 > max_days:
        raise ValidationError([(end_name, f"Khoảng thời gian tối đa là {max_days} ngày.")])
    return start, end


def state(request: Request, name: str, default: Any = None) -> Any:
    """A value the request pipeline stored for this request (a field of its
    :class:`~thanthien.web.context.RequestContext`; internal)."""
    return getattr(context_of(request), name, default)
