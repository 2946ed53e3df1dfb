"""What a route declares (the route DSL's data): :class:`RouteSpec`, the two special
permissions and the ``.json`` twin's path rules. Depends on nothing else in the web layer.

:func:`thanthien.web.routing.page` builds the routes; :mod:`thanthien.web.pipeline` runs
them; :mod:`thanthien.web.api` documents them.
"""

from __future__ import annotations

from typing import Any

import attrs
from starlette.requests import Request

#: Anyone, without an account (the public portal).
PUBLIC = "public"
#: Any logged-in staff member.
STAFF = "staff"

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: the ASGI scope key marking a request to a ``.json`` twin
JSON_FLAG = "thanthien.json"


@attrs.frozen
class RouteSpec:
    """What the app knows about a route made by :func:`~thanthien.web.routing.page`
    (read by the pipeline, the tests and the OpenAPI document)."""

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
    #: ``fn(request) -> version`` of a public page whose body only changes with that
    #: version: anonymous visitors get the body kept per version (web/public_cache.py)
    public_version: Any = None

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
    """Whether the request asks for the JSON twin of a page."""
    return bool(request.scope.get(JSON_FLAG)) or request.url.path.endswith(".json")
