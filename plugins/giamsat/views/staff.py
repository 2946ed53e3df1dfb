"""Staff pages of the giamsat module: the project register with coverage and warnings, a
new project, setting up a board, the project's supervision file and its actions, the
recommendations awaiting the UBND's answer, the indicators.

Every page and action checks its permission over the resource's scope — a board and
everything of it belongs to THAT board (members act on their own board only) — before it
reads the form; a write that fails validation re-renders the supervision file (or its
own page) with the field errors and what was typed (``error_page``).
"""
from __future__ import annotations

import datetime as dt

import attrs

from starlette.requests import Request
from starlette.responses import Response
from thanthien.core.access import ANYWHERE
from thanthien.web.forms import structure
from thanthien.web.render import paginate, redirect, respond
from thanthien.web.request import actor_of, can, core_of, path_id, query_period, query_text, require

from .. import indicators as ind
from .. import services
from ..forms import (
    MEMBER_ROWS,
    AddMemberForm,
    AnswerForm,
    BoardForm,
    BoardReportForm,
    CheckForm,
    CitizenReportForm,
    DissolveForm,
    HandleReportForm,
    InfoRequestForm,
    InspectionForm,
    LeaveForm,
    NoticeForm,
    PlanForm,
    ProjectForm,
    RecommendationForm,
    RequestAnswerForm,
    added_member,
    board_members,
)
from ..schemas import (
    AlertRow,
    BoardFormPage,
    CoverageSummary,
    IndicatorsPage,
    IndicatorValues,
    ProjectFormPage,
    ProjectPage,
    ProjectRef,
    RecommendationsPage,
    RegisterPage,
    RegisterRow,
)
from ..types import (
    BOARD_ROLES,
    CHECK_STATUSES,
    FUNDING,
    P_ANSWER,
    P_BOARDS,
    P_PROJECTS,
    P_SUPERVISE,
    P_VIEW,
    RECOMMENDATION_KINDS,
    RELATION_PARTIES,
    REPORT_CHANNELS,
    REPORT_KINDS,
    REPRESENTING,
    Board,
    PhotoUpload,
    Project,
    content_items,
    request_items,
)

BASE = "/giamsat"
HOME = ("Giám sát đầu tư", f"{BASE}/du-an")
#: projects on one page of the staff register
PER_PAGE = 50


def _file_url(project_id: int) -> str:
    return f"{BASE}/du-an/{project_id}/quan-ly"


# ---------------------------------------------------------------------------
# The register, a new project, a new board
# ---------------------------------------------------------------------------

def register(request: Request, form) -> Response:
    """Sổ theo dõi chương trình, dự án đầu tư và Ban giám sát."""
    core, actor = core_of(request), actor_of(request)
    today = dt.date.today()
    reads, sets_up = services.reach(core, actor, P_VIEW), services.reach(core, actor, P_BOARDS)

    def href(project: Project, board_id: int | None) -> str | None:
        if reads.project(board_id):
            return _file_url(project.id)
        if board_id is None and project.in_scope and sets_up.project(None):
            return f"{BASE}/du-an/{project.id}/ban"
        return None

    # a page of the register at a time (issue 16): the rows after the reach filter may be
    # fewer than a page; whether a next page exists is known from the register's rows
    pager = paginate(request, PER_PAGE)
    found, more = services.project_page(core, actor=actor, permissions=(P_VIEW, P_BOARDS), limit=pager.per_page,
                                        offset=pager.offset)
    pager = attrs.evolve(pager, has_next=more)
    rows = []
    for p, board_id in found:
        board = services.get_board(board_id) if board_id is not None else None
        label = board.state_label if board else ("Chưa có Ban giám sát" if p.in_scope else "Ngoài phạm vi giám sát")
        rows.append(RegisterRow(p, services.group_names(p.group_ids), board, label, href(p, board_id)))
    alerts = []
    for a in services.warnings(core, today, actor=actor):
        if a.kind == "answer_overdue":
            link = f"{BASE}/kien-nghi?cho_tra_loi=1"
        elif a.kind == "no_board" and sets_up.boardless:
            link = f"{BASE}/du-an/{a.project_id}/ban"
        else:
            link = _file_url(a.project_id) if a.project_id else None
        alerts.append(AlertRow.of(a, link))
    data = RegisterPage(rows, CoverageSummary.of(services.coverage(core, today, today, missing_limit=0)), alerts,
                        pager.number, pager.has_next)
    return respond(request, "giamsat/register.html", data, breadcrumbs=[("Giám sát đầu tư của cộng đồng", None)],
                   context={"pager": pager,
                            "can_register": can(request, P_PROJECTS, services.project_scope(core, None))})


def new_project(request: Request, form) -> Response:
    """Vào sổ chương trình, dự án đầu tư."""
    core = core_of(request)
    if form is None:  # the empty form shows nothing; registering is for the register's unit and leaders
        return respond(request, "giamsat/project_form.html",
                       ProjectFormPage(list(FUNDING.items()), [(g.id, g.name) for g in services.community_groups()]),
                       breadcrumbs=[HOME, ("Vào sổ dự án", None)])
    require(request, P_PROJECTS, services.project_scope(core, None))
    data = structure(form, ProjectForm)
    project = services.create_project(core, **data.fields(), actor=actor_of(request))
    return redirect(request, _file_url(project.id), f"Đã vào sổ dự án {project.code}.",
                    data={"project_id": project.id, "code": project.code})


def _choices(project: Project) -> dict:
    return {"roles": list(BOARD_ROLES.items()), "representing": list(REPRESENTING.items()),
            "parties": [("", "— không có —"), *RELATION_PARTIES.items()],
            "group_options": [("", "—")] + [(g.id, g.name) for g in services.community_groups()
                                            if g.id in project.group_ids]}


def new_board(request: Request, form) -> Response:
    """Thành lập Ban Giám sát đầu tư của cộng đồng cho dự án (Ủy ban MTTQ)."""
    core = core_of(request)
    project = services.get_project(path_id(request))
    require(request, P_BOARDS, services.project_scope(core, project.id))
    if form is None:
        choices = _choices(project)
        data = BoardFormPage(ProjectRef(project.id, project.code, project.name), choices["roles"],
                             choices["representing"], choices["parties"], choices["group_options"],
                             list(range(1, MEMBER_ROWS + 1)), services.scope_reason(project), project.in_scope)
        today = dt.date.today()
        rules = {"min_members": int(core.rules.value("R-GS-03.min_members", today)),  # R-GS-03
                 "max_deputies": int(core.rules.value("R-GS-05.max_deputies", today))}  # R-GS-05
        return respond(request, "giamsat/board_form.html", data,
                       breadcrumbs=[HOME, (project.code, _file_url(project.id)), ("Thành lập Ban giám sát", None)],
                       context={"rules": rules})
    values = structure(form, BoardForm)
    board = services.create_board(core, project.id, decision_ref=values.decision_ref,
                                  established_on=values.established_on, members=board_members(values),
                                  actor=actor_of(request))
    return redirect(request, _file_url(project.id), "Đã thành lập Ban giám sát.", data={"board_id": board.id})


# ---------------------------------------------------------------------------
# The project's supervision file (and the page every action's errors return to)
# ---------------------------------------------------------------------------

def _file(request: Request, project_id: int) -> Response:
    core, actor = core_of(request), actor_of(request)
    project = services.view_project(core, project_id, actor=actor)
    board = services.board_of(core, project.id, actor=actor)
    scope = services.project_scope(core, project.id)
    plans = checks = inspections = requests = recommendations = board_reports = []
    if board is not None:
        plans = services.plans(core, board.id, actor=actor)
        checks = services.checks(core, board.id, actor=actor)
        inspections = services.inspections(core, board.id, actor=actor)
        requests = services.info_requests(core, board.id, actor=actor)
        recommendations = services.recommendations(core, actor=actor, board_id=board.id)
        board_reports = services.board_reports(core, board.id, actor=actor)
    data = ProjectPage(project, services.group_names(project.group_ids), services.scope_reason(project), board,
                       plans, checks, inspections, requests, recommendations, board_reports,
                       [w for plan in plans for w in services.plan_warnings(core, plan)],
                       services.citizen_reports(core, project.id, actor=actor))
    context = {**_choices(project), "check_statuses": list(CHECK_STATUSES.items()),
               "content_items": list(content_items(project.funding).items()),
               "request_items": list(request_items(project.funding).items()),
               "channels": list(REPORT_CHANNELS.items()), "rec_kinds": list(RECOMMENDATION_KINDS.items()),
               "report_kinds": list(REPORT_KINDS.items()), "today": dt.date.today(),
               "can_supervise": can(request, P_SUPERVISE, scope), "can_boards": can(request, P_BOARDS, scope)}
    return respond(request, "giamsat/project.html", data, breadcrumbs=[HOME, (project.code, None)], context=context)


def manage(request: Request, form) -> Response:
    """Hồ sơ giám sát một dự án: Ban giám sát, kế hoạch, nội dung, kiểm tra, kiến nghị, báo cáo."""
    return _file(request, path_id(request))


def board_file(request: Request, form) -> Response:
    """The supervision file of the board in the path (where a board action's errors show)."""
    return _file(request, services.get_board(path_id(request)).project_id)


def plan_file(request: Request, form) -> Response:
    plan = services.get_plan(core_of(request), path_id(request))
    return _file(request, services.get_board(plan.board_id).project_id)


def request_file(request: Request, form) -> Response:
    return _file(request, services.get_board(services.get_request(path_id(request)).board_id).project_id)


def report_file(request: Request, form) -> Response:
    return _file(request, services.get_citizen_report(path_id(request)).project_id)


def member_file(request: Request, form) -> Response:
    return _file(request, services.get_board(services.member(path_id(request)).board_id).project_id)


# ---------------------------------------------------------------------------
# Actions on a board (each checks its permission over THIS board first)
# ---------------------------------------------------------------------------

def _board(request: Request, permission: str) -> Board:
    """The board of the path, once ``permission`` over its scope is checked."""
    board = services.get_board(path_id(request))
    require(request, permission, services.board_scope(core_of(request), board.id))
    return board


def _done(request: Request, board: Board, message: str, notes: list[str] | None = None, **data) -> Response:
    if notes:
        message += " Lưu ý: " + " ".join(notes)
    return redirect(request, _file_url(board.project_id), message, data=data)


def add_member(request: Request, form) -> Response:
    """Bổ sung thành viên Ban giám sát."""
    board = _board(request, P_BOARDS)
    values = structure(form, AddMemberForm)
    services.add_member(core_of(request), board.id, added_member(values), actor=actor_of(request))
    return _done(request, board, "Đã bổ sung thành viên Ban giám sát.")


def end_membership(request: Request, form) -> Response:
    """Thành viên thôi tham gia Ban giám sát."""
    core = core_of(request)
    leaving = services.member(path_id(request))
    require(request, P_BOARDS, services.board_scope(core, leaving.board_id))
    values = structure(form, LeaveForm)
    board, lacking = services.end_membership(core, leaving.id, left_on=values.left_on, note=values.note,
                                             actor=actor_of(request))
    return _done(request, board, f"{leaving.full_name} đã thôi làm thành viên Ban giám sát.",
                 [f"Cần bổ sung thành viên: {' '.join(lacking)}"] if lacking else None, lacking=lacking)


def dissolve(request: Request, form) -> Response:
    """Giải thể Ban giám sát khi kết thúc giám sát (R-GS-01)."""
    board = _board(request, P_BOARDS)
    values = structure(form, DissolveForm)
    services.dissolve_board(core_of(request), board.id, dissolved_on=values.dissolved_on, note=values.note,
                            actor=actor_of(request))
    return _done(request, board, "Ban giám sát đã giải thể.")


def new_plan(request: Request, form) -> Response:
    """Lập kế hoạch giám sát."""
    board = _board(request, P_SUPERVISE)
    values = structure(form, PlanForm)
    plan, notes = services.create_plan(core_of(request), board.id, title=values.title, start_on=values.start_on,
                                       end_on=values.end_on, content=values.content, activities=values.activities,
                                       actor=actor_of(request))
    return _done(request, board, "Đã lưu kế hoạch giám sát.", notes, plan_id=plan.id, warnings=notes)


def notify_plan(request: Request, form) -> Response:
    """Ghi nhận việc thông báo kế hoạch và thành phần Ban cho chủ đầu tư (R-GS-09)."""
    core = core_of(request)
    plan = services.get_plan(core, path_id(request))
    require(request, P_BOARDS, services.board_scope(core, plan.board_id))
    values = structure(form, NoticeForm)
    plan, notes = services.record_plan_notice(core, plan.id, notified_on=values.notified_on,
                                              notice_ref=values.notice_ref, actor=actor_of(request))
    return _done(request, services.get_board(plan.board_id), "Đã ghi nhận thông báo cho chủ đầu tư.", notes,
                 late=plan.notified_late, warnings=notes)


def update_check(request: Request, form) -> Response:
    """Cập nhật kết quả một nội dung giám sát (R-GS-07)."""
    board = _board(request, P_SUPERVISE)
    values = structure(form, CheckForm)
    services.update_check(core_of(request), board.id, item=values.item, status=values.status,
                          finding=values.finding, actor=actor_of(request))
    return _done(request, board, "Đã cập nhật kết quả giám sát.")


def new_inspection(request: Request, form) -> Response:
    """Ghi nhận kiểm tra, giám sát tại hiện trường (kèm ảnh)."""
    board = _board(request, P_SUPERVISE)
    values = structure(form, InspectionForm)
    photos = []
    for upload in values.photos:
        data = upload.file.read()
        if upload.filename or data:  # an empty file input sends an empty part
            photos.append(PhotoUpload(upload.filename or "", data, upload.content_type or ""))
    inspection = services.record_inspection(core_of(request), board.id, held_on=values.held_on, place=values.place,
                                            findings=values.findings, participants=values.participants,
                                            experts=values.expert_list, serious_violation=values.serious_violation,
                                            photos=photos, actor=actor_of(request))
    return _done(request, board, "Đã ghi nhận kết quả kiểm tra hiện trường.", inspection_id=inspection.id)


def photo(request: Request, form) -> Response:
    """Ảnh hiện trường."""
    found, data = services.photo_file(core_of(request), path_id(request), actor=actor_of(request))
    return Response(data, media_type=found.content_type, headers={
        "Content-Disposition": "inline", "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox"})


def new_request(request: Request, form) -> Response:
    """Gửi yêu cầu cung cấp thông tin (R-GS-08)."""
    board = _board(request, P_SUPERVISE)
    values = structure(form, InfoRequestForm)
    services.send_info_request(core_of(request), board.id, sent_on=values.sent_on, addressee=values.addressee,
                               items=values.items, note=values.note, actor=actor_of(request))
    return _done(request, board, "Đã ghi nhận yêu cầu cung cấp thông tin.")


def answer_request(request: Request, form) -> Response:
    """Ghi nhận trả lời yêu cầu cung cấp thông tin."""
    core = core_of(request)
    req = services.get_request(path_id(request))
    require(request, P_SUPERVISE, services.board_scope(core, req.board_id))
    values = structure(form, RequestAnswerForm)
    services.record_request_answer(core, req.id, answered_on=values.answered_on, answer=values.answer,
                                   actor=actor_of(request))
    return _done(request, services.get_board(req.board_id), "Đã ghi nhận trả lời.")


def new_report(request: Request, form) -> Response:
    """Tiếp nhận phản ánh của Nhân dân về dự án (R-PA-09)."""
    core = core_of(request)
    project = services.get_project(path_id(request))
    require(request, P_SUPERVISE, services.project_scope(core, project.id))
    values = structure(form, CitizenReportForm)
    services.receive_report(core, project.id, channel=values.channel, content=values.content,
                            received_on=values.received_on, sender_name=values.sender_name,
                            sender_contact=values.sender_contact, actor=actor_of(request))
    return redirect(request, _file_url(project.id), "Đã tiếp nhận phản ánh.")


def handle_report(request: Request, form) -> Response:
    """Ghi kết quả xem xét, xử lý phản ánh."""
    core = core_of(request)
    report = services.get_citizen_report(path_id(request))
    require(request, P_SUPERVISE, services.report_scope(core, report))
    values = structure(form, HandleReportForm)
    services.handle_report(core, report.id, result=values.result, handled_on=values.handled_on,
                           actor=actor_of(request))
    return redirect(request, _file_url(report.project_id), "Đã ghi kết quả xử lý phản ánh.")


def new_recommendation(request: Request, form) -> Response:
    """Gửi kiến nghị đến UBND phường."""
    board = _board(request, P_SUPERVISE)
    values = structure(form, RecommendationForm)
    rec = services.make_recommendation(core_of(request), board.id, kind=values.kind, content=values.content,
                                       sent_on=values.sent_on, basis_inspection_id=values.basis_inspection_id,
                                       actor=actor_of(request))
    return _done(request, board, "Đã gửi kiến nghị.", recommendation_id=rec.id, number=rec.number,
                 due_date=rec.due_date)


def new_board_report(request: Request, form) -> Response:
    """Lập báo cáo kết quả giám sát gửi Ủy ban MTTQ (R-GS-12)."""
    board = _board(request, P_SUPERVISE)
    values = structure(form, BoardReportForm)
    report = services.issue_board_report(core_of(request), board.id, kind=values.kind,
                                         period_start=values.period_start, period_end=values.period_end,
                                         actor=actor_of(request))
    return _done(request, board, "Đã lập báo cáo gửi Ủy ban MTTQ.", document_id=report.document_id)


def announce(request: Request, form) -> Response:
    """Công khai thành viên, kế hoạch, kết quả giám sát tới cộng đồng."""
    board = _board(request, P_BOARDS)
    notice = services.announce(core_of(request), board.id, actor=actor_of(request))
    return _done(request, board, "Đã công khai tới cộng đồng.", notice_id=notice.id)


# ---------------------------------------------------------------------------
# Recommendations and indicators
# ---------------------------------------------------------------------------

def recommendations(request: Request, form) -> Response:
    """Kiến nghị của Ban giám sát và trả lời của UBND (R-GS-10)."""
    waiting = query_text(request, "cho_tra_loi") == "1"
    rows = services.recommendations(core_of(request), actor=actor_of(request), waiting_only=waiting)
    return respond(request, "giamsat/recommendations.html", RecommendationsPage(rows, waiting, dt.date.today()),
                   breadcrumbs=[("Kiến nghị của Ban giám sát", None)],
                   context={"can_answer": can(request, P_ANSWER, ANYWHERE)})


def answer(request: Request, form) -> Response:
    """UBND trả lời kiến nghị của Ban giám sát (R-GS-10)."""
    core = core_of(request)
    rec = services.get_recommendation(path_id(request))
    require(request, P_ANSWER, services.board_scope(core, rec.board_id))
    values = structure(form, AnswerForm)
    rec = services.answer_recommendation(core, rec.id, answer=values.answer, actor=actor_of(request))
    late = " (quá hạn)" if rec.timeliness == "late" else ""
    return redirect(request, f"{BASE}/kien-nghi", f"Đã trả lời kiến nghị {rec.number}{late}.",
                    data={"timeliness": rec.timeliness, "document_id": rec.document_id})


def indicators(request: Request, form) -> Response:
    """Chỉ tiêu: 100% chương trình, dự án được giám sát."""
    core, actor = core_of(request), actor_of(request)
    today = dt.date.today()
    start, end = query_period(request, today.replace(month=1, day=1), today)
    cov = services.coverage(core, start, end)
    values = IndicatorValues(cov.total, cov.with_board, cov.without_board, cov.share,
                             ind.answers_on_time(core, start, end), ind.answers_late(core, start, end))
    sees_boardless = (services.reach(core, actor, P_VIEW) | services.reach(core, actor, P_BOARDS)).boardless
    missing = [ProjectRef(p.id, p.code, p.name) for p in cov.missing] if sees_boardless else []
    return respond(request, "giamsat/indicators.html", IndicatorsPage(start, end, values, missing),
                   breadcrumbs=[("Chỉ tiêu giám sát đầu tư", None)])
