"""Staff at the one-stop centre and each staff member's year (plan III.1.4).

Badges: every staff member carries a badge number (core's person record); photos are kept
here for the staff pages. The duty roster says who serves residents at the Public
Administrative Service Centre on a day: the public "who serves you today" page shows
their names, positions, badge numbers and desks only. The yearly summary (tasks on time,
evidence, compliments, complaints, breaches, decisions) is the input to the official
rating, read by leaders over the person's unit and by the person concerned.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from peewee import Case, fn
from thanthien.core import audit
from thanthien.core.access import ANYWHERE, Scope
from thanthien.core.errors import IllegalTransition, NotFound, ValidationError
from thanthien.core.models import PersonRow
from thanthien.core.storage.db import write_transaction
from thanthien.core.types import Actor
from thanthien.core.uploads import IMAGES

from ..models import BreachRow, DisciplineRow, DutyRow, EvidenceRow, FileRow, ReportRow, TaskRow
from ..types import P_CONDUCT, P_FACILITY, P_VIEW, STAFF_OWNER, Duty, StaffCard, StaffSummary, Upload
from .common import check_files, get_staff, service_center_id, staff_card, staff_scope, store_files, unit_name
from .conduct import visible_staff

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


# -- the duty roster -----------------------------------------------------------------------


def _joined():
    return DutyRow.select(DutyRow, PersonRow).join(PersonRow, on=(DutyRow.person == PersonRow.id), attr="p")


def _duties(q) -> list[Duty]:
    return [Duty(r.id, r.day, r.person_id, r.p.full_name, r.p.position, r.p.badge_number, r.desk, r.active)
            for r in q]


def on_duty(day: dt.date) -> list[Duty]:
    """Who serves residents at the centre on ``day`` (public: names, positions, badges)."""
    q = (_joined().where(DutyRow.day == day, DutyRow.active == True, PersonRow.active == True)  # noqa: E712
         .order_by(DutyRow.desk, PersonRow.full_name))
    return _duties(q)


def duties(core: CoreServices, *, actor: Actor | None, start: dt.date, end: dt.date) -> list[Duty]:
    core.access.require(actor, P_VIEW, ANYWHERE)
    q = (_joined().where(DutyRow.day.between(start, end))
         .order_by(DutyRow.day, DutyRow.desk, PersonRow.full_name))
    return _duties(q)


def add_duty(core: CoreServices, *, day: dt.date, person_id: int, desk: str = "", actor: Actor) -> Duty:
    """Put a staff member on the centre's roster for a day (badge number required: plan
    III.1.4, every staff member wears the badge)."""
    core.access.require(actor, P_FACILITY, Scope(unit_id=service_center_id(core)))
    errors = []
    try:
        person = get_staff(person_id)
    except NotFound as exc:
        raise ValidationError([("person_id", exc.message)]) from None
    core.access.check_assignee(person.id, P_VIEW, field="person_id", errors=errors,
                               message=f"{person.full_name} không phải cán bộ, công chức được xếp lịch trực.")
    if not person.badge_number:
        errors.append(("person_id", f"{person.full_name} chưa có số thẻ công chức: cập nhật hồ sơ cán bộ trước."))
    taken = DutyRow.select().where(DutyRow.day == day, DutyRow.person == person_id,
                                   DutyRow.active == True)  # noqa: E712
    if taken.exists():
        errors.append(("person_id", f"{person.full_name} đã có trong lịch trực ngày {day:%d/%m/%Y}."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = DutyRow.create(day=day, person=person_id, desk=(desk or "").strip()[:64], created_by=actor.person_id)
        audit.record("congvu.duty.add", "congvu_duty", row.id, actor=actor,
                     after={"day": day, "person": person_id, "desk": row.desk})
    return _duties(_joined().where(DutyRow.id == row.id))[0]


def withdraw_duty(core: CoreServices, duty_id: int, *, reason: str, actor: Actor) -> None:
    """Take an entry off the roster (kept, marked withdrawn)."""
    core.access.require(actor, P_FACILITY, Scope(unit_id=service_center_id(core)))
    row = DutyRow.get_or_none(DutyRow.id == duty_id)
    if row is None:
        raise NotFound(f"Không tìm thấy lịch trực số {duty_id}.")
    if not row.active:
        raise IllegalTransition("Lịch trực này đã được rút.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError([("reason", "Vui lòng ghi lý do.")])
    with write_transaction():
        DutyRow.update(active=False).where(DutyRow.id == duty_id).execute()
        audit.record("congvu.duty.withdraw", "congvu_duty", duty_id, actor=actor, before={"active": True},
                     after={"active": False}, reason=reason)


# -- badges and photos ---------------------------------------------------------------------


def photo_ids(person_ids: list[int]) -> dict[int, int]:
    q = (FileRow.select(FileRow.id, FileRow.owner_id)
         .where(FileRow.owner_kind == STAFF_OWNER, FileRow.owner_id.in_(person_ids or [-1]),
                FileRow.active == True).order_by(FileRow.id))  # noqa: E712
    return {r.owner_id: r.id for r in q}


def staff_cards(core: CoreServices, *, actor: Actor | None, unit_id: int | None = None) -> list[StaffCard]:
    """Staff with their badge numbers and photos (staff pages)."""
    core.access.require(actor, P_VIEW, ANYWHERE)
    q = PersonRow.select().where(PersonRow.is_staff == True, PersonRow.active == True)  # noqa: E712
    if unit_id is not None:
        q = q.where(PersonRow.unit == unit_id)
    rows = list(q.order_by(PersonRow.unit, PersonRow.full_name).limit(1000))
    photos = photo_ids([r.id for r in rows])
    return [staff_card(r, photo_id=photos.get(r.id)) for r in rows]


def set_photo(core: CoreServices, person_id: int, *, photo: Upload, actor: Actor) -> StaffCard:
    """Replace a staff member's photo (an image, checked by content); the old one is kept."""
    person = get_staff(person_id)
    core.access.require(actor, P_FACILITY, Scope(unit_id=person.unit_id))
    errors: list[tuple[str, str]] = []
    checked = check_files(core, [photo], "photo", errors, kinds=IMAGES)
    if not checked and not errors:
        errors.append(("photo", "Vui lòng chọn ảnh."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        FileRow.update(active=False).where(FileRow.owner_kind == STAFF_OWNER, FileRow.owner_id == person_id).execute()
        new = store_files(checked, STAFF_OWNER, person_id, actor)[0]
        audit.record("congvu.staff.photo", "core_person", person_id, actor=actor,
                     after={"file": new.id, "filename": new.filename})
    return staff_card(person, photo_id=new.id)


# -- the yearly summary ---------------------------------------------------------------------


def _summary(person: PersonRow, year: int, today: dt.date) -> StaffSummary:
    lo, hi = dt.datetime(year, 1, 1), dt.datetime(year + 1, 1, 1)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    cut = min(today, last)
    tasks = TaskRow.select().where(TaskRow.assignee == person.id, TaskRow.state != "cancelled",
                                   TaskRow.deadline.between(first, last))
    done = TaskRow.select().where(TaskRow.assignee == person.id, TaskRow.state == "done",
                                  TaskRow.completed_at >= lo, TaskRow.completed_at < hi)
    done_rows = list(done.select(TaskRow.id, TaskRow.deadline, TaskRow.completed_at))
    on_time = sum(1 for t in done_rows if t.completed_at.date() <= t.deadline)
    with_files = (EvidenceRow.select(fn.COUNT(fn.DISTINCT(EvidenceRow.task))).where(
        EvidenceRow.task.in_([t.id for t in done_rows] or [-1]), EvidenceRow.kind == "file").scalar() or 0)
    sums = tasks.select(fn.SUM(TaskRow.extensions), fn.SUM(TaskRow.returns),
                        fn.SUM(Case(None, [((TaskRow.state == "assigned") & (TaskRow.deadline < cut), 1)], 0))).tuples()
    ext, ret, overdue = next(iter(sums), (0, 0, 0))
    reports = ReportRow.select().where(ReportRow.staff == person.id, ReportRow.received_at >= lo,
                                       ReportRow.received_at < hi)
    return StaffSummary(
        person.id, person.full_name, person.position, unit_name(person.unit_id), year,
        tasks_assigned=tasks.count(), tasks_done=len(done_rows), tasks_on_time=on_time,
        tasks_late=len(done_rows) - on_time, tasks_open_overdue=int(overdue or 0), tasks_with_files=int(with_files),
        extensions=int(ext or 0), returns=int(ret or 0),
        compliments=reports.where(ReportRow.kind == "compliment").count(),
        complaints=reports.where(ReportRow.kind == "complaint").count(),
        breaches=BreachRow.select().where(BreachRow.person == person.id,
                                          BreachRow.occurred_on.between(first, last)).count(),
        disciplines=DisciplineRow.select().where(DisciplineRow.person == person.id,
                                                 DisciplineRow.decided_on.between(first, last)).count(),
    )


def staff_summary(core: CoreServices, person_id: int, *, year: int, actor: Actor | None,
                  today: dt.date | None = None) -> StaffSummary:
    """One staff member's year, for leaders over his or her unit and for himself or herself."""
    person = get_staff(person_id)
    core.access.require(actor, P_CONDUCT, staff_scope(person))
    return _summary(person, year, today or dt.date.today())


def summaries(core: CoreServices, *, year: int, actor: Actor | None,
              today: dt.date | None = None) -> list[StaffSummary]:
    """Every staff member the actor may assess (his or her units; himself or herself)."""
    q = PersonRow.select().where(PersonRow.is_staff == True, PersonRow.active == True)  # noqa: E712
    cond = visible_staff(core, actor, PersonRow.id)
    if cond is not None:
        q = q.where(cond)
    return [_summary(p, year, today or dt.date.today()) for p in q.order_by(PersonRow.unit, PersonRow.full_name)]
