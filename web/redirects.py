"""Moved pages: an old path keeps working by answering a permanent redirect.

When a plan module renames its URLs (an English path becomes a Vietnamese slug), it
keeps the old ones as aliases::

    *moved("/staff/notices/{id:int}", "/can-bo/thong-bao/{id}", permission=P_VIEW),
    *moved("/staff/notices/{id:int}/publish", "/can-bo/thong-bao/{id}/cong-khai",
           permission=P_MANAGE, methods=("POST",)),

Each alias is a :func:`~thanthien.web.routing.page` (its ``.json`` twin too) with the
target's permission, answering **308** to the new path — ``.json`` kept, query string
kept — so a bookmark, a script or a form posted to the old path reaches the new one
with its method and body (the CSRF check runs first, as on every write).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from .routing import is_json, json_path, page

_PARAM = re.compile(r"{(\w+)(?::\w+)?}")


def moved(
    old: str, new: str, *, permission: str, methods: Iterable[str] = ("GET",), max_body: int | None = None
) -> list[Route]:
    """Alias routes ``old`` (and ``old.json``) answering 308 to ``new`` (relative to the
    same mount). ``new`` names the path parameters of ``old`` (``{id}``)."""
    target = _PARAM.sub(r"{\1}", new)

    def endpoint(request: Request, form) -> Response:
        values = {k: quote(str(v), safe="") for k, v in request.path_params.items()}
        url = request.scope.get("root_path", "") + target.format(**values)
        if is_json(request):
            url = json_path(url)
        if request.url.query:
            url += "?" + request.url.query
        return RedirectResponse(url, status_code=308)

    endpoint.__name__ = "moved"
    return page(
        old,
        endpoint,
        permission=permission,
        methods=methods,
        max_body=max_body,
        summary=f"Đã chuyển (308) tới {target}",
    )
