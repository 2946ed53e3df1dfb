"""Supervision plans and the notice to the investor: R-GS-09.

The board files its plan (``giamsat.supervise``); UB MTTQ notifies the investor of the
plan and the board's membership at least R-GS-09 days before the supervision starts
(``giamsat.boards``). A late notice is recorded and flagged, not refused.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from thanthien.core import audit
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.models import to_type
from thanthien.core.storage.db import write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import Actor

from ..models import PlanRow
from ..types import P_BOARDS, P_SUPERVISE, P_VIEW, Plan, content_items
from .common import active_board, board_scope, day, get_project, text

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def notify_by(core: CoreServices, start_on: dt.date) -> dt.date:
    """R-GS-09: the last day to notify the investor of a supervision starting ``start_on``."""
    return start_on - dt.timedelta(days=int(core.rules.value("R-GS-09.min_days_before", start_on)))


def to_plan(core: CoreServices, row: PlanRow) -> Plan:
    deadline = notify_by(core, row.start_on)
    late = None if row.notified_on is None else row.notified_on > deadline
    return to_type(Plan, row, board_id=row.board_id, content=tuple(row.content or ()), notify_by=deadline,
                   notified_late=late)


def plan_warnings(core: CoreServices, plan: Plan, today: dt.date | None = None) -> list[str]:
    """What is wrong with the investor notice of a plan (R-GS-09), in Vietnamese."""
    today = today or dt.date.today()
    days = int(core.rules.value("R-GS-09.min_days_before", plan.start_on))
    if plan.notified_on is None:
        if today > plan.notify_by:
            return [f"Kế hoạch “{plan.title}” bắt đầu giám sát ngày {format_date(plan.start_on)} nhưng chưa thông báo "
                    f"cho chủ đầu tư; phải thông báo trước ít nhất {days} ngày, chậm nhất ngày "
                    f"{format_date(plan.notify_by)} (R-GS-09)."]
        return []
    if plan.notified_late:
        return [f"Kế hoạch “{plan.title}” được thông báo cho chủ đầu tư ngày {format_date(plan.notified_on)}, chậm so "
                f"với hạn {format_date(plan.notify_by)} (trước ít nhất {days} ngày khi bắt đầu giám sát, R-GS-09)."]
    return []


def create_plan(core: CoreServices, board_id: int, *, title: str, start_on: dt.date | None, end_on: dt.date | None,
                content: Iterable[str] = (), activities: str = "", actor: Actor,
                today: dt.date | None = None) -> tuple[Plan, list[str]]:
    """Record the board's supervision plan; returns it and the R-GS-09 warnings."""
    core.access.require(actor, P_SUPERVISE, board_scope(core, board_id))
    board = active_board(board_id, "lập kế hoạch giám sát")
    project = get_project(board.project_id)
    errors: list[tuple[str, str]] = []
    title = text(title, "title", "tên kế hoạch", errors)
    start = day(start_on, "start_on", "ngày bắt đầu giám sát", errors)
    end = day(end_on, "end_on", "ngày kết thúc giám sát", errors)
    if start and end and end < start:
        errors.append(("end_on", "Ngày kết thúc giám sát phải sau ngày bắt đầu."))
    allowed = content_items(project.funding)
    chosen = [c.strip() for c in content if c and c.strip()]
    if any(c not in allowed for c in chosen):  # R-GS-07
        errors.append(("content", "Nội dung giám sát không thuộc danh mục của dự án này (R-GS-07)."))
    activities = text(activities, "activities", "hoạt động dự kiến", errors, required=False, max_len=5000)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = PlanRow.create(board=board_id, title=title, start_on=start, end_on=end,
                             content=chosen or list(allowed), activities=activities)
        plan = to_plan(core, row)
        audit.record("giamsat.plan.create", "giamsat_plan", plan.id, actor=actor,
                     after={"board": board_id, "title": title, "start_on": start, "end_on": end,
                            "content": list(plan.content)})
    return plan, plan_warnings(core, plan, today)


def get_plan(core: CoreServices, plan_id: int) -> Plan:
    """A plan, unchecked (callers check its board's scope)."""
    row = PlanRow.get_or_none(PlanRow.id == plan_id)
    if row is None:
        raise NotFound(f"Không tìm thấy kế hoạch giám sát số {plan_id}.")
    return to_plan(core, row)


def board_plans(core: CoreServices, board_id: int) -> list[Plan]:
    """The board's plans, unchecked (the public page, reports)."""
    return [to_plan(core, r) for r in PlanRow.select().where(PlanRow.board == board_id).order_by(PlanRow.start_on)]


def plans(core: CoreServices, board_id: int, *, actor: Actor) -> list[Plan]:
    """The board's plans, read within its scope."""
    core.access.require(actor, P_VIEW, board_scope(core, board_id))
    return board_plans(core, board_id)


def record_plan_notice(core: CoreServices, plan_id: int, *, notified_on: dt.date | None, notice_ref: str,
                       actor: Actor) -> tuple[Plan, list[str]]:
    """UB MTTQ notified the investor of the plan and the membership (R-GS-09); a late
    notice is recorded and flagged, not refused."""
    plan = get_plan(core, plan_id)
    core.access.require(actor, P_BOARDS, board_scope(core, plan.board_id))
    active_board(plan.board_id, "thông báo kế hoạch giám sát")
    errors: list[tuple[str, str]] = []
    on = day(notified_on, "notified_on", "ngày thông báo cho chủ đầu tư", errors, not_future=True)
    ref = text(notice_ref, "notice_ref", "số văn bản thông báo", errors, max_len=128)
    if plan.notified_on is not None:
        errors.append(("notified_on", f"Kế hoạch đã được thông báo cho chủ đầu tư ngày {format_date(plan.notified_on)}."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        PlanRow.update(notified_on=on, notice_ref=ref).where(PlanRow.id == plan_id).execute()
        plan = get_plan(core, plan_id)
        audit.record("giamsat.plan.notify", "giamsat_plan", plan_id, actor=actor,
                     after={"notified_on": on, "notice_ref": ref, "notify_by": plan.notify_by,
                            "late": plan.notified_late})
    return plan, plan_warnings(core, plan)
