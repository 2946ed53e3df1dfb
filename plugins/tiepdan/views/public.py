"""Public pages of the tiepdan module (no login): the reception schedule and its iCalendar
feed, the feedback form, the tracking look-up with the "not resolved" answer, the
published dialogue answers. Nothing here names a citizen (R-DL-14)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.uploads import megabytes
from thanthien.web.context import context_of
from thanthien.web.forms import structure
from thanthien.web.render import is_json, paginate, redirect, respond
from thanthien.web.request import core_of, path_id, query_period, query_text
from thanthien.web.security import client_ip

from .. import services
from ..forms import FeedbackForm, NotResolvedForm
from ..schemas import (
    DialoguesPage,
    FeedbackPage,
    GroupChoice,
    OpinionSubject,
    PublicDialogue,
    PublicFeedbackItem,
    PublicFeedbackPage,
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


def _photo(upload) -> services.PhotoUpload | None:
    """The uploaded photo, or None when the file input was left empty."""
    if upload is None:
        return None
    data = upload.file.read()
    if not (upload.filename or data):  # an empty file input sends an empty part
        return None
    return services.PhotoUpload(upload.filename or "", data, upload.content_type or "")


def submit_form(core, data: Any, *, client: str, at: dt.datetime | None = None) -> Submitted:
    """The feedback form as the page receives it: a form that does not even structure
    still counts against the client's quota (a flood of junk is throttled too)."""
    try:
        typed = structure(data, FeedbackForm)
    except ValidationError:
        services.throttle(core, client, "feedback", at=at)
        raise
    extra = services.FeedbackExtra(typed.ve, typed.group_id, typed.place, _photo(typed.photo))
    return services.submit_feedback(core, kind=typed.kind, subject=typed.subject, content=typed.content,
                                    sender=typed.sender, consent=typed.consent, client=client, at=at, extra=extra)


def _subject_ref(request: Request) -> str:
    """The ``ve`` reference: as typed in a form sent back with errors, else the query's."""
    pending = context_of(request).form_errors
    if pending and isinstance(pending[1].get("ve"), str):
        return pending[1]["ve"][:100]
    return query_text(request, "ve", max_length=100)


def feedback(request: Request, form) -> Response:
    """Gửi phản ánh, kiến nghị đến UBND (về một nội dung công khai nếu có: ``?ve=``)."""
    core = core_of(request)
    crumbs = [("Gửi phản ánh, kiến nghị", None)]
    cfg = services.config(core)
    ref = _subject_ref(request) if form is None else ""
    found = services.subject_of(core, ref) if ref else None
    subject = OpinionSubject(found.ref, found.title, found.url) if found else None
    page = FeedbackPage(None, cfg.public_max_chars, {"ve": subject.ref} if subject else {}, subject,
                        bool(ref) and subject is None,
                        [GroupChoice(i, n) for i, n in services.residential_groups()], megabytes(cfg.max_photo_bytes))
    if form is None:
        return respond(request, "tiepdan/feedback.html", page, breadcrumbs=crumbs)
    sent = submit_form(core, form, client=client_ip(request))
    due = sent.due_date.strftime("%d/%m/%Y") if sent.due_date else ""
    return respond(request, "tiepdan/feedback.html",
                   FeedbackPage(SentFeedback(sent.tracking_code, due), page.max_chars, groups=page.groups,
                                max_photo_mb=page.max_photo_mb),
                   status=201, breadcrumbs=crumbs)


def feedback_list(request: Request, form) -> Response:
    """Phản ánh của Nhân dân và trả lời của phường (đã kiểm duyệt, không nêu tên người gửi)."""
    core = core_of(request)
    pager = paginate(request, services.config(core).public_list_page_size)
    rows = services.public_feedback(core, limit=pager.fetch, offset=pager.offset)
    rows, pager = pager.cut(rows)
    items = [PublicFeedbackItem(r.id, r.title, r.text, r.subject_title, r.subject_url, r.group,
                                r.received_on.strftime("%d/%m/%Y"), r.status, r.answer, r.photo_url) for r in rows]
    return respond(request, "tiepdan/feedback_list.html", PublicFeedbackPage(items, pager.number, pager.has_next),
                   breadcrumbs=[("Gửi phản ánh, kiến nghị", f"{BASE}/phan-anh"), ("Phản ánh đã công khai", None)],
                   context={"pager": pager})


def feedback_photo(request: Request, form) -> Response:
    """Ảnh kèm theo một phản ánh đã công khai."""
    _name, mime, data = services.photo_file(core_of(request), path_id(request), actor=None, public=True)
    return photo_response(mime, data)


def photo_response(mime: str, data: bytes) -> Response:
    """A stored photo, shown inline, never sniffed as another type nor able to run scripts."""
    return Response(data, media_type=mime, headers={
        "Content-Disposition": "inline", "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox"})


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
