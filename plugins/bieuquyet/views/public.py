"""Public pages: the matters residents decide (no household, representative or code)."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from thanthien.web.render import paginate, respond
from thanthien.web.request import core_of
from thanthien.web.routing import PUBLIC, page

from ..schemas import PublicMatter, PublicMattersPage
from ..services import matters
from .common import PER_PAGE, PUBLIC_HOME


def index(request: Request, form) -> Response:
    """Nhân dân bàn và quyết định: các nội dung đã và đang biểu quyết."""
    pager = paginate(request, PER_PAGE)
    rows = matters.listing(core_of(request), public=True, limit=pager.fetch, offset=pager.offset)
    rows, pager = pager.cut(rows)
    data = PublicMattersPage([PublicMatter.of(m) for m in rows], pager.number, pager.has_next)
    return respond(request, "bieuquyet/public_index.html", data, breadcrumbs=[(PUBLIC_HOME[0], None)],
                   context={"pager": pager})


def routes() -> list:
    return [
        *page("/", index, permission=PUBLIC, schema=PublicMattersPage),
    ]
