"""Public pages of the one-stop module (no account): the catalogue, the look-up by code,
the rating (also as a counter kiosk) with the receipt's secret, appointments, SIPAS
answers. None of them carries a resident's name, ID number, phone or address (R-DL-07).
"""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from thanthien.core.errors import NotFound, UserMessage, ValidationError
from thanthien.core.storage.db import now
from thanthien.web.forms import structure
from thanthien.web.render import is_json, redirect, respond
from thanthien.web.request import core_of, path_id, query_date, query_text

from .. import services
from ..forms import BookForm, CancelForm, RateForm, SurveyAnswerForm, parse_clock
from ..schemas import (
    BookingReceipt,
    BookPage,
    CancelPage,
    LookupPage,
    MotcuaCataloguePage,
    ProcedureView,
    RatePage,
    SlotView,
    SurveyAnswerPage,
)
from ..types import RATING_LEVELS, SIPAS_FACTORS, SIPAS_SCALE

BASE = "/motcua"


def catalogue(request: Request, form) -> Response:
    """Danh mục thủ tục hành chính."""
    procs = [ProcedureView.of(p) for p in services.list_procedures()]
    return respond(request, "motcua/catalogue.html", MotcuaCataloguePage(procs),
                   breadcrumbs=[("Thủ tục hành chính", None)])


def lookup(request: Request, form) -> Response:
    """Tra cứu tình trạng hồ sơ theo mã (không hiển thị thông tin cá nhân); với mã bí mật in
    trên giấy hẹn: thủ tục và đánh giá hài lòng."""
    code = query_text(request, "ma", max_length=80)
    secret = query_text(request, "k", max_length=40)
    crumbs = [("Tra cứu hồ sơ", None)]
    try:
        status = services.lookup(core_of(request), code, secret=secret) if code else None
    except NotFound as exc:  # the page again, with the code as typed and a try-again form
        if is_json(request):
            raise
        return respond(request, "motcua/lookup.html", LookupPage(code, None), status=404, breadcrumbs=crumbs,
                       context={"errors": {"ma": exc.message}, "error_message": exc.message})
    return respond(request, "motcua/lookup.html", LookupPage(code, status),
                   breadcrumbs=crumbs, context={"secret": secret if status and status.verified else ""})


def _kiosk(request: Request) -> bool:
    return query_text(request, "kiosk") in ("1", "kiosk", "true")


def rate_page(request: Request, form) -> Response:
    """Đánh giá mức độ hài lòng về việc giải quyết hồ sơ (R-MC-19)."""
    values = {"ma": query_text(request, "ma", max_length=80), "secret": query_text(request, "k", max_length=40)}
    return respond(request, "motcua/rate.html", RatePage(list(RATING_LEVELS.items()), _kiosk(request), None, values),
                   breadcrumbs=[("Đánh giá hài lòng", None)])


def rate(request: Request, form) -> Response:
    """Gửi đánh giá: mã hồ sơ và mã bí mật in trên giấy hẹn."""
    data = structure(form, RateForm)
    kiosk = _kiosk(request) or data.channel == "kiosk"
    result = services.rate(core_of(request), data.ma, secret=data.secret, level=data.level, comment=data.comment,
                           channel="kiosk" if kiosk else "web")
    target = f"{BASE}/danh-gia?kiosk=1" if kiosk else f"{BASE}/tra-cuu?ma={services.normalise_code(data.ma)}"
    return redirect(request, target, "Xin cảm ơn ông/bà đã đánh giá.", data={"rating": result["label"]})


def _book_page(request: Request, day, booking: BookingReceipt | None = None,
               values: dict | None = None) -> BookPage:
    core = core_of(request)
    return BookPage([(p.code, p.name) for p in services.list_procedures()], day,
                    [SlotView(**s) for s in services.slots(core, day)], booking, values or {})


def book_page(request: Request, form) -> Response:
    """Đặt lịch hẹn giờ làm thủ tục (không cần tài khoản). A free slot is a link
    (``?ngay=…&gio=…&thu_tuc=…``) that opens this page with the form filled in."""
    core = core_of(request)
    day = query_date(request, "ngay") or core.calendar.next_working_day(now().date())
    values: dict = {}
    try:
        if query_text(request, "gio", max_length=20):
            values["time"] = str(parse_clock(query_text(request, "gio", max_length=20)))
    except UserMessage:
        pass  # a hand-edited link: the form stays empty and the resident picks a slot
    procedure = query_text(request, "thu_tuc", max_length=40).upper()
    if procedure and procedure in {p.code for p in services.list_procedures()}:
        values["procedure_code"] = procedure
    return respond(request, "motcua/book.html", _book_page(request, day, values=values),
                   breadcrumbs=[("Đặt lịch hẹn", None)])


def _receipt(request: Request, booking) -> BookingReceipt:
    core = core_of(request)
    return BookingReceipt(booking.code, booking.procedure_code, booking.day, booking.time,
                          services.get_procedure(booking.procedure_code).name, services.place(core),
                          services.when_in_words(booking.day, booking.time), f"{BASE}/dat-lich/{booking.code}.ics")


def book(request: Request, form) -> Response:
    """Đặt lịch: mã đặt lịch để hủy khi cần (không cần tài khoản)."""
    data = structure(form, BookForm)
    booking = services.book(core_of(request), procedure_code=data.procedure_code, day=data.day, time=data.time,
                            name=data.name, phone=data.phone)
    # only what the booker needs to keep: the code, procedure, day and time
    receipt = _receipt(request, booking)
    return respond(request, "motcua/booked.html", _book_page(request, booking.day, receipt), status=201,
                   breadcrumbs=[("Đặt lịch hẹn", f"{BASE}/dat-lich"), ("Đã đặt lịch", None)])


def booking_calendar(request: Request, form) -> Response:
    """Lịch hẹn dạng tệp lịch (.ics, RFC 5545) để thêm vào lịch của điện thoại."""
    code = request.path_params["code"]
    text = services.booking_ics(core_of(request), code, host=request.url.hostname or "thanthien")
    return Response(text, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="lich-hen-{code.upper()}.ics"',
                             "Cache-Control": "no-store"})


def cancel_page(request: Request, form) -> Response:
    """Hủy lịch hẹn bằng mã đặt lịch."""
    return respond(request, "motcua/cancel.html", CancelPage(), breadcrumbs=[("Hủy lịch hẹn", None)])


def cancel(request: Request, form) -> Response:
    """Hủy lịch hẹn."""
    data = structure(form, CancelForm)
    services.cancel_booking(core_of(request), data.code)
    return redirect(request, f"{BASE}/dat-lich", "Đã hủy lịch hẹn.")


def survey_answer_page(request: Request, form) -> Response:
    """Phiếu khảo sát sự hài lòng (SIPAS, 5 yếu tố)."""
    data = SurveyAnswerPage(path_id(request), list(SIPAS_FACTORS.items()), list(SIPAS_SCALE.items()),
                            [(p.code, p.name) for p in services.list_procedures()])
    return respond(request, "motcua/survey_answer.html", data, breadcrumbs=[("Khảo sát hài lòng", None)])


def survey_answer(request: Request, form) -> Response:
    """Gửi phiếu khảo sát."""
    survey_id = path_id(request)
    data = structure(form, SurveyAnswerForm)
    try:
        services.answer_survey(core_of(request), survey_id, scores=data.scores, answered_on=now().date(),
                               procedure_code=data.procedure_code, comment=data.comment)
    except ValidationError as exc:  # the factors' fields are score_<factor> on the page
        raise ValidationError([(f.replace("scores.", "score_"), m) for f, m in exc.errors]) from None
    return redirect(request, f"{BASE}/khao-sat/{survey_id}/tra-loi", "Xin cảm ơn ông/bà đã tham gia khảo sát.")
