"""Web pages of the thanhtra module, mounted under ``/thanhtra`` (each with its ``.json`` twin).

Public: the board (members by name, office and residential group only) and its published
results. Staff: the board and its seats, elections, members, plans and inspections,
petitions, recommendations to the UBND, complaint results shared by the UBND, reports,
indicators. Views only call :mod:`.services`.
"""
from __future__ import annotations

import datetime as dt

from starlette.requests import Request
from starlette.responses import Response

from thanthien.core.errors import ValidationError
from thanthien.core.privacy import mask
from thanthien.web.forms import date_value
from thanthien.web.render import form_errors, redirect, respond
from thanthien.web.routing import PUBLIC, page

from . import services as sv
from .types import CHANNELS, HEAD_TERMS, MEETING_FORMS, OFFICES, PLAN_PERIODS, REPORT_PERIODS

BASE = "/thanhtra"
HOME = ("Ban Thanh tra nhân dân", f"{BASE}/ban")


def _svc(request: Request):
    return request.app.state.services


def _can(request: Request, permission: str) -> bool:
    return _svc(request).access.can(request.state.actor, permission)


def _values(form: dict | None) -> dict[str, str]:
    """Form or JSON fields as stripped text (a JSON ``true`` becomes "on")."""
    out: dict[str, str] = {}
    for key, value in (form or {}).items():
        if isinstance(value, bool):
            out[key] = "on" if value else ""
        elif isinstance(value, (str, int, float)):
            out[key] = str(value).strip()
    return out


def _flag(values: dict, key: str) -> bool:
    return values.get(key, "").lower() in ("on", "1", "true", "co")


def _date(values: dict, key: str) -> dt.date | None:
    return date_value(values.get(key), key, None)


def _id(values: dict, key: str) -> int | None:
    text = values.get(key, "")
    return int(text) if text.isdigit() else None


def _path_id(request: Request) -> int:
    return int(request.path_params["id"])


def _datetime(day: dt.date | None) -> dt.datetime | None:
    if day is None:
        return None
    today = dt.date.today()
    return dt.datetime.now().replace(microsecond=0) if day == today else dt.datetime.combine(day, dt.time(9, 0))


# ---------------------------------------------------------------------------
# public
# ---------------------------------------------------------------------------

def public_page(request: Request, form) -> Response:
    """Ban Thanh tra nhân dân phường: thành viên và kết quả hoạt động được công khai."""
    return respond(request, "thanhtra/public.html", sv.public_board(_svc(request)),
                   breadcrumbs=[("Ban Thanh tra nhân dân", None)])


# ---------------------------------------------------------------------------
# the board: term, seats, members, elections
# ---------------------------------------------------------------------------

def _board_data(request: Request) -> dict:
    svc = _svc(request)
    term = sv.current_term()
    term_id = term.id if term else None
    return {"term": term, "terms": sv.terms(), "seats": sv.seat_status(svc, term_id),
            "members": sv.members(term_id, include_left=True), "meetings": sv.meetings(term_id, limit=100),
            "head_terms": [(k, "5 năm" if k == "long" else "2,5 năm") for k in HEAD_TERMS],
            "can_board": _can(request, sv.BOARD)}


def board_page(request: Request, form) -> Response:
    """Ban Thanh tra nhân dân: nhiệm kỳ, số thành viên, thành viên, các cuộc bầu."""
    return respond(request, "thanhtra/board.html", _board_data(request), breadcrumbs=[(HOME[0], None)])


def term_create(request: Request, form) -> Response:
    """Tạo nhiệm kỳ của Ban (theo nhiệm kỳ Tổ trưởng tổ dân phố, R-TTND-04)."""
    values = _values(form)
    try:
        term = sv.create_term(_svc(request), start_on=_date(values, "start_on"),
                              head_term=values.get("head_term") or None, name=values.get("name", ""),
                              actor=request.state.actor)
    except ValidationError as exc:
        return form_errors(request, "thanhtra/board.html", {**_board_data(request), "values": values}, exc.errors)
    return redirect(request, f"{BASE}/ban", f"Đã tạo {term.name}.", data={"term_id": term.id})


def _election_data(request: Request, values: dict) -> dict:
    groups = sv.community_groups()
    group_id = _id(values, "group_id") or _id(dict(request.query_params), "to")
    query = values.get("q") or request.query_params.get("q", "")
    term = sv.current_term()
    return {"term": term, "groups": [{"id": g.id, "name": g.name} for g in groups], "group_id": group_id,
            "q": query, "candidates": sv.candidates(group_id, query) if group_id else [], "values": values,
            "forms": list(MEETING_FORMS.items())}


def election_form(request: Request, form) -> Response:
    """Ghi nhận cuộc họp cộng đồng dân cư bầu, bầu bổ sung thành viên Ban (R-TTND-01, R-TTND-05)."""
    crumbs = [HOME, ("Bầu thành viên", None)]
    if form is None:
        return respond(request, "thanhtra/election.html", _election_data(request, {}), breadcrumbs=crumbs)
    values = _values(form)
    term = sv.current_term()
    try:
        meeting, member = sv.record_election(
            _svc(request), term_id=_id(values, "term_id") or (term.id if term else None),
            group_id=_id(values, "group_id"), candidate_id=_id(values, "candidate_id"),
            held_on=_date(values, "held_on"), total_households=values.get("total_households", ""),
            attending=values.get("attending", ""), votes_for=values.get("votes_for", ""),
            kind=values.get("kind", "bau"), form=values.get("form", "hop_cong_dong"),
            standards_confirmed=_flag(values, "standards_confirmed"), note=values.get("note", ""),
            actor=request.state.actor)
    except ValidationError as exc:
        return form_errors(request, "thanhtra/election.html", _election_data(request, values), exc.errors)
    if member is not None:
        message = (f"{member.full_name} trúng cử với {meeting.votes_for}/{meeting.total_households} hộ đồng ý; "
                   f"chờ Ủy ban MTTQ công nhận (R-BQ-33).")
        target = f"{BASE}/thanh-vien/{member.id}"
    else:
        message = (f"Chưa đủ quá nửa tổng số hộ gia đình đồng ý ({meeting.votes_for}/{meeting.total_households}); "
                   f"không trúng cử. Có thể phát phiếu lấy ý kiến hộ gia đình (R-BQ-17, R-BQ-37).")
        target = f"{BASE}/ban"
    return redirect(request, target, message,
                    data={"meeting_id": meeting.id, "passed": meeting.passed,
                          "member_id": member.id if member else None})


def _member_data(request: Request, member_id: int) -> dict:
    member = sv.get_member(member_id)
    return {"member": member, "meetings": [m for m in sv.meetings(member.term_id) if m.member_id == member.id],
            "offices": list(OFFICES.items()), "forms": list(MEETING_FORMS.items()),
            "can_board": _can(request, sv.BOARD), "can_recognise": _can(request, sv.RECOGNISE)}


def member_page(request: Request, form) -> Response:
    """Một thành viên Ban: tổ dân phố, chức danh, công nhận, các cuộc họp."""
    data = _member_data(request, _path_id(request))
    return respond(request, "thanhtra/member.html", data,
                   breadcrumbs=[HOME, (data["member"].full_name, None)])


def _member_write(request: Request, form, action) -> Response:
    member_id = _path_id(request)
    values = _values(form)
    try:
        message = action(values)
    except ValidationError as exc:
        return form_errors(request, "thanhtra/member.html", {**_member_data(request, member_id), "values": values},
                           exc.errors)
    return redirect(request, f"{BASE}/thanh-vien/{member_id}", message)


def member_recognise(request: Request, form) -> Response:
    """Ủy ban MTTQ công nhận thành viên trúng cử (R-BQ-33)."""
    def act(values):
        m = sv.recognise_member(_svc(request), _path_id(request), recognised_on=_date(values, "recognised_on"),
                                decision_ref=values.get("decision_ref", ""), actor=request.state.actor)
        return f"Đã ghi nhận Ủy ban MTTQ công nhận {m.full_name}."
    return _member_write(request, form, act)


def member_office(request: Request, form) -> Response:
    """Bầu chức danh Trưởng ban, Phó Trưởng ban, Ủy viên (R-TTND-03)."""
    def act(values):
        m = sv.set_office(_svc(request), _path_id(request), office=values.get("office", ""),
                          decided_on=_date(values, "decided_on"), actor=request.state.actor)
        return f"{m.full_name}: {m.office_label}."
    return _member_write(request, form, act)


def member_remove(request: Request, form) -> Response:
    """Bãi nhiệm, cho thôi thành viên theo đề nghị của Ủy ban MTTQ (R-TTND-06)."""
    def act(values):
        meeting, m = sv.remove_member(
            _svc(request), _path_id(request), kind=values.get("kind", ""),
            proposal_ref=values.get("proposal_ref", ""), proposed_on=_date(values, "proposed_on"),
            held_on=_date(values, "held_on"), total_households=values.get("total_households", ""),
            attending=values.get("attending", ""), votes_for=values.get("votes_for", ""),
            form=values.get("form", "hop_cong_dong"), note=values.get("note", ""), actor=request.state.actor)
        if meeting.passed:
            return f"{m.full_name} đã thôi làm thành viên Ban; ghế của {m.group_name} còn trống."
        return f"Chưa đủ quá nửa tổng số hộ gia đình đồng ý; {m.full_name} tiếp tục là thành viên."
    return _member_write(request, form, act)


# ---------------------------------------------------------------------------
# plans and inspections (R-TTND-09)
# ---------------------------------------------------------------------------

def _plans_data(request: Request) -> dict:
    return {"work_plans": sv.work_plans(), "inspections": sv.inspections(_svc(request)),
            "periods": list(PLAN_PERIODS.items()), "can_work": _can(request, sv.WORK)}


def plans_page(request: Request, form) -> Response:
    """Kế hoạch hoạt động và các cuộc kiểm tra, giám sát của Ban (R-TTND-09)."""
    return respond(request, "thanhtra/plans.html", _plans_data(request),
                   breadcrumbs=[HOME, ("Kế hoạch, kiểm tra", None)])


def plan_create(request: Request, form) -> Response:
    """Lập kế hoạch quý, 6 tháng, năm, nhiệm kỳ."""
    values = _values(form)
    try:
        plan = sv.create_work_plan(_svc(request), period=values.get("period", ""), start_on=_date(values, "start_on"),
                                   end_on=_date(values, "end_on"), title=values.get("title", ""),
                                   content=values.get("content", ""), actor=request.state.actor)
    except ValidationError as exc:
        return form_errors(request, "thanhtra/plans.html", {**_plans_data(request), "values": values}, exc.errors)
    return redirect(request, f"{BASE}/ke-hoach", f"Đã lưu {plan.title}.", data={"work_plan_id": plan.id})


def inspection_create(request: Request, form) -> Response:
    """Lập kế hoạch một cuộc kiểm tra, giám sát."""
    values = _values(form)
    try:
        inspection, warnings = sv.plan_inspection(
            _svc(request), subject=values.get("subject", ""), content=values.get("content", ""),
            planned_on=_date(values, "planned_on"), work_plan_id=_id(values, "work_plan_id"),
            actor=request.state.actor)
    except ValidationError as exc:
        return form_errors(request, "thanhtra/plans.html", {**_plans_data(request), "values": values}, exc.errors)
    message = " ".join([f"Đã lập kế hoạch kiểm tra, giám sát {inspection.subject}; gửi chậm nhất ngày "
                        f"{inspection.latest_send_on:%d/%m/%Y}.", *warnings])
    return redirect(request, f"{BASE}/kiem-tra/{inspection.id}", message,
                    data={"inspection_id": inspection.id, "warnings": warnings})


def _inspection_data(request: Request, inspection_id: int) -> dict:
    svc = _svc(request)
    inspection = sv.get_inspection(svc, inspection_id)
    document = svc.documents.get(inspection.plan_document_id) if inspection.plan_document_id else None
    return {"inspection": inspection, "can_work": _can(request, sv.WORK),
            "document": {"id": document.id, "number_symbol": document.number_symbol} if document else None}


def inspection_page(request: Request, form) -> Response:
    """Một cuộc kiểm tra, giám sát: kế hoạch, thời hạn gửi, kết quả."""
    data = _inspection_data(request, _path_id(request))
    return respond(request, "thanhtra/inspection.html", data,
                   breadcrumbs=[HOME, ("Kế hoạch, kiểm tra", f"{BASE}/ke-hoach"), (data["inspection"].subject, None)])


def inspection_act(request: Request, form) -> Response:
    """Gửi kế hoạch, ghi kết quả hoặc hủy cuộc kiểm tra, giám sát."""
    svc = _svc(request)
    inspection_id = _path_id(request)
    values = _values(form)
    action = values.get("action", "")
    warnings: list[str] = []
    try:
        if action == "send":
            _, warnings = sv.send_inspection_plan(svc, inspection_id, sent_on=_date(values, "sent_on"),
                                                  actor=request.state.actor)
            message = "Đã gửi kế hoạch đến Ủy ban MTTQ, Chủ tịch UBND và đối tượng kiểm tra."
        elif action == "result":
            sv.record_inspection_result(svc, inspection_id, held_on=_date(values, "held_on"),
                                        findings=values.get("findings", ""), published=_flag(values, "published"),
                                        actor=request.state.actor)
            message = "Đã ghi kết quả kiểm tra, giám sát."
        elif action == "cancel":
            sv.cancel_inspection(svc, inspection_id, reason=values.get("reason", ""), actor=request.state.actor)
            message = "Đã hủy cuộc kiểm tra, giám sát."
        else:
            raise ValidationError([("action", "Thao tác không hợp lệ.")])
    except ValidationError as exc:
        return form_errors(request, "thanhtra/inspection.html",
                           {**_inspection_data(request, inspection_id), "values": values}, exc.errors)
    return redirect(request, f"{BASE}/kiem-tra/{inspection_id}", " ".join([message, *warnings]),
                    data={"warnings": warnings})


# ---------------------------------------------------------------------------
# petitions (R-PA-09)
# ---------------------------------------------------------------------------

def _petitions_data(request: Request) -> dict:
    open_only = request.query_params.get("dang_xu_ly") == "1"
    return {"petitions": sv.petitions(_svc(request), open_only=open_only), "open_only": open_only,
            "channels": list(CHANNELS.items()), "can_work": _can(request, sv.WORK)}


def petitions_page(request: Request, form) -> Response:
    """Phản ánh, kiến nghị gửi Ban Thanh tra nhân dân."""
    return respond(request, "thanhtra/petitions.html", _petitions_data(request),
                   breadcrumbs=[HOME, ("Phản ánh, kiến nghị", None)])


def petition_create(request: Request, form) -> Response:
    """Tiếp nhận phản ánh, kiến nghị trực tiếp hoặc qua hòm thư góp ý (R-PA-09)."""
    values = _values(form)
    try:
        case = sv.receive_petition(
            _svc(request), subject=values.get("subject", ""), content=values.get("content", ""),
            channel=values.get("channel", ""), sender_name=values.get("sender_name", ""),
            sender_address=values.get("sender_address", ""), sender_phone=values.get("sender_phone", ""),
            received_at=_datetime(_date(values, "received_on")), actor=request.state.actor)
    except ValidationError as exc:
        return form_errors(request, "thanhtra/petitions.html", {**_petitions_data(request), "values": values},
                           exc.errors)
    return redirect(request, f"{BASE}/phan-anh/{case.id}", f"Đã tiếp nhận phản ánh, kiến nghị số {case.number}.",
                    data={"case_id": case.id, "number": case.number})


def _petition_data(request: Request, case_id: int) -> dict:
    svc = _svc(request)
    view = sv.petition_view(svc, case_id)
    if not _can(request, sv.WORK):  # the board handles the petitioner; others see masked contacts
        view["sender_phone"] = mask("phone", view["sender_phone"])
        view["sender_address"] = mask("address", view["sender_address"])
    document = svc.documents.get(view["result_document_id"]) if view["result_document_id"] else None
    events = [{"at": e.at, "action": e.action, "actor_name": e.actor_name, "note": e.note}
              for e in svc.cases.events(case_id)]
    return {"petition": view, "events": events, "can_work": _can(request, sv.WORK),
            "document": {"id": document.id, "number_symbol": document.number_symbol} if document else None}


def petition_page(request: Request, form) -> Response:
    """Một phản ánh, kiến nghị: nội dung, xác minh, thông báo kết quả bằng văn bản."""
    data = _petition_data(request, _path_id(request))
    return respond(request, "thanhtra/petition.html", data,
                   breadcrumbs=[HOME, ("Phản ánh, kiến nghị", f"{BASE}/phan-anh"), (data["petition"]["number"], None)])


def petition_act(request: Request, form) -> Response:
    """Xác minh, thông báo kết quả, kiến nghị cơ quan có thẩm quyền."""
    svc = _svc(request)
    case_id = _path_id(request)
    values = _values(form)
    action = values.get("action", "")
    try:
        if action == "verify":
            sv.verify_petition(svc, case_id, note=values.get("note", ""), actor=request.state.actor)
        elif action == "notify":
            sv.notify_petition(svc, case_id, findings=values.get("findings", ""), actor=request.state.actor)
        elif action == "refer":
            sv.refer_petition(svc, case_id, to_agency=values.get("to_agency", ""),
                              findings=values.get("findings", ""), actor=request.state.actor)
        else:
            raise ValidationError([("action", "Thao tác không hợp lệ.")])
    except ValidationError as exc:
        return form_errors(request, "thanhtra/petition.html", {**_petition_data(request, case_id), "values": values},
                           exc.errors)
    return redirect(request, f"{BASE}/phan-anh/{case_id}", "Đã cập nhật phản ánh, kiến nghị.")


# ---------------------------------------------------------------------------
# recommendations (R-TTND-11, R-TTND-13)
# ---------------------------------------------------------------------------

def _recs_data(request: Request) -> dict:
    svc = _svc(request)
    return {"recommendations": sv.recommendations(svc),
            "inspections": [{"id": i.id, "subject": i.subject} for i in sv.inspections(svc, limit=50)],
            "can_work": _can(request, sv.WORK)}


def recommendations_page(request: Request, form) -> Response:
    """Kiến nghị của Ban Thanh tra nhân dân với UBND và kết quả trả lời."""
    return respond(request, "thanhtra/recommendations.html", _recs_data(request),
                   breadcrumbs=[HOME, ("Kiến nghị với UBND", None)])


def recommendation_create(request: Request, form) -> Response:
    """Ban biểu quyết kiến nghị (R-TTND-13) và gửi UBND (R-TTND-11)."""
    values = _values(form)
    try:
        rec = sv.propose_recommendation(
            _svc(request), subject=values.get("subject", ""), content=values.get("content", ""),
            voted_on=_date(values, "voted_on"), present=values.get("present", ""),
            votes_for=values.get("votes_for", ""), votes_against=values.get("votes_against", ""),
            abstentions=values.get("abstentions", ""), inspection_id=_id(values, "inspection_id"),
            actor=request.state.actor)
    except ValidationError as exc:
        return form_errors(request, "thanhtra/recommendations.html", {**_recs_data(request), "values": values},
                           exc.errors)
    if rec.passed:
        message = f"Kiến nghị được thông qua và gửi UBND (số {rec.number}); hạn trả lời {rec.due_date:%d/%m/%Y}."
    else:
        message = (f"Kiến nghị không được thông qua: {rec.votes_for}/{rec.members_total} thành viên tán thành, "
                   f"chưa quá nửa (R-TTND-13).")
    return redirect(request, f"{BASE}/kien-nghi/{rec.id}", message, data={"recommendation_id": rec.id,
                                                                          "passed": rec.passed})


def _rec_data(request: Request, rec_id: int) -> dict:
    svc = _svc(request)
    rec = sv.get_recommendation(svc, rec_id)
    document = svc.documents.get(rec.document_id) if rec.document_id else None
    return {"recommendation": rec, "can_work": _can(request, sv.WORK), "can_answer": _can(request, sv.ANSWER),
            "document": {"id": document.id, "number_symbol": document.number_symbol} if document else None}


def recommendation_page(request: Request, form) -> Response:
    """Một kiến nghị: biểu quyết của Ban, hạn và nội dung trả lời của UBND."""
    data = _rec_data(request, _path_id(request))
    return respond(request, "thanhtra/recommendation.html", data,
                   breadcrumbs=[HOME, ("Kiến nghị với UBND", f"{BASE}/kien-nghi"),
                                (data["recommendation"].number or data["recommendation"].subject, None)])


def recommendation_answer(request: Request, form) -> Response:
    """UBND trả lời kiến nghị của Ban (R-TTND-11)."""
    rec_id = _path_id(request)
    values = _values(form)
    try:
        rec = sv.answer_recommendation(_svc(request), rec_id, answer=values.get("answer", ""),
                                       answered_at=_datetime(_date(values, "answered_on")),
                                       actor=request.state.actor)
    except ValidationError as exc:
        return form_errors(request, "thanhtra/recommendation.html", {**_rec_data(request, rec_id), "values": values},
                           exc.errors)
    late = " (quá hạn)" if rec.timeliness == "late" else ""
    return redirect(request, f"{BASE}/kien-nghi/{rec_id}", f"Đã ghi nhận UBND trả lời kiến nghị{late}.",
                    data={"timeliness": rec.timeliness})


def recommendation_withdraw(request: Request, form) -> Response:
    """Ban rút kiến nghị đã gửi."""
    rec_id = _path_id(request)
    values = _values(form)
    try:
        sv.withdraw_recommendation(_svc(request), rec_id, reason=values.get("reason", ""), actor=request.state.actor)
    except ValidationError as exc:
        return form_errors(request, "thanhtra/recommendation.html", {**_rec_data(request, rec_id), "values": values},
                           exc.errors)
    return redirect(request, f"{BASE}/kien-nghi/{rec_id}", "Đã rút kiến nghị.")


def recommendations_widget(ctx) -> dict:
    """Dashboard: recommendations waiting for the UBND's answer (R-TTND-11)."""
    return {"items": sv.pending_recommendations(ctx.services, ctx.today)}


# ---------------------------------------------------------------------------
# complaint results, reports, indicators
# ---------------------------------------------------------------------------

def complaints_page(request: Request, form) -> Response:
    """Kết quả giải quyết khiếu nại UBND thông báo cho Ban (R-TTND-12)."""
    return respond(request, "thanhtra/complaints.html", {"results": sv.complaint_results()},
                   breadcrumbs=[HOME, ("Kết quả giải quyết khiếu nại", None)])


def _reports_data(request: Request) -> dict:
    return {"reports": sv.reports(_svc(request)), "periods": list(REPORT_PERIODS.items()),
            "can_work": _can(request, sv.WORK)}


def reports_page(request: Request, form) -> Response:
    """Báo cáo của Ban gửi Ủy ban MTTQ (R-TTND-10)."""
    return respond(request, "thanhtra/reports.html", _reports_data(request),
                   breadcrumbs=[HOME, ("Báo cáo", None)])


def report_create(request: Request, form) -> Response:
    """Lập báo cáo quý, 6 tháng, năm, nhiệm kỳ hoặc đột xuất."""
    values = _values(form)
    try:
        report = sv.issue_report(_svc(request), period=values.get("period", ""), day=_date(values, "day"),
                                 start_on=_date(values, "start_on"), end_on=_date(values, "end_on"),
                                 actor=request.state.actor)
    except ValidationError as exc:
        return form_errors(request, "thanhtra/reports.html", {**_reports_data(request), "values": values},
                           exc.errors)
    return redirect(request, f"{BASE}/bao-cao", f"Đã ban hành báo cáo số {report.number_symbol}.",
                    data={"report_id": report.id, "document_id": report.document_id})


def indicators_page(request: Request, form) -> Response:
    """Chỉ tiêu hoạt động của Ban Thanh tra nhân dân."""
    today = dt.date.today()
    start = date_value(request.query_params.get("tu"), "tu", today.replace(month=1, day=1))
    end = date_value(request.query_params.get("den"), "den", today)
    if end < start:
        raise ValidationError([("den", "Ngày kết thúc phải sau ngày bắt đầu.")])
    return respond(request, "thanhtra/indicators.html", {"indicators": sv.indicators(_svc(request), start, end)},
                   breadcrumbs=[HOME, ("Chỉ tiêu", None)])


def routes(settings=None) -> list:
    view, board, work = "thanhtra.view", sv.BOARD, sv.WORK
    write = ("POST",)
    return [
        *page("/", public_page, permission=PUBLIC, public_cache=300),
        *page("/ban", board_page, permission=view),
        *page("/nhiem-ky", term_create, permission=board, methods=write),
        *page("/bau-cu", election_form, permission=board, methods=("GET", "POST")),
        *page("/thanh-vien/{id:int}", member_page, permission=view),
        *page("/thanh-vien/{id:int}/cong-nhan", member_recognise, permission=sv.RECOGNISE, methods=write),
        *page("/thanh-vien/{id:int}/chuc-danh", member_office, permission=board, methods=write),
        *page("/thanh-vien/{id:int}/thoi", member_remove, permission=board, methods=write),
        *page("/ke-hoach", plans_page, permission=view),
        *page("/ke-hoach/them", plan_create, permission=work, methods=write),
        *page("/kiem-tra/them", inspection_create, permission=work, methods=write),
        *page("/kiem-tra/{id:int}", inspection_page, permission=view),
        *page("/kiem-tra/{id:int}/xu-ly", inspection_act, permission=work, methods=write),
        *page("/phan-anh", petitions_page, permission=view),
        *page("/phan-anh/them", petition_create, permission=work, methods=write),
        *page("/phan-anh/{id:int}", petition_page, permission=view),
        *page("/phan-anh/{id:int}/xu-ly", petition_act, permission=work, methods=write),
        *page("/kien-nghi", recommendations_page, permission=view),
        *page("/kien-nghi/them", recommendation_create, permission=work, methods=write),
        *page("/kien-nghi/{id:int}", recommendation_page, permission=view),
        *page("/kien-nghi/{id:int}/tra-loi", recommendation_answer, permission=sv.ANSWER, methods=write),
        *page("/kien-nghi/{id:int}/rut", recommendation_withdraw, permission=work, methods=write),
        *page("/khieu-nai", complaints_page, permission=view),
        *page("/bao-cao", reports_page, permission=view),
        *page("/bao-cao/them", report_create, permission=work, methods=write),
        *page("/chi-tieu", indicators_page, permission=view),
    ]
