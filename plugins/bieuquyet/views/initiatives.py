"""Staff pages of citizen initiatives (R-BQ-04/05): households' consents, valid 3 months,
and putting the initiative to the community."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from thanthien.core.storage.db import now
from thanthien.web.forms import Redirected, structure
from thanthien.web.render import redirect, respond
from thanthien.web.request import actor_of, core_of, path_id, require, units_for
from thanthien.web.routing import page

from ..forms import ConsentForm, InitiativeForm, SubmitInitiativeForm
from ..schemas import InitiativePage, InitiativesPage
from ..services import initiatives, meetings
from ..types import FORMS, MATTER_KINDS, P_MANAGE, P_VIEW
from .common import BASE, DESK, SMALL
from .matters import _groups


def listing(request: Request, form) -> Response:
    """Sáng kiến của công dân: số hộ đồng ý còn hiệu lực."""
    core = core_of(request)
    if form is not None:
        data = structure(form, InitiativeForm)
        require(request, P_MANAGE, data.unit_id)
        iid = initiatives.start(core, unit_id=data.unit_id, title=data.title, content=data.content,
                                initiator_name=data.initiator_name, on=now().date(), actor=actor_of(request))
        return redirect(request, f"{BASE}/can-bo/sang-kien/{iid}", "Đã ghi nhận sáng kiến.",
                        data={"initiative_id": iid})
    rows = initiatives.listing(core, unit_ids=units_for(request, P_VIEW), on=now().date())
    return respond(request, "bieuquyet/initiatives.html", InitiativesPage(rows),
                   breadcrumbs=[DESK, ("Sáng kiến của công dân", None)], context={"groups": _groups(request)})


def _initiative(request: Request, permission: str) -> initiatives.Initiative:
    item = initiatives.get(core_of(request), path_id(request), now().date())
    require(request, permission, item.unit_id)
    return item


def detail(request: Request, form) -> Response:
    """Một sáng kiến: hộ đồng ý (còn hiệu lực 03 tháng), đưa ra cộng đồng."""
    core = core_of(request)
    item = _initiative(request, P_VIEW)
    households = meetings.households_of(core, item.unit_id)
    data = InitiativePage(item, initiatives.status(core, item.id, now().date()), households, dict(MATTER_KINDS),
                          dict(FORMS))
    return respond(request, "bieuquyet/initiative.html", data,
                   breadcrumbs=[DESK, ("Sáng kiến của công dân", f"{BASE}/can-bo/sang-kien"), (item.title, None)],
                   context={"today": now().date()})


def consent(request: Request, form) -> Response:
    """Ghi hộ gia đình đồng ý với sáng kiến."""
    item = _initiative(request, P_MANAGE)
    data = structure(form, ConsentForm)
    initiatives.record_consent(core_of(request), item.id, data.household_id, on=data.on, actor=actor_of(request))
    return redirect(request, f"{BASE}/can-bo/sang-kien/{item.id}", "Đã ghi hộ đồng ý.", data={"initiative_id": item.id})


def submit(request: Request, form) -> Response:
    """Đưa sáng kiến ra Nhân dân bàn và quyết định."""
    item = _initiative(request, P_MANAGE)
    data = structure(form, SubmitInitiativeForm)
    matter = initiatives.submit(core_of(request), item.id, kind=data.kind, form=data.form, on=now().date(),
                                front_approval=data.front_approval, actor=actor_of(request))
    return redirect(request, f"{BASE}/can-bo/noi-dung/{matter.id}", "Đã đưa sáng kiến ra Nhân dân bàn và quyết định.",
                    data={"matter_id": matter.id})


def routes() -> list:
    write = {"methods": ("POST",), "max_body": SMALL, "schema": Redirected, "error_page": detail}
    return [
        *page("/can-bo/sang-kien", listing, permission=P_VIEW, methods=("GET", "POST"), body=InitiativeForm,
              max_body=SMALL, schema=InitiativesPage),
        *page("/can-bo/sang-kien/{id:int}", detail, permission=P_VIEW, schema=InitiativePage),
        *page("/can-bo/sang-kien/{id:int}/dong-y", consent, permission=P_MANAGE, body=ConsentForm, **write),
        *page("/can-bo/sang-kien/{id:int}/dua-ra", submit, permission=P_MANAGE, body=SubmitInitiativeForm, **write),
    ]
