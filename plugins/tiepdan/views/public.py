"""Public pages of the tiepdan module (no login): the reception schedule and its iCalendar
feed, the feedback form, the tracking look-up with the "not resolved" answer, the
published dialogue answers. Nothing here names a citizen (R-DL-14)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from thanthien.core.errors import NotFound, ValidationError
from thanthien.web.forms import structure
from thanthien.web.render import is_json, redirect, respond
from thanthien.web.request import core_of, query_period, query_text
from thanthien.web.security import client_ip

from .. import services
from ..forms import FeedbackForm, NotResolvedForm
from ..schemas import (
    DialoguesPage,
    FeedbackPage,
    PublicDialogue,
    PublicSession,
    SchedulePage,
    SentFeedback,
    TrackingPage,
    TrackStatus,
)
from ..types import Submitted

BASE = "/tiepdan"
#: the longest period one page shows
MAX_DAYS = 401


def schedule(request: Request, form) -> Response:
    """Lịch tiếp công dân: địa điểm, thời gian tiếp thường xuyên, lịch tiếp của Chủ tịch UBND."""
    core = core_of(request)
    today = dt.date.today()
    start, end = query_period(request, today - dt.timedelta(days=7), today + dt.timedelta(days=90),
                              max_days=MAX_DAYS)
    data = SchedulePage(services.reception_place(core), services.config(core).regular_hours, start, end,
                        [PublicSession.of(s) for s in services.sessions(start, end)])
    return respond(request, "tiepdan/schedule.html", data, breadcrumbs=[("Lịch tiếp công dân", None)])


def schedule_ics(request: Request, form) -> Response:
    """Lịch tiếp công dân dạng iCalendar."""
    today = dt.date.today()
    start, end = query_period(request, today - dt.timedelta(days=30), today + dt.timedelta(days=180),
                              max_days=MAX_DAYS)
    return Response(services.schedule_ics(core_of(request), start, end), media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'inline; filename="lich-tiep-cong-dan.ics"'})


def submit_form(core, data: Any, *, client: str, at: dt.datetime | None = None) -> Submitted:
    """The feedback form as the page receives it: a form that does not even structure
    still counts against the client's quota (a flood of junk is throttled too)."""
    try:
        typed = structure(data, FeedbackForm)
    except ValidationError:
        services.throttle(core, client, "feedback", at=at)
        raise
    return services.submit_feedback(core, kind=typed.kind, subject=typed.subject, content=typed.content,
                                    sender=typed.sender, consent=typed.consent, client=client, at=at)


def feedback(request: Request, form) -> Response:
    """Gửi phản ánh, kiến nghị đến UBND."""
    core = core_of(request)
    crumbs = [("Gửi phản ánh, kiến nghị", None)]
    page = FeedbackPage(None, services.config(core).public_max_chars)
    if form is None:
        return respond(request, "tiepdan/feedback.html", page, breadcrumbs=crumbs)
    sent = submit_form(core, form, client=client_ip(request))
    due = sent.due_date.strftime("%d/%m/%Y") if sent.due_date else ""
    return respond(request, "tiepdan/feedback.html", FeedbackPage(SentFeedback(sent.tracking_code, due),
                                                                  page.max_chars),
                   status=201, breadcrumbs=crumbs)


def track_status(core, code: str) -> TrackStatus:
    """The public status of ``code`` as the look-up shows it."""
    tracked = services.track(core, code)
    ct = core.cases.case_type(tracked.latest.case_type)
    return TrackStatus.of(tracked, lambda state: ct.state(state).label)


def tracking(request: Request, form) -> Response:
    """Tra cứu tình trạng xử lý đơn bằng mã tra cứu."""
    code = query_text(request, "ma", max_length=40)
    crumbs = [("Tra cứu đơn", None)]
    try:
        status = track_status(core_of(request), code) if code else None
    except NotFound as exc:  # the page again, with the code as typed and a try-again form
        if is_json(request):
            raise
        return respond(request, "tiepdan/tracking.html", TrackingPage(code, None), status=404, breadcrumbs=crumbs,
                       context={"errors": {"ma": exc.message}, "error_message": exc.message})
    return respond(request, "tiepdan/tracking.html", TrackingPage(code, status), breadcrumbs=crumbs)


def not_resolved(request: Request, form) -> Response:
    """Báo vấn đề chưa được giải quyết (mở lại phản ánh)."""
    core, client = core_of(request), client_ip(request)
    try:
        data = structure(form, NotResolvedForm)
    except ValidationError:
        services.throttle(core, client, "reopen")
        raise
    result = services.report_not_resolved(core, data.ma, reason=data.ly_do, client=client)
    due = result.due_date.strftime("%d/%m/%Y") if result.due_date else ""
    return redirect(request, f"{BASE}/tra-cuu?ma={result.tracking_code}",
                    "Đã ghi nhận ý kiến; phản ánh được mở lại để xử lý.",
                    data={"tracking_code": result.tracking_code, "number": result.number, "due_date": due})


def dialogues(request: Request, form) -> Response:
    """Kết quả hội nghị đối thoại giữa UBND và Nhân dân."""
    data = DialoguesPage([PublicDialogue.of(d, qs) for d, qs in services.published_dialogues()])
    return respond(request, "tiepdan/dialogues.html", data, breadcrumbs=[("Hội nghị đối thoại", None)])
