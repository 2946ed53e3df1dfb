"""Staff pages of the Public Administrative Service Centre and of plan III.3: the duty
roster, badges and photos; the facility checklist and its reviews (failed criteria become
tasks); paper rating forms; training and propaganda events."""
from __future__ import annotations

import datetime as dt

from starlette.requests import Request
from starlette.responses import Response
from thanthien.core.access import ANYWHERE, Scope
from thanthien.web.forms import structure
from thanthien.web.render import redirect, respond
from thanthien.web.request import actor_of, can, core_of, path_id, query_date

from .. import services
from ..forms import (
    BatchForm,
    CriterionEditForm,
    CriterionForm,
    DutyForm,
    EventForm,
    EventRecordForm,
    PhotoForm,
    ReasonForm,
    ReviewForm,
)
from ..schemas import BatchesPage, CentrePage, ChecklistPage, EventPage, EventsPage, FormPage, ReviewPage
from ..types import CRITERION_STATUSES, EVENT_KINDS, P_EVENTS, P_FACILITY, P_TASKS, RATING_LEVELS, Upload
from .common import BASE, HOME, today, uploads, year_param

CENTRE = ("Trung tâm Phục vụ hành chính công", f"{BASE}/trung-tam")


def _facility(request: Request) -> bool:
    return can(request, P_FACILITY, Scope(unit_id=services.service_center_id(core_of(request))))


def centre_page(request: Request, form) -> Response:
    """Trung tâm Phục vụ hành chính công: lịch trực 14 ngày tới, thẻ và ảnh cán bộ."""
    core, actor = core_of(request), actor_of(request)
    day = query_date(request, "tu", today()) or today()
    data = CentrePage(day, services.duties(core, actor=actor, start=day, end=day + dt.timedelta(days=13)),
                      services.staff_cards(core, actor=actor))
    manage = _facility(request)
    return respond(request, "congvu/centre.html", data, breadcrumbs=[HOME, (CENTRE[0], None)],
                   context={"can_manage": manage, "staff_options": services.assignee_options(core) if manage else []})


def duty_add(request: Request, form) -> Response:
    """Xếp lịch trực tại Trung tâm."""
    data = structure(form, DutyForm)
    duty = services.add_duty(core_of(request), day=data.day, person_id=data.person_id, desk=data.desk,
                             actor=actor_of(request))
    return redirect(request, CENTRE[1], f"Đã xếp lịch trực ngày {duty.day:%d/%m/%Y} cho {duty.full_name}.",
                    data={"id": duty.id})


def duty_withdraw(request: Request, form) -> Response:
    """Rút một lịch trực (có lý do)."""
    data = structure(form, ReasonForm)
    duty_id = path_id(request)
    services.withdraw_duty(core_of(request), duty_id, reason=data.reason, actor=actor_of(request))
    return redirect(request, CENTRE[1], "Đã rút lịch trực.", data={"id": duty_id})


def photo_set(request: Request, form) -> Response:
    """Cập nhật ảnh của cán bộ, công chức."""
    data = structure(form, PhotoForm)
    photo = (uploads(data.photo) or [Upload("", b"")])[0]
    card = services.set_photo(core_of(request), path_id(request), photo=photo, actor=actor_of(request))
    return redirect(request, CENTRE[1], f"Đã cập nhật ảnh của {card.full_name}.", data={"id": card.person_id})


CHECKLIST = ("Công sở thân thiện", f"{BASE}/bang-kiem")


def checklist_page(request: Request, form) -> Response:
    """Bảng kiểm công sở xanh - sạch - đẹp - thân thiện và các lần rà soát."""
    core = core_of(request)
    everything = services.criteria(include_retired=True)
    data = ChecklistPage([c for c in everything if c.active], [c for c in everything if not c.active],
                         services.reviews(core, actor=actor_of(request)))
    return respond(request, "congvu/checklist.html", data, breadcrumbs=[HOME, (CHECKLIST[0], None)],
                   context={"can_manage": _facility(request)})


def criterion_add(request: Request, form) -> Response:
    """Thêm tiêu chí vào bảng kiểm."""
    data = structure(form, CriterionForm)
    c = services.add_criterion(core_of(request), text=data.text, group=data.group, actor=actor_of(request))
    return redirect(request, CHECKLIST[1], f"Đã thêm tiêu chí {c.code}.", data={"id": c.id})


def criterion_edit(request: Request, form) -> Response:
    """Sửa hoặc thôi áp dụng một tiêu chí."""
    data = structure(form, CriterionEditForm)
    c = services.edit_criterion(core_of(request), path_id(request), text=data.text, group=data.group,
                                active=data.active, actor=actor_of(request))
    return redirect(request, CHECKLIST[1], f"Đã lưu tiêu chí {c.code}.", data={"id": c.id})


def review_new(request: Request, form) -> Response:
    """Rà soát cơ sở vật chất theo bảng kiểm; tiêu chí chưa đạt thành nhiệm vụ khắc phục."""
    core = core_of(request)
    if form is None:
        context = {"criteria": services.criteria(), "statuses": CRITERION_STATUSES, "staff": services.assignee_options(core),
                   "leaders": services.assignee_options(core, P_TASKS),
                   "fix_days": services.config(core).fix_working_days}
        return respond(request, "congvu/review_form.html", FormPage({"reviewed_on": today().strftime("%d/%m/%Y")}),
                       breadcrumbs=[HOME, CHECKLIST, ("Rà soát", None)], context=context)
    data = structure(form, ReviewForm)
    notes = list(data.line_note) + [""] * (len(data.criterion_id) - len(data.line_note))
    review = services.record_review(
        core, reviewed_on=data.reviewed_on, lines=list(zip(data.criterion_id, data.status, notes)), note=data.note,
        photos=uploads(data.photos), assignee_id=data.assignee_id, leader_id=data.leader_id,
        fix_working_days=data.fix_working_days, actor=actor_of(request))
    failed = len(review.failed)
    score = f"{review.score:g}".replace(".", ",")
    message = f"Đã ghi kết quả rà soát: {score}%."
    if failed:
        message += f" {failed} tiêu chí chưa đạt đã thành nhiệm vụ khắc phục."
    return redirect(request, f"{CHECKLIST[1]}/ra-soat/{review.id}", message, data={"id": review.id})


def review_detail(request: Request, form) -> Response:
    """Một lần rà soát: kết quả từng tiêu chí, ảnh, nhiệm vụ khắc phục."""
    review = services.view_review(core_of(request), path_id(request), actor=actor_of(request))
    return respond(request, "congvu/review.html", ReviewPage(review),
                   breadcrumbs=[HOME, CHECKLIST, (f"Rà soát ngày {review.reviewed_on:%d/%m/%Y}", None)])


RATINGS = ("Phiếu đánh giá giấy", f"{BASE}/phieu-danh-gia")


def batches_page(request: Request, form) -> Response:
    """Phiếu đánh giá giấy nhập theo đợt (cộng với phiếu điện tử trong báo cáo)."""
    year = year_param(request, today().year) or today().year
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    data = BatchesPage(year, services.batches(core_of(request), actor=actor_of(request), year=year),
                       services.paper_counts(start, end))
    return respond(request, "congvu/batches.html", data, breadcrumbs=[HOME, CHECKLIST, (RATINGS[0], None)],
                   context={"can_manage": _facility(request), "levels": RATING_LEVELS})


def batch_add(request: Request, form) -> Response:
    """Nhập một đợt phiếu đánh giá giấy."""
    data = structure(form, BatchForm)
    batch = services.record_batch(core_of(request), period_start=data.period_start, period_end=data.period_end,
                                  counts={"rat_hai_long": data.rat_hai_long, "hai_long": data.hai_long,
                                          "khong_hai_long": data.khong_hai_long},
                                  note=data.note, actor=actor_of(request))
    return redirect(request, RATINGS[1], f"Đã nhập {batch.total} phiếu.", data={"id": batch.id})


EVENTS = ("Tập huấn, tuyên truyền", f"{BASE}/hoi-nghi")


def events_page(request: Request, form) -> Response:
    """Hội nghị tập huấn, tuyên truyền, tin bài về mô hình (kế hoạch mục III.3)."""
    year = year_param(request)
    data = EventsPage(services.events(core_of(request), actor=actor_of(request), year=year, limit=200), year)
    manage = can(request, P_EVENTS, ANYWHERE)
    return respond(request, "congvu/events.html", data, breadcrumbs=[HOME, (EVENTS[0], None)],
                   context={"can_manage": manage, "kinds": EVENT_KINDS,
                            "units": services.unit_options() if manage else [],
                            "items": services.item_options() if manage else []})


def event_add(request: Request, form) -> Response:
    """Lên kế hoạch hội nghị hoặc ghi nhận tin, bài."""
    data = structure(form, EventForm)
    event = services.plan_event(core_of(request), kind=data.kind, title=data.title, held_on=data.held_on,
                                place=data.place, unit_id=data.unit_id, item_id=data.item_id, audience=data.audience,
                                url=data.url, actor=actor_of(request))
    return _to_event(request, event.id, "Đã ghi hoạt động.")


def event_detail(request: Request, form) -> Response:
    """Một hội nghị, tin bài."""
    event = services.view_event(core_of(request), path_id(request), actor=actor_of(request))
    return respond(request, "congvu/event.html", EventPage(event), breadcrumbs=[HOME, EVENTS, (event.title, None)],
                   context={"can_manage": can(request, P_EVENTS, services.event_scope(event))})


def _to_event(request: Request, event_id: int, message: str) -> Response:
    return redirect(request, f"{EVENTS[1]}/{event_id}", message, data={"id": event_id})


def event_record(request: Request, form) -> Response:
    """Ghi kết quả và số người dự."""
    data = structure(form, EventRecordForm)
    event = services.record_event(core_of(request), path_id(request), result=data.result,
                                  staff_count=data.staff_count, resident_count=data.resident_count, url=data.url,
                                  actor=actor_of(request))
    return _to_event(request, event.id, "Đã ghi kết quả.")


def event_cancel(request: Request, form) -> Response:
    """Hủy hoạt động đã lên kế hoạch."""
    data = structure(form, ReasonForm)
    event = services.cancel_event(core_of(request), path_id(request), reason=data.reason, actor=actor_of(request))
    return _to_event(request, event.id, "Đã hủy hoạt động.")
