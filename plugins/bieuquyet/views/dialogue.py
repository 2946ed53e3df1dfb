"""Staff pages of the annual community meeting and the dialogue conference (R-DT-01…04).

``/bieuquyet/hoi-nghi``         the year's meetings, groups still without one, plan one
``/bieuquyet/hoi-nghi/{id}``    one meeting: plan, notice, the agenda in order, the report
"""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from thanthien.core import people
from thanthien.core.access import ANYWHERE
from thanthien.core.storage.db import now
from thanthien.web.forms import structure
from thanthien.web.render import redirect, respond
from thanthien.web.request import actor_of, can, core_of, path_id, query_int, units_for
from thanthien.web.routing import page

from ..forms_elections import AgendaItemForm, PlanMeetingForm, ReportForm, SentForm
from ..services import dialogue as dl
from ..types import P_DECIDE, P_MANAGE
from .common import BASE, DESK, SMALL
from .election_schemas import MeetingPage, MeetingRedirect, MeetingsPage, Option

HOME = (DESK[0], f"{BASE}/can-bo")
LIST = ("Hội nghị định kỳ, đối thoại", f"{BASE}/hoi-nghi")


def meetings_page(request: Request, form) -> Response:
    """Hội nghị định kỳ của cộng đồng dân cư và hội nghị đối thoại trong năm."""
    year = query_int(request, "nam") or now().year
    units = units_for(request, P_MANAGE)
    overview = dl.year_overview(core_of(request), year, unit_ids=units)
    groups = [Option(g.id, g.name) for g in people.list_units(("residential_group", "village"))
              if units is None or g.id in units]
    data = MeetingsPage(year, list(overview.meetings), [Option(i, n) for i, n in overview.groups_without_meeting],
                        overview.dialogue_held, groups, list(dl.KINDS.items()), can(request, P_DECIDE, ANYWHERE))
    return respond(request, "bieuquyet/bau-cu/meetings.html", data, breadcrumbs=[HOME, (LIST[0], None)])


def plan_meeting(request: Request, form) -> Response:
    """Lập kế hoạch hội nghị (R-DT-01, R-DT-02)."""
    data = structure(form, PlanMeetingForm)
    m = dl.plan(core_of(request), kind=data.kind, unit_id=data.unit_id, meeting_on=data.meeting_on,
                place=data.place, actor=actor_of(request))
    return redirect(request, f"{LIST[1]}/{m.id}", "Đã lập kế hoạch hội nghị.", data={"meeting_id": m.id})


def meeting_page(request: Request, form) -> Response:
    """Một hội nghị: kế hoạch, thông báo, trình tự, báo cáo kết quả."""
    m = dl.get(core_of(request), path_id(request), actor=actor_of(request))
    agenda = list((dl.AGENDA if m.kind == "dinh_ky" else dl.DIALOGUE_AGENDA).items())
    return respond(request, "bieuquyet/bau-cu/meeting.html", MeetingPage(m, agenda),
                   breadcrumbs=[HOME, LIST, (f"{m.kind_label} – {m.unit_name}", None)])


def _back(request: Request, m: dl.PeriodicMeeting, message: str) -> Response:
    return redirect(request, f"{LIST[1]}/{m.id}", message, data={"meeting_id": m.id})


def meeting_plan_sent(request: Request, form) -> Response:
    """Gửi kế hoạch cho UBND, Ủy ban MTTQ, Ban Thanh tra nhân dân (R-DT-03)."""
    data = structure(form, SentForm)
    return _back(request, dl.send_plan(core_of(request), path_id(request), sent_on=data.sent_on,
                                       actor=actor_of(request)), "Đã ghi nhận gửi kế hoạch.")


def meeting_notice(request: Request, form) -> Response:
    """Thông báo cho các hộ gia đình (R-DT-03)."""
    data = structure(form, SentForm)
    return _back(request, dl.send_notice(core_of(request), path_id(request), sent_on=data.sent_on,
                                         actor=actor_of(request)), "Đã ghi nhận thông báo.")


def meeting_item(request: Request, form) -> Response:
    """Ghi một nội dung theo trình tự hội nghị (R-DT-04)."""
    data = structure(form, AgendaItemForm)
    return _back(request, dl.record_item(core_of(request), path_id(request), key=data.key, summary=data.summary,
                                         actor=actor_of(request)), "Đã ghi nội dung.")


def meeting_report(request: Request, form) -> Response:
    """Gửi báo cáo kết quả hội nghị (R-DT-04)."""
    data = structure(form, ReportForm)
    return _back(request, dl.send_report(core_of(request), path_id(request), sent_on=data.sent_on,
                                         households_present=data.households_present, actor=actor_of(request)),
                 "Đã ghi nhận gửi báo cáo kết quả.")


def routes() -> list:
    write = {"methods": ("POST",), "max_body": SMALL}
    b = "/hoi-nghi"
    return [
        *page(b, meetings_page, permission=P_MANAGE, schema=MeetingsPage),
        *page(f"{b}/ke-hoach", plan_meeting, permission=P_MANAGE, body=PlanMeetingForm, schema=MeetingRedirect,
              error_page=meetings_page, **write),
        *page(f"{b}/{{id:int}}", meeting_page, permission=P_MANAGE, schema=MeetingPage),
        *page(f"{b}/{{id:int}}/gui-ke-hoach", meeting_plan_sent, permission=P_MANAGE, body=SentForm,
              schema=MeetingRedirect, error_page=meeting_page, **write),
        *page(f"{b}/{{id:int}}/thong-bao", meeting_notice, permission=P_MANAGE, body=SentForm,
              schema=MeetingRedirect, error_page=meeting_page, **write),
        *page(f"{b}/{{id:int}}/noi-dung", meeting_item, permission=P_MANAGE, body=AgendaItemForm,
              schema=MeetingRedirect, error_page=meeting_page, **write),
        *page(f"{b}/{{id:int}}/bao-cao", meeting_report, permission=P_MANAGE, body=ReportForm,
              schema=MeetingRedirect, error_page=meeting_page, **write),
    ]
