"""Routes with a permission and a JSON twin: the route DSL.

``page(path, endpoint, permission=...)`` returns two Starlette routes bound to the same
endpoint: ``/x`` (HTML) and ``/x.json``. Endpoints are plain synchronous functions
``def view(request, form) -> Response``; :mod:`thanthien.web.pipeline` wraps them (body
and CSRF, session, permission, rate limit, errors, caching).

Every route of the app must carry a permission: :data:`PUBLIC`, :data:`STAFF` or a key
declared with ``register_permissions``; ``create_app`` refuses to start otherwise.

The declaration types live in :mod:`thanthien.web.spec` and are re-exported here
(``from thanthien.web.routing import PUBLIC, STAFF, page``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route

from .pipeline import _wrap
from .spec import JSON_FLAG, PUBLIC, STAFF, WRITE_METHODS, RouteSpec, is_json, json_path

__all__ = [
    "JSON_FLAG",
    "PUBLIC",
    "STAFF",
    "WRITE_METHODS",
    "RouteSpec",
    "is_json",
    "json_path",
    "page",
    "route_spec",
    "walk_routes",
]


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
    public_version: Callable[[Request], Any] | None = None,
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
    ``public_version(request)`` (PUBLIC GET pages only) is the version of what the page
    shows: anonymous visitors get the body built once per version and per query
    (:mod:`thanthien.web.public_cache`), with ``ETag``/``Last-Modified`` and ``304``.
    ``rate_limit`` defaults to 10 posts per minute per address on PUBLIC write routes.
    """
    if not permission or not isinstance(permission, str):
        raise ValueError(f"page({path!r}): a permission is required")
    methods = tuple(m.upper() for m in methods)
    if public_version is not None and (permission != PUBLIC or set(methods) - {"GET", "HEAD"}):
        raise ValueError(f"page({path!r}): public_version is for public GET pages only")
    if rate_limit is None and permission == PUBLIC and WRITE_METHODS & set(methods):
        rate_limit = (10, 60)
    doc = summary if summary is not None else ((endpoint.__doc__ or "").strip().splitlines() or [""])[0]
    routes = []
    variants = [(json_path(path), True)] if json_twin else []
    variants.append((path, False))  # the twin first: "/x/{id}" would swallow "/x/5.json"
    for p, as_json in variants:
        spec = RouteSpec(
            p,
            permission,
            methods,
            as_json,
            json_twin,
            public_cache,
            schema,
            body,
            doc,
            max_body,
            rate_limit,
            error_page,
            public_version,
        )
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
