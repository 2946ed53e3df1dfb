"""Web pages of the giamsat module, mounted under ``/giamsat`` (each with its ``.json`` twin).

Public: the projects under supervision and one project's board (names and roles only),
plan, results and UBND answers. Staff: the project register with coverage and warnings,
a new project, setting up a board, the project's supervision page and its actions, the
recommendations awaiting the UBND's answer, the indicators. Views only call
:mod:`.services`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from thanthien.core.errors import ValidationError
from thanthien.web.forms import query_date
from thanthien.web.render import form_errors, redirect, respond
from thanthien.web.routing import PUBLIC, page

from . import services as sv
from .types import (
    BOARD_ROLES,
    CHECK_STATUSES,
    FUNDING,
    RECOMMENDATION_KINDS,
    RELATION_PARTIES,
    REPORT_CHANNELS,
    REPORT_KINDS,
    REPRESENTING,
    content_items,
    request_items,
)

BASE = "/giamsat"
MEMBER_ROWS = 10  # rows of the board form (the R-GS limits are checked by the services)


def _svc(request: Request):
    return request.app.state.services


def _id(request: Request) -> int:
    return int(request.path_params["id"])


def _strings(form: dict | None) -> dict[str, Any]:
    """Form values as text (a repeated field stays a list of texts); files dropped."""
    out: dict[str, Any] = {}
    for key, value in (form or {}).items():
        if isinstance(value, list):
            out[key] = [v for v in value if isinstance(v, (str, int, float, bool))]
        elif isinstance(value, (str, int, float, bool)) or value is None:
            out[key] = value
    return out


def _list(value: Any) -> list:
    if value in (None, ""):
        return []
    return value if isinstance(value, list) else [value]


# ---------------------------------------------------------------------------
# public
# ---------------------------------------------------------------------------

def index(request: Request, form) -> Response:
    """Chương trình, dự án đầu tư được cộng đồng giám sát."""
    return respond(request, "giamsat/index.html", {"projects": sv.public_projects()},
                   breadcrumbs=[("Dự án được giám sát", None)])


def public_project(request: Request, form) -> Response:
    """Ban giám sát, kế hoạch, kết quả giám sát và trả lời của UBND về một dự án."""
    data = sv.public_project(_svc(request), _id(request))
    return respond(request, "giamsat/public_project.html", data,
                   breadcrumbs=[("Dự án được giám sát", f"{BASE}/"), (data["project"]["name"], None)])


# ---------------------------------------------------------------------------
# staff: register, new project, board
# ---------------------------------------------------------------------------

def register(request: Request, form) -> Response:
    """Sổ theo dõi chương trình, dự án đầu tư và Ban giám sát."""
    return respond(request, "giamsat/register.html", sv.staff_register(_svc(request)),
                   breadcrumbs=[("Giám sát đầu tư của cộng đồng", None)])


def _project_form_data() -> dict[str, Any]:
    return {"funding": list(FUNDING.items()), "groups": [(g.id, g.name) for g in sv.community_groups()]}


def new_project(request: Request, form) -> Response:
    """Vào sổ chương trình, dự án đầu tư."""
    crumbs = [("Giám sát đầu tư", f"{BASE}/du-an"), ("Vào sổ dự án", None)]
    data = {**_project_form_data(), "values": {}}
    if form is None:
        return respond(request, "giamsat/project_form.html", data, breadcrumbs=crumbs)
    values = _strings(form)
    values["group_ids"] = _list(values.get("group_ids"))
    try:
        project = sv.create_project(_svc(request), values, actor=request.state.actor)
    except ValidationError as exc:
        return form_errors(request, "giamsat/project_form.html", {**data, "values": values}, exc.errors)
    return redirect(request, f"{BASE}/du-an/{project.id}/quan-ly", f"Đã vào sổ dự án {project.code}.",
                    data={"project_id": project.id, "code": project.code})


def _board_form_data(project) -> dict[str, Any]:
    return {"project": {"id": project.id, "code": project.code, "name": project.name},
            "roles": list(BOARD_ROLES.items()), "representing": list(REPRESENTING.items()),
            "parties": [("", "— không có —"), *RELATION_PARTIES.items()],
            "group_options": [("", "—")] + [(g.id, g.name) for g in sv.community_groups() if g.id in project.group_ids],
            "rows": list(range(1, MEMBER_ROWS + 1)), "scope": sv.scope_reason(project),
            "in_scope": project.in_scope}


def new_board(request: Request, form) -> Response:
    """Thành lập Ban Giám sát đầu tư của cộng đồng cho dự án (Ủy ban MTTQ)."""
    project = sv.get_project(_id(request))
    crumbs = [("Giám sát đầu tư", f"{BASE}/du-an"), (project.code, f"{BASE}/du-an/{project.id}/quan-ly"),
              ("Thành lập Ban giám sát", None)]
    data = {**_board_form_data(project), "values": {}}
    if form is None:
        return respond(request, "giamsat/board_form.html", data, breadcrumbs=crumbs)
    values = _strings(form)
    if isinstance(form.get("members"), list) and all(isinstance(m, dict) for m in form["members"]):
        members = form["members"]  # JSON body
    else:
        members = [m for i in range(1, MEMBER_ROWS + 1) if (m := sv.member_input(values, i))]
    try:
        board = sv.create_board(_svc(request), project.id, decision_ref=str(values.get("decision_ref") or ""),
                                established_on=values.get("established_on"), members=members,
                                actor=request.state.actor)
    except ValidationError as exc:
        return form_errors(request, "giamsat/board_form.html", {**data, "values": values}, exc.errors)
    return redirect(request, f"{BASE}/du-an/{project.id}/quan-ly", "Đã thành lập Ban giám sát.",
                    data={"board_id": board.id})


# ---------------------------------------------------------------------------
# staff: the project's supervision page and its actions
# ---------------------------------------------------------------------------

def _manage_context(project) -> dict[str, Any]:
    return {"check_statuses": list(CHECK_STATUSES.items()), "content_items": list(content_items(project.funding).items()),
            "request_items": list(request_items(project.funding).items()),
            "channels": list(REPORT_CHANNELS.items()), "rec_kinds": list(RECOMMENDATION_KINDS.items()),
            "report_kinds": list(REPORT_KINDS.items()), "roles": list(BOARD_ROLES.items()),
            "representing": list(REPRESENTING.items()), "parties": [("", "— không có —"), *RELATION_PARTIES.items()],
            "group_options": [("", "—")] + [(g.id, g.name) for g in sv.community_groups() if g.id in project.group_ids],
            "today": dt.date.today()}


def manage(request: Request, form) -> Response:
    """Hồ sơ giám sát một dự án: Ban giám sát, kế hoạch, nội dung, kiểm tra, kiến nghị, báo cáo."""
    data = sv.staff_project(_svc(request), _id(request))
    p = data["project"]
    return respond(request, "giamsat/project.html", data, breadcrumbs=[("Giám sát đầu tư", f"{BASE}/du-an"),
                                                                      (p.code, None)],
                   context=_manage_context(p))


def _act(request: Request, project_id: int, action: Callable[[], Any], message: str,
         data: Callable[[Any], dict] | None = None) -> Response:
    """Run a service action; on bad input show the project page again with the messages (422)."""
    try:
        result = action()
    except ValidationError as exc:
        page_data = sv.staff_project(_svc(request), project_id)
        return form_errors(request, "giamsat/project.html", {**page_data, **_manage_context(page_data["project"])},
                           exc.errors)
    extra = data(result) if data else {}
    if isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], list) and result[1]:
        message = message + " Lưu ý: " + " ".join(result[1])
    return redirect(request, f"{BASE}/du-an/{project_id}/quan-ly", message, data=extra)


def _board_project(board_id: int) -> int:
    return sv.get_board(board_id).project_id


def add_member(request: Request, form) -> Response:
    """Bổ sung thành viên Ban giám sát."""
    values = _strings(form)
    member = values if "full_name" in values else (sv.member_input(values, 1) or {})
    board_id = _id(request)
    return _act(request, _board_project(board_id),
                lambda: sv.add_member(_svc(request), board_id, member, actor=request.state.actor),
                "Đã bổ sung thành viên Ban giám sát.")


def dissolve(request: Request, form) -> Response:
    """Giải thể Ban giám sát khi kết thúc giám sát (R-GS-01)."""
    values = _strings(form)
    board_id = _id(request)
    return _act(request, _board_project(board_id),
                lambda: sv.dissolve_board(_svc(request), board_id, dissolved_on=values.get("dissolved_on"),
                                          note=str(values.get("note") or ""), actor=request.state.actor),
                "Ban giám sát đã giải thể.")


def new_plan(request: Request, form) -> Response:
    """Lập kế hoạch giám sát."""
    values = _strings(form)
    board_id = _id(request)
    return _act(request, _board_project(board_id),
                lambda: sv.create_plan(_svc(request), board_id, title=str(values.get("title") or ""),
                                       start_on=values.get("start_on"), end_on=values.get("end_on"),
                                       content=_list(values.get("content")),
                                       activities=str(values.get("activities") or ""), actor=request.state.actor),
                "Đã lưu kế hoạch giám sát.", lambda r: {"plan_id": r[0].id, "warnings": r[1]})


def notify_plan(request: Request, form) -> Response:
    """Ghi nhận việc thông báo kế hoạch và thành phần Ban cho chủ đầu tư (R-GS-09)."""
    values = _strings(form)
    plan = sv.get_plan(_svc(request), _id(request))
    return _act(request, _board_project(plan.board_id),
                lambda: sv.record_plan_notice(_svc(request), plan.id, notified_on=values.get("notified_on"),
                                              notice_ref=str(values.get("notice_ref") or ""),
                                              actor=request.state.actor),
                "Đã ghi nhận thông báo cho chủ đầu tư.", lambda r: {"late": r[0].notified_late, "warnings": r[1]})


def update_check(request: Request, form) -> Response:
    """Cập nhật kết quả một nội dung giám sát (R-GS-07)."""
    values = _strings(form)
    board_id = _id(request)
    return _act(request, _board_project(board_id),
                lambda: sv.update_check(_svc(request), board_id, item=str(values.get("item") or ""),
                                        status=str(values.get("status") or ""),
                                        finding=str(values.get("finding") or ""), actor=request.state.actor),
                "Đã cập nhật kết quả giám sát.")


def _photos(form: dict | None) -> list[tuple[str, bytes, str, str]]:
    out = []
    for upload in _list((form or {}).get("photos")):
        if isinstance(upload, str) or not hasattr(upload, "file"):
            continue
        data = upload.file.read()
        if not upload.filename and not data:
            continue  # the file input left empty
        out.append((upload.filename or "", data, upload.content_type or "", ""))
    return out


def new_inspection(request: Request, form) -> Response:
    """Ghi nhận kiểm tra, giám sát tại hiện trường (kèm ảnh)."""
    values = _strings(form)
    board_id = _id(request)
    return _act(request, _board_project(board_id),
                lambda: sv.record_inspection(_svc(request), board_id, held_on=values.get("held_on"),
                                             place=str(values.get("place") or ""),
                                             findings=str(values.get("findings") or ""),
                                             participants=str(values.get("participants") or ""),
                                             experts=str(values.get("experts") or ""),
                                             serious_violation=values.get("serious_violation"),
                                             photos=_photos(form), actor=request.state.actor),
                "Đã ghi nhận kết quả kiểm tra hiện trường.", lambda r: {"inspection_id": r.id})


def photo(request: Request, form) -> Response:
    """Ảnh hiện trường."""
    p, _board, data = sv.photo_file(_id(request))
    return Response(data, media_type=p.content_type, headers={
        "Content-Disposition": "inline", "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox"})


def new_request(request: Request, form) -> Response:
    """Gửi yêu cầu cung cấp thông tin (R-GS-08)."""
    values = _strings(form)
    board_id = _id(request)
    return _act(request, _board_project(board_id),
                lambda: sv.send_info_request(_svc(request), board_id, sent_on=values.get("sent_on"),
                                             addressee=str(values.get("addressee") or ""),
                                             items=_list(values.get("items")), note=str(values.get("note") or ""),
                                             actor=request.state.actor),
                "Đã ghi nhận yêu cầu cung cấp thông tin.")


def answer_request(request: Request, form) -> Response:
    """Ghi nhận trả lời yêu cầu cung cấp thông tin."""
    values = _strings(form)
    req_id = _id(request)
    return _act(request, _board_project(sv.get_request(req_id).board_id),
                lambda: sv.record_request_answer(_svc(request), req_id, answered_on=values.get("answered_on"),
                                                 answer=str(values.get("answer") or ""), actor=request.state.actor),
                "Đã ghi nhận trả lời.")


def new_report(request: Request, form) -> Response:
    """Tiếp nhận phản ánh của Nhân dân về dự án (R-PA-09)."""
    values = _strings(form)
    project_id = _id(request)
    sv.get_project(project_id)
    return _act(request, project_id,
                lambda: sv.receive_report(_svc(request), project_id, channel=str(values.get("channel") or ""),
                                          content=str(values.get("content") or ""),
                                          received_on=values.get("received_on"),
                                          sender_name=str(values.get("sender_name") or ""),
                                          sender_contact=str(values.get("sender_contact") or ""),
                                          actor=request.state.actor),
                "Đã tiếp nhận phản ánh.")


def handle_report(request: Request, form) -> Response:
    """Ghi kết quả xem xét, xử lý phản ánh."""
    values = _strings(form)
    report = sv.get_citizen_report(_id(request))
    return _act(request, report.project_id,
                lambda: sv.handle_report(_svc(request), report.id, result=str(values.get("result") or ""),
                                         handled_on=values.get("handled_on"), actor=request.state.actor),
                "Đã ghi kết quả xử lý phản ánh.")


def new_recommendation(request: Request, form) -> Response:
    """Gửi kiến nghị đến UBND phường."""
    values = _strings(form)
    board_id = _id(request)
    basis = str(values.get("basis_inspection_id") or "")
    return _act(request, _board_project(board_id),
                lambda: sv.make_recommendation(_svc(request), board_id, kind=str(values.get("kind") or ""),
                                               content=str(values.get("content") or ""),
                                               sent_on=values.get("sent_on"),
                                               basis_inspection_id=int(basis) if basis.isdigit() else None,
                                               actor=request.state.actor),
                "Đã gửi kiến nghị.", lambda r: {"recommendation_id": r.id, "number": r.number, "due_date": r.due_date})


def new_board_report(request: Request, form) -> Response:
    """Lập báo cáo kết quả giám sát gửi Ủy ban MTTQ (R-GS-12)."""
    values = _strings(form)
    board_id = _id(request)
    return _act(request, _board_project(board_id),
                lambda: sv.issue_board_report(_svc(request), board_id, kind=str(values.get("kind") or ""),
                                              period_start=values.get("period_start"),
                                              period_end=values.get("period_end"), actor=request.state.actor),
                "Đã lập báo cáo gửi Ủy ban MTTQ.", lambda r: {"document_id": r.document_id})


def announce(request: Request, form) -> Response:
    """Công khai thành viên, kế hoạch, kết quả giám sát tới cộng đồng."""
    board_id = _id(request)
    project_id = _board_project(board_id)
    notice = sv.announce(_svc(request), board_id, actor=request.state.actor)
    return redirect(request, f"{BASE}/du-an/{project_id}/quan-ly", "Đã công khai tới cộng đồng.",
                    data={"notice_id": notice.id})


# ---------------------------------------------------------------------------
# staff: recommendations and indicators
# ---------------------------------------------------------------------------

def recommendations(request: Request, form) -> Response:
    """Kiến nghị của Ban giám sát và trả lời của UBND (R-GS-10)."""
    waiting = request.query_params.get("cho_tra_loi") == "1"
    rows = sv.recommendations(waiting_only=waiting)
    return respond(request, "giamsat/recommendations.html",
                   {"recommendations": rows, "waiting_only": waiting, "today": dt.date.today()},
                   breadcrumbs=[("Kiến nghị của Ban giám sát", None)])


def answer(request: Request, form) -> Response:
    """UBND trả lời kiến nghị của Ban giám sát (R-GS-10)."""
    values = _strings(form)
    rec_id = _id(request)
    try:
        rec = sv.answer_recommendation(_svc(request), rec_id, answer=str(values.get("answer") or ""),
                                       actor=request.state.actor)
    except ValidationError as exc:
        rows = sv.recommendations()
        return form_errors(request, "giamsat/recommendations.html",
                           {"recommendations": rows, "waiting_only": False, "today": dt.date.today()}, exc.errors)
    late = " (quá hạn)" if rec.timeliness == "late" else ""
    return redirect(request, f"{BASE}/kien-nghi", f"Đã trả lời kiến nghị {rec.number}{late}.",
                    data={"timeliness": rec.timeliness, "document_id": rec.document_id})


def indicators(request: Request, form) -> Response:
    """Chỉ tiêu: 100% chương trình, dự án được giám sát."""
    today = dt.date.today()
    start = query_date(request, "tu", today.replace(month=1, day=1))
    end = query_date(request, "den", today)
    if end < start:
        raise ValidationError([("den", "Ngày kết thúc phải sau ngày bắt đầu.")])
    cov = sv.coverage(start, end)
    return respond(request, "giamsat/indicators.html",
                   {"from": start, "to": end, "indicators": sv.indicators(start, end),
                    "missing": [{"id": p.id, "code": p.code, "name": p.name} for p in cov["missing"]]},
                   breadcrumbs=[("Chỉ tiêu giám sát đầu tư", None)])


def routes(settings=None) -> list:
    cfg = sv.config(settings) if settings is not None else sv.DEFAULTS
    upload_cap = int(cfg["max_photo_bytes"]) * int(cfg["max_photos_per_inspection"]) + 256 * 1024
    small = 64 * 1024
    return [
        *page("/", index, permission=PUBLIC),
        *page("/du-an/{id:int}", public_project, permission=PUBLIC),
        *page("/du-an", register, permission="giamsat.view"),
        *page("/du-an/moi", new_project, permission="giamsat.projects", methods=("GET", "POST"), max_body=small),
        *page("/du-an/{id:int}/quan-ly", manage, permission="giamsat.view"),
        *page("/du-an/{id:int}/ban", new_board, permission="giamsat.boards", methods=("GET", "POST"), max_body=small),
        *page("/du-an/{id:int}/phan-anh", new_report, permission="giamsat.supervise", methods=("POST",),
              max_body=small),
        *page("/ban/{id:int}/thanh-vien", add_member, permission="giamsat.boards", methods=("POST",), max_body=small),
        *page("/ban/{id:int}/giai-the", dissolve, permission="giamsat.boards", methods=("POST",), max_body=small),
        *page("/ban/{id:int}/ke-hoach", new_plan, permission="giamsat.supervise", methods=("POST",), max_body=small),
        *page("/ban/{id:int}/noi-dung", update_check, permission="giamsat.supervise", methods=("POST",),
              max_body=small),
        *page("/ban/{id:int}/kiem-tra", new_inspection, permission="giamsat.supervise", methods=("POST",),
              max_body=upload_cap),
        *page("/ban/{id:int}/yeu-cau", new_request, permission="giamsat.supervise", methods=("POST",), max_body=small),
        *page("/ban/{id:int}/kien-nghi", new_recommendation, permission="giamsat.supervise", methods=("POST",),
              max_body=small),
        *page("/ban/{id:int}/bao-cao", new_board_report, permission="giamsat.supervise", methods=("POST",),
              max_body=small),
        *page("/ban/{id:int}/cong-khai", announce, permission="giamsat.boards", methods=("POST",), max_body=small),
        *page("/ke-hoach/{id:int}/thong-bao", notify_plan, permission="giamsat.boards", methods=("POST",),
              max_body=small),
        *page("/yeu-cau/{id:int}/tra-loi", answer_request, permission="giamsat.supervise", methods=("POST",),
              max_body=small),
        *page("/phan-anh/{id:int}/xu-ly", handle_report, permission="giamsat.supervise", methods=("POST",),
              max_body=small),
        *page("/anh/{id:int}", photo, permission="giamsat.view", json_twin=False),
        *page("/kien-nghi", recommendations, permission="giamsat.view"),
        *page("/kien-nghi/{id:int}/tra-loi", answer, permission="giamsat.answer", methods=("POST",), max_body=small),
        *page("/chi-tieu", indicators, permission="giamsat.view"),
    ]
