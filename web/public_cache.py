"""Public bodies kept per version (issue 16): the one cache of the toolkit for public
pages and feeds whose content only changes with a known version (the public board's
last change, a list's last publication).

A route declares ``page(..., public_version=fn)``; ``fn(request)`` returns a hashable
version of what the page shows (e.g. the audit sequence number of the board's last
change and the day, for notices that expire). The pipeline then

* answers an anonymous ``GET``/``HEAD`` (no session, flash or kept-form cookie) from the
  body kept for the same path and query at the same version, without loading a session
  or touching CSRF — with ``ETag``, ``Last-Modified`` (when the page set it) and ``304``
  on a matching ``If-None-Match`` / ``If-Modified-Since``;
* keeps the body of a public ``200`` built for an anonymous visitor when nothing
  personal went into it (no actor, no cookie set, no CSRF token used): a kept body is the
  same for every visitor by construction.

The version is read *before* the page is built, so a publication racing with a build at
worst keeps a newer body under an older version, which the next request no longer asks
for. The cache is per process (each worker has its own), bounded (least recently used
entries leave first) and holds one version per (path, query): a new version replaces the
old body. Every worker reads the version from the database on each request, so no worker
serves a board older than the database's.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from email.utils import parsedate_to_datetime
from typing import Any

import attrs
from starlette.requests import Request
from starlette.responses import Response

from .context import SESSION_COOKIE

#: entries kept per app (per worker process); bodies above MAX_BODY are not kept
MAX_ENTRIES = 256
MAX_BODY = 512 * 1024
#: cookies that make a response personal: a session, a flash message, a kept form
PERSONAL_COOKIES = (SESSION_COOKIE, "tt_flash", "tt_kept")
#: response headers never kept (set per response)
DROPPED_HEADERS = frozenset({"set-cookie", "etag", "cache-control", "vary", "date", "content-length"})


@attrs.frozen
class Kept:
    """One kept response: what every anonymous visitor of the same path and query gets."""

    version: Hashable
    body: bytes
    headers: tuple[tuple[str, str], ...]
    etag: str


class VersionedCache:
    """A bounded map (key → value at a version); a value is returned only at its version."""

    def __init__(self, size: int = MAX_ENTRIES):
        self.size = size
        self._items: OrderedDict[Hashable, tuple[Hashable, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, version: Hashable) -> Any:
        with self._lock:
            item = self._items.get(key)
            if item is None or item[0] != version:
                return None
            self._items.move_to_end(key)
            return item[1]

    def put(self, key: Hashable, version: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = (version, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def cache_of(request: Request, name: str = "pages") -> VersionedCache:
    """The app's cache ``name`` (created on first use; one per app and process)."""
    state = request.app.state
    caches = getattr(state, "public_caches", None)
    if caches is None:
        caches = state.public_caches = {}
    cache = caches.get(name)
    if cache is None:
        cache = caches.setdefault(name, VersionedCache())
    return cache


def kept_value(request: Request, name: str, key: Hashable, version: Hashable, build: Callable[[], Any]) -> Any:
    """``build()`` once per ``version`` of ``key`` in cache ``name`` (for a part of a page
    that is the same for everyone, e.g. a feed's body, whoever asks)."""
    cache = cache_of(request, name)
    value = cache.get(key, version)
    if value is None:
        value = build()
        cache.put(key, version, value)
    return value


def anonymous(request: Request) -> bool:
    """The request carries nothing that could make its page personal."""
    return not any(request.cookies.get(c) for c in PERSONAL_COOKIES)


def page_key(request: Request) -> tuple:
    """The path and its query, parameters sorted (``?a=1&b=2`` is ``?b=2&a=1``)."""
    return (request.url.path, tuple(sorted(request.query_params.multi_items())))


def etag_of(body: bytes | memoryview) -> str:
    return 'W/"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def not_modified(request: Request, etag: str, last_modified: str | None) -> bool:
    """``If-None-Match`` matches ``etag``, or (without it) ``If-Modified-Since`` is not
    older than ``last_modified`` (RFC 9110 §13.1)."""
    inm = request.headers.get("if-none-match")
    if inm:
        return inm.strip() == "*" or etag in [t.strip() for t in inm.split(",")]
    since = request.headers.get("if-modified-since")
    if since and last_modified:
        try:
            return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


def lookup(request: Request, version: Hashable) -> Kept | None:
    return cache_of(request).get(page_key(request), version)


def keep(request: Request, version: Hashable, response: Response) -> Kept | None:
    """Keep ``response`` (a public 200 built for an anonymous visitor) at ``version``."""
    body = bytes(response.body)
    if len(body) > MAX_BODY:
        return None
    headers = tuple((k, v) for k, v in response.headers.items() if k.lower() not in DROPPED_HEADERS)
    kept = Kept(version, body, headers, etag_of(body))
    cache_of(request).put(page_key(request), version, kept)
    return kept


def kept_response(request: Request, kept: Kept, max_age: int) -> Response:
    """The kept page as this request's response (or its 304)."""
    headers = {"ETag": kept.etag, "Vary": "Cookie", "Cache-Control": f"public, max-age={max_age}"}
    last = next((v for k, v in kept.headers if k.lower() == "last-modified"), None)
    if last:
        headers["Last-Modified"] = last
    if not_modified(request, kept.etag, last):
        return Response(status_code=304, headers=headers)
    response = Response(kept.body, headers=dict(kept.headers))
    response.headers.update(headers)
    return response
