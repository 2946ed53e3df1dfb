"""Staff pages of the board: its term, seats and members, elections, plans and
inspections, petitions, recommendations to the UBND, complaint results shared by the
UBND, reports and figures.

Every page belongs to the board: a view first checks the permission over the board's
scope (a board member reaches it only as a current member of this board), then builds
its view model from :mod:`..services`. A write checks, then structures its typed form; a
failed validation re-renders the page of its form (``error_page``) with the field errors.
"""
from __future__ import annotations

import datetime as dt

from starlette.requests import Request
from starlette.responses import Response

from thanthien.core.errors import ValidationError
from thanthien.web.forms import structure
from thanthien.web.render import redirect, respond
from thanthien.web.request import actor_of, can, core_of, path_id, query_int, query_period, query_text, require

from .. import services
from ..forms import (
    AnswerForm,
    ElectionForm,
    InspectionActionForm,
    InspectionForm,
    OfficeForm,
    PetitionActionForm,
    PetitionForm,
    RecogniseForm,
    RecommendationForm,
    RemovalForm,
    ReportForm,
    TermForm,
    WithdrawForm,
    WorkPlanForm,
)
from ..schemas import (
    BoardPage,
    ComplaintsPage,
    DocumentLink,
    ElectionPage,
    GroupOption,
    IndicatorsPage,
    InspectionOption,
    InspectionPage,
    MemberPage,
    PetitionPage,
    PetitionsPage,
    PlansPage,
    RecommendationPage,
    RecommendationsPage,
    ReportsPage,
    Step,
)
from ..types import (
    CHANNELS,
    HEAD_TERM_LABELS,
    HEAD_TERMS,
    MEETING_FORMS,
    OFFICES,
    P_ANSWER,
    P_BOARD,
    P_RECOGNISE,
    P_VIEW,
    P_WORK,
    PLAN_PERIODS,
    REPORT_PERIODS,
)

BASE = "/thanhtra"
HOME = ("Ban Thanh tra nhân dân", f"{BASE}/ban")
PLANS = ("Kế hoạch, kiểm tra", f"{BASE}/ke-hoach")
PETITIONS = ("Phản ánh, kiến nghị", f"{BASE}/phan-anh")
RECOMMENDATIONS = ("Kiến nghị với UBND", f"{BASE}/kien-nghi")


def _document(request: Request, document_id: int | None) -> DocumentLink | None:
    if not document_id:
        return None
    doc = core_of(request).documents.get(document_id)
    return DocumentLink(doc.id, doc.number_symbol)


# ---------------------------------------------------------------------------
# the board: term, seats, members, elections
# ---------------------------------------------------------------------------

def board_page(request: Request, form) -> Response:
    """Ban Thanh tra nhân dân: nhiệm kỳ, số thành viên, thành viên, các cuộc bầu."""
    scope = services.board_scope()
    require(request, P_VIEW, scope)
    term = services.current_term()
    term_id = term.id if term else None
    data = BoardPage(term, services.terms(), services.seat_status(core_of(request), term_id),
                     services.members(term_id, include_left=True), services.meetings(term_id, limit=100),
                     [(k, HEAD_TERM_LABELS[k]) for k in HEAD_TERMS], can(request, P_BOARD, scope))
    return respond(request, "thanhtra/board.html", data, breadcrumbs=[(HOME[0], None)])


def term_create(request: Request, form) -> Response:
    """Tạo nhiệm kỳ của Ban (theo nhiệm kỳ Tổ trưởng tổ dân phố, R-TTND-04)."""
    require(request, P_BOARD, services.board_scope())
    data = structure(form, TermForm)
    term = services.create_term(core_of(request), start_on=data.start_on, head_term=data.head_term or None,
                                name=data.name, actor=actor_of(request))
    return redirect(request, f"{BASE}/ban", f"Đã tạo {term.name}.", data={"term_id": term.id})


def election_form(request: Request, form) -> Response:
    """Ghi nhận cuộc họp cộng đồng dân cư bầu, bầu bổ sung thành viên Ban (R-TTND-01, R-TTND-05)."""
    require(request, P_BOARD, services.board_scope())
    term = services.current_term()
    if form is None:
        group_id = query_int(request, "to")
        query = query_text(request, "q")
        data = ElectionPage(term, [GroupOption(g.id, g.name) for g in services.community_groups()], group_id, query,
                            services.candidates(group_id, query) if group_id else [], {},
                            list(MEETING_FORMS.items()), services.register_total(group_id) if group_id else None)
        return respond(request, "thanhtra/election.html", data, breadcrumbs=[HOME, ("Bầu thành viên", None)])
    data = structure(form, ElectionForm)
    meeting, member = services.record_election(
        core_of(request), term_id=data.term_id or (term.id if term else None), group_id=data.group_id,
        candidate_id=data.candidate_id, vote=data.vote, kind=data.kind,
        standards_confirmed=data.standards_confirmed, note=data.note, actor=actor_of(request))
    if member is not None:
        message = (f"{member.full_name} trúng cử với {meeting.votes_for}/{meeting.total_households} hộ đồng ý; "
                   f"chờ Ủy ban MTTQ công nhận (R-BQ-33).")
        target = f"{BASE}/thanh-vien/{member.id}"
    else:
        message = (f"Chưa đủ quá nửa tổng số hộ gia đình đồng ý ({meeting.votes_for}/{meeting.total_households}); "
                   f"không trúng cử. Có thể phát phiếu lấy ý kiến hộ gia đình (R-BQ-17, R-BQ-37).")
        target = f"{BASE}/ban"
    return redirect(request, target, message, data={"meeting_id": meeting.id, "passed": meeting.passed,
                                                    "member_id": member.id if member else None})


def member_page(request: Request, form) -> Response:
    """Một thành viên Ban: tổ dân phố, chức danh, công nhận, các cuộc họp."""
    scope = services.board_scope()
    member = services.view_member(core_of(request), path_id(request), actor=actor_of(request))
    data = MemberPage(member, services.meetings(member.term_id, member_id=member.id), list(OFFICES.items()),
                      list(MEETING_FORMS.items()), can(request, P_BOARD, scope), can(request, P_RECOGNISE, scope),
                      services.register_total(member.group_id))
    return respond(request, "thanhtra/member.html", data, breadcrumbs=[HOME, (member.full_name, None)])


def _to_member(request: Request, member_id: int, message: str) -> Response:
    return redirect(request, f"{BASE}/thanh-vien/{member_id}", message)


def member_recognise(request: Request, form) -> Response:
    """Ủy ban MTTQ công nhận thành viên trúng cử (R-BQ-33)."""
    member_id = path_id(request)
    require(request, P_RECOGNISE, services.board_scope(member_id))
    data = structure(form, RecogniseForm)
    member = services.recognise_member(core_of(request), member_id, recognised_on=data.recognised_on,
                                       decision_ref=data.decision_ref, actor=actor_of(request))
    return _to_member(request, member_id, f"Đã ghi nhận Ủy ban MTTQ công nhận {member.full_name}.")


def member_office(request: Request, form) -> Response:
    """Bầu chức danh Trưởng ban, Phó Trưởng ban, Ủy viên (R-TTND-03)."""
    member_id = path_id(request)
    require(request, P_BOARD, services.board_scope(member_id))
    data = structure(form, OfficeForm)
    member = services.set_office(core_of(request), member_id, office=data.office, decided_on=data.decided_on,
                                 actor=actor_of(request))
    return _to_member(request, member_id, f"{member.full_name}: {member.office_label}.")


def member_remove(request: Request, form) -> Response:
    """Bãi nhiệm, cho thôi thành viên theo đề nghị của Ủy ban MTTQ (R-TTND-06)."""
    member_id = path_id(request)
    require(request, P_BOARD, services.board_scope(member_id))
    data = structure(form, RemovalForm)
    meeting, member = services.remove_member(core_of(request), member_id, kind=data.kind,
                                             proposal_ref=data.proposal_ref, proposed_on=data.proposed_on,
                                             vote=data.vote, note=data.note, actor=actor_of(request))
    if meeting.passed:
        message = f"{member.full_name} đã thôi làm thành viên Ban; ghế của {member.group_name} còn trống."
    else:
        message = f"Chưa đủ quá nửa tổng số hộ gia đình đồng ý; {member.full_name} tiếp tục là thành viên."
    return _to_member(request, member_id, message)


# ---------------------------------------------------------------------------
# plans and inspections (R-TTND-09)
# ---------------------------------------------------------------------------

def plans_page(request: Request, form) -> Response:
    """Kế hoạch hoạt động và các cuộc kiểm tra, giám sát của Ban (R-TTND-09)."""
    core, actor = core_of(request), actor_of(request)
    data = PlansPage(services.work_plans(core, actor=actor), services.inspections(core, actor=actor),
                     list(PLAN_PERIODS.items()), can(request, P_WORK, services.board_scope()))
    return respond(request, "thanhtra/plans.html", data, breadcrumbs=[HOME, (PLANS[0], None)])


def plan_create(request: Request, form) -> Response:
    """Lập kế hoạch quý, 6 tháng, năm, nhiệm kỳ."""
    require(request, P_WORK, services.board_scope())
    data = structure(form, WorkPlanForm)
    plan = services.create_work_plan(core_of(request), period=data.period, start_on=data.start_on,
                                     end_on=data.end_on, title=data.title, content=data.content,
                                     actor=actor_of(request))
    return redirect(request, f"{BASE}/ke-hoach", f"Đã lưu {plan.title}.", data={"work_plan_id": plan.id})


def inspection_create(request: Request, form) -> Response:
    """Lập kế hoạch một cuộc kiểm tra, giám sát."""
    require(request, P_WORK, services.board_scope())
    data = structure(form, InspectionForm)
    inspection, warnings = services.plan_inspection(core_of(request), subject=data.subject, content=data.content,
                                                    planned_on=data.planned_on, work_plan_id=data.work_plan_id,
                                                    actor=actor_of(request))
    message = " ".join([f"Đã lập kế hoạch kiểm tra, giám sát {inspection.subject}; gửi chậm nhất ngày "
                        f"{inspection.latest_send_on:%d/%m/%Y}.", *warnings])
    return redirect(request, f"{BASE}/kiem-tra/{inspection.id}", message,
                    data={"inspection_id": inspection.id, "warnings": warnings})


def inspection_page(request: Request, form) -> Response:
    """Một cuộc kiểm tra, giám sát: kế hoạch, thời hạn gửi, kết quả."""
    inspection = services.view_inspection(core_of(request), path_id(request), actor=actor_of(request))
    data = InspectionPage(inspection, can(request, P_WORK, services.board_scope()),
                          _document(request, inspection.plan_document_id))
    return respond(request, "thanhtra/inspection.html", data,
                   breadcrumbs=[HOME, PLANS, (inspection.subject, None)])


def inspection_act(request: Request, form) -> Response:
    """Gửi kế hoạch, ghi kết quả hoặc hủy cuộc kiểm tra, giám sát."""
    core, actor = core_of(request), actor_of(request)
    inspection_id = path_id(request)
    require(request, P_WORK, services.board_scope(inspection_id))
    data = structure(form, InspectionActionForm)
    warnings: list[str] = []
    if data.action == "send":
        _, warnings = services.send_inspection_plan(core, inspection_id, sent_on=data.sent_on, actor=actor)
        message = "Đã gửi kế hoạch đến Ủy ban MTTQ, Chủ tịch UBND và đối tượng kiểm tra."
    elif data.action == "result":
        services.record_inspection_result(core, inspection_id, held_on=data.held_on, findings=data.findings,
                                          published=data.published, actor=actor)
        message = "Đã ghi kết quả kiểm tra, giám sát."
    elif data.action == "cancel":
        services.cancel_inspection(core, inspection_id, reason=data.reason, actor=actor)
        message = "Đã hủy cuộc kiểm tra, giám sát."
    else:
        raise ValidationError([("action", "Thao tác không hợp lệ.")])
    return redirect(request, f"{BASE}/kiem-tra/{inspection_id}", " ".join([message, *warnings]),
                    data={"warnings": warnings})


# ---------------------------------------------------------------------------
# petitions (R-PA-09)
# ---------------------------------------------------------------------------

def petitions_page(request: Request, form) -> Response:
    """Phản ánh, kiến nghị gửi Ban Thanh tra nhân dân."""
    open_only = query_text(request, "dang_xu_ly") == "1"
    rows = services.petitions(core_of(request), actor=actor_of(request), open_only=open_only)
    data = PetitionsPage(rows, open_only, list(CHANNELS.items()), can(request, P_WORK, services.board_scope()))
    return respond(request, "thanhtra/petitions.html", data, breadcrumbs=[HOME, (PETITIONS[0], None)])


def petition_create(request: Request, form) -> Response:
    """Tiếp nhận phản ánh, kiến nghị trực tiếp hoặc qua hòm thư góp ý (R-PA-09)."""
    require(request, P_WORK, services.board_scope())
    data = structure(form, PetitionForm)
    case = services.receive_petition(core_of(request), subject=data.subject, content=data.content,
                                     channel=data.channel, sender_name=data.sender_name,
                                     sender_address=data.sender_address, sender_phone=data.sender_phone,
                                     received_at=data.received_at, actor=actor_of(request))
    return redirect(request, f"{BASE}/phan-anh/{case.id}", f"Đã tiếp nhận phản ánh, kiến nghị số {case.number}.",
                    data={"case_id": case.id, "number": case.number})


def petition_page(request: Request, form) -> Response:
    """Một phản ánh, kiến nghị: nội dung, xác minh, thông báo kết quả bằng văn bản."""
    core, actor = core_of(request), actor_of(request)
    case_id = path_id(request)
    petition = services.view_petition(core, case_id, actor=actor)
    steps = [Step(e.at, e.action, e.actor_name, e.note) for e in services.petition_steps(core, case_id, actor=actor)]
    data = PetitionPage(petition, steps, can(request, P_WORK, services.board_scope()),
                        _document(request, petition.result_document_id))
    return respond(request, "thanhtra/petition.html", data, breadcrumbs=[HOME, PETITIONS, (petition.number, None)])


def petition_act(request: Request, form) -> Response:
    """Xác minh, thông báo kết quả, kiến nghị cơ quan có thẩm quyền."""
    core, actor = core_of(request), actor_of(request)
    case_id = path_id(request)
    require(request, P_WORK, services.board_scope(case_id))
    data = structure(form, PetitionActionForm)
    if data.action == "verify":
        services.verify_petition(core, case_id, note=data.note, actor=actor)
    elif data.action == "notify":
        services.notify_petition(core, case_id, findings=data.findings, actor=actor)
    elif data.action == "refer":
        services.refer_petition(core, case_id, to_agency=data.to_agency, findings=data.findings, actor=actor)
    else:
        raise ValidationError([("action", "Thao tác không hợp lệ.")])
    return redirect(request, f"{BASE}/phan-anh/{case_id}", "Đã cập nhật phản ánh, kiến nghị.")


# ---------------------------------------------------------------------------
# recommendations (R-TTND-11, R-TTND-13)
# ---------------------------------------------------------------------------

def recommendations_page(request: Request, form) -> Response:
    """Kiến nghị của Ban Thanh tra nhân dân với UBND và kết quả trả lời."""
    core, actor = core_of(request), actor_of(request)
    data = RecommendationsPage(services.recommendations(core, actor=actor),
                               [InspectionOption(i.id, i.subject) for i in services.inspections(core, actor=actor,
                                                                                                limit=50)],
                               can(request, P_WORK, services.board_scope()))
    return respond(request, "thanhtra/recommendations.html", data, breadcrumbs=[HOME, (RECOMMENDATIONS[0], None)])


def recommendation_create(request: Request, form) -> Response:
    """Ban biểu quyết kiến nghị (R-TTND-13) và gửi UBND (R-TTND-11)."""
    require(request, P_WORK, services.board_scope())
    data = structure(form, RecommendationForm)
    rec = services.propose_recommendation(
        core_of(request), subject=data.subject, content=data.content, voted_on=data.voted_on, present=data.present,
        votes_for=data.votes_for, votes_against=data.votes_against, abstentions=data.abstentions,
        inspection_id=data.inspection_id, actor=actor_of(request))
    if rec.passed:
        message = f"Kiến nghị được thông qua và gửi UBND (số {rec.number}); hạn trả lời {rec.due_date:%d/%m/%Y}."
    else:
        message = (f"Kiến nghị không được thông qua: {rec.votes_for}/{rec.members_total} thành viên tán thành, "
                   f"chưa quá nửa (R-TTND-13).")
    return redirect(request, f"{BASE}/kien-nghi/{rec.id}", message,
                    data={"recommendation_id": rec.id, "passed": rec.passed})


def recommendation_page(request: Request, form) -> Response:
    """Một kiến nghị: biểu quyết của Ban, hạn và nội dung trả lời của UBND."""
    rec = services.view_recommendation(core_of(request), path_id(request), actor=actor_of(request))
    scope = services.board_scope()
    data = RecommendationPage(rec, can(request, P_WORK, scope), can(request, P_ANSWER, scope),
                              _document(request, rec.document_id))
    return respond(request, "thanhtra/recommendation.html", data,
                   breadcrumbs=[HOME, RECOMMENDATIONS, (rec.number or rec.subject, None)])


def recommendation_answer(request: Request, form) -> Response:
    """UBND trả lời kiến nghị của Ban (R-TTND-11)."""
    rec_id = path_id(request)
    require(request, P_ANSWER, services.board_scope(rec_id))
    data = structure(form, AnswerForm)
    rec = services.answer_recommendation(core_of(request), rec_id, answer=data.answer, answered_at=data.answered_at,
                                         actor=actor_of(request))
    late = " (quá hạn)" if rec.timeliness == "late" else ""
    return redirect(request, f"{BASE}/kien-nghi/{rec_id}", f"Đã ghi nhận UBND trả lời kiến nghị{late}.",
                    data={"timeliness": rec.timeliness})


def recommendation_withdraw(request: Request, form) -> Response:
    """Ban rút kiến nghị đã gửi."""
    rec_id = path_id(request)
    require(request, P_WORK, services.board_scope(rec_id))
    data = structure(form, WithdrawForm)
    services.withdraw_recommendation(core_of(request), rec_id, reason=data.reason, actor=actor_of(request))
    return redirect(request, f"{BASE}/kien-nghi/{rec_id}", "Đã rút kiến nghị.")


def recommendations_widget(ctx) -> dict:
    """Dashboard: recommendations waiting for the UBND's answer (R-TTND-11), for those who answer them."""
    return {"items": services.pending_recommendations(ctx.services, ctx.today, actor=ctx.actor)}


# ---------------------------------------------------------------------------
# complaint results, reports, indicators
# ---------------------------------------------------------------------------

def complaints_page(request: Request, form) -> Response:
    """Kết quả giải quyết khiếu nại UBND thông báo cho Ban (R-TTND-12)."""
    data = ComplaintsPage(services.complaint_results(core_of(request), actor=actor_of(request)))
    return respond(request, "thanhtra/complaints.html", data,
                   breadcrumbs=[HOME, ("Kết quả giải quyết khiếu nại", None)])


def reports_page(request: Request, form) -> Response:
    """Báo cáo của Ban gửi Ủy ban MTTQ (R-TTND-10)."""
    data = ReportsPage(services.reports(core_of(request), actor=actor_of(request)), list(REPORT_PERIODS.items()),
                       can(request, P_WORK, services.board_scope()))
    return respond(request, "thanhtra/reports.html", data, breadcrumbs=[HOME, ("Báo cáo", None)])


def report_create(request: Request, form) -> Response:
    """Lập báo cáo quý, 6 tháng, năm, nhiệm kỳ hoặc đột xuất."""
    require(request, P_WORK, services.board_scope())
    data = structure(form, ReportForm)
    report = services.issue_report(core_of(request), period=data.period, day=data.day, start_on=data.start_on,
                                   end_on=data.end_on, actor=actor_of(request))
    return redirect(request, f"{BASE}/bao-cao", f"Đã ban hành báo cáo số {report.number_symbol}.",
                    data={"report_id": report.id, "document_id": report.document_id})


def indicators_page(request: Request, form) -> Response:
    """Chỉ tiêu hoạt động của Ban Thanh tra nhân dân."""
    today = dt.date.today()
    start, end = query_period(request, today.replace(month=1, day=1), today)
    figures = services.view_figures(core_of(request), start, end, actor=actor_of(request))
    return respond(request, "thanhtra/indicators.html", IndicatorsPage(figures), breadcrumbs=[HOME, ("Chỉ tiêu", None)])
