"""Staff pages of the thamhoi module, mounted under ``/thamhoi`` (each with its ``.json`` twin).

The desk (bàn làm việc): letters waiting to be signed and sent, letters sent, with
filters; a letter with its print preview and actions; new thank-you and apology letters;
ceremonies, visits and meetings; the holiday greetings of the next 12 months. Nothing
here is public: letters name families (R-DL-07); the published greeting is a core notice.

Views only call :mod:`.services`; a write that fails validation re-renders its page with
the field errors and what was typed (``error_page``).
"""
from __future__ import annotations

import datetime as dt

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response
from thanthien.core.access import ANYWHERE
from thanthien.core.errors import ValidationError
from thanthien.web.forms import NoFields, structure
from thanthien.web.render import paginate, redirect, respond
from thanthien.web.request import actor_of, can, core_of, path_id, query_date, query_int, query_text
from thanthien.web.routing import page

from . import services
from .forms import ActivityForm, EditForm, GreetingForm, MistakeForm, ReasonForm, RecordForm, SendForm, ThankYouForm
from .schemas import (
    ActivitiesPage,
    ActivityPage,
    ActivityRedirect,
    DeskPage,
    FormPage,
    GreetingRow,
    GreetingsPage,
    LetterPage,
    LetterRedirect,
)
from .types import (
    ACTIVITY_KINDS,
    ACTIVITY_STATES,
    CONTRIBUTOR_KINDS,
    LETTER_KINDS,
    LETTER_STATES,
    OCCASIONS,
    P_MANAGE,
    P_SIGN,
    P_VIEW,
    SEND_METHODS,
)

BASE = "/thamhoi"
HOME = ("Thăm hỏi, chúc mừng", f"{BASE}/")
#: the most a page lists at once
PER_PAGE = 50


def _year(request: Request) -> int | None:
    year = query_int(request, "nam")
    if year is not None and not 1900 <= year <= 2199:
        raise ValidationError([("nam", "Năm không hợp lệ.")])
    return year


def _choice(request: Request, name: str, allowed: dict[str, str]) -> str:
    value = query_text(request, name)
    if value and value not in allowed:
        raise ValidationError([(name, "Giá trị không hợp lệ.")])
    return value


def _buttons(request: Request) -> dict[str, bool]:
    """Which actions to show (each action checks again, over the letter's unit)."""
    return {"can_manage": can(request, P_MANAGE, ANYWHERE), "can_sign": can(request, P_SIGN, ANYWHERE)}


# ---------------------------------------------------------------------------
# The desk and letters
# ---------------------------------------------------------------------------

def index(request: Request, form) -> Response:
    """Thư thăm hỏi, chúc mừng: dự thảo chờ ký, thư chờ gửi, thư đã gửi."""
    core, actor = core_of(request), actor_of(request)
    kind = _choice(request, "loai", LETTER_KINDS)
    state = _choice(request, "trang_thai", LETTER_STATES)
    year = _year(request)
    pager = paginate(request, PER_PAGE)
    rows = services.letters(core, actor=actor, kind=kind or None, state=state or None, year=year,
                            limit=pager.fetch, offset=pager.offset)
    rows, pager = pager.cut(rows)
    data = DeskPage(rows, kind, state, year, services.counts(core, actor=actor, year=year),
                    services.activities(core, actor=actor, state="planned", limit=20), pager.number, pager.has_next)
    return respond(request, "thamhoi/desk.html", data, breadcrumbs=[(HOME[0], None)],
                   context={"pager": pager, "kinds": LETTER_KINDS, "states": LETTER_STATES})


def letter_detail(request: Request, form) -> Response:
    """Một thư: nội dung, trạng thái, văn bản đã ký, lễ trao thư hoặc thăm hỏi."""
    core = core_of(request)
    letter = services.view_letter(core, path_id(request), actor=actor_of(request))
    body = services.render_body(core, letter)
    doc = f"/documents/{letter.document_id}" if letter.document_id else None
    data = LetterPage(letter, body, services.activities(core, actor=actor_of(request), letter_id=letter.id),
                      doc, f"{doc}.docx" if doc else None,
                      services.broadcast_texts(core, letter) if letter.kind == "holiday_greeting" else None)
    context = {"body": Markup(body),  # rendered by the autoescaping letter template
               "methods": [(k, v) for k, v in SEND_METHODS.items() if k != "published"], **_buttons(request)}
    return respond(request, "thamhoi/letter.html", data, breadcrumbs=[HOME, (letter.subject, None)],
                   context=context)


def _to_letter(request: Request, letter_id: int, message: str) -> Response:
    return redirect(request, f"{BASE}/thu/{letter_id}", message, data={"letter_id": letter_id})


def letter_edit(request: Request, form) -> Response:
    """Sửa người nhận, thêm lời nhắn của thư dự thảo."""
    data = structure(form, EditForm)
    letter = services.edit_draft(core_of(request), path_id(request), addressee=data.addressee, note=data.note,
                                 actor=actor_of(request))
    return _to_letter(request, letter.id, "Đã lưu dự thảo thư.")


def letter_sign(request: Request, form) -> Response:
    """Ký thư: thư được cấp số và vào sổ văn bản."""
    letter = services.sign(core_of(request), path_id(request), actor=actor_of(request))
    return _to_letter(request, letter.id, "Đã ký thư; thư đã được cấp số và vào sổ văn bản.")


def letter_send(request: Request, form) -> Response:
    """Ghi nhận đã gửi, trao thư."""
    data = structure(form, SendForm)
    letter = services.mark_sent(core_of(request), path_id(request), method=data.method, actor=actor_of(request))
    return _to_letter(request, letter.id, "Đã ghi nhận gửi thư.")


def letter_publish(request: Request, form) -> Response:
    """Công bố thư chúc mừng năm mới, ngày lễ (loa truyền thanh, trang thông tin, mạng xã hội)."""
    letter = services.publish_greeting(core_of(request), path_id(request), actor=actor_of(request))
    return _to_letter(request, letter.id, "Đã công bố thư chúc mừng trên bảng tin, loa truyền thanh và mạng xã hội.")


def letter_cancel(request: Request, form) -> Response:
    """Hủy thư dự thảo."""
    data = structure(form, ReasonForm)
    letter = services.cancel(core_of(request), path_id(request), reason=data.reason, actor=actor_of(request))
    return _to_letter(request, letter.id, "Đã hủy thư dự thảo.")


def new_letter(request: Request, form) -> Response:
    """Soạn thư cảm ơn, thư xin lỗi về sai sót của chính quyền."""
    return respond(request, "thamhoi/new_letter.html", FormPage(), breadcrumbs=[HOME, ("Soạn thư", None)],
                   context={"contributor_kinds": CONTRIBUTOR_KINDS})


def new_thank_you(request: Request, form) -> Response:
    """Soạn thư cảm ơn người dân, tổ chức, doanh nghiệp có đóng góp."""
    data = structure(form, ThankYouForm)
    letter = services.draft_thank_you(core_of(request), addressee=data.addressee,
                                      contributor_kind=data.contributor_kind, contribution=data.contribution,
                                      actor=actor_of(request))
    return _to_letter(request, letter.id, "Đã soạn dự thảo thư, chờ Chủ tịch ký.")


def new_apology(request: Request, form) -> Response:
    """Soạn thư xin lỗi về sai sót của chính quyền (R-MC-17)."""
    data = structure(form, MistakeForm)
    letter = services.draft_mistake_apology(core_of(request), addressee=data.addressee, mistake=data.mistake,
                                            remedy=data.remedy, actor=actor_of(request))
    return _to_letter(request, letter.id, "Đã soạn dự thảo thư, chờ Chủ tịch ký.")


# ---------------------------------------------------------------------------
# Ceremonies, visits, meetings
# ---------------------------------------------------------------------------

ACTIVITIES = ("Hoạt động", f"{BASE}/hoat-dong")


def activities_page(request: Request, form) -> Response:
    """Lễ trao thư, thăm hỏi, phúng viếng, gặp mặt người có uy tín."""
    kind = _choice(request, "loai", ACTIVITY_KINDS)
    state = _choice(request, "trang_thai", ACTIVITY_STATES)
    year = _year(request)
    pager = paginate(request, PER_PAGE)
    rows = services.activities(core_of(request), actor=actor_of(request), kind=kind or None, state=state or None,
                               year=year, limit=pager.fetch, offset=pager.offset)
    rows, pager = pager.cut(rows)
    return respond(request, "thamhoi/activities.html",
                   ActivitiesPage(rows, kind, state, year, pager.number, pager.has_next),
                   breadcrumbs=[HOME, (ACTIVITIES[0], None)],
                   context={"pager": pager, "kinds": ACTIVITY_KINDS, "states": ACTIVITY_STATES, **_buttons(request)})


def new_activity(request: Request, form) -> Response:
    """Lên kế hoạch lễ trao thư, đoàn thăm hỏi, buổi gặp mặt."""
    if form is None:
        letter_id = query_int(request, "thu")
        kind = _choice(request, "loai", ACTIVITY_KINDS) or "letter_ceremony"
        return respond(request, "thamhoi/activity_form.html",
                       FormPage({"letter_id": str(letter_id or ""), "kind": kind}),
                       breadcrumbs=[HOME, ACTIVITIES, ("Lên kế hoạch", None)], context={"kinds": ACTIVITY_KINDS})
    data = structure(form, ActivityForm)
    act = services.plan_activity(core_of(request), kind=data.kind, scheduled_at=data.scheduled_at, place=data.place,
                                 title=data.title, delegation=data.delegation, guests=data.guests,
                                 letter_id=data.letter_id, actor=actor_of(request))
    return redirect(request, f"{BASE}/hoat-dong", "Đã lên kế hoạch.", data={"activity_id": act.id})


def activity_detail(request: Request, form) -> Response:
    """Một hoạt động thăm hỏi, chúc mừng."""
    core = core_of(request)
    act = services.view_activity(core, path_id(request), actor=actor_of(request))
    letter = services.view_letter(core, act.letter_id, actor=actor_of(request)) if act.letter_id else None
    return respond(request, "thamhoi/activity.html", ActivityPage(act, letter),
                   breadcrumbs=[HOME, ACTIVITIES, (act.title, None)], context=_buttons(request))


def _to_activity(request: Request, activity_id: int, message: str) -> Response:
    return redirect(request, f"{BASE}/hoat-dong/{activity_id}", message, data={"activity_id": activity_id})


def activity_record(request: Request, form) -> Response:
    """Ghi kết quả lễ trao thư, thăm hỏi, gặp mặt."""
    data = structure(form, RecordForm)
    act = services.record_activity(core_of(request), path_id(request), result=data.result,
                                   attendance=data.attendance, actor=actor_of(request))
    return _to_activity(request, act.id, "Đã ghi kết quả.")


def activity_cancel(request: Request, form) -> Response:
    """Hủy hoạt động đã lên kế hoạch."""
    data = structure(form, ReasonForm)
    act = services.cancel_activity(core_of(request), path_id(request), reason=data.reason, actor=actor_of(request))
    return _to_activity(request, act.id, "Đã hủy hoạt động.")


# ---------------------------------------------------------------------------
# Holiday greetings
# ---------------------------------------------------------------------------

def greetings(request: Request, form) -> Response:
    """Thư chúc mừng năm mới, ngày lễ lớn trong 12 tháng tới (theo lịch làm việc)."""
    core = core_of(request)
    start = query_date(request, "tu", dt.date.today()) or dt.date.today()
    rows = [GreetingRow(occ, services.greeting_for(occ)) for occ in services.occasions(core.calendar, start, 12)]
    return respond(request, "thamhoi/greetings.html", GreetingsPage(start, rows),
                   breadcrumbs=[HOME, ("Chúc mừng năm mới, ngày lễ", None)],
                   context={"names": OCCASIONS, **_buttons(request)})


def greeting_draft(request: Request, form) -> Response:
    """Soạn thư chúc mừng cho một dịp lễ."""
    core = core_of(request)
    data = structure(form, GreetingForm)
    letter = services.draft_greeting(core, services.find_occasion(core, data.occasion, data.day),
                                     actor=actor_of(request))
    return _to_letter(request, letter.id, "Đã soạn thư chúc mừng, chờ Chủ tịch ký.")


def routes() -> list:
    post = ("POST",)
    small = 64 * 1024
    letter = {"methods": post, "max_body": small, "schema": LetterRedirect, "error_page": letter_detail}
    activity = {"methods": post, "max_body": small, "schema": ActivityRedirect, "error_page": activity_detail}
    return [
        *page("/", index, permission=P_VIEW, schema=DeskPage),
        *page("/thu/{id:int}", letter_detail, permission=P_VIEW, schema=LetterPage),
        *page("/thu/{id:int}/sua", letter_edit, permission=P_MANAGE, body=EditForm, **letter),
        *page("/thu/{id:int}/ky", letter_sign, permission=P_SIGN, body=NoFields, **letter),
        *page("/thu/{id:int}/gui", letter_send, permission=P_MANAGE, body=SendForm, **letter),
        *page("/thu/{id:int}/cong-bo", letter_publish, permission=P_SIGN, body=NoFields, **letter),
        *page("/thu/{id:int}/huy", letter_cancel, permission=P_MANAGE, body=ReasonForm, **letter),
        *page("/thu-moi", new_letter, permission=P_MANAGE, schema=FormPage),
        *page("/thu-moi/cam-on", new_thank_you, permission=P_MANAGE, methods=post, body=ThankYouForm,
              max_body=small, schema=LetterRedirect, error_page=new_letter),
        *page("/thu-moi/xin-loi", new_apology, permission=P_MANAGE, methods=post, body=MistakeForm, max_body=small,
              schema=LetterRedirect, error_page=new_letter),
        *page("/hoat-dong", activities_page, permission=P_VIEW, schema=ActivitiesPage),
        *page("/hoat-dong/moi", new_activity, permission=P_MANAGE, methods=("GET", "POST"), body=ActivityForm,
              max_body=small, schema=FormPage),
        *page("/hoat-dong/{id:int}", activity_detail, permission=P_VIEW, schema=ActivityPage),
        *page("/hoat-dong/{id:int}/ket-qua", activity_record, permission=P_MANAGE, body=RecordForm, **activity),
        *page("/hoat-dong/{id:int}/huy", activity_cancel, permission=P_MANAGE, body=ReasonForm, **activity),
        *page("/chuc-mung", greetings, permission=P_VIEW, schema=GreetingsPage),
        *page("/chuc-mung/soan", greeting_draft, permission=P_MANAGE, methods=post, body=GreetingForm,
              max_body=small, schema=LetterRedirect, error_page=greetings),
    ]
