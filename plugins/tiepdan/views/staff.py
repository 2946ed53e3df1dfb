"""Staff pages of the tiepdan module: the reception register, recording a visit, the list
of matters, a matter with its actions and the logged reveal of its people, the schedule
planner and the figures.

Lists show what the actor's units hold (and the matters he or she handles); a
denunciation is "Đơn tố cáo" and its number to anyone but its handler and the Chủ tịch
(R-TC-10). A write that fails validation re-renders its page with the field errors and
what was typed (``error_page``).
"""
from __future__ import annotations

import datetime as dt

import attrs
from starlette.requests import Request
from starlette.responses import Response

from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.types import Actor
from thanthien.web.forms import structure
from thanthien.web.render import Page, paginate, redirect, respond
from thanthien.web.request import actor_of, can, core_of, path_id, query_period, query_text, units_for

from .. import services
from ..forms import ACTIONS, ActionForm, ModerationForm, RevealForm, ScheduleForm, VisitForm
from ..schemas import (
    DocumentItem,
    EventItem,
    FeedbackModeration,
    IndicatorsPage,
    MatterDetail,
    MatterPage,
    MattersPage,
    PlannerPage,
    RegisterEntry,
    RegisterPage,
    RestrictedMatter,
    RevealedMatter,
    RevealPage,
    VisitFormPage,
    matter_item,
)
from ..types import (
    CLASSIFICATIONS,
    COMPLAINT,
    COMPLAINT_REFUSAL_GROUNDS,
    COMPLEXITY,
    DENUNCIATION,
    DENUNCIATION_REFUSAL_GROUNDS,
    MATTER_KINDS,
    P_ASSIGN_DENUNCIATION,
    P_DECIDE,
    P_HANDLE,
    P_RECEIVE,
    P_SCHEDULE,
    P_VIEW,
    RECEPTION_REFUSAL_GROUNDS,
    REPLY_STATUSES,
    SESSION_KINDS,
    STATUS_REPLY,
    VISIT_CHANNELS,
    MatterFacts,
    kind_of,
)
from .public import MAX_DAYS

BASE = "/tiepdan"
MATTERS = ("Đơn thư", f"{BASE}/don-thu")
#: matters on one page of the staff list
PER_PAGE = 50

# ---------------------------------------------------------------------------
# the register
# ---------------------------------------------------------------------------


def register_view(core, start: dt.date, end: dt.date, *, actor: Actor | None) -> RegisterPage:
    """The register as staff see it: their units' entries, names masked, a denunciation's
    visitor and content not shown (R-TC-10)."""
    visits = services.register(core, start, end, actor=actor)
    names = services.masked_visitors(core, visits)
    return RegisterPage(start, end, [
        RegisterEntry(v.id, v.number, v.received_at, v.headcount, names[v.id], v.shown_summary,
                      v.classification_label, v.handling, v.handling_label, v.officer_name, v.case_id)
        for v in visits])


def register_page(request: Request, form) -> Response:
    """Sổ tiếp công dân."""
    today = dt.date.today()
    start, end = query_period(request, today - dt.timedelta(days=30), today, max_days=MAX_DAYS)
    return respond(request, "tiepdan/register.html", register_view(core_of(request), start, end,
                                                                   actor=actor_of(request)),
                   breadcrumbs=[("Sổ tiếp công dân", None)])


def visit_form(request: Request, form) -> Response:
    """Vào sổ một lượt tiếp công dân."""
    core = core_of(request)
    if form is None:
        page = VisitFormPage(list(CLASSIFICATIONS.items()), list(RECEPTION_REFUSAL_GROUNDS.items()),
                             list(VISIT_CHANNELS.items()))
        return respond(request, "tiepdan/visit_form.html", page, breadcrumbs=[("Tiếp công dân", None)])
    data = structure(form, VisitForm)
    visit = services.record_visit(core, summary=data.summary, classification=data.classification,
                                  visitor=data.visitor, headcount=data.headcount, representatives=data.others,
                                  request=data.request, prior_handling=data.prior_handling,
                                  citizen_signed=data.citizen_signed, channel=data.channel,
                                  matter=MatterFacts(accused=data.accused, decision_known_on=data.decision_known_on),
                                  actor=actor_of(request))
    target = f"{BASE}/don-thu/{visit.case_id}" if visit.case_id else f"{BASE}/so-tiep-dan"
    return redirect(request, target, f"Đã vào sổ lượt tiếp số {visit.number}.",
                    data={"visit_id": visit.id, "number": visit.number, "case_id": visit.case_id})


# ---------------------------------------------------------------------------
# matters
# ---------------------------------------------------------------------------


def _state_label(core, case_type: str, state: str) -> str:
    return core.cases.case_type(case_type).state(state).label


def matters_view(core, *, actor: Actor | None, kind: str | None = None, open_only: bool = False,
                 pager: Page | None = None) -> MattersPage:
    pager = pager or Page(1, PER_PAGE)
    rows = services.list_matters(core, actor=actor, kind=kind, open_only=open_only, limit=pager.fetch,
                                 offset=pager.offset)
    rows, pager = pager.cut(rows)
    return MattersPage([matter_item(m, "" if m.restricted else _state_label(core, m.case_type, m.state))
                        for m in rows], kind, pager.number, pager.has_next)


def matters_page(request: Request, form) -> Response:
    """Đơn thư: khiếu nại, tố cáo, phản ánh, kiến nghị."""
    kind = query_text(request, "loai") or None
    if kind is not None and (kind_of(kind) not in MATTER_KINDS or kind_of(kind) == STATUS_REPLY):
        raise ValidationError([("loai", "Loại đơn không hợp lệ.")])
    pager = paginate(request, PER_PAGE)
    data = matters_view(core_of(request), actor=actor_of(request), kind=kind,
                        open_only=query_text(request, "dang_xu_ly") == "1", pager=pager)
    return respond(request, "tiepdan/matters.html", data, breadcrumbs=[("Đơn thư", None)],
                   context={"pager": attrs.evolve(pager, has_next=data.has_next)})


def matter_view(core, case_id: int, *, actor: Actor | None) -> MatterPage:
    """A matter as ``actor`` may see it (403 outside his or her units; a denunciation's
    number only for anyone but its handler and the Chủ tịch, R-TC-10)."""
    m = services.get_matter(core, case_id, actor=actor)
    if m.restricted:
        return MatterPage(RestrictedMatter(m.id, m.number, m.subject, m.kind, m.kind_label, True, m.case_type))
    events = [EventItem(e.at, e.action, e.actor_name, e.note, e.to_state) for e in core.cases.events(m.id)]
    detail = MatterDetail(
        m.id, m.number, m.subject, m.kind, m.kind_label, False, m.state, _state_label(core, m.case_type, m.state),
        m.channel, m.channel_label, m.received_at, m.due_date, m.due_unit, m.extensions, m.owner_id, m.content,
        m.accused, m.data, m.closed_at, services.clocks(m.id), events, services.parties(core, m.id, actor=actor),
        services.tracking_code(m.id), services.available_actions(core, m), m.case_type)
    documents = [DocumentItem(d.id, d.number_symbol, d.subject, d.issued_on)
                 for d in services.case_documents(core, m.id, actor=actor)]
    return MatterPage(detail, documents, _moderation(m.id))


def _moderation(case_id: int) -> FeedbackModeration | None:
    """A petition's subject, group, place, photos and public version (None otherwise); the
    public title and text start from the suggestion with personal details removed."""
    info = services.feedback_info(case_id)
    if info is None:
        return None
    title, text = info.public_title, info.public_text
    if info.publication == "pending" or not (title or text):
        title, text = services.suggested_public_text(case_id)
    moderated = info.moderated_at.strftime("%d/%m/%Y") if info.moderated_at else ""
    return FeedbackModeration(info.subject_title, info.subject_url, info.group_name, info.place, info.publication,
                              info.publication_label, title, text, info.photo_public,
                              [f"{BASE}/don-thu/{case_id}/anh/{p}" for p in info.photo_ids], moderated)


def matter_page(request: Request, form) -> Response:
    """Một đơn thư: trạng thái, thời hạn, các bước, văn bản."""
    core = core_of(request)
    data = matter_view(core, path_id(request), actor=actor_of(request))
    m = data.matter
    context = {"complexity": list(COMPLEXITY.items()), "staff": services.staff_choices(core, P_HANDLE),
               "buttons": {} if m.restricted else _buttons(request, core, m),
               "complaint_grounds": list(COMPLAINT_REFUSAL_GROUNDS.items()),
               "denunciation_grounds": list(DENUNCIATION_REFUSAL_GROUNDS.items()),
               "reply_statuses": list(REPLY_STATUSES.items()),
               "reply_case": None if m.restricted else services.reply_case_of(m.id)}
    return respond(request, "tiepdan/matter.html", data, breadcrumbs=[MATTERS, (m.number, None)], context=context)


def _buttons(request: Request, core, m: MatterDetail) -> dict[str, bool]:
    """Which forms of the matter's page to show (each action checks again)."""
    scope = services.case_scope(core.cases.get(m.id))
    ct = core.cases.case_type(m.case_type)
    out = {a: can(request, ct.transition(a).permission or P_VIEW, scope) for a in m.actions}
    out["extend"] = can(request, P_DECIDE, scope)
    out["reply"] = out["reveal"] = can(request, P_HANDLE, scope)
    out["assign"] = can(request, P_ASSIGN_DENUNCIATION if m.kind == DENUNCIATION else P_HANDLE, scope)
    # acceptance is the Chủ tịch's (Luật Khiếu nại Art. 27): the officer handling it proposes
    out["propose"] = "accept" in m.actions and not out.get("accept") and out["reply"]
    return out


def moderate(request: Request, form) -> Response:
    """Kiểm duyệt phản ánh: công khai trong danh sách phản ánh (đã bỏ thông tin cá nhân) hay không."""
    core, actor, case_id = core_of(request), actor_of(request), path_id(request)
    services.get_matter(core, case_id, actor=actor)  # 404 for another module's case, 403 outside scope
    f = structure(form, ModerationForm)
    if f.action not in ("publish", "unpublish"):
        raise ValidationError([("action", "Vui lòng chọn công khai hoặc không công khai.")])
    info = services.moderate(core, case_id, publish=f.action == "publish", title=f.public_title,
                             text=f.public_text, photo_public=f.photo_public, actor=actor)
    message = ("Đã công khai phản ánh trong danh sách phản ánh." if info.publication == "public"
               else "Phản ánh không được công khai.")
    return redirect(request, f"{BASE}/don-thu/{case_id}", message, data={"publication": info.publication})


def photo(request: Request, form) -> Response:
    """Ảnh người dân gửi kèm phản ánh (đã bỏ thông tin vị trí, thiết bị)."""
    from .public import photo_response

    case_id = path_id(request)
    _name, mime, data = services.photo_file(core_of(request), path_id(request, "photo_id"), actor=actor_of(request),
                                            public=False, case_id=case_id)
    return photo_response(mime, data)


def reveal(request: Request, form) -> Response:
    """Xem thông tin người gửi đơn (ghi nhật ký, R-TC-10)."""
    core, actor, case_id = core_of(request), actor_of(request), path_id(request)
    data = structure(form, RevealForm)
    people = services.reveal_identity(core, case_id, actor=actor, reason=data.ly_do)
    case = core.cases.get(case_id)
    return respond(request, "tiepdan/reveal.html", RevealPage(RevealedMatter(case.id, case.number), people),
                   breadcrumbs=[MATTERS, (case.number, f"{BASE}/don-thu/{case.id}"), ("Thông tin người gửi", None)],
                   headers={"Cache-Control": "no-store"})


def act(request: Request, form) -> Response:
    """Thao tác trên đơn thư: giao, thụ lý, không thụ lý, chuyển, gia hạn, giải quyết, trả lời."""
    core, actor, case_id = core_of(request), actor_of(request), path_id(request)
    services.get_matter(core, case_id, actor=actor)  # 404 for another module's case, 403 outside scope
    case = core.cases.get(case_id)
    f = structure(form, ActionForm)
    if f.action not in ACTIONS:
        raise ValidationError([("action", "Thao tác không hợp lệ.")])
    complaint = kind_of(case.case_type) == COMPLAINT
    complexity = f.complexity or None
    if f.action == "assign":
        if f.owner_id is None:
            raise ValidationError([("owner_id", "Vui lòng chọn người được giao.")])
        result = services.assign(core, case_id, f.owner_id, actor=actor, reason=f.reason)
    elif f.action == "accept":
        result = (services.accept_complaint if complaint else services.accept_denunciation)(
            core, case_id, actor=actor, complexity=complexity)
    elif f.action == "propose":
        result = services.propose_acceptance(core, case_id, actor=actor, complexity=complexity, note=f.note)
    elif f.action in ("refuse", "reject"):
        result = (services.refuse_complaint if complaint else services.reject_denunciation)(
            core, case_id, ground=f.ground, explanation=f.explanation, actor=actor)
    elif f.action == "forward":
        result = services.forward_matter(core, case_id, to_agency=f.to_agency, actor=actor)
    elif f.action == "decide":
        result = services.decide_complaint(core, case_id, summary=f.summary, actor=actor)
    elif f.action == "send":
        result = services.send_decision(core, case_id, actor=actor)
    elif f.action == "withdraw":
        result = (services.withdraw_complaint(core, case_id, letter=f.letter, actor=actor) if complaint else
                  services.withdraw_denunciation(core, case_id, letter=f.letter, actor=actor,
                                                 continue_reason=f.continue_reason))
    elif f.action == "extend":
        result = services.extend_denunciation(core, case_id, reason=f.reason, actor=actor, complexity=complexity)
    elif f.action == "conclude":
        result = services.conclude_denunciation(core, case_id, conclusion=f.conclusion, actor=actor)
    elif f.action == "take":
        result = services.take_petition(core, case_id, actor=actor)
    elif f.action == "file":
        result = services.file_petition(core, case_id, reason=f.reason, actor=actor)
    elif f.action == "answer":
        result = services.answer_petition(core, case_id, answer=f.answer, actor=actor)
    else:  # reply
        reply_id = services.reply_case_of(case_id)
        if reply_id is None:
            raise NotFound("Đơn này không có yêu cầu trả lời tình trạng xử lý.")
        result = services.send_status_reply(core, reply_id, status=f.status, text=f.text, actor=actor)
    return redirect(request, f"{BASE}/don-thu/{case_id}", "Đã cập nhật hồ sơ.", data={"state": result.state})


# ---------------------------------------------------------------------------
# the schedule planner, the figures
# ---------------------------------------------------------------------------


def planner(request: Request, form) -> Response:
    """Lập và công khai lịch tiếp công dân."""
    core, actor = core_of(request), actor_of(request)
    if form is None:
        today = dt.date.today()
        page = PlannerPage(list(SESSION_KINDS.items()), services.staff_choices(core, P_RECEIVE),
                           services.sessions(today - dt.timedelta(days=7), today + dt.timedelta(days=120),
                                             drafts_of=units_for(request, P_SCHEDULE)),
                           services.chairman_coverage(core, today, today + dt.timedelta(days=60)))
        return respond(request, "tiepdan/planner.html", page, breadcrumbs=[("Lập lịch tiếp công dân", None)],
                       )
    data = structure(form, ScheduleForm)
    if data.publish_id is not None:
        session, warnings = services.publish_session(core, data.publish_id, actor=actor)
    else:
        session = services.create_session(core, kind=data.kind, day=data.day, start_time=data.start_time,
                                          end_time=data.end_time, place=data.place, host_id=data.host_id,
                                          attendees=data.attendee_list, topics=data.topics, actor=actor)
        warnings = []
    message = "Đã lưu lịch tiếp công dân." + (" " + " ".join(warnings) if warnings else "")
    return redirect(request, f"{BASE}/lich", message, data={"session_id": session.id, "warnings": warnings})


def indicators_page(request: Request, form) -> Response:
    """Chỉ tiêu tiếp công dân và giải quyết đơn thư."""
    today = dt.date.today()
    start, end = query_period(request, today.replace(month=1, day=1), today)
    return respond(request, "tiepdan/indicators.html", IndicatorsPage(services.figures(core_of(request), start, end)),
                   breadcrumbs=[("Chỉ tiêu tiếp công dân", None)])
