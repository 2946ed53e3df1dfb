"""Consultation pages (lấy ý kiến Nhân dân, R-YK-01…10), under ``/bieuquyet/y-kien``.

Public: the list of open and closed consultations, one consultation with its comments,
the form to ask for a code and the form to comment (a one-time code confirms the
resident), the results and the acceptance explanation once published. Staff
(``…/quan-ly``): plan, publication, opinions per channel, moderation, printed codes,
results, the report to the HĐND. Each page has its ``.json`` twin; views only call
:mod:`..services.consultations`.
"""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from thanthien.core import people
from thanthien.core.access import ANYWHERE
from thanthien.web.forms import NoFields, structure
from thanthien.web.render import redirect, respond
from thanthien.web.request import can, core_of, path_id, staff_actor
from thanthien.web.routing import PUBLIC, page

from ..forms_consultations import (
    CodeRequestForm,
    CommentForm,
    ConsultationForm,
    HideForm,
    OpinionForm,
    PrintCodesForm,
    ResultsForm,
)
from ..schemas_consultations import (
    CodeSheetPage,
    ConsultationRedirect,
    FormPage,
    PublicListPage,
    PublicPage,
    SheetLineView,
    StaffListPage,
    StaffPage,
)
from ..services import consultations as svc
from ..types_consultations import (
    CHANNELS,
    DECISIONS,
    DIALOGUE_PARTICIPANTS,
    MATTERS,
    P_CONSULT_MANAGE,
    P_CONSULT_MODERATE,
    P_CONSULT_VIEW,
    STANCES,
)

BASE = "/bieuquyet/y-kien"
HOME = ("Lấy ý kiến Nhân dân", f"{BASE}/")
STAFF_HOME = ("Quản lý lấy ý kiến", f"{BASE}/quan-ly")


def _labels() -> dict:
    return {"matters": MATTERS, "channels": CHANNELS, "stances": STANCES, "decisions": DECISIONS,
            "participants": DIALOGUE_PARTICIPANTS}


# ---------------------------------------------------------------------------
# Public pages
# ---------------------------------------------------------------------------

def public_list(request: Request, form) -> Response:
    """Lấy ý kiến Nhân dân: các đợt đang lấy ý kiến và đã kết thúc."""
    open_, closed = svc.public_list()
    return respond(request, "bieuquyet/y-kien/list.html", PublicListPage(open_, closed), breadcrumbs=[(HOME[0], None)],
                   context={"can_view": can(request, P_CONSULT_VIEW, ANYWHERE)})


def public_detail(request: Request, form) -> Response:
    """Một đợt lấy ý kiến: nội dung, thời gian, góp ý của Nhân dân, kết quả và giải trình."""
    c = svc.public(path_id(request))
    shown = c.state in ("published", "reported")
    data = PublicPage(c, svc.public_comments(c.id), svc.tally(c.id) if shown else None,
                      code_sent=request.query_params.get("ma") == "1")
    return respond(request, "bieuquyet/y-kien/detail.html", data,
                   breadcrumbs=[HOME, (c.title, None)],
                   context={**_labels(), "can_view": can(request, P_CONSULT_VIEW, ANYWHERE)})


def request_code(request: Request, form) -> Response:
    """Nhận mã xác nhận để góp ý (gửi tới số điện thoại, thư điện tử trong sổ hộ khẩu)."""
    cid = path_id(request)
    data = structure(form, CodeRequestForm)
    svc.request_code(core_of(request), cid, contact=data.contact)
    # the same answer whether or not the contact is in the register
    return redirect(request, f"{BASE}/{cid}?ma=1#gop-y",
                    "Nếu số điện thoại hoặc thư điện tử có trong sổ hộ khẩu của phường, mã xác nhận đã được gửi "
                    "tới đó. Hộ gia đình cũng có thể dùng mã in trên phiếu do tổ dân phố trao.",
                    data={"consultation_id": cid})


def comment(request: Request, form) -> Response:
    """Gửi góp ý trực tuyến (xác nhận bằng mã dùng một lần)."""
    cid = path_id(request)
    data = structure(form, CommentForm)
    svc.comment(core_of(request), cid, code=data.code, stance=data.stance, text=data.text)
    return redirect(request, f"{BASE}/{cid}#gop-y-da-nhan", "Cảm ơn gia đình đã góp ý. Ý kiến đã được ghi nhận.",
                    data={"consultation_id": cid})


# ---------------------------------------------------------------------------
# Staff pages
# ---------------------------------------------------------------------------

def staff_list(request: Request, form) -> Response:
    """Quản lý các đợt lấy ý kiến Nhân dân."""
    items = svc.staff_list(core_of(request), actor=staff_actor(request))
    return respond(request, "bieuquyet/y-kien/staff_list.html", StaffListPage(items),
                   breadcrumbs=[HOME, (STAFF_HOME[0], None)],
                   context={"can_manage": can(request, P_CONSULT_MANAGE, ANYWHERE)})


def new(request: Request, form) -> Response:
    """Lập kế hoạch lấy ý kiến Nhân dân."""
    if form is None:
        return respond(request, "bieuquyet/y-kien/new.html", FormPage(), breadcrumbs=[HOME, STAFF_HOME,
                                                                                      ("Lập kế hoạch", None)],
                       context={**_labels(), "group_options": _group_options()})
    data = structure(form, ConsultationForm)
    actor = staff_actor(request)
    person = people.get_person(actor.person_id) if actor.person_id else None
    c = svc.create(core_of(request), title=data.title, matter=data.matter, content=data.content,
                   channels=data.channels, method=data.method, responsible=data.responsible, ends_on=data.ends_on,
                   starts_on=data.starts_on, unit_id=_manage_unit(request, person), area_unit_id=data.area_unit_id,
                   other_law_basis=data.other_law_basis, actor=actor)
    return redirect(request, f"{BASE}/{c.id}/quan-ly", "Đã lập kế hoạch lấy ý kiến.", data={"consultation_id": c.id})


def _group_options(area_unit_id: int | None = None) -> list[tuple[str, str]]:
    groups = people.list_units("residential_group")
    if area_unit_id is not None:
        inside = people.descendant_unit_ids([area_unit_id])
        groups = [g for g in groups if g.id in inside]
    return [(str(g.id), g.name) for g in groups]


def _manage_unit(request: Request, person) -> int | None:
    """The responsible unit: the ward for leaders, otherwise the drafter's own unit."""
    if can(request, P_CONSULT_MANAGE, None):
        return None
    return person.unit_id if person else None


def staff_detail(request: Request, form) -> Response:
    """Một đợt lấy ý kiến: kế hoạch, ý kiến theo hình thức, góp ý trực tuyến, kết quả."""
    core, actor = core_of(request), staff_actor(request)
    c = svc.view(core, path_id(request), actor=actor)
    result = svc.tally(c.id)
    contrary = {k: svc.contrary_to_majority(k, result.majority) for k in DECISIONS}
    data = StaffPage(c, svc.opinions(c.id), svc.staff_comments(core, c.id, actor=actor), result, contrary)
    scope = svc.scope_of(c)
    return respond(request, "bieuquyet/y-kien/staff.html", data,
                   breadcrumbs=[HOME, STAFF_HOME, (c.title, None)],
                   context={**_labels(), "group_options": _group_options(c.area_unit_id),
                            "channel_options": [(k, CHANNELS[k]) for k in c.channels if k in CHANNELS],
                            "can_manage": can(request, P_CONSULT_MANAGE, scope),
                            "can_moderate": can(request, P_CONSULT_MODERATE, scope)})


def _done(request: Request, cid: int, message: str) -> Response:
    return redirect(request, f"{BASE}/{cid}/quan-ly", message, data={"consultation_id": cid})


def send_plan(request: Request, form) -> Response:
    """Gửi kế hoạch lấy ý kiến cho Thường trực HĐND và Mặt trận."""
    cid = path_id(request)
    structure(form, NoFields)
    svc.send_plan(core_of(request), cid, actor=staff_actor(request))
    return _done(request, cid, "Đã ban hành kế hoạch và gửi Thường trực HĐND, Ủy ban MTTQ phường.")


def publish(request: Request, form) -> Response:
    """Công bố nội dung lấy ý kiến."""
    cid = path_id(request)
    structure(form, NoFields)
    svc.publish(core_of(request), cid, actor=staff_actor(request))
    return _done(request, cid, "Đã công bố nội dung lấy ý kiến Nhân dân.")


def record_opinion(request: Request, form) -> Response:
    """Ghi nhận ý kiến nhận được qua một hình thức."""
    cid = path_id(request)
    data = structure(form, OpinionForm)
    svc.record_opinion(core_of(request), cid, channel=data.channel, source=data.source,
                       received_on=data.received_on, agree=data.agree, disagree=data.disagree, other=data.other,
                       summary=data.summary, actor=staff_actor(request),
                       participants={"ubnd": data.participant_ubnd, "mttq": data.participant_mttq,
                                     "bttnd": data.participant_bttnd})
    return _done(request, cid, "Đã ghi nhận ý kiến.")


def hide_comment(request: Request, form) -> Response:
    """Ẩn một góp ý, ghi rõ lý do (không xóa)."""
    cid = path_id(request)
    data = structure(form, HideForm)
    svc.hide_comment(core_of(request), cid, data.comment_id, reason=data.reason, actor=staff_actor(request))
    return _done(request, cid, "Đã ẩn góp ý; nội dung và lý do được lưu lại.")


def print_codes(request: Request, form) -> Response:
    """In phiếu mã góp ý cho các hộ gia đình của một tổ dân phố."""
    cid = path_id(request)
    data = structure(form, PrintCodesForm)
    core, actor = core_of(request), staff_actor(request)
    lines = svc.print_codes(core, cid, group_id=data.group_id, actor=actor)
    c = svc.get(cid)
    view_lines = [SheetLineView(x.household_code, x.head_name, x.address, x.group_name, x.code) for x in lines]
    return respond(request, "bieuquyet/y-kien/codes.html", CodeSheetPage(c, view_lines),
                   breadcrumbs=[HOME, STAFF_HOME, (c.title, f"{BASE}/{cid}/quan-ly"), ("Phiếu mã góp ý", None)])


def publish_results(request: Request, form) -> Response:
    """Công khai kết quả lấy ý kiến và nội dung tiếp thu, giải trình."""
    cid = path_id(request)
    data = structure(form, ResultsForm)
    svc.publish_results(core_of(request), cid, decision=data.decision, acceptance=data.acceptance,
                        contrary_reason=data.contrary_reason, actor=staff_actor(request))
    return _done(request, cid, "Đã công khai kết quả và giải trình.")


def report(request: Request, form) -> Response:
    """Báo cáo Hội đồng nhân dân kết quả lấy ý kiến."""
    cid = path_id(request)
    structure(form, NoFields)
    svc.report(core_of(request), cid, actor=staff_actor(request))
    return _done(request, cid, "Đã ban hành báo cáo gửi Thường trực Hội đồng nhân dân.")


def routes() -> list:
    staff_err = staff_detail
    return [
        *page("/y-kien/", public_list, permission=PUBLIC, schema=PublicListPage),
        *page("/y-kien/quan-ly", staff_list, permission=P_CONSULT_VIEW, schema=StaffListPage),
        *page("/y-kien/moi", new, permission=P_CONSULT_MANAGE, methods=("GET", "POST"), body=ConsultationForm,
              schema=FormPage),
        *page("/y-kien/{id:int}", public_detail, permission=PUBLIC, schema=PublicPage),
        *page("/y-kien/{id:int}/nhan-ma", request_code, permission=PUBLIC, methods=("POST",), body=CodeRequestForm,
              schema=ConsultationRedirect, error_page=public_detail, rate_limit=(5, 60)),
        *page("/y-kien/{id:int}/gop-y", comment, permission=PUBLIC, methods=("POST",), body=CommentForm,
              schema=ConsultationRedirect, error_page=public_detail),
        *page("/y-kien/{id:int}/quan-ly", staff_detail, permission=P_CONSULT_VIEW, schema=StaffPage),
        *page("/y-kien/{id:int}/gui-ke-hoach", send_plan, permission=P_CONSULT_MANAGE, methods=("POST",),
              body=NoFields, schema=ConsultationRedirect, error_page=staff_err),
        *page("/y-kien/{id:int}/cong-bo", publish, permission=P_CONSULT_MANAGE, methods=("POST",), body=NoFields,
              schema=ConsultationRedirect, error_page=staff_err),
        *page("/y-kien/{id:int}/ghi-y-kien", record_opinion, permission=P_CONSULT_MANAGE, methods=("POST",),
              body=OpinionForm, schema=ConsultationRedirect, error_page=staff_err),
        *page("/y-kien/{id:int}/an-gop-y", hide_comment, permission=P_CONSULT_MODERATE, methods=("POST",),
              body=HideForm, schema=ConsultationRedirect, error_page=staff_err),
        *page("/y-kien/{id:int}/in-ma", print_codes, permission=P_CONSULT_MANAGE, methods=("POST",),
              body=PrintCodesForm, schema=CodeSheetPage, error_page=staff_err),
        *page("/y-kien/{id:int}/ket-qua", publish_results, permission=P_CONSULT_MANAGE, methods=("POST",),
              body=ResultsForm, schema=ConsultationRedirect, error_page=staff_err),
        *page("/y-kien/{id:int}/bao-cao", report, permission=P_CONSULT_MANAGE, methods=("POST",), body=NoFields,
              schema=ConsultationRedirect, error_page=staff_err),
    ]
