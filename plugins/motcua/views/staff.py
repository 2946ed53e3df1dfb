"""Staff pages of the one-stop module: the desk (due soon, apologies to sign, today's
appointments), intake, a dossier with its steps and actions, the register (Mẫu 07) with
its exports, indicators, assistance records, the catalogue, SIPAS surveys.

Every list is scoped to the dossiers the actor reaches (see
:mod:`..services.scope`); each action checks the actor again over the dossier; a write
that fails validation re-renders its page (``error_page``) with the field errors and
what was typed.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from thanthien.core.access import ANYWHERE
from thanthien.core.errors import ValidationError
from thanthien.core.storage.db import now
from thanthien.web.forms import structure
from thanthien.web.render import redirect, respond
from thanthien.web.request import (
    actor_of,
    can,
    core_of,
    path_id,
    query_date,
    query_int,
    query_period,
    query_text,
)

from .. import services
from ..casetypes import DOSSIER, REQUEST_SUPPLEMENT_RUNNING
from ..forms import (
    ApologyDraftForm,
    ApologySignForm,
    AssignForm,
    AssistanceForm,
    IntakeForm,
    NoteForm,
    ProcedureForm,
    ReasonForm,
    ReturnForm,
    SupplementForm,
    SurveyForm,
)
from ..schemas import (
    AssistancePage,
    BookingsPage,
    BookingView,
    DeskPage,
    DocumentRef,
    DossierPage,
    DueRow,
    IndicatorsPage,
    IntakePage,
    ProcedureEditPage,
    ProcedureView,
    RegisterPage,
    SlotView,
    StepView,
    SurveyResultsPage,
)
from ..types import ASSISTANCE_KINDS, CHANNELS, P_ASSIGN, P_PROCESS, P_RECEIVE, P_REPORT, P_SIGN, SIPAS_FACTORS

BASE = "/motcua"
HOME = ("Một cửa", f"{BASE}/")


def _bookings(core, day: dt.date, actor) -> list[BookingView]:
    return [BookingView(b.code, b.procedure_code, b.time, b.name, b.phone, b.cancelled)
            for b in services.bookings_on(core, day, actor=actor)]


# ---------------------------------------------------------------------------
# the desk, the dashboard widget, appointments
# ---------------------------------------------------------------------------

def desk(request: Request, form) -> Response:
    """Bàn làm việc Một cửa: hồ sơ sắp đến hạn, lịch hẹn hôm nay, văn bản xin lỗi chờ ký."""
    core, actor = core_of(request), actor_of(request)
    today = query_date(request, "ngay", now().date()) or now().date()
    data = DeskPage(today, [DueRow.of_line(d, today) for d in services.due_soon_lines(core, today, actor=actor)],
                    _bookings(core, today, actor), services.apologies(core, "draft", actor=actor))
    return respond(request, "motcua/desk.html", data, breadcrumbs=[(HOME[0], None)],
                   context={"can_sign": can(request, P_SIGN, ANYWHERE), "can_receive": can(request, P_RECEIVE, ANYWHERE)})


def widget_data(ctx: Any) -> dict[str, Any]:
    """The dashboard box: the actor's dossiers at risk (R-MC-15) and this month's figures."""
    core = ctx.services
    rows = [_widget_row(DueRow.of_line(d, ctx.today))
            for d in services.due_soon_lines(core, ctx.today, actor=ctx.actor, limit=50)]
    month = services.measures(services.sums(ctx.today.replace(day=1), ctx.today).get("", {}))
    return {"due_soon": rows, "month": month}


def _widget_row(row: DueRow) -> dict[str, Any]:
    return {"code": row.code, "procedure": row.procedure, "state": row.state, "due_date": row.due_date,
            "appointment": row.appointment, "late": row.late}


def day_bookings(request: Request, form) -> Response:
    """Lịch hẹn trong ngày."""
    core = core_of(request)
    day = query_date(request, "ngay", now().date()) or now().date()
    data = BookingsPage(day, _bookings(core, day, actor_of(request)),
                        [SlotView(**s) for s in services.slots(core, day)])
    return respond(request, "motcua/bookings.html", data, breadcrumbs=[HOME, ("Lịch hẹn", None)])


# ---------------------------------------------------------------------------
# intake
# ---------------------------------------------------------------------------

def intake_page(request: Request, form) -> Response:
    """Tiếp nhận hồ sơ (Mẫu 01)."""
    code = query_text(request, "thu_tuc", max_length=32)
    proc = services.get_procedure(code) if code else None
    # the register look-up: ?tim= lists residents (masked), ?nguoi= fills the applicant's fields
    core, actor = core_of(request), actor_of(request)
    search = query_text(request, "tim", max_length=80)
    matches = services.find_applicants(core, search, actor=actor) if search else []
    picked = query_int(request, "nguoi")
    values = services.applicant_values(core, picked, actor=actor) if picked else {}
    data = IntakePage([(p.code, f"{p.code} — {p.name}") for p in services.list_procedures()],
                      ProcedureView.of(proc) if proc else None, list(CHANNELS.items()),
                      [(k, CHANNELS[k]) for k in proc.delivery] if proc else [], values, search, matches)
    return respond(request, "motcua/intake.html", data, breadcrumbs=[HOME, ("Tiếp nhận", None)])


def intake(request: Request, form) -> Response:
    """Tiếp nhận hồ sơ: mã hồ sơ, giấy hẹn (Mẫu 01) với mã bí mật tra cứu, đánh giá."""
    data = structure(form, IntakeForm)
    try:
        dossier = services.receive(core_of(request), procedure_code=data.procedure_code, actor=actor_of(request),
                                   applicant=data.applicant, documents=data.documents, fee_paid=data.fee_paid,
                                   fee_units=data.fee_units, sets=data.sets, submission=data.submission,
                                   delivery=data.delivery, concerned=data.concerned)
    except ValidationError as exc:  # the applicant's fields are applicant_<x> on the page
        raise ValidationError([(f.replace("applicant.", "applicant_"), m) for f, m in exc.errors]) from None
    return redirect(request, f"{BASE}/ho-so/{dossier.code}", f"Đã tiếp nhận hồ sơ {dossier.code}.",
                    data={"code": dossier.code, "receipt_document_id": dossier.receipt_document_id})


# ---------------------------------------------------------------------------
# a dossier and its steps
# ---------------------------------------------------------------------------

#: every step of a dossier: its action (the older English path) → its Vietnamese path slug
ACTIONS = {
    "transfer": "chuyen-xu-ly", "assign": "phan-cong", "request_supplement": "yeu-cau-bo-sung",
    "supplemented": "da-bo-sung", "result_ready": "co-ket-qua", "return_result": "tra-ket-qua",
    "stop": "dung", "refuse": "tu-choi", "draft_apology": "du-thao-xin-loi", "control_sheet": "phieu-kiem-soat",
}
SLUG_ACTIONS = {slug: action for action, slug in ACTIONS.items()}


def _code(request: Request) -> str:
    return str(request.path_params["code"])


def _failed_action(request: Request) -> str:
    """On a re-rendered dossier page: the step whose form failed (its errors go there)."""
    if request.method != "POST":
        return ""
    slug = request.url.path.rsplit("/", 1)[-1].removesuffix(".json")
    return SLUG_ACTIONS.get(slug, slug if slug in ACTIONS else "")


def dossier(request: Request, form) -> Response:
    """Hồ sơ: thông tin, các bước xử lý (Mẫu 06), văn bản, thao tác."""
    core, actor = core_of(request), actor_of(request)
    d = services.view_dossier(core, _code(request), actor=actor)
    steps = [StepView(**s) for s in services.control_steps(core, d.case_id, actor=actor)]
    documents = [DocumentRef(doc.id, doc.number_symbol, doc.subject, doc.issued_on)
                 for doc in services.dossier_documents(core, d.case_id)]
    actions = [t.name for t in DOSSIER.available(d.state) if t.name != REQUEST_SUPPLEMENT_RUNNING]
    data = DossierPage(d, steps, documents, actions, list(CHANNELS.items()), services.handlers(core), now().date())
    context = {"paths": ACTIONS, "failed": _failed_action(request),
               "can_assign": can(request, P_ASSIGN, ANYWHERE), "can_process": can(request, P_PROCESS, ANYWHERE),
               "documents_required": services.get_procedure(d.procedure_code).documents}
    return respond(request, "motcua/dossier.html", data, breadcrumbs=[HOME, (d.code, None)], context=context)


def _to_dossier(request: Request, code: str, message: str = "Đã cập nhật hồ sơ.") -> Response:
    return redirect(request, f"{BASE}/ho-so/{code}", message, data={"code": code})


def transfer(request: Request, form) -> Response:
    """Chuyển hồ sơ cho đơn vị, công chức giải quyết."""
    data = structure(form, AssignForm)
    d = services.transfer(core_of(request), _code(request), actor=actor_of(request), unit_id=data.unit_id,
                          handler_id=data.handler_id, note=data.note)
    return _to_dossier(request, d.code)


def assign(request: Request, form) -> Response:
    """Phân công lại đơn vị, công chức giải quyết."""
    data = structure(form, AssignForm)
    d = services.assign(core_of(request), _code(request), actor=actor_of(request), unit_id=data.unit_id,
                        handler_id=data.handler_id, note=data.note)
    return _to_dossier(request, d.code)


def request_supplement(request: Request, form) -> Response:
    """Lập phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02): mỗi giấy tờ một dòng."""
    data = structure(form, SupplementForm)
    d = services.request_supplement(core_of(request), _code(request), items=data.rows, actor=actor_of(request),
                                    guide_officer=data.guide)
    return _to_dossier(request, d.code)


def supplemented(request: Request, form) -> Response:
    """Đã nhận đủ hồ sơ bổ sung: thời hạn tiếp tục tính."""
    data = structure(form, NoteForm)
    d = services.receive_supplement(core_of(request), _code(request), actor=actor_of(request), note=data.note)
    return _to_dossier(request, d.code)


def result_ready(request: Request, form) -> Response:
    """Đã có kết quả, chuyển về Bộ phận Một cửa."""
    data = structure(form, NoteForm)
    d = services.mark_result_ready(core_of(request), _code(request), actor=actor_of(request), note=data.note)
    return _to_dossier(request, d.code)


def return_result(request: Request, form) -> Response:
    """Trả kết quả (tại quầy, qua bưu chính công ích, trực tuyến)."""
    data = structure(form, ReturnForm)
    d = services.return_result(core_of(request), _code(request), actor=actor_of(request),
                               delivery=data.delivery or None, postal_tracking=data.postal_tracking)
    return _to_dossier(request, d.code)


def stop(request: Request, form) -> Response:
    """Dừng giải quyết hồ sơ (Mẫu 05)."""
    data = structure(form, ReasonForm)
    d = services.stop(core_of(request), _code(request), reason=data.reason, actor=actor_of(request))
    return _to_dossier(request, d.code)


def refuse(request: Request, form) -> Response:
    """Từ chối giải quyết hồ sơ (Mẫu 03)."""
    data = structure(form, ReasonForm)
    d = services.refuse(core_of(request), _code(request), reason=data.reason, actor=actor_of(request))
    return _to_dossier(request, d.code)


def draft_apology(request: Request, form) -> Response:
    """Dự thảo văn bản xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)."""
    data = structure(form, ApologyDraftForm)
    a = services.draft_apology(core_of(request), _code(request), reason=data.reason, proposed_due=data.proposed_due,
                               actor=actor_of(request))
    return _to_dossier(request, a.code, "Đã dự thảo văn bản xin lỗi, chờ thủ trưởng ký.")


def control_sheet(request: Request, form) -> Response:
    """In phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 06)."""
    doc = services.issue_control_sheet(core_of(request), _code(request), actor=actor_of(request))
    return redirect(request, f"/documents/{doc.id}", "Đã lập phiếu kiểm soát (Mẫu 06).", data={"document_id": doc.id})


def sign_apology(request: Request, form) -> Response:
    """Ký văn bản xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)."""
    data = structure(form, ApologySignForm)
    actor = actor_of(request)
    a = services.sign_apology(core_of(request), path_id(request), actor=actor,
                              signer_name=data.signer_name or actor.name, signer_title=data.signer_title,
                              proposed_due=data.proposed_due)
    return redirect(request, f"/documents/{a.document_id}", "Đã ký văn bản xin lỗi, hẹn lại ngày trả kết quả.",
                    data={"document_id": a.document_id})


# ---------------------------------------------------------------------------
# the register, indicators
# ---------------------------------------------------------------------------

#: rows per page of the register (keyset pagination, issue 16)
REGISTER_PAGE = 200


def _month_period(request: Request) -> tuple[dt.date, dt.date]:
    today = now().date()
    return query_period(request, today.replace(day=1), today)


def register_view(request: Request, form) -> Response:
    """Sổ theo dõi hồ sơ (Mẫu 07)."""
    start, end = _month_period(request)
    after = query_text(request, "sau", max_length=40)
    rows, next_after = services.view_register_page(core_of(request), start, end, actor=actor_of(request),
                                                   limit=REGISTER_PAGE, after=after)
    return respond(request, "motcua/register.html",
                   RegisterPage(start, end, services.REGISTER_HEADER, rows, next_after, bool(after)),
                   breadcrumbs=[HOME, ("Sổ theo dõi hồ sơ", None)])


def register_export(request: Request, form) -> Response:
    """Xuất sổ theo dõi hồ sơ (CSV hoặc Excel)."""
    start, end = _month_period(request)
    xlsx = request.url.path.endswith(".xlsx")
    export = services.register_xlsx if xlsx else services.register_csv
    body = export(core_of(request), start, end, actor=actor_of(request))
    name = f"so-theo-doi-ho-so-{start:%Y%m%d}-{end:%Y%m%d}.{'xlsx' if xlsx else 'csv'}"
    media = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" if xlsx
             else "text/csv; charset=utf-8")
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _year_period(request: Request) -> tuple[dt.date, dt.date]:
    today = now().date()
    return query_period(request, today.replace(month=1, day=1), today)


def _by(request: Request) -> str:
    return "procedure" if query_text(request, "theo") in ("thu-tuc", "procedure") else "month"


def indicators(request: Request, form) -> Response:
    """Chỉ tiêu giải quyết TTHC theo tháng hoặc theo thủ tục."""
    start, end = _year_period(request)
    by = query_text(request, "theo") or "month"
    rows = services.indicator_table(core_of(request), start, end, _by(request))
    return respond(request, "motcua/indicators.html",
                   IndicatorsPage(start, end, by, [list(c) for c in services.INDICATOR_COLUMNS], rows),
                   breadcrumbs=[HOME, ("Chỉ tiêu", None)], context={"can_survey": can(request, P_REPORT, ANYWHERE)})


def indicators_csv(request: Request, form) -> Response:
    """Xuất chỉ tiêu (CSV)."""
    start, end = _year_period(request)
    return Response(services.indicator_csv(core_of(request), start, end, _by(request)),
                    media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="chi-tieu-motcua.csv"'})


# ---------------------------------------------------------------------------
# assistance, the catalogue, surveys
# ---------------------------------------------------------------------------

def assistance_page(request: Request, form) -> Response:
    """Hỗ trợ người dân tại nhà, ngoài giờ (kế hoạch mục III.1.2)."""
    today = now().date()
    records = services.assistance_between(core_of(request), today - dt.timedelta(days=90), today,
                                          actor=actor_of(request))
    data = AssistancePage(list(ASSISTANCE_KINDS.items()), records,
                          [("", "—")] + [(p.code, p.name) for p in services.list_procedures()])
    return respond(request, "motcua/assistance.html", data, breadcrumbs=[HOME, ("Hỗ trợ tại nhà, ngoài giờ", None)])


def assistance(request: Request, form) -> Response:
    """Ghi nhận việc hỗ trợ người dân."""
    data = structure(form, AssistanceForm)
    if data.at is None:
        raise ValidationError([("day", "Ngày giờ hỗ trợ không hợp lệ (dd/mm/yyyy và HH:MM).")])
    actor = actor_of(request)
    services.record_assistance(core_of(request), kind=data.kind, helper_id=actor.person_id, helper_name=actor.name,
                               place=data.place, at=data.at, procedure_code=data.procedure_code,
                               dossier_code=data.dossier_code, note=data.note, actor=actor)
    return redirect(request, f"{BASE}/ho-tro", "Đã ghi nhận việc hỗ trợ.")


def procedure_page(request: Request, form) -> Response:
    """Sửa một thủ tục trong danh mục (quản trị)."""
    proc = services.get_procedure(str(request.path_params["code"]))
    return respond(request, "motcua/procedure_edit.html", ProcedureEditPage(ProcedureView.of(proc)),
                   breadcrumbs=[("Thủ tục hành chính", f"{BASE}/thu-tuc"), (proc.code, None)])


def procedure_edit(request: Request, form) -> Response:
    """Lưu thủ tục: các trường không gửi giữ nguyên."""
    proc = services.get_procedure(str(request.path_params["code"]))
    data = structure(form, ProcedureForm)
    current = {"time": proc.time_unit if proc.time_unit == "same_day" else f"{proc.time_unit}:{proc.time_amount}",
               "fee_vnd": "" if proc.fee_vnd is None else proc.fee_vnd}
    values = {**_procedure_values(proc), **current}
    for name in ("name", "field", "time", "fee_vnd", "fee_unit", "fee_note", "delivery", "online_level"):
        typed = getattr(data, name)
        if typed is not None:
            values[name] = typed
    if data.document_rows is not None:
        values["documents"] = data.document_rows
    values["code"] = proc.code
    services.save_procedure(core_of(request), values, actor=actor_of(request))
    return redirect(request, f"{BASE}/thu-tuc", f"Đã cập nhật thủ tục {proc.code}.")


def _procedure_values(proc) -> dict[str, Any]:
    return {"code": proc.code, "name": proc.name, "field": proc.field, "time_note": proc.time_note,
            "fee_unit": proc.fee_unit, "fee_note": proc.fee_note,
            "documents": [{"code": d.code, "name": d.name, "copy_kind": d.copy_kind, "quantity": d.quantity}
                          for d in proc.documents],
            "handling_unit": proc.handling_unit, "delivery": list(proc.delivery), "online_level": proc.online_level,
            "life_event": proc.life_event, "source": proc.source, "tag": proc.tag, "verify": proc.verify,
            "active": proc.active}


def survey_results(request: Request, form) -> Response:
    """Kết quả khảo sát SIPAS theo thủ tục, công chức, tháng."""
    survey_id = path_id(request)
    by = query_text(request, "theo") or "procedure"
    rows = services.survey_results(core_of(request), survey_id, by, actor=actor_of(request))
    return respond(request, "motcua/survey_results.html",
                   SurveyResultsPage(survey_id, by, list(SIPAS_FACTORS.items()), rows),
                   breadcrumbs=[HOME, ("Khảo sát SIPAS", None)])


def survey_new(request: Request, form) -> Response:
    """Mở đợt khảo sát SIPAS."""
    data = structure(form, SurveyForm)
    survey_id = services.create_survey(core_of(request), title=data.title, start=data.start, end=data.end,
                                       actor=actor_of(request))
    return redirect(request, f"{BASE}/khao-sat/{survey_id}", "Đã mở đợt khảo sát.", data={"survey_id": survey_id})
