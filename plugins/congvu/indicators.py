"""Indicators of the congvu module (chỉ tiêu), computed from its indexed tables.

The plan's III.1.4 targets are: every task assigned by "5 rõ", 0 staff disciplined and
0 breaches of internal rules every year. The paper rating forms are counted here; the
reports module adds them to the one-stop module's electronic ratings (R-MC-19).
Compliments and complaints are counts only (the reports ask for them per quarter).
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from peewee import fn
from thanthien.core.types import Indicator

from .models import BreachRow, DisciplineRow, EventRow, EvidenceRow, ItemRow, PlanRow, TaskNoteRow, TaskRow
from .services.common import day_bounds
from .services.conduct import report_counts
from .services.facility import latest_score, paper_counts
from .types import PLUGIN

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def _closed(start: dt.date, end: dt.date):
    lo, hi = day_bounds(start, end)
    return TaskRow.select(TaskRow.id, TaskRow.deadline, TaskRow.completed_at).where(
        TaskRow.state == "done", TaskRow.closed_at.between(lo, hi))


def tasks_on_time(core: CoreServices, start: dt.date, end: dt.date) -> float | None:
    """Share (%) of the tasks signed off in [start, end] reported done by their deadline."""
    rows = list(_closed(start, end))
    if not rows:
        return None
    return round(100 * sum(1 for t in rows if t.completed_at.date() <= t.deadline) / len(rows), 1)


def tasks_with_evidence(core: CoreServices, start: dt.date, end: dt.date) -> float | None:
    """Share (%) of the tasks signed off in [start, end] that carry evidence of their result."""
    ids = [t.id for t in _closed(start, end)]
    if not ids:
        return None
    with_evidence = (EvidenceRow.select(fn.COUNT(fn.DISTINCT(EvidenceRow.task)))
                     .where(EvidenceRow.task.in_(ids)).scalar() or 0)
    return round(100 * with_evidence / len(ids), 1)


def five_clarities_share(core: CoreServices, start: dt.date, end: dt.date) -> float | None:
    """Share (%) of the tasks assigned in [start, end] that carry all five clarities
    (100 % by construction: a task missing one cannot be created)."""
    lo, hi = day_bounds(start, end)
    q = TaskRow.select().where(TaskRow.assigned_at.between(lo, hi))
    total = q.count()
    if not total:
        return None
    complete = q.where(TaskRow.assignee.is_null(False), TaskRow.title != "", TaskRow.leader.is_null(False),
                       TaskRow.unit.is_null(False), TaskRow.deadline.is_null(False),
                       TaskRow.expected_result != "").count()
    return round(100 * complete / total, 1)


def extensions(core: CoreServices, start: dt.date, end: dt.date) -> int:
    """Extensions granted in [start, end]."""
    lo, hi = day_bounds(start, end)
    return TaskNoteRow.select().where(TaskNoteRow.kind == "extended", TaskNoteRow.at.between(lo, hi)).count()


def items_late(core: CoreServices, start: dt.date, end: dt.date) -> int:
    """Items of the active plans whose deadline fell in [start, end] and that were not done
    by it (still open, or done later)."""
    q = ItemRow.select(ItemRow.state, ItemRow.deadline, ItemRow.closed_at).join(PlanRow).where(
        PlanRow.state == "active", ItemRow.deadline.between(start, end), ItemRow.state != "cancelled")
    today = dt.date.today()
    return sum(1 for r in q if (r.state == "open" and r.deadline < min(today, end + dt.timedelta(days=1)))
               or (r.state == "done" and r.closed_at is not None and r.closed_at.date() > r.deadline))


def staff_disciplined(core: CoreServices, start: dt.date, end: dt.date) -> int:
    """Staff members disciplined in [start, end] (plan III.1.4 target: 0 every year)."""
    return (DisciplineRow.select(fn.COUNT(fn.DISTINCT(DisciplineRow.person)))
            .where(DisciplineRow.decided_on.between(start, end)).scalar() or 0)


def breaches(core: CoreServices, start: dt.date, end: dt.date) -> int:
    """Breaches of internal rules in [start, end] (plan III.1.4 target: 0 every year)."""
    return BreachRow.select().where(BreachRow.occurred_on.between(start, end)).count()


def checklist_score(core: CoreServices, start: dt.date, end: dt.date) -> float | None:
    """The facility checklist score (%) of the latest review in [start, end] (plan III.1.5)."""
    return latest_score(start, end)


def compliments(core: CoreServices, start: dt.date, end: dt.date) -> int:
    return report_counts(start, end)["compliment"]


def complaints(core: CoreServices, start: dt.date, end: dt.date) -> int:
    return report_counts(start, end)["complaint"]


def paper_ratings(core: CoreServices, start: dt.date, end: dt.date) -> int:
    """Paper rating forms entered for periods ending in [start, end]."""
    return sum(paper_counts(start, end).values())


def paper_satisfied(core: CoreServices, start: dt.date, end: dt.date) -> int:
    """Paper forms rating "Rất hài lòng" or "Hài lòng" (added to the electronic ratings)."""
    counts = paper_counts(start, end)
    return counts["rat_hai_long"] + counts["hai_long"]


def training_events(core: CoreServices, start: dt.date, end: dt.date) -> int:
    """Training and propaganda conferences, articles and reports done in [start, end] (III.3)."""
    return EventRow.select().where(EventRow.state == "done", EventRow.held_on.between(start, end)).count()


def late_item_records(core: CoreServices, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    q = ItemRow.select().join(PlanRow).where(PlanRow.state == "active", ItemRow.state == "open",
                                             ItemRow.deadline.between(start, end),
                                             ItemRow.deadline < dt.date.today())
    return [{"label": f"{r.code} — {r.title}", "href": f"/congvu/muc/{r.id}", "deadline": r.deadline}
            for r in q.order_by(ItemRow.deadline).limit(200)]


def indicators(core: CoreServices) -> list[Indicator]:
    i = PLUGIN
    return [
        Indicator(f"{i}.tasks_on_time", "Tỷ lệ nhiệm vụ hoàn thành đúng hạn", "%", tasks_on_time, 100, PLUGIN,
                  section="III.1.4"),
        Indicator(f"{i}.tasks_with_evidence", "Tỷ lệ nhiệm vụ hoàn thành có minh chứng kết quả", "%",
                  tasks_with_evidence, 100, PLUGIN, section="III.1.4"),
        Indicator(f"{i}.five_clarities_share", "Tỷ lệ nhiệm vụ giao đủ “5 rõ”", "%", five_clarities_share, 100,
                  PLUGIN, section="III.1.4"),
        Indicator(f"{i}.extensions", "Số lần gia hạn nhiệm vụ", "lần", extensions, None, PLUGIN, direction="lower",
                  section="III.1.4"),
        Indicator(f"{i}.items_late", "Mục kế hoạch không hoàn thành đúng hạn", "mục", items_late, 0, PLUGIN,
                  direction="lower", section="IV.1", records=late_item_records),
        Indicator(f"{i}.staff_disciplined", "Cán bộ, công chức bị xử lý kỷ luật", "người", staff_disciplined, 0,
                  PLUGIN, direction="lower", section="III.1.4"),
        Indicator(f"{i}.breaches", "Vi phạm nội quy, quy chế làm việc", "vụ", breaches, 0, PLUGIN,
                  direction="lower", section="III.1.4"),
        Indicator(f"{i}.checklist_score", "Điểm bảng kiểm công sở xanh - sạch - đẹp - thân thiện", "%",
                  checklist_score, 100, PLUGIN, section="III.1.5"),
        Indicator(f"{i}.compliments", "Lời khen của người dân về cán bộ, công chức", "lượt", compliments, None,
                  PLUGIN, section="III.1.4"),
        Indicator(f"{i}.complaints", "Phản ánh của người dân về cán bộ, công chức", "lượt", complaints, None,
                  PLUGIN, direction="lower", section="III.1.4", rule="R-PA-07"),
        Indicator(f"{i}.paper_ratings", "Phiếu đánh giá giấy tại Trung tâm Phục vụ hành chính công", "phiếu",
                  paper_ratings, None, PLUGIN, section="III.1.5", rule="R-MC-19"),
        Indicator(f"{i}.paper_ratings_satisfied", "Phiếu đánh giá giấy hài lòng, rất hài lòng", "phiếu",
                  paper_satisfied, None, PLUGIN, section="III.1.5", rule="R-MC-19"),
        Indicator(f"{i}.training_events", "Hội nghị tập huấn, tuyên truyền, tin bài về mô hình", "hoạt động",
                  training_events, None, PLUGIN, section="III.3"),
    ]
