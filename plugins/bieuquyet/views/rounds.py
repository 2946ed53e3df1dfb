"""Staff pages of household ballots and online votes: the plan, the printed code sheet
(shown once: codes are stored only as keyed hashes), paper ballots entered by their code,
the preliminary poll, opening and closing the online vote."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from thanthien.web.forms import Redirected, structure
from thanthien.web.render import redirect, respond
from thanthien.web.request import actor_of, core_of, path_id, require

from ..forms import (
    BallotEntryForm,
    BallotPlanForm,
    CountForm,
    FrontHeadForm,
    OnlineOpenForm,
    OnlinePlanForm,
    PollForm,
    at_time,
    lines,
)
from ..schemas import CodeSheetPage, SheetSlip
from ..services import ballots, codes, matters, online
from ..types import CODE_PURPOSES, P_CODES, P_MANAGE
from .common import BASE, DESK, SMALL
from .matters import matter_detail


def _back(request: Request, matter_id: int, message: str) -> Response:
    return redirect(request, f"{BASE}/can-bo/noi-dung/{matter_id}", message, data={"matter_id": matter_id})


def _sheet(request: Request, matter: matters.Matter, purpose: str, issued, link: str, sent: int = 0) -> Response:
    slips = [SheetSlip(s.household_code, s.head_name, s.address, s.group_name, s.code, s.expires_at)
             for s in codes.code_sheet(issued)]
    data = CodeSheetPage(matter, CODE_PURPOSES[purpose], link, slips, sent)
    return respond(request, "bieuquyet/code_sheet.html", data,
                   breadcrumbs=[DESK, (matter.title, f"{BASE}/can-bo/noi-dung/{matter.id}"), ("Phiếu mã", None)])


def plan_ballot(request: Request, form) -> Response:
    """Lập kế hoạch phát phiếu và in phiếu mã cho từng hộ gia đình."""
    core = core_of(request)
    m = matters.get(core, path_id(request))
    require(request, P_MANAGE, m.unit_id)
    require(request, P_CODES, m.unit_id)
    data = structure(form, BallotPlanForm)
    _, issued = ballots.plan(core, m.id, reason=data.reason, team=lines(data.team), published_on=data.published_on,
                             plan_issued_on=data.plan_issued_on, issue_on=data.issue_on,
                             return_deadline=data.return_deadline, actor=actor_of(request))
    return _sheet(request, matters.get(core, m.id), "ballot", issued, "")


def _round_matter(request: Request, round_row) -> matters.Matter:
    m = matters.get(core_of(request), round_row.matter_id)
    require(request, P_MANAGE, m.unit_id)
    return m


def enter_ballot(request: Request, form) -> Response:
    """Nhập một phiếu đã thu (mã trên phiếu dùng một lần)."""
    row = ballots.get_row(path_id(request))
    m = _round_matter(request, row)
    data = structure(form, BallotEntryForm)
    ballots.enter_ballot(core_of(request), row.id, code=data.code, option=data.option, actor=actor_of(request))
    return _back(request, m.id, "Đã nhập phiếu.")


def count_ballots(request: Request, form) -> Response:
    """Kiểm phiếu có hai đại diện hộ chứng kiến (Mẫu 04)."""
    row = ballots.get_row(path_id(request))
    m = _round_matter(request, row)
    data = structure(form, CountForm)
    result = ballots.count(core_of(request), row.id, witnesses=lines(data.witnesses), front_head=data.front_head,
                           actor=actor_of(request))
    return _back(request, m.id, "Đã kiểm phiếu: " + ("nội dung được thông qua." if result.passed
                                                      else "nội dung không được thông qua."))


def plan_online(request: Request, form) -> Response:
    """Lập tổ biểu quyết trực tuyến."""
    m = matters.get(core_of(request), path_id(request))
    require(request, P_MANAGE, m.unit_id)
    data = structure(form, OnlinePlanForm)
    online.plan(core_of(request), m.id, team=lines(data.team), informed_on=data.informed_on, actor=actor_of(request))
    return _back(request, m.id, "Đã lập kế hoạch biểu quyết trực tuyến.")


def record_poll(request: Request, form) -> Response:
    """Ghi kết quả thăm dò sơ bộ."""
    row = online.get_row(path_id(request))
    m = _round_matter(request, row)
    data = structure(form, PollForm)
    online.record_poll(core_of(request), row.id, yes=data.yes, actor=actor_of(request))
    return _back(request, m.id, "Đã ghi kết quả thăm dò sơ bộ.")


def open_online(request: Request, form) -> Response:
    """Mở biểu quyết trực tuyến và in phiếu mã (hoặc gửi mã qua tin nhắn)."""
    core = core_of(request)
    row = online.get_row(path_id(request))
    m = _round_matter(request, row)
    require(request, P_CODES, m.unit_id)
    data = structure(form, OnlineOpenForm)
    _, issued = online.open_round(core, row.id, starts_at=at_time(data.start_day, data.start_time),
                                  ends_at=at_time(data.end_day, data.end_time), actor=actor_of(request))
    sent = online.send_codes(core, issued, matter_id=m.id, actor=actor_of(request)) if data.send else 0
    return _sheet(request, matters.get(core, m.id), "vote", issued, f"{BASE}/bieu-quyet/{m.id}", sent)


def close_online(request: Request, form) -> Response:
    """Kết thúc biểu quyết trực tuyến, lập biên bản (Mẫu 03)."""
    row = online.get_row(path_id(request))
    m = _round_matter(request, row)
    data = structure(form, FrontHeadForm)
    result = online.close(core_of(request), row.id, front_head=data.front_head, actor=actor_of(request))
    return _back(request, m.id, "Đã kết thúc biểu quyết trực tuyến: " + (
        "nội dung được thông qua." if result.passed else "nội dung không được thông qua."))


def _round_error(request: Request, form) -> Response:
    """The matter page of a ballot or online round, for a write that failed validation."""
    path = request.url.path
    row = ballots.get_row(path_id(request)) if "/phat-phieu/" in path else online.get_row(path_id(request))
    request.path_params["id"] = row.matter_id
    return matter_detail(request, form)


def routes() -> list:
    from thanthien.web.routing import page

    write = {"methods": ("POST",), "max_body": SMALL}
    on_matter = {**write, "error_page": matter_detail}
    on_round = {**write, "schema": Redirected, "error_page": _round_error}
    return [
        *page("/can-bo/noi-dung/{id:int}/phat-phieu", plan_ballot, permission=P_MANAGE, body=BallotPlanForm,
              schema=CodeSheetPage, **on_matter),
        *page("/can-bo/phat-phieu/{id:int}/nhap", enter_ballot, permission=P_MANAGE, body=BallotEntryForm, **on_round),
        *page("/can-bo/phat-phieu/{id:int}/kiem-phieu", count_ballots, permission=P_MANAGE, body=CountForm,
              **on_round),
        *page("/can-bo/noi-dung/{id:int}/truc-tuyen", plan_online, permission=P_MANAGE, body=OnlinePlanForm,
              schema=Redirected, **on_matter),
        *page("/can-bo/truc-tuyen/{id:int}/tham-do", record_poll, permission=P_MANAGE, body=PollForm, **on_round),
        *page("/can-bo/truc-tuyen/{id:int}/mo", open_online, permission=P_MANAGE, body=OnlineOpenForm,
              schema=CodeSheetPage, **write, error_page=_round_error),
        *page("/can-bo/truc-tuyen/{id:int}/ket-thuc", close_online, permission=P_MANAGE, body=FrontHeadForm,
              **on_round),
    ]
