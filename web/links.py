"""Show only what a role can do: whether the person asking may open a link.

Templates get ``may(href)`` (and ``may_read(document_id)``) in their context
(:func:`thanthien.web.render.common_context`)::

    {% if may("/motcua/tiep-nhan") %}<a href="/motcua/tiep-nhan">Tiếp nhận hồ sơ</a>{% endif %}

``may`` finds the GET route the path leads to and answers with that route's gate: a
public page, any staff page for a logged-in officer, or the route's permission held
somewhere (the page itself still checks the resource's scope). A path the app does not
serve is left alone (True). ``may_read`` asks the documents register whether the
document may be read in full (its case, owner or unit). ``opinion_url(kind, id, title)``
is the enabled feedback module's form about a public subject, or ``None``
(:mod:`thanthien.core.opinions`); ``_partials/opinion.html`` draws the link.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.routing import BaseRoute, Mount, compile_path

from thanthien.core import opinions
from thanthien.core.access import ANYWHERE

from .context import context_of
from .spec import PUBLIC, STAFF, RouteSpec

STATE_KEY = "link_table"
MEMO_KEY = "link_specs"


def _walk(routes: Iterable[BaseRoute], prefix: str = ""):
    for route in routes:
        if isinstance(route, Mount):
            yield from _walk(getattr(route, "routes", None) or [], prefix + route.path)
        else:
            spec = getattr(route, "thanthien", None)
            if spec is not None and "GET" in spec.methods:
                yield prefix + getattr(route, "path", ""), spec


def _table(request: Request) -> list[tuple[re.Pattern, RouteSpec]]:
    state = request.app.state
    table = getattr(state, STATE_KEY, None)
    if table is None:
        table = [(compile_path(path)[0], spec) for path, spec in _walk(request.app.routes)]
        setattr(state, STATE_KEY, table)
    return table


#: paths whose route was looked up, per app (cleared when this many are kept)
SPEC_MEMO_SIZE = 4096
_NO_ROUTE = object()


def _spec_for(request: Request, path: str) -> RouteSpec | None:
    """The GET route ``path`` leads to (``None``: none), looked up once per path: the menu
    and the pages' links ask for the same few paths on every request."""
    state = request.app.state
    memo = getattr(state, MEMO_KEY, None)
    if memo is None:
        memo = {}
        setattr(state, MEMO_KEY, memo)
    found = memo.get(path)
    if found is None:
        found = next((spec for regex, spec in _table(request) if regex.match(path)), _NO_ROUTE)
        if len(memo) >= SPEC_MEMO_SIZE:
            memo.clear()
        memo[path] = found
    return found if isinstance(found, RouteSpec) else None


def allowed(request: Request, href: str) -> bool:
    """Whether the person asking passes the gate of the page ``href`` leads to."""
    path = urlsplit(href).path
    if not path.startswith("/"):
        return True
    spec = _spec_for(request, path)
    if spec is None or spec.permission == PUBLIC:
        return True
    actor = context_of(request).actor
    if actor is None:
        return False
    return spec.permission == STAFF or request.app.state.services.access.can(actor, spec.permission, ANYWHERE)


def may_read_document(request: Request, document_id: int | None) -> bool:
    """Whether the person asking may open the document ``document_id`` in full."""
    if not document_id or not allowed(request, f"/documents/{document_id}"):
        return False
    documents = request.app.state.services.documents
    try:
        return bool(documents.can_read(context_of(request).actor, documents.get(int(document_id))))
    except Exception:  # noqa: BLE001 - a missing document is a link not to show
        return False


def opinion_url(request: Request, kind: str, id: int | None, title: str = "") -> str | None:
    """The feedback form about the public subject ``kind:id``, or ``None`` when no enabled
    module takes residents' opinions (the page shows no link)."""
    if not id:
        return None
    try:
        return opinions.opinion_url(request.app.state.services, kind, int(id), title)
    except Exception:  # noqa: BLE001 - a page never fails for want of its feedback link
        return None
