"""Staff pages of a community meeting, made for a group head's phone: the roster with a
button per household to mark it present and to record its vote, then the minutes."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from thanthien.core import voting
from thanthien.core.storage.db import now
from thanthien.web.forms import Redirected, structure
from thanthien.web.render import redirect, respond
from thanthien.web.request import actor_of, can, core_of, path_id, require
from thanthien.web.routing import page

from ..forms import AttendanceForm, DeliveryForm, FinishForm, NotifyForm, OpenVotingForm, VoteForm, lines
from ..schemas import MeetingPage
from ..services import matters, meetings
from ..types import NOTICE_CHANNELS, P_MANAGE, P_VIEW
from .common import BASE, DESK, SMALL


def _meeting_for(request: Request, permission: str) -> meetings.Meeting:
    mt = meetings.get(core_of(request), path_id(request))
    require(request, permission, mt.unit_id)
    return mt


def meeting_page(request: Request, form) -> Response:
    """Cuộc họp cộng đồng dân cư: điểm danh, biểu quyết từng hộ, biên bản."""
    core = core_of(request)
    mt = _meeting_for(request, P_VIEW)
    matter = matters.get(core, mt.matter_id) if mt.matter_id else None
    data = MeetingPage(mt, matter, meetings.roster(core, mt.id), meetings.delivery_status(core, mt.id),
                       meetings.notice_deadline(core, mt.scheduled_at), dict(voting.OPTION_LABELS))
    crumbs = [DESK, *([(matter.title, f"{BASE}/can-bo/noi-dung/{matter.id}")] if matter else []), (mt.title, None)]
    return respond(request, "bieuquyet/meeting.html", data, breadcrumbs=crumbs,
                   context={"can_manage": can(request, P_MANAGE, mt.unit_id), "channels": NOTICE_CHANNELS,
                            "today": now().date(), "methods": meetings.MEETING_METHODS})


def _back(request: Request, meeting_id: int, message: str, anchor: str = "") -> Response:
    return redirect(request, f"{BASE}/can-bo/hop/{meeting_id}{anchor}", message, data={"meeting_id": meeting_id})


def notify(request: Request, form) -> Response:
    """Gửi thông báo họp (Mẫu 01) và niêm yết tại nhà văn hóa."""
    mt = _meeting_for(request, P_MANAGE)
    data = structure(form, NotifyForm)
    meetings.notify(core_of(request), mt.id, channels=data.channels, on=data.on, actor=actor_of(request))
    return _back(request, mt.id, "Đã gửi thông báo họp và niêm yết tại nhà văn hóa.")


def deliver(request: Request, form) -> Response:
    """Ghi tài liệu cuộc họp đã giao cho hộ gia đình."""
    mt = _meeting_for(request, P_MANAGE)
    data = structure(form, DeliveryForm)
    meetings.record_delivery(core_of(request), mt.id, [data.household_id], on=data.on, actor=actor_of(request))
    return _back(request, mt.id, "Đã ghi giao tài liệu.", f"#ho-{data.household_id}")


def attend(request: Request, form) -> Response:
    """Ghi hộ gia đình có đại diện dự họp."""
    mt = _meeting_for(request, P_MANAGE)
    data = structure(form, AttendanceForm)
    meetings.record_attendance(core_of(request), mt.id, data.household_id, representative=data.representative,
                               proxy=data.proxy, actor=actor_of(request))
    return _back(request, mt.id, "Đã ghi có mặt.", f"#ho-{data.household_id}")


def open_voting(request: Request, form) -> Response:
    """Biểu quyết thủ tục, bắt đầu biểu quyết nội dung."""
    mt = _meeting_for(request, P_MANAGE)
    data = structure(form, OpenVotingForm)
    meetings.open_voting(core_of(request), mt.id, secretary=data.secretary, method=data.method,
                         procedural_yes=data.procedural_yes, count_board=lines(data.count_board),
                         witnesses=lines(data.witnesses), actor=actor_of(request))
    return _back(request, mt.id, "Đã bắt đầu biểu quyết.")


def vote(request: Request, form) -> Response:
    """Ghi ý kiến biểu quyết của một hộ có mặt."""
    mt = _meeting_for(request, P_MANAGE)
    data = structure(form, VoteForm)
    meetings.record_vote(core_of(request), mt.id, data.household_id, data.option, actor=actor_of(request))
    return _back(request, mt.id, "Đã ghi biểu quyết.", f"#ho-{data.household_id}")


def finish(request: Request, form) -> Response:
    """Kết thúc cuộc họp, kiểm phiếu trên tổng số hộ, lập biên bản."""
    mt = _meeting_for(request, P_MANAGE)
    data = structure(form, FinishForm)
    result = meetings.finish(core_of(request), mt.id, front_head=data.front_head,
                             household_signers=lines(data.household_signers), decision_text=data.decision_text,
                             actor=actor_of(request))
    if result is None:
        message = "Đã kết thúc cuộc họp; kết quả toàn phường được tính khi các tổ dân phố đã họp."
    else:
        message = ("Đã kết thúc cuộc họp: nội dung được thông qua." if result.passed
                   else "Đã kết thúc cuộc họp: nội dung không được thông qua.")
    return _back(request, mt.id, message)


def routes() -> list:
    write = {"methods": ("POST",), "max_body": SMALL, "schema": Redirected, "error_page": meeting_page}
    return [
        *page("/can-bo/hop/{id:int}", meeting_page, permission=P_VIEW, schema=MeetingPage),
        *page("/can-bo/hop/{id:int}/thong-bao", notify, permission=P_MANAGE, body=NotifyForm, **write),
        *page("/can-bo/hop/{id:int}/giao-tai-lieu", deliver, permission=P_MANAGE, body=DeliveryForm, **write),
        *page("/can-bo/hop/{id:int}/diem-danh", attend, permission=P_MANAGE, body=AttendanceForm, **write),
        *page("/can-bo/hop/{id:int}/bat-dau", open_voting, permission=P_MANAGE, body=OpenVotingForm, **write),
        *page("/can-bo/hop/{id:int}/bieu-quyet", vote, permission=P_MANAGE, body=VoteForm, **write),
        *page("/can-bo/hop/{id:int}/ket-thuc", finish, permission=P_MANAGE, body=FinishForm, **write),
    ]
