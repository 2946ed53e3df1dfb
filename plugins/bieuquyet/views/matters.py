"""Staff pages of matters: the desk of the groups one organises."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from thanthien.web.render import paginate, respond
from thanthien.web.request import core_of, units_for
from thanthien.web.routing import page

from ..schemas import DeskPage
from ..services import matters
from ..types import P_VIEW
from .common import DESK, PER_PAGE, choice


def desk(request: Request, form) -> Response:
    """Bàn và quyết định: nội dung biểu quyết của các tổ dân phố mình phụ trách."""
    state = choice(request, "trang_thai", matters.STATES)
    pager = paginate(request, PER_PAGE)
    rows = matters.listing(core_of(request), unit_ids=units_for(request, P_VIEW), state=state or None,
                           limit=pager.fetch, offset=pager.offset)
    rows, pager = pager.cut(rows)
    return respond(request, "bieuquyet/desk.html", DeskPage(rows, state, pager.number, pager.has_next),
                   breadcrumbs=[(DESK[0], None)], context={"pager": pager, "states": matters.STATES})


def routes() -> list:
    return [
        *page("/can-bo", desk, permission=P_VIEW, schema=DeskPage),
    ]
