"""Work plans and inspections (R-TTND-09): periodic plans, the specific plan of each
inspection sent to UB MTTQ, the Chủ tịch UBND and the subject at least N working days
before, and its findings (published or not)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core import audit
from thanthien.core.errors import IllegalTransition, NotFound, ValidationError
from thanthien.core.models import to_type
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import Actor

from ..models import InspectionRow, WorkPlanRow
from ..types import INSPECTION_OWNER, P_VIEW, P_WORK, PLAN_PERIODS, Inspection, Member, WorkPlan
from .common import (
    ARCHIVE,
    FRONT_STANDING,
    SIGNER_TITLE,
    SIGNING_AUTHORITY,
    board_issuer,
    board_scope,
    board_unit_id,
    clean,
)
from .members import board_head

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


# ---------------------------------------------------------------------------
# work plans
# ---------------------------------------------------------------------------

def create_work_plan(core: CoreServices, *, period: str, start_on: dt.date | None, end_on: dt.date | None,
                     title: str, content: str, actor: Actor) -> WorkPlan:
    """R-TTND-09: the board plans per quarter, 6 months, year and term."""
    core.access.require(actor, P_WORK, board_scope())
    errors = []
    if period not in PLAN_PERIODS:
        errors.append(("period", "Vui lòng chọn kỳ kế hoạch: quý, 6 tháng, năm hoặc nhiệm kỳ."))
    if start_on is None:
        errors.append(("start_on", "Vui lòng nhập ngày bắt đầu (dd/mm/yyyy)."))
    if end_on is None:
        errors.append(("end_on", "Vui lòng nhập ngày kết thúc (dd/mm/yyyy)."))
    if start_on and end_on and end_on < start_on:
        errors.append(("end_on", "Ngày kết thúc phải sau ngày bắt đầu."))
    if not clean(title):
        errors.append(("title", "Vui lòng nhập tên kế hoạch."))
    if not clean(content):
        errors.append(("content", "Vui lòng nhập nội dung kế hoạch."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = WorkPlanRow.create(period=period, start_on=start_on, end_on=end_on, title=clean(title)[:255],
                                 content=clean(content))
        audit.record("thanhtra.plan.create", "thanhtra_work_plan", row.id, actor=actor,
                     after={"period": period, "start_on": start_on, "end_on": end_on, "title": row.title})
    return to_type(WorkPlan, row)


def work_plans(core: CoreServices, *, actor: Actor | None, limit: int = 100) -> list[WorkPlan]:
    """The board's work plans, newest first (readers of the board only)."""
    core.access.require(actor, P_VIEW, board_scope())
    q = WorkPlanRow.select().order_by(WorkPlanRow.start_on.desc(), WorkPlanRow.id.desc()).limit(limit)
    return [to_type(WorkPlan, r) for r in q]


# ---------------------------------------------------------------------------
# inspections
# ---------------------------------------------------------------------------

def latest_send_date(core: CoreServices, inspection_on: dt.date) -> dt.date:
    """R-TTND-09: the last day the specific plan may be sent (≥ N working days before)."""
    n = int(core.rules.value("R-TTND-09.plan_min_working_days_before", inspection_on))
    day = inspection_on
    for _ in range(n):
        day -= dt.timedelta(days=1)
        while not core.calendar.is_working_day(day):
            day -= dt.timedelta(days=1)
    return day


def to_inspection(core: CoreServices, row: InspectionRow) -> Inspection:
    return to_type(Inspection, row, work_plan_id=row.work_plan_id,
                   latest_send_on=latest_send_date(core, row.planned_on))


def get_inspection(core: CoreServices, inspection_id: int) -> Inspection:
    """An inspection, unchecked: for the module's own steps (the caller checks the actor)."""
    row = InspectionRow.get_or_none(InspectionRow.id == inspection_id)
    if row is None:
        raise NotFound(f"Không tìm thấy cuộc kiểm tra, giám sát số {inspection_id}.")
    return to_inspection(core, row)


def view_inspection(core: CoreServices, inspection_id: int, *, actor: Actor | None) -> Inspection:
    """An inspection for ``actor``: refused outside the board's scope."""
    core.access.require(actor, P_VIEW, board_scope(inspection_id))
    return get_inspection(core, inspection_id)


def inspections(core: CoreServices, *, actor: Actor | None, limit: int = 200) -> list[Inspection]:
    """The board's inspections, latest planned first (readers of the board only)."""
    core.access.require(actor, P_VIEW, board_scope())
    q = InspectionRow.select().order_by(InspectionRow.planned_on.desc(), InspectionRow.id.desc()).limit(limit)
    return [to_inspection(core, r) for r in q]


def _late_text(core: CoreServices, inspection: Inspection, sent_on: dt.date) -> str:
    n = core.rules.value("R-TTND-09.plan_min_working_days_before", inspection.planned_on)
    return (f"Kế hoạch kiểm tra, giám sát ngày {format_date(inspection.planned_on)} phải gửi Ủy ban MTTQ, Chủ tịch "
            f"UBND và đối tượng trước ít nhất {n} ngày làm việc, tức chậm nhất ngày "
            f"{format_date(inspection.latest_send_on)}; gửi ngày {format_date(sent_on)} là muộn (R-TTND-09).")


def plan_inspection(core: CoreServices, *, subject: str, content: str, planned_on: dt.date | None,
                    work_plan_id: int | None = None, actor: Actor) -> tuple[Inspection, list[str]]:
    """A specific inspection plan; warns when it can no longer be sent in time (R-TTND-09)."""
    core.access.require(actor, P_WORK, board_scope())
    errors = []
    if planned_on is None:
        errors.append(("planned_on", "Vui lòng nhập ngày kiểm tra, giám sát (dd/mm/yyyy)."))
    if not clean(subject):
        errors.append(("subject", "Vui lòng nhập đối tượng kiểm tra, giám sát."))
    if not clean(content):
        errors.append(("content", "Vui lòng nhập nội dung kiểm tra, giám sát."))
    if work_plan_id is not None and WorkPlanRow.get_or_none(WorkPlanRow.id == work_plan_id) is None:
        errors.append(("work_plan_id", "Kế hoạch định kỳ không tồn tại."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = InspectionRow.create(subject=clean(subject)[:255], content=clean(content), planned_on=planned_on,
                                   work_plan=work_plan_id)
        audit.record("thanhtra.inspection.plan", "thanhtra_inspection", row.id, actor=actor,
                     after={"subject": row.subject, "planned_on": planned_on})
    inspection = to_inspection(core, row)
    warnings = []
    if now().date() > inspection.latest_send_on:  # R-TTND-09
        warnings.append(_late_text(core, inspection, now().date()))
    return inspection, warnings


def send_inspection_plan(core: CoreServices, inspection_id: int, *, sent_on: dt.date | None,
                         signer: Member | None = None, actor: Actor) -> tuple[Inspection, list[str]]:
    """Send the specific plan to UB MTTQ, the Chủ tịch UBND and the subject (R-TTND-09),
    as a Kế hoạch document; a late sending is allowed but warned about and recorded."""
    core.access.require(actor, P_WORK, board_scope(inspection_id))
    inspection = get_inspection(core, inspection_id)
    if inspection.state != "planned":
        raise IllegalTransition("Kế hoạch này đã được gửi hoặc cuộc kiểm tra đã kết thúc.")
    errors = []
    if sent_on is None:
        errors.append(("sent_on", "Vui lòng nhập ngày gửi kế hoạch (dd/mm/yyyy)."))
    elif sent_on > inspection.planned_on:
        errors.append(("sent_on", "Ngày gửi kế hoạch không được sau ngày kiểm tra, giám sát."))
    if errors:
        raise ValidationError(errors)
    head = signer or board_head(inspection.planned_on)
    late = sent_on > inspection.latest_send_on  # R-TTND-09
    warnings = [_late_text(core, inspection, sent_on)] if late else []
    with write_transaction():
        doc = core.documents.issue(
            "ke_hoach", subject=f"Kiểm tra, giám sát {inspection.subject}", issued_on=sent_on, actor=actor,
            context={"paragraphs": [f"Ban Thanh tra nhân dân phường xây dựng kế hoạch kiểm tra, giám sát "
                                    f"{inspection.subject} như sau:"],
                     "sections": [{"title": "Nội dung kiểm tra, giám sát", "paragraphs": [inspection.content]},
                                  {"title": "Thời gian", "paragraphs": [
                                      f"Ngày {format_date(inspection.planned_on)}."]}]},
            signer_name=head.full_name, signer_title=SIGNER_TITLE, signing_authority=SIGNING_AUTHORITY,
            issuer=board_issuer(core), recipients=[FRONT_STANDING, "Chủ tịch UBND phường", inspection.subject, ARCHIVE],
            unit_id=board_unit_id(), owner=(INSPECTION_OWNER, inspection_id), view_permission=P_VIEW)
        InspectionRow.update(state="sent", sent_on=sent_on, sent_late=late, plan_document_id=doc.id).where(
            InspectionRow.id == inspection_id).execute()
        audit.record("thanhtra.inspection.send", "thanhtra_inspection", inspection_id, actor=actor,
                     before={"state": "planned"}, after={"state": "sent", "sent_on": sent_on, "late": late,
                                                         "document": doc.number_symbol},
                     reason="; ".join(warnings))
    return get_inspection(core, inspection_id), warnings


def record_inspection_result(core: CoreServices, inspection_id: int, *, held_on: dt.date | None, findings: str,
                             published: bool = False, actor: Actor) -> Inspection:
    """The inspection took place: findings, and whether the board publishes them."""
    core.access.require(actor, P_WORK, board_scope(inspection_id))
    inspection = get_inspection(core, inspection_id)
    if inspection.state != "sent":
        raise IllegalTransition("Chỉ ghi kết quả khi kế hoạch kiểm tra, giám sát đã được gửi (R-TTND-09).")
    errors = []
    if held_on is None:
        errors.append(("held_on", "Vui lòng nhập ngày kiểm tra, giám sát (dd/mm/yyyy)."))
    if not clean(findings):
        errors.append(("findings", "Vui lòng nhập kết quả kiểm tra, giám sát."))
    if held_on and inspection.sent_on and held_on < inspection.sent_on:
        errors.append(("held_on", "Ngày kiểm tra không được trước ngày gửi kế hoạch."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        InspectionRow.update(state="held", held_on=held_on, findings=clean(findings), published=bool(published)).where(
            InspectionRow.id == inspection_id).execute()
        audit.record("thanhtra.inspection.result", "thanhtra_inspection", inspection_id, actor=actor,
                     before={"state": "sent"}, after={"state": "held", "held_on": held_on,
                                                      "published": bool(published)})
    return get_inspection(core, inspection_id)


def cancel_inspection(core: CoreServices, inspection_id: int, *, reason: str, actor: Actor) -> Inspection:
    core.access.require(actor, P_WORK, board_scope(inspection_id))
    inspection = get_inspection(core, inspection_id)
    if inspection.state not in ("planned", "sent"):
        raise IllegalTransition("Cuộc kiểm tra, giám sát đã kết thúc, không thể hủy.")
    if not clean(reason):
        raise ValidationError([("reason", "Vui lòng ghi rõ lý do hủy.")])
    with write_transaction():
        InspectionRow.update(state="cancelled").where(InspectionRow.id == inspection_id).execute()
        audit.record("thanhtra.inspection.cancel", "thanhtra_inspection", inspection_id, actor=actor,
                     before={"state": inspection.state}, after={"state": "cancelled"}, reason=clean(reason))
    return get_inspection(core, inspection_id)


def plans_to_send(core: CoreServices, today: dt.date, working_days: int = 2) -> list[Inspection]:
    """Inspections whose specific plan is not sent yet and must go within ``working_days``
    working days or is already late (R-TTND-09): the daily check."""
    horizon = today
    for _ in range(working_days):
        horizon = core.calendar.next_working_day(horizon)
    q = (InspectionRow.select().where(InspectionRow.state == "planned", InspectionRow.planned_on >= today)
         .order_by(InspectionRow.planned_on, InspectionRow.id))
    return [i for i in (to_inspection(core, r) for r in q) if i.latest_send_on <= horizon]
