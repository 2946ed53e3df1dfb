"""Staff pages of the thamhoi module, mounted under ``/thamhoi`` (each with its ``.json`` twin).

The desk (bàn làm việc): letters waiting to be signed and sent, letters sent, with
filters; a letter with its print preview and actions; new thank-you and apology letters;
ceremonies, visits and meetings; the holiday greetings of the next 12 months. Nothing
here is public: letters name families (R-DL-07); the published greeting is a core notice.
Views only call :mod:`.services`.
"""
from __future__ import annotations

import datetime as dt
import re

import attrs
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response
from thanthien.core.errors import ValidationError
from thanthien.web.forms import date_value, structure
from thanthien.web.render import form_errors, paginate, redirect, respond
from thanthien.web.routing import page

from . import services as sv
from .types import (
    ACTIVITY_KINDS,
    ACTIVITY_STATES,
    CONTRIBUTOR_KINDS,
    LETTER_KINDS,
    LETTER_STATES,
    OCCASIONS,
    SEND_METHODS,
)

BASE = "/thamhoi"
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def _services(request: Request):
    return request.app.state.services


def _actor(request: Request):
    return request.state.actor


def _can(request: Request, permission: str) -> bool:
    return _services(request).access.can(_actor(request), permission, None)


def _path_id(request: Request) -> int:
    return int(request.path_params["id"])


def _year(request: Request) -> int | None:
    text = (request.query_params.get("nam") or "").strip()
    if not text:
        return None
    if not text.isdigit() or not 1900 <= int(text) <= 2199:
        raise ValidationError([("nam", "Năm không hợp lệ.")])
    return int(text)


# ---------------------------------------------------------------------------
# Forms
# ---------------------------------------------------------------------------

@attrs.frozen
class EditForm:
    addressee: str = attrs.field(metadata={"label": "Kính gửi", "required": "Vui lòng ghi người nhận thư."})
    note: str = attrs.field(default="", metadata={"label": "Lời nhắn thêm"})


@attrs.frozen
class ReasonForm:
    reason: str = attrs.field(metadata={"label": "Lý do", "required": "Vui lòng ghi lý do."})


@attrs.frozen
class SendForm:
    method: str = attrs.field(metadata={"label": "Cách gửi, trao", "required": "Vui lòng chọn cách gửi, trao thư."})


@attrs.frozen
class ThankYouForm:
    addressee: str = attrs.field(metadata={"label": "Kính gửi", "required": "Vui lòng ghi người nhận thư."})
    contributor_kind: str = attrs.field(metadata={"label": "Đối tượng", "required": "Vui lòng chọn đối tượng."})
    contribution: str = attrs.field(metadata={"label": "Nội dung đóng góp",
                                              "required": "Vui lòng ghi nội dung đóng góp."})


@attrs.frozen
class MistakeForm:
    addressee: str = attrs.field(metadata={"label": "Kính gửi", "required": "Vui lòng ghi người nhận thư."})
    mistake: str = attrs.field(metadata={"label": "Sai sót", "required": "Vui lòng nêu sai sót của chính quyền."})
    remedy: str = attrs.field(metadata={"label": "Khắc phục, sửa sai",
                                        "required": "Vui lòng nêu việc khắc phục, sửa sai."})


@attrs.frozen
class ActivityForm:
    kind: str = attrs.field(metadata={"label": "Loại hoạt động", "required": "Vui lòng chọn loại hoạt động."})
    day: dt.date = attrs.field(metadata={"label": "Ngày", "required": "Vui lòng nhập ngày (dd/mm/yyyy).",
                                         "error": "Ngày không hợp lệ (dd/mm/yyyy)."})
    time: str = attrs.field(metadata={"label": "Giờ", "required": "Vui lòng nhập giờ (giờ:phút)."})
    place: str = attrs.field(default="", metadata={"label": "Địa điểm"})
    title: str = attrs.field(default="", metadata={"label": "Tên hoạt động"})
    delegation: str = attrs.field(default="", metadata={"label": "Thành phần đoàn"})
    guests: str = attrs.field(default="", metadata={"label": "Khách mời"})
    letter_id: int | None = attrs.field(default=None, metadata={"label": "Thư", "error": "Số thư không hợp lệ."})


@attrs.frozen
class RecordForm:
    result: str = attrs.field(metadata={"label": "Kết quả", "required": "Vui lòng ghi kết quả."})
    attendance: int | None = attrs.field(default=None, metadata={"label": "Số người dự",
                                                                 "error": "Số người dự phải là số nguyên."})


@attrs.frozen
class GreetingForm:
    occasion: str = attrs.field(metadata={"label": "Dịp lễ", "required": "Vui lòng chọn dịp lễ."})
    day: dt.date = attrs.field(metadata={"label": "Ngày", "required": "Vui lòng nhập ngày (dd/mm/yyyy).",
                                         "error": "Ngày không hợp lệ (dd/mm/yyyy)."})


# ---------------------------------------------------------------------------
# The desk and letters
# ---------------------------------------------------------------------------

def _desk(request: Request):
    kind = request.query_params.get("loai") or None
    state = request.query_params.get("trang_thai") or None
    year = _year(request)
    pager = paginate(request, 50)
    rows = sv.letters(kind=kind, state=state, year=year, limit=pager.fetch, offset=pager.offset)
    rows, pager = pager.cut(rows)
    return {"letters": rows, "kind": kind or "", "state": state or "", "year": year,
            "counts": sv.counts(year), "planned": sv.activities(state="planned", limit=20),
            "page": pager.number, "has_next": pager.has_next}, pager


def index(request: Request, form) -> Response:
    """Thư thăm hỏi, chúc mừng: dự thảo chờ ký, thư chờ gửi, thư đã gửi."""
    data, pager = _desk(request)
    return respond(request, "thamhoi/desk.html", data, breadcrumbs=[("Thăm hỏi, chúc mừng", None)],
                   context={"pager": pager, "kinds": LETTER_KINDS, "states": LETTER_STATES})


def _letter_page(request: Request, letter) -> Response:
    svc = _services(request)
    data = {"letter": letter, "body_html": sv.render_body(svc, letter),
            "activities": sv.activities(letter_id=letter.id),
            "document_url": f"/documents/{letter.document_id}" if letter.document_id else None,
            "docx_url": f"/documents/{letter.document_id}.docx" if letter.document_id else None,
            "broadcast": sv.broadcast_texts(svc, letter) if letter.kind == "holiday_greeting" else None}
    context = {"body": Markup(data["body_html"]),  # rendered by the autoescaping letter template
               "can_manage": _can(request, "thamhoi.manage"), "can_sign": _can(request, "thamhoi.sign"),
               "methods": [(k, v) for k, v in SEND_METHODS.items() if k != "published"]}
    crumbs = [("Thăm hỏi, chúc mừng", f"{BASE}/"), (letter.subject, None)]
    return respond(request, "thamhoi/letter.html", data, breadcrumbs=crumbs, context=context)


def letter_detail(request: Request, form) -> Response:
    """Một thư: nội dung, trạng thái, văn bản đã ký, lễ trao thư hoặc thăm hỏi."""
    return _letter_page(request, sv.get_letter(_path_id(request)))


def _letter_action(request: Request, form, cls, action, message: str) -> Response:
    letter_id = _path_id(request)
    try:
        values = structure(form, cls) if cls is not None else None
        action(_services(request), letter_id, values)
    except ValidationError as exc:
        letter = sv.get_letter(letter_id)
        return form_errors(request, "thamhoi/letter.html",
                           {"letter": letter, "body_html": sv.render_body(_services(request), letter),
                            "activities": sv.activities(letter_id=letter_id), "document_url": None,
                            "docx_url": None, "broadcast": None,
                            "values": {k: v for k, v in (form or {}).items() if isinstance(v, str)}},
                           exc.errors)
    return redirect(request, f"{BASE}/thu/{letter_id}", message, data={"letter_id": letter_id})


def letter_edit(request: Request, form) -> Response:
    """Sửa người nhận, thêm lời nhắn của thư dự thảo."""
    actor = _actor(request)
    return _letter_action(request, form, EditForm,
                          lambda s, i, v: sv.edit_draft(s, i, addressee=v.addressee, note=v.note, actor=actor),
                          "Đã lưu dự thảo thư.")


def letter_sign(request: Request, form) -> Response:
    """Ký thư: thư được cấp số và vào sổ văn bản."""
    actor = _actor(request)
    return _letter_action(request, form, None, lambda s, i, v: sv.sign(s, i, actor=actor),
                          "Đã ký thư; thư đã được cấp số và vào sổ văn bản.")


def letter_send(request: Request, form) -> Response:
    """Ghi nhận đã gửi, trao thư."""
    actor = _actor(request)
    return _letter_action(request, form, SendForm,
                          lambda s, i, v: sv.mark_sent(s, i, method=v.method, actor=actor), "Đã ghi nhận gửi thư.")


def letter_publish(request: Request, form) -> Response:
    """Công bố thư chúc mừng năm mới, ngày lễ (loa truyền thanh, trang thông tin, mạng xã hội)."""
    actor = _actor(request)
    return _letter_action(request, form, None, lambda s, i, v: sv.publish_greeting(s, i, actor=actor),
                          "Đã công bố thư chúc mừng trên bảng tin, loa truyền thanh và mạng xã hội.")


def letter_cancel(request: Request, form) -> Response:
    """Hủy thư dự thảo."""
    actor = _actor(request)
    return _letter_action(request, form, ReasonForm,
                          lambda s, i, v: sv.cancel(s, i, reason=v.reason, actor=actor), "Đã hủy thư dự thảo.")


def new_letter(request: Request, form) -> Response:
    """Soạn thư cảm ơn, thư xin lỗi về sai sót của chính quyền."""
    return respond(request, "thamhoi/new_letter.html", {"values": {}},
                   breadcrumbs=[("Thăm hỏi, chúc mừng", f"{BASE}/"), ("Soạn thư", None)],
                   context={"contributor_kinds": CONTRIBUTOR_KINDS})


def _new(request: Request, form, cls, make) -> Response:
    try:
        values = structure(form, cls)
        letter = make(values)
    except ValidationError as exc:
        return form_errors(request, "thamhoi/new_letter.html",
                           {"values": {k: v for k, v in (form or {}).items() if isinstance(v, str)}}, exc.errors)
    return redirect(request, f"{BASE}/thu/{letter.id}", "Đã soạn dự thảo thư, chờ Chủ tịch ký.",
                    data={"letter_id": letter.id})


def new_thank_you(request: Request, form) -> Response:
    """Soạn thư cảm ơn người dân, tổ chức, doanh nghiệp có đóng góp."""
    svc, actor = _services(request), _actor(request)
    return _new(request, form, ThankYouForm, lambda v: sv.draft_thank_you(
        svc, addressee=v.addressee, contributor_kind=v.contributor_kind, contribution=v.contribution, actor=actor))


def new_apology(request: Request, form) -> Response:
    """Soạn thư xin lỗi về sai sót của chính quyền (R-MC-17)."""
    svc, actor = _services(request), _actor(request)
    return _new(request, form, MistakeForm, lambda v: sv.draft_mistake_apology(
        svc, addressee=v.addressee, mistake=v.mistake, remedy=v.remedy, actor=actor))


# ---------------------------------------------------------------------------
# Ceremonies, visits, meetings
# ---------------------------------------------------------------------------

def activities_page(request: Request, form) -> Response:
    """Lễ trao thư, thăm hỏi, phúng viếng, gặp mặt người có uy tín."""
    kind = request.query_params.get("loai") or None
    state = request.query_params.get("trang_thai") or None
    if state and state not in ACTIVITY_STATES:
        raise ValidationError([("trang_thai", "Trạng thái không hợp lệ.")])
    year = _year(request)
    pager = paginate(request, 50)
    rows = sv.activities(kind=kind, state=state, year=year, limit=pager.fetch, offset=pager.offset)
    rows, pager = pager.cut(rows)
    return respond(request, "thamhoi/activities.html",
                   {"activities": rows, "kind": kind or "", "state": state or "", "year": year,
                    "page": pager.number, "has_next": pager.has_next},
                   breadcrumbs=[("Thăm hỏi, chúc mừng", f"{BASE}/"), ("Hoạt động", None)],
                   context={"pager": pager, "kinds": ACTIVITY_KINDS, "states": ACTIVITY_STATES,
                            "can_manage": _can(request, "thamhoi.manage")})


def _activity_form_data(request: Request) -> dict:
    letter_id = request.query_params.get("thu") or ""
    return {"values": {"letter_id": letter_id if letter_id.isdigit() else "",
                       "kind": request.query_params.get("loai") or "letter_ceremony"}}


def new_activity(request: Request, form) -> Response:
    """Lên kế hoạch lễ trao thư, đoàn thăm hỏi, buổi gặp mặt."""
    crumbs = [("Thăm hỏi, chúc mừng", f"{BASE}/"), ("Hoạt động", f"{BASE}/hoat-dong"), ("Lên kế hoạch", None)]
    context = {"kinds": ACTIVITY_KINDS}
    if form is None:
        return respond(request, "thamhoi/activity_form.html", _activity_form_data(request), breadcrumbs=crumbs,
                       context=context)
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    try:
        data = structure(form, ActivityForm)
        m = _TIME.match(data.time.strip())
        if not m:
            raise ValidationError([("time", "Giờ không hợp lệ (giờ:phút, ví dụ 08:30).")])
        when = dt.datetime.combine(data.day, dt.time(int(m.group(1)), int(m.group(2))))
        act = sv.plan_activity(_services(request), kind=data.kind, scheduled_at=when, place=data.place,
                               title=data.title, delegation=data.delegation, guests=data.guests,
                               letter_id=data.letter_id, actor=_actor(request))
    except ValidationError as exc:
        return form_errors(request, "thamhoi/activity_form.html", {"values": values}, exc.errors)
    return redirect(request, f"{BASE}/hoat-dong", "Đã lên kế hoạch.", data={"activity_id": act.id})


def _activity_action(request: Request, form, cls, action, message: str) -> Response:
    activity_id = _path_id(request)
    try:
        action(structure(form, cls), activity_id)
    except ValidationError as exc:
        act = sv.get_activity(activity_id)
        return form_errors(request, "thamhoi/activity.html",
                           {"activity": act, "values": {k: v for k, v in (form or {}).items() if isinstance(v, str)}},
                           exc.errors)
    return redirect(request, f"{BASE}/hoat-dong/{activity_id}", message, data={"activity_id": activity_id})


def activity_detail(request: Request, form) -> Response:
    """Một hoạt động thăm hỏi, chúc mừng."""
    act = sv.get_activity(_path_id(request))
    letter = sv.get_letter(act.letter_id) if act.letter_id else None
    return respond(request, "thamhoi/activity.html", {"activity": act, "letter": letter, "values": {}},
                   breadcrumbs=[("Thăm hỏi, chúc mừng", f"{BASE}/"), ("Hoạt động", f"{BASE}/hoat-dong"),
                                (act.title, None)],
                   context={"can_manage": _can(request, "thamhoi.manage")})


def activity_record(request: Request, form) -> Response:
    """Ghi kết quả lễ trao thư, thăm hỏi, gặp mặt."""
    svc, actor = _services(request), _actor(request)
    return _activity_action(request, form, RecordForm, lambda v, i: sv.record_activity(
        svc, i, result=v.result, attendance=v.attendance, actor=actor), "Đã ghi kết quả.")


def activity_cancel(request: Request, form) -> Response:
    """Hủy hoạt động đã lên kế hoạch."""
    svc, actor = _services(request), _actor(request)
    return _activity_action(request, form, ReasonForm, lambda v, i: sv.cancel_activity(
        svc, i, reason=v.reason, actor=actor), "Đã hủy hoạt động.")


# ---------------------------------------------------------------------------
# Holiday greetings
# ---------------------------------------------------------------------------

def greetings(request: Request, form) -> Response:
    """Thư chúc mừng năm mới, ngày lễ lớn trong 12 tháng tới (theo lịch làm việc)."""
    svc = _services(request)
    start = date_value(request.query_params.get("tu"), "tu", dt.date.today())
    rows = [{"occasion": occ, "letter": sv.greeting_for(occ)} for occ in sv.occasions(svc.calendar, start, 12)]
    return respond(request, "thamhoi/greetings.html", {"from": start, "occasions": rows},
                   breadcrumbs=[("Thăm hỏi, chúc mừng", f"{BASE}/"), ("Chúc mừng năm mới, ngày lễ", None)],
                   context={"can_manage": _can(request, "thamhoi.manage"), "names": OCCASIONS})


def greeting_draft(request: Request, form) -> Response:
    """Soạn thư chúc mừng cho một dịp lễ."""
    svc = _services(request)
    try:
        data = structure(form, GreetingForm)
        letter = sv.draft_greeting(svc, sv.find_occasion(svc, data.occasion, data.day), actor=_actor(request))
    except ValidationError as exc:
        rows = [{"occasion": occ, "letter": sv.greeting_for(occ)}
                for occ in sv.occasions(svc.calendar, dt.date.today(), 12)]
        return form_errors(request, "thamhoi/greetings.html", {"from": dt.date.today(), "occasions": rows},
                           exc.errors)
    return redirect(request, f"{BASE}/thu/{letter.id}", "Đã soạn thư chúc mừng, chờ Chủ tịch ký.",
                    data={"letter_id": letter.id})


def routes() -> list:
    manage, view, sign = "thamhoi.manage", "thamhoi.view", "thamhoi.sign"
    post = ("POST",)
    small = 64 * 1024
    return [
        *page("/", index, permission=view),
        *page("/thu/{id:int}", letter_detail, permission=view),
        *page("/thu/{id:int}/sua", letter_edit, permission=manage, methods=post, body=EditForm, max_body=small),
        *page("/thu/{id:int}/ky", letter_sign, permission=sign, methods=post, max_body=small),
        *page("/thu/{id:int}/gui", letter_send, permission=manage, methods=post, body=SendForm, max_body=small),
        *page("/thu/{id:int}/cong-bo", letter_publish, permission=sign, methods=post, max_body=small),
        *page("/thu/{id:int}/huy", letter_cancel, permission=manage, methods=post, body=ReasonForm, max_body=small),
        *page("/thu-moi", new_letter, permission=manage),
        *page("/thu-moi/cam-on", new_thank_you, permission=manage, methods=post, body=ThankYouForm, max_body=small),
        *page("/thu-moi/xin-loi", new_apology, permission=manage, methods=post, body=MistakeForm, max_body=small),
        *page("/hoat-dong", activities_page, permission=view),
        *page("/hoat-dong/moi", new_activity, permission=manage, methods=("GET", "POST"), body=ActivityForm,
              max_body=small),
        *page("/hoat-dong/{id:int}", activity_detail, permission=view),
        *page("/hoat-dong/{id:int}/ket-qua", activity_record, permission=manage, methods=post, body=RecordForm,
              max_body=small),
        *page("/hoat-dong/{id:int}/huy", activity_cancel, permission=manage, methods=post, body=ReasonForm,
              max_body=small),
        *page("/chuc-mung", greetings, permission=view),
        *page("/chuc-mung/soan", greeting_draft, permission=manage, methods=post, body=GreetingForm, max_body=small),
    ]
