"""Pages of the one-stop module (mounted under ``/motcua``), each with its ``.json`` twin.

Public (no account): procedure catalogue, dossier look-up by code, rating (also as a
counter kiosk), appointment booking and cancelling, SIPAS answers. Staff: the desk
(due-soon, today's bookings, apologies to sign), intake, a dossier and its steps, the
register (Mẫu 07) with CSV/xlsx export, indicators, assistance records, the catalogue.
Public data never carries a resident's name, ID number, phone or address (R-DL-07).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from starlette.requests import Request
from starlette.responses import Response

from thanthien.core.errors import PermissionDenied, ValidationError
from thanthien.core.storage.db import now
from thanthien.core.converters import parse_date
from thanthien.web.forms import query_date
from thanthien.web.render import form_errors, redirect, respond
from thanthien.web.routing import PUBLIC, page

from . import services as mc
from .types import (ASSISTANCE_KINDS, CHANNELS, RATING_LEVELS, SIPAS_FACTORS, SIPAS_SCALE, PublicStatus)

BASE = "/motcua"


def _svc(request: Request):
    return request.app.state.services


def _actor(request: Request, permission: str, unit_id: int | None = None):
    actor = request.state.actor
    if not _svc(request).access.can(actor, permission, unit_id):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")
    return actor




def _proc_view(p) -> dict[str, Any]:
    return {"code": p.code, "name": p.name, "field": p.field, "time": p.time_label, "time_unit": p.time_unit,
            "time_amount": p.time_amount, "time_note": p.time_note, "fee": p.fee_label, "fee_note": p.fee_note,
            "fee_vnd": p.fee_vnd, "fee_unit": p.fee_unit,
            "documents": [attrs.asdict(d) for d in p.documents], "handling_unit": p.handling_unit,
            "delivery": [{"key": k, "label": CHANNELS[k]} for k in p.delivery], "online_level": p.online_level,
            "verify": p.verify}


# ---------------------------------------------------------------------------
# Public pages
# ---------------------------------------------------------------------------

def catalogue(request: Request, form) -> Response:
    """Danh mục thủ tục hành chính."""
    procs = [_proc_view(p) for p in mc.list_procedures()]
    return respond(request, "motcua/catalogue.html", {"procedures": procs},
                   breadcrumbs=[("Thủ tục hành chính", None)])


def lookup(request: Request, form) -> Response:
    """Tra cứu tình trạng hồ sơ theo mã (không hiển thị thông tin cá nhân)."""
    code = (request.query_params.get("ma") or "").strip()
    status: PublicStatus | None = mc.lookup(code) if code else None
    return respond(request, "motcua/lookup.html", {"code": code, "dossier": status},
                   breadcrumbs=[("Tra cứu hồ sơ", None)])


def rate(request: Request, form) -> Response:
    """Đánh giá mức độ hài lòng về việc giải quyết hồ sơ (R-MC-19)."""
    kiosk = (request.query_params.get("kiosk") or (form or {}).get("channel") == "kiosk") in (True, "1", "kiosk")
    data = {"levels": list(RATING_LEVELS.items()), "kiosk": bool(kiosk), "done": None,
            "values": {"ma": request.query_params.get("ma", "")}}
    if form is None:
        return respond(request, "motcua/rate.html", data, breadcrumbs=[("Đánh giá hài lòng", None)])
    try:
        result = mc.rate(_svc(request), str(form.get("ma") or ""), level=str(form.get("level") or ""),
                         comment=str(form.get("comment") or ""), channel="kiosk" if kiosk else "web")
    except ValidationError as exc:
        return form_errors(request, "motcua/rate.html", {**data, "values": form}, exc.errors)
    if kiosk:
        return redirect(request, f"{BASE}/danh-gia?kiosk=1", "Xin cảm ơn ông/bà đã đánh giá.",
                        data={"rating": result["label"]})
    return redirect(request, f"{BASE}/tra-cuu?ma={form.get('ma')}", "Xin cảm ơn ông/bà đã đánh giá.",
                    data={"rating": result["label"]})


def _booking_data(request: Request, day: dt.date) -> dict[str, Any]:
    svc = _svc(request)
    return {"procedures": [(p.code, f"{p.name}") for p in mc.list_procedures()],
            "day": day, "slots": mc.slots(svc, day), "booking": None, "values": {}}


def book(request: Request, form) -> Response:
    """Đặt lịch hẹn giờ làm thủ tục (không cần tài khoản)."""
    today = now().date()
    if form is None:
        day = query_date(request, "ngay", _svc(request).calendar.next_working_day(today))
        return respond(request, "motcua/book.html", _booking_data(request, day),
                       breadcrumbs=[("Đặt lịch hẹn", None)])
    errors = []
    try:
        day = parse_date(form.get("day") or "")
    except ValueError:
        day = None
        errors.append(("day", "Ngày hẹn không hợp lệ (dd/mm/yyyy)."))
    data = _booking_data(request, day or today)
    data["values"] = form
    try:
        if errors:
            raise ValidationError(errors)
        booking = mc.book(_svc(request), procedure_code=str(form.get("procedure_code") or ""), day=day,
                          time=str(form.get("time") or ""), name=str(form.get("name") or ""),
                          phone=str(form.get("phone") or ""))
    except ValidationError as exc:
        return form_errors(request, "motcua/book.html", data, exc.errors)
    # only what the booker needs to keep: the code, procedure, day and time
    public = {"code": booking.code, "procedure_code": booking.procedure_code, "day": booking.day,
              "time": booking.time}
    return respond(request, "motcua/booked.html", {"booking": public}, status=201,
                   breadcrumbs=[("Đặt lịch hẹn", f"{BASE}/dat-lich"), ("Đã đặt lịch", None)])


def cancel(request: Request, form) -> Response:
    """Hủy lịch hẹn bằng mã đặt lịch."""
    if form is None:
        return respond(request, "motcua/cancel.html", {}, breadcrumbs=[("Hủy lịch hẹn", None)])
    mc.cancel_booking(str(form.get("code") or ""))
    return redirect(request, f"{BASE}/dat-lich", "Đã hủy lịch hẹn.")


def survey_answer(request: Request, form) -> Response:
    """Phiếu khảo sát sự hài lòng (SIPAS, 5 yếu tố)."""
    survey_id = int(request.path_params["id"])
    data = {"survey_id": survey_id, "factors": list(SIPAS_FACTORS.items()), "scale": list(SIPAS_SCALE.items()),
            "procedures": [(p.code, p.name) for p in mc.list_procedures()], "values": {}}
    if form is None:
        return respond(request, "motcua/survey_answer.html", data, breadcrumbs=[("Khảo sát hài lòng", None)])
    scores = {k: form.get(f"score_{k}") for k in SIPAS_FACTORS}
    try:
        mc.answer_survey(survey_id, scores=scores, answered_on=now().date(),
                         procedure_code=str(form.get("procedure_code") or ""), comment=str(form.get("comment") or ""))
    except ValidationError as exc:
        errors = [(f.replace("scores.", "score_"), m) for f, m in exc.errors]
        return form_errors(request, "motcua/survey_answer.html", {**data, "values": form}, errors)
    return redirect(request, f"{BASE}/khao-sat/{survey_id}/tra-loi", "Xin cảm ơn ông/bà đã tham gia khảo sát.")


# ---------------------------------------------------------------------------
# Staff pages
# ---------------------------------------------------------------------------

def desk(request: Request, form) -> Response:
    """Bàn làm việc Một cửa: hồ sơ sắp đến hạn, lịch hẹn hôm nay, văn bản xin lỗi chờ ký."""
    svc = _svc(request)
    today = query_date(request, "ngay", now().date())
    at_risk = [_staff_row(d, today) for d in mc.due_soon(svc, today)]
    return respond(request, "motcua/desk.html", {
        "today": today, "due_soon": at_risk, "bookings": _bookings(today),
        "apologies": [attrs.asdict(a) for a in mc.apologies("draft")],
    }, breadcrumbs=[("Một cửa", None)])


def _staff_row(d, today: dt.date) -> dict[str, Any]:
    return {"code": d.code, "procedure": d.procedure_name, "state": d.state_label, "due_date": d.due_date,
            "appointment": d.appointment_at, "late": bool(d.due_date and d.due_date < today),
            "reappointments": d.reappointments}


def _bookings(day: dt.date) -> list[dict]:
    return [{"code": b.code, "procedure_code": b.procedure_code, "time": b.time, "name": b.name,
             "phone": b.phone, "cancelled": b.cancelled} for b in mc.bookings_on(day)]


def day_bookings(request: Request, form) -> Response:
    """Lịch hẹn trong ngày."""
    day = query_date(request, "ngay", now().date())
    return respond(request, "motcua/bookings.html", {"day": day, "bookings": _bookings(day),
                                                     "slots": mc.slots(_svc(request), day)},
                   breadcrumbs=[("Một cửa", f"{BASE}/"), ("Lịch hẹn", None)])


def intake(request: Request, form) -> Response:
    """Tiếp nhận hồ sơ (Mẫu 01)."""
    svc = _svc(request)
    code = (form or {}).get("procedure_code") or request.query_params.get("thu_tuc") or ""
    proc = mc.get_procedure(code) if code else None
    data = {"procedures": [(p.code, f"{p.code} — {p.name}") for p in mc.list_procedures()],
            "procedure": _proc_view(proc) if proc else None, "channels": list(CHANNELS.items()), "values": {},
            "delivery_options": [(k, CHANNELS[k]) for k in proc.delivery] if proc else []}
    if form is None:
        return respond(request, "motcua/intake.html", data, breadcrumbs=[("Một cửa", f"{BASE}/"), ("Tiếp nhận", None)])
    actor = _actor(request, "motcua.receive")
    docs = form.get("doc") or []
    docs = [docs] if isinstance(docs, str) else list(docs)
    try:
        dossier = mc.receive(
            svc, procedure_code=str(code), actor=actor,
            applicant={k: form.get(f"applicant_{k}", "") for k in ("full_name", "citizen_id", "phone", "address", "email")},
            documents=[{"code": c, "quantity": form.get(f"qty_{c}") or None} for c in docs],
            fee_paid=form.get("fee_paid") or 0, fee_units=form.get("fee_units") or 1, sets=form.get("sets") or 1,
            submission=str(form.get("submission") or "counter"), delivery=str(form.get("delivery") or "counter"),
            concerned=[{"full_name": form["concerned_name"], "role": form.get("concerned_role", "")}]
            if form.get("concerned_name") else [],
        )
    except ValidationError as exc:
        errors = [(f.replace("applicant.", "applicant_"), m) for f, m in exc.errors]
        return form_errors(request, "motcua/intake.html", {**data, "values": form}, errors)
    return redirect(request, f"{BASE}/ho-so/{dossier.code}", f"Đã tiếp nhận hồ sơ {dossier.code}.",
                    data={"code": dossier.code, "receipt_document_id": dossier.receipt_document_id})


def dossier(request: Request, form) -> Response:
    """Hồ sơ: thông tin, các bước xử lý (Mẫu 06), thao tác."""
    svc = _svc(request)
    d = mc.get_dossier(request.path_params["code"])
    if not mc.can_see(svc, request.state.actor, d):
        raise PermissionDenied("Hồ sơ này không thuộc đơn vị của bạn.")
    data = {"dossier": attrs.asdict(d), "steps": mc.control_steps(svc, d.code),
            "documents": [{"id": doc.id, "number_symbol": doc.number_symbol, "subject": doc.subject,
                           "issued_on": doc.issued_on}
                          for doc in svc.documents.register(limit=50) if doc.case_id == d.case_id],
            "actions": [t.name for t in mc.DOSSIER.available(d.state)], "channels": list(CHANNELS.items()),
            "handlers": _handlers(), "today": now().date()}
    return respond(request, "motcua/dossier.html", data,
                   breadcrumbs=[("Một cửa", f"{BASE}/"), (d.code, None)])


def _handlers() -> list[tuple[int, str]]:
    from thanthien.core.people import search_people

    return [(p.id, f"{p.full_name} — {p.position}") for p in search_people(staff=True, limit=200)]


ACTIONS = {"transfer", "request_supplement", "supplemented", "result_ready", "return_result", "stop", "refuse",
           "draft_apology", "control_sheet", "assign"}


def dossier_action(request: Request, form) -> Response:
    """Thao tác trên hồ sơ (chuyển, yêu cầu bổ sung, có kết quả, trả kết quả, dừng, từ chối, xin lỗi)."""
    svc = _svc(request)
    code, action = request.path_params["code"], request.path_params["action"]
    if action not in ACTIONS:
        raise ValidationError([("action", "Thao tác không hợp lệ.")])
    d = mc.get_dossier(code)
    actor = request.state.actor
    if not mc.can_see(svc, actor, d):
        raise PermissionDenied("Hồ sơ này không thuộc đơn vị của bạn.")
    form = form or {}
    handler = int(form["handler_id"]) if str(form.get("handler_id") or "").isdigit() else None
    note = str(form.get("note") or "")
    url = f"{BASE}/ho-so/{d.code}"
    if action == "transfer":
        mc.transfer(svc, code, actor=actor, handler_id=handler, note=note)
    elif action == "assign":
        mc.assign(svc, code, actor=actor, handler_id=handler, note=note)
    elif action == "request_supplement":
        lines = [x.strip() for x in str(form.get("items") or "").splitlines() if x.strip()]
        items = [dict(zip(("what", "reason"), [p.strip() for p in (line.split("|", 1) + [""])[:2]])) for line in lines]
        mc.request_supplement(svc, code, items=items, actor=actor, guide_officer=str(form.get("guide") or ""))
    elif action == "supplemented":
        mc.receive_supplement(svc, code, actor=actor, note=note)
    elif action == "result_ready":
        mc.mark_result_ready(svc, code, actor=actor, note=note)
    elif action == "return_result":
        mc.return_result(svc, code, actor=actor, delivery=str(form.get("delivery") or "") or None,
                         postal_tracking=str(form.get("postal_tracking") or ""))
    elif action in ("stop", "refuse"):
        (mc.stop if action == "stop" else mc.refuse)(svc, code, reason=str(form.get("reason") or ""), actor=actor)
    elif action == "draft_apology":
        proposed = parse_date(form["proposed_due"]) if form.get("proposed_due") else None
        mc.draft_apology(svc, code, reason=str(form.get("reason") or ""), proposed_due=proposed, actor=actor)
    elif action == "control_sheet":
        doc = mc.issue_control_sheet(svc, code, actor=actor)
        return redirect(request, f"/documents/{doc.id}", "Đã lập phiếu kiểm soát (Mẫu 06).",
                        data={"document_id": doc.id})
    return redirect(request, url, "Đã cập nhật hồ sơ.", data={"code": d.code})


def sign_apology(request: Request, form) -> Response:
    """Ký văn bản xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)."""
    actor = _actor(request, "motcua.sign")
    form = form or {}
    proposed = parse_date(form["proposed_due"]) if form.get("proposed_due") else None
    a = mc.sign_apology(_svc(request), int(request.path_params["id"]), actor=actor,
                        signer_name=str(form.get("signer_name") or actor.name),
                        signer_title=str(form.get("signer_title") or ""), proposed_due=proposed)
    return redirect(request, f"/documents/{a.document_id}", "Đã ký văn bản xin lỗi, hẹn lại ngày trả kết quả.",
                    data={"document_id": a.document_id})


def register_view(request: Request, form) -> Response:
    """Sổ theo dõi hồ sơ (Mẫu 07)."""
    today = now().date()
    start = query_date(request, "tu", today.replace(day=1))
    end = query_date(request, "den", today)
    rows = mc.register_rows(_svc(request), start, end, limit=2000)
    return respond(request, "motcua/register.html",
                   {"start": start, "end": end, "header": mc.REGISTER_HEADER, "rows": rows},
                   breadcrumbs=[("Một cửa", f"{BASE}/"), ("Sổ theo dõi hồ sơ", None)])


def register_export(request: Request, form) -> Response:
    """Xuất sổ theo dõi hồ sơ (CSV hoặc Excel)."""
    today = now().date()
    start = query_date(request, "tu", today.replace(day=1))
    end = query_date(request, "den", today)
    xlsx = request.url.path.endswith(".xlsx")
    fn = mc.register_xlsx if xlsx else mc.register_csv
    body = fn(_svc(request), start, end, actor=request.state.actor)
    name = f"so-theo-doi-ho-so-{start:%Y%m%d}-{end:%Y%m%d}.{'xlsx' if xlsx else 'csv'}"
    media = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" if xlsx
             else "text/csv; charset=utf-8")
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def indicators(request: Request, form) -> Response:
    """Chỉ tiêu giải quyết TTHC theo tháng hoặc theo thủ tục."""
    today = now().date()
    start = query_date(request, "tu", today.replace(month=1, day=1))
    end = query_date(request, "den", today)
    by = request.query_params.get("theo") or "month"
    rows = mc.indicator_table(start, end, "procedure" if by in ("thu-tuc", "procedure") else "month")
    return respond(request, "motcua/indicators.html",
                   {"start": start, "end": end, "by": by, "columns": [list(c) for c in mc.INDICATOR_COLUMNS],
                    "rows": rows}, breadcrumbs=[("Một cửa", f"{BASE}/"), ("Chỉ tiêu", None)])


def indicators_csv(request: Request, form) -> Response:
    """Xuất chỉ tiêu (CSV)."""
    today = now().date()
    start = query_date(request, "tu", today.replace(month=1, day=1))
    end = query_date(request, "den", today)
    by = "procedure" if request.query_params.get("theo") in ("thu-tuc", "procedure") else "month"
    return Response(mc.indicator_csv(start, end, by), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="chi-tieu-motcua.csv"'})


def assistance(request: Request, form) -> Response:
    """Hỗ trợ người dân tại nhà, ngoài giờ (kế hoạch mục III.1.2)."""
    today = now().date()
    data = {"kinds": list(ASSISTANCE_KINDS.items()), "values": {},
            "records": mc.assistance_between(today - dt.timedelta(days=90), today),
            "procedures": [("", "—")] + [(p.code, p.name) for p in mc.list_procedures()]}
    if form is None:
        return respond(request, "motcua/assistance.html", data,
                       breadcrumbs=[("Một cửa", f"{BASE}/"), ("Hỗ trợ tại nhà, ngoài giờ", None)])
    actor = _actor(request, "motcua.view")
    try:
        try:
            when = dt.datetime.strptime(f"{form.get('day', '')} {form.get('time', '')}".strip(), "%d/%m/%Y %H:%M")
        except ValueError:
            raise ValidationError([("day", "Ngày giờ hỗ trợ không hợp lệ (dd/mm/yyyy và HH:MM).")]) from None
        mc.record_assistance(kind=str(form.get("kind") or ""), helper_id=actor.person_id, helper_name=actor.name,
                             place=str(form.get("place") or ""), at=when,
                             procedure_code=str(form.get("procedure_code") or ""),
                             dossier_code=str(form.get("dossier_code") or ""), note=str(form.get("note") or ""),
                             actor=actor)
    except ValidationError as exc:
        return form_errors(request, "motcua/assistance.html", {**data, "values": form}, exc.errors)
    return redirect(request, f"{BASE}/ho-tro", "Đã ghi nhận việc hỗ trợ.")


def procedure_edit(request: Request, form) -> Response:
    """Sửa một thủ tục trong danh mục (quản trị)."""
    code = request.path_params["code"]
    proc = mc.get_procedure(code)
    data = {"procedure": _proc_view(proc), "values": {}}
    if form is None:
        return respond(request, "motcua/procedure_edit.html", data,
                       breadcrumbs=[("Thủ tục hành chính", f"{BASE}/thu-tuc"), (proc.code, None)])
    actor = _actor(request, "motcua.catalogue.manage")
    docs = []
    for line in str(form.get("documents") or "").splitlines():
        parts = [p.strip() for p in line.split("|")]
        if any(parts):
            docs.append(dict(zip(("code", "name", "copy_kind", "quantity"), parts)))
    values = {**attrs.asdict(proc), "name": form.get("name", proc.name), "field": form.get("field", proc.field),
              "time": form.get("time", ""), "fee_vnd": form.get("fee_vnd", ""),
              "fee_unit": form.get("fee_unit", proc.fee_unit), "fee_note": form.get("fee_note", proc.fee_note),
              "documents": docs, "delivery": form.get("delivery", ",".join(proc.delivery)),
              "online_level": form.get("online_level", proc.online_level), "code": proc.code}
    try:
        mc.save_procedure(values, actor=actor)
    except ValidationError as exc:
        return form_errors(request, "motcua/procedure_edit.html", {**data, "values": form}, exc.errors)
    return redirect(request, f"{BASE}/thu-tuc", f"Đã cập nhật thủ tục {proc.code}.")


def survey_results(request: Request, form) -> Response:
    """Kết quả khảo sát SIPAS theo thủ tục, công chức, tháng."""
    survey_id = int(request.path_params["id"])
    by = request.query_params.get("theo") or "procedure"
    return respond(request, "motcua/survey_results.html",
                   {"survey_id": survey_id, "by": by, "factors": list(SIPAS_FACTORS.items()),
                    "rows": mc.survey_results(survey_id, by)},
                   breadcrumbs=[("Một cửa", f"{BASE}/"), ("Khảo sát SIPAS", None)])


def survey_new(request: Request, form) -> Response:
    """Mở đợt khảo sát SIPAS."""
    actor = _actor(request, "motcua.report")
    form = form or {}
    try:
        start, end = parse_date(form.get("start") or ""), parse_date(form.get("end") or "")
    except ValueError:
        raise ValidationError([("start", "Ngày không hợp lệ (dd/mm/yyyy).")]) from None
    survey_id = mc.create_survey(title=str(form.get("title") or ""), start=start, end=end, actor=actor)
    return redirect(request, f"{BASE}/khao-sat/{survey_id}", "Đã mở đợt khảo sát.", data={"survey_id": survey_id})


def routes():
    return [
        # public
        *page("/thu-tuc", catalogue, permission=PUBLIC, public_cache=300),
        *page("/tra-cuu", lookup, permission=PUBLIC, public_cache=30),
        *page("/danh-gia", rate, permission=PUBLIC, methods=("GET", "POST")),
        *page("/dat-lich", book, permission=PUBLIC, methods=("GET", "POST")),
        *page("/huy-lich", cancel, permission=PUBLIC, methods=("GET", "POST")),
        *page("/khao-sat/{id:int}/tra-loi", survey_answer, permission=PUBLIC, methods=("GET", "POST")),
        # staff
        *page("/", desk, permission="motcua.view"),
        *page("/lich-hen", day_bookings, permission="motcua.view"),
        *page("/tiep-nhan", intake, permission="motcua.receive", methods=("GET", "POST")),
        *page("/ho-so/{code}/{action}", dossier_action, permission="motcua.view", methods=("POST",)),
        *page("/ho-so/{code}", dossier, permission="motcua.view"),
        *page("/xin-loi/{id:int}/ky", sign_apology, permission="motcua.sign", methods=("POST",)),
        *page("/so-theo-doi.csv", register_export, permission="motcua.report", json_twin=False),
        *page("/so-theo-doi.xlsx", register_export, permission="motcua.report", json_twin=False),
        *page("/so-theo-doi", register_view, permission="motcua.report"),
        *page("/chi-tieu.csv", indicators_csv, permission="motcua.report", json_twin=False),
        *page("/chi-tieu", indicators, permission="motcua.report"),
        *page("/ho-tro", assistance, permission="motcua.view", methods=("GET", "POST")),
        *page("/thu-tuc/{code}/sua", procedure_edit, permission="motcua.catalogue.manage", methods=("GET", "POST")),
        *page("/khao-sat", survey_new, permission="motcua.report", methods=("POST",)),
        *page("/khao-sat/{id:int}", survey_results, permission="motcua.report"),
    ]
