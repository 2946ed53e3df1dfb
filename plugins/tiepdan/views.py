"""Web pages of the tiepdan module, mounted under ``/tiepdan`` (each with its ``.json`` twin).

Public: the reception schedule (and its iCalendar feed), the feedback form, tracking by
code with the "not resolved" answer, the published dialogue answers. Staff: the
reception register, recording a visit, the list of matters, a matter with its actions,
the schedule planner and the indicators. Views only call :mod:`.services`.
"""
from __future__ import annotations

import datetime as dt

from starlette.requests import Request
from starlette.responses import Response

from thanthien.core.errors import NotFound, ValidationError
from thanthien.web.forms import date_value
from thanthien.web.render import form_errors, redirect, respond
from thanthien.web.routing import PUBLIC, page
from thanthien.web.security import client_ip

from . import services as sv
from .types import (CLASSIFICATIONS, COMPLAINT, COMPLAINT_REFUSAL_GROUNDS, COMPLEXITY, DENUNCIATION,
                    DENUNCIATION_REFUSAL_GROUNDS, PETITION, RECEPTION_REFUSAL_GROUNDS, SESSION_KINDS)

BASE = "/tiepdan"


def _services(request: Request):
    return request.app.state.services




def _period(request: Request, back: int, ahead: int) -> tuple[dt.date, dt.date]:
    today = dt.date.today()
    start = date_value(request.query_params.get("tu"), "tu", today - dt.timedelta(days=back))
    end = date_value(request.query_params.get("den"), "den", today + dt.timedelta(days=ahead))
    if end < start:
        raise ValidationError([("den", "Ngày kết thúc phải sau ngày bắt đầu.")])
    if (end - start).days > 400:
        raise ValidationError([("den", "Chỉ xem tối đa 400 ngày một lần.")])
    return start, end


# ---------------------------------------------------------------------------
# public
# ---------------------------------------------------------------------------

def schedule(request: Request, form) -> Response:
    """Lịch tiếp công dân: địa điểm, thời gian tiếp thường xuyên, lịch tiếp của Chủ tịch UBND."""
    start, end = _period(request, 7, 90)
    data = sv.public_schedule(_services(request), start, end)
    return respond(request, "tiepdan/schedule.html", data, breadcrumbs=[("Lịch tiếp công dân", None)])


def schedule_ics(request: Request, form) -> Response:
    """Lịch tiếp công dân dạng iCalendar."""
    start, end = _period(request, 30, 180)
    return Response(sv.schedule_ics(_services(request), start, end), media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'inline; filename="lich-tiep-cong-dan.ics"'})


def feedback(request: Request, form) -> Response:
    """Gửi phản ánh, kiến nghị đến UBND."""
    data = {"sent": None, "values": {}, "max_chars": sv.config(request.app.state.settings)["public_max_chars"]}
    if form is None:
        return respond(request, "tiepdan/feedback.html", data, breadcrumbs=[("Gửi phản ánh, kiến nghị", None)])
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    try:
        sent = sv.submit_feedback(_services(request), form, client=client_ip(request))
    except ValidationError as exc:
        return form_errors(request, "tiepdan/feedback.html", {**data, "values": values}, exc.errors)
    return respond(request, "tiepdan/feedback.html", {**data, "sent": sent}, status=201,
                   breadcrumbs=[("Gửi phản ánh, kiến nghị", None)])


def tracking(request: Request, form) -> Response:
    """Tra cứu tình trạng xử lý đơn bằng mã tra cứu."""
    code = (request.query_params.get("ma") or "").strip()
    status = sv.track(_services(request), code) if code else None
    return respond(request, "tiepdan/tracking.html", {"code": code, "status": status},
                   breadcrumbs=[("Tra cứu đơn", None)])


def not_resolved(request: Request, form) -> Response:
    """Báo vấn đề chưa được giải quyết (mở lại phản ánh)."""
    code = str(form.get("ma", ""))
    try:
        result = sv.report_not_resolved(_services(request), code, reason=str(form.get("ly_do", "")),
                                        client=client_ip(request))
    except ValidationError as exc:
        status = sv.track(_services(request), code) if code else None
        return form_errors(request, "tiepdan/tracking.html", {"code": code, "status": status}, exc.errors)
    return redirect(request, f"{BASE}/tra-cuu?ma={result['tracking_code']}",
                    "Đã ghi nhận ý kiến; phản ánh được mở lại để xử lý.", data=result)


def dialogues(request: Request, form) -> Response:
    """Kết quả hội nghị đối thoại giữa UBND và Nhân dân."""
    return respond(request, "tiepdan/dialogues.html", {"dialogues": sv.public_dialogues()},
                   breadcrumbs=[("Hội nghị đối thoại", None)])


# ---------------------------------------------------------------------------
# staff
# ---------------------------------------------------------------------------

def register_page(request: Request, form) -> Response:
    """Sổ tiếp công dân."""
    start, end = _period(request, 30, 0)
    rows = sv.register_view(_services(request), start, end, actor=request.state.actor)
    return respond(request, "tiepdan/register.html", {"from": start, "to": end, "visits": rows},
                   breadcrumbs=[("Sổ tiếp công dân", None)])


def visit_form(request: Request, form) -> Response:
    """Vào sổ một lượt tiếp công dân."""
    data = {"classifications": list(CLASSIFICATIONS.items()), "values": {},
            "grounds": list(RECEPTION_REFUSAL_GROUNDS.items())}
    if form is None:
        return respond(request, "tiepdan/visit_form.html", data, breadcrumbs=[("Tiếp công dân", None)])
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    visitor = {k: values.get(k, "") for k in ("full_name", "address", "phone", "citizen_id")}
    try:
        headcount = int(values.get("headcount") or 1)
    except ValueError:
        return form_errors(request, "tiepdan/visit_form.html", {**data, "values": values},
                           [("headcount", "Số người phải là số nguyên.")])
    reps = [{"full_name": n.strip()} for n in values.get("representatives", "").splitlines() if n.strip()]
    matter = {}
    try:
        if values.get("decision_known_on"):
            matter["decision_known_on"] = date_value(values["decision_known_on"], "decision_known_on", dt.date.today())
        if values.get("accused"):
            matter["accused"] = values["accused"]
        visit = sv.record_visit(_services(request), summary=values.get("summary", ""),
                                classification=values.get("classification", ""), visitor=visitor,
                                headcount=headcount, representatives=reps, request=values.get("request", ""),
                                prior_handling=values.get("prior_handling", ""),
                                citizen_signed=values.get("citizen_signed") == "on", matter=matter,
                                actor=request.state.actor)
    except ValidationError as exc:
        return form_errors(request, "tiepdan/visit_form.html", {**data, "values": values}, exc.errors)
    target = f"{BASE}/don-thu/{visit.case_id}" if visit.case_id else f"{BASE}/so-tiep-dan"
    return redirect(request, target, f"Đã vào sổ lượt tiếp số {visit.number}.",
                    data={"visit_id": visit.id, "number": visit.number, "case_id": visit.case_id})


def matters_page(request: Request, form) -> Response:
    """Đơn thư: khiếu nại, tố cáo, phản ánh, kiến nghị."""
    kind = request.query_params.get("loai") or None
    if kind not in (None, COMPLAINT, DENUNCIATION, PETITION):
        raise ValidationError([("loai", "Loại đơn không hợp lệ.")])
    rows = sv.matters(_services(request), actor=request.state.actor, kind=kind,
                      open_only=request.query_params.get("dang_xu_ly") == "1")
    return respond(request, "tiepdan/matters.html", {"matters": rows, "kind": kind},
                   breadcrumbs=[("Đơn thư", None)])


def _case_id(request: Request) -> int:
    return int(request.path_params["id"])


def matter_page(request: Request, form) -> Response:
    """Một đơn thư: trạng thái, thời hạn, các bước, văn bản."""
    svc = _services(request)
    actor = request.state.actor
    view = sv.case_view(svc, _case_id(request), actor=actor)
    documents = []
    if not view["restricted"]:
        documents = [{"id": d.id, "number_symbol": d.number_symbol, "subject": d.subject, "issued_on": d.issued_on}
                     for d in sv.case_documents(svc, view["id"], actor=actor)]
    return respond(request, "tiepdan/matter.html", {"matter": view, "documents": documents},
                   breadcrumbs=[("Đơn thư", f"{BASE}/don-thu"), (view["number"], None)],
                   context={"complexity": list(COMPLEXITY.items()), "staff": sv.staff_choices(),
                            "complaint_grounds": list(COMPLAINT_REFUSAL_GROUNDS.items()),
                            "denunciation_grounds": list(DENUNCIATION_REFUSAL_GROUNDS.items()),
                            "reply_statuses": list(sv.REPLY_STATUSES.items()),
                            "reply_case": sv.reply_case_of(view["id"])})


def reveal(request: Request, form) -> Response:
    """Xem thông tin người gửi đơn (ghi nhật ký, R-TC-10)."""
    svc = _services(request)
    people = sv.reveal_identity(svc, _case_id(request), actor=request.state.actor, reason=str(form.get("ly_do", "")))
    view = sv.case_view(svc, _case_id(request), actor=request.state.actor)
    return respond(request, "tiepdan/reveal.html", {"matter": {"id": view["id"], "number": view["number"]},
                                                    "people": people},
                   breadcrumbs=[("Đơn thư", f"{BASE}/don-thu"), (view["number"], f"{BASE}/don-thu/{view['id']}"),
                                ("Thông tin người gửi", None)],
                   headers={"Cache-Control": "no-store"})


def act(request: Request, form) -> Response:
    """Thao tác trên đơn thư: thụ lý, không thụ lý, chuyển, gia hạn, giải quyết, trả lời."""
    svc = _services(request)
    actor = request.state.actor
    case_id = _case_id(request)
    case = svc.cases.get(case_id)
    f = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    action = f.get("action", "")
    kind = case.case_type
    complexity = f.get("complexity") or None
    handlers = {
        "assign": lambda: sv.assign(svc, case_id, int(f.get("owner_id") or 0), actor=actor),
        "accept": lambda: (sv.accept_complaint if kind == COMPLAINT else sv.accept_denunciation)(
            svc, case_id, actor=actor, complexity=complexity),
        "refuse": lambda: (sv.refuse_complaint if kind == COMPLAINT else sv.reject_denunciation)(
            svc, case_id, ground=f.get("ground", ""), explanation=f.get("explanation", ""), actor=actor),
        "forward": lambda: sv.forward_matter(svc, case_id, to_agency=f.get("to_agency", ""), actor=actor),
        "decide": lambda: sv.decide_complaint(svc, case_id, summary=f.get("summary", ""), actor=actor),
        "send": lambda: sv.send_decision(svc, case_id, actor=actor),
        "withdraw": lambda: (sv.withdraw_complaint(svc, case_id, letter=f.get("letter", ""), actor=actor)
                             if kind == COMPLAINT else
                             sv.withdraw_denunciation(svc, case_id, letter=f.get("letter", ""), actor=actor,
                                                      continue_reason=f.get("continue_reason", ""))),
        "extend": lambda: sv.extend_denunciation(svc, case_id, reason=f.get("reason", ""), actor=actor,
                                                 complexity=complexity),
        "conclude": lambda: sv.conclude_denunciation(svc, case_id, conclusion=f.get("conclusion", ""), actor=actor),
        "take": lambda: sv.take_petition(svc, case_id, actor=actor),
        "file": lambda: sv.file_petition(svc, case_id, reason=f.get("reason", ""), actor=actor),
        "answer": lambda: sv.answer_petition(svc, case_id, answer=f.get("answer", ""), actor=actor),
        "reply": lambda: sv.send_status_reply(svc, sv.reply_case_of(case_id) or 0, status=f.get("status", ""),
                                              text=f.get("text", ""), actor=actor),
    }
    handlers["reject"] = handlers["refuse"]
    if action not in handlers:
        raise ValidationError([("action", "Thao tác không hợp lệ.")])
    if action == "assign" and not f.get("owner_id", "").isdigit():
        raise ValidationError([("owner_id", "Vui lòng chọn người được giao.")])
    if action == "reply" and sv.reply_case_of(case_id) is None:
        raise NotFound("Đơn này không có yêu cầu trả lời tình trạng xử lý.")
    result = handlers[action]()
    return redirect(request, f"{BASE}/don-thu/{case_id}", "Đã cập nhật hồ sơ.",
                    data={"state": result.state if hasattr(result, "state") else None})


def planner(request: Request, form) -> Response:
    """Lập và công khai lịch tiếp công dân."""
    svc = _services(request)
    data = {"kinds": list(SESSION_KINDS.items()), "staff": sv.staff_choices(), "values": {}, "warnings": []}
    today = dt.date.today()
    data["sessions"] = sv.sessions(today - dt.timedelta(days=7), today + dt.timedelta(days=120), include_drafts=True)
    data["coverage"] = sv.chairman_coverage(svc, today, today + dt.timedelta(days=60))
    if form is None:
        return respond(request, "tiepdan/planner.html", data, breadcrumbs=[("Lập lịch tiếp công dân", None)])
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    try:
        if values.get("publish_id"):
            session, warnings = sv.publish_session(svc, int(values["publish_id"]), actor=request.state.actor)
        else:
            session = sv.create_session(
                svc, kind=values.get("kind", ""), day=date_value(values.get("day"), "day", None) if values.get("day")
                else None, start_time=values.get("start_time", ""), end_time=values.get("end_time", ""),
                place=values.get("place", ""), host_id=int(values["host_id"]) if values.get("host_id", "").isdigit()
                else None, attendees=values.get("attendees", "").splitlines(), topics=values.get("topics", ""),
                actor=request.state.actor)
            warnings = []
    except ValidationError as exc:
        return form_errors(request, "tiepdan/planner.html", {**data, "values": values}, exc.errors)
    message = "Đã lưu lịch tiếp công dân." + (" " + " ".join(warnings) if warnings else "")
    return redirect(request, f"{BASE}/lich", message, data={"session_id": session.id, "warnings": warnings})


def indicators_page(request: Request, form) -> Response:
    """Chỉ tiêu tiếp công dân và giải quyết đơn thư."""
    today = dt.date.today()
    start = date_value(request.query_params.get("tu"), "tu", today.replace(month=1, day=1))
    end = date_value(request.query_params.get("den"), "den", today)
    if end < start:
        raise ValidationError([("den", "Ngày kết thúc phải sau ngày bắt đầu.")])
    return respond(request, "tiepdan/indicators.html", {"indicators": sv.indicators(_services(request), start, end)},
                   breadcrumbs=[("Chỉ tiêu tiếp công dân", None)])


def routes(settings=None) -> list:
    return [
        *page("/lich-tiep-dan.ics", schedule_ics, permission=PUBLIC, json_twin=False, public_cache=300),
        *page("/lich-tiep-dan", schedule, permission=PUBLIC, public_cache=300),
        *page("/phan-anh", feedback, permission=PUBLIC, methods=("GET", "POST"), max_body=64 * 1024),
        *page("/tra-cuu", tracking, permission=PUBLIC, public_cache=0),
        *page("/tra-cuu/chua-giai-quyet", not_resolved, permission=PUBLIC, methods=("POST",), max_body=16 * 1024),
        *page("/doi-thoai", dialogues, permission=PUBLIC),
        *page("/so-tiep-dan", register_page, permission="tiepdan.view"),
        *page("/tiep-cong-dan", visit_form, permission="tiepdan.receive", methods=("GET", "POST")),
        *page("/don-thu", matters_page, permission="tiepdan.view"),
        *page("/don-thu/{id:int}", matter_page, permission="tiepdan.view"),
        *page("/don-thu/{id:int}/xem-thong-tin", reveal, permission="tiepdan.handle", methods=("POST",)),
        *page("/don-thu/{id:int}/xu-ly", act, permission="tiepdan.handle", methods=("POST",)),
        *page("/lich", planner, permission="tiepdan.schedule", methods=("GET", "POST")),
        *page("/chi-tieu", indicators_page, permission="tiepdan.view"),
    ]
