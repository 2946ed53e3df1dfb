"""Public pages of the giamsat module: the projects under supervision and one project's
board (names and roles only), plans, results and the UBND's answers (plan III.2.3b).
No resident's identity reaches them: the view models are the whitelist."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from thanthien.web.render import respond
from thanthien.web.request import core_of, path_id

from .. import services
from ..schemas import IndexPage, PublicProject, PublicProjectRow

BASE = "/giamsat"


def index(request: Request, form) -> Response:
    """Chương trình, dự án đầu tư được cộng đồng giám sát."""
    rows = [PublicProjectRow.of(p, board, services.group_names(p.group_ids))
            for p, board in services.supervised_projects(core_of(request))]
    return respond(request, "giamsat/index.html", IndexPage(rows), breadcrumbs=[("Dự án được giám sát", None)])


def project(request: Request, form) -> Response:
    """Ban giám sát, kế hoạch, kết quả giám sát và trả lời của UBND về một dự án."""
    record = services.supervised_project(core_of(request), path_id(request))
    data = PublicProject.of(record, services.group_names(record.project.group_ids))
    return respond(request, "giamsat/public_project.html", data,
                   breadcrumbs=[("Dự án được giám sát", f"{BASE}/"), (record.project.name, None)])
