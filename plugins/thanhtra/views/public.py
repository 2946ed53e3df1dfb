"""The public page of the board: members by name, office and residential group only,
seats, published inspection results, this year's figures (R-DL-07: no phone, ID number
or address of anyone)."""
from __future__ import annotations

import datetime as dt

from starlette.requests import Request
from starlette.responses import Response

from thanthien.web.render import respond
from thanthien.web.request import core_of

from .. import services
from ..schemas import PublicBoardPage, PublicMember, PublicResult, PublicSeats, PublicTerm, YearFigures


def public_page(request: Request, form) -> Response:
    """Ban Thanh tra nhân dân phường: thành viên và kết quả hoạt động được công khai."""
    core = core_of(request)
    today = dt.date.today()
    term = services.public_term(today)
    members = services.public_members(term)
    data = PublicBoardPage(
        term=PublicTerm(term.name, term.start_on, term.end_on, term.id) if term else None,
        members=[PublicMember(m.full_name, m.office_label, m.group_name) for m in members],
        seats=PublicSeats(services.public_seats_required(core, today), len(members)),
        results=[PublicResult(i.subject, i.held_on, i.findings) for i in services.published_results(core)],
        figures=YearFigures(**services.public_figures(today)),
    )
    return respond(request, "thanhtra/public.html", data, breadcrumbs=[("Ban Thanh tra nhân dân", None)])
