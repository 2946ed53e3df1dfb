"""The JSON shape of every congvu page (``page(..., schema=…)``): typed view models.

A view builds one of these and passes it to ``respond``; its fields are the page's JSON
keys (``{"ok": true, …}``) and the template's variables, and the OpenAPI document
describes them. Keys are added, never renamed or removed. Public pages carry public
types only (:class:`PublicStaff`: name, position, badge number, desk).
"""
from __future__ import annotations

import datetime as dt

import attrs
from thanthien.web.forms import Redirected

from .types import (
    Breach,
    ConductReport,
    ConductRule,
    Criterion,
    Discipline,
    Duty,
    Event,
    Evidence,
    Item,
    Plan,
    Problem,
    RatingBatch,
    Review,
    Section,
    StaffCard,
    StaffSummary,
    Task,
    TaskNote,
)


@attrs.frozen
class FormPage:
    """A page holding a form: the values it starts with."""

    values: dict[str, str] = attrs.Factory(dict)


# -- the plan ---------------------------------------------------------------------------------


@attrs.frozen
class LateItem:
    """A plan item past its deadline and who answers for it."""

    item: Item
    days_late: int
    assignees: list[str]


@attrs.frozen
class DeskPage:
    """Kế hoạch, nhiệm vụ: việc của tôi, việc chờ tôi nghiệm thu, mục kế hoạch quá hạn."""

    today: dt.date
    mine: list[Task]
    to_sign: list[Task]
    plan: Plan | None
    late_items: list[LateItem]
    unit_late: list[Task] = attrs.Factory(list)


@attrs.frozen
class PlansPage:
    """Các kế hoạch đã nạp."""

    plans: list[Plan]
    values: dict[str, str] = attrs.Factory(dict)


@attrs.frozen
class SectionBlock:
    section: Section
    items: list[Item]


@attrs.frozen
class PlanPage:
    """Một kế hoạch: các mục, mục kế hoạch với đơn vị chủ trì, lãnh đạo phụ trách, thời hạn."""

    plan: Plan
    today: dt.date
    sections: list[SectionBlock]
    open_problems: int


@attrs.frozen
class ProgressRow:
    """Progress of a section or of a unit: items done, on time, late, open; tasks."""

    key: str
    label: str
    items: int
    done: int
    done_on_time: int
    late: int
    open: int
    tasks: int
    tasks_done: int
    done_share: float | None = None


@attrs.frozen
class ProgressPage:
    """Tiến độ thực hiện kế hoạch theo từng mục và từng đơn vị."""

    plan: Plan
    today: dt.date
    total: ProgressRow
    sections: list[ProgressRow]
    subsections: list[ProgressRow]
    units: list[ProgressRow]


@attrs.frozen
class ItemPage:
    """Một mục kế hoạch: “5 rõ”, nhiệm vụ, vướng mắc, hội nghị, tin bài."""

    item: Item
    today: dt.date
    tasks: list[Task]
    problems: list[Problem]
    events: list[Event]
    values: dict[str, str] = attrs.Factory(dict)


# -- tasks --------------------------------------------------------------------------------------


@attrs.frozen
class TasksPage:
    """Nhiệm vụ: của tôi, của đơn vị, chờ nghiệm thu, quá hạn."""

    tasks: list[Task]
    view: str
    state: str
    today: dt.date
    page: int
    has_next: bool
    #: where the next page starts (``?sau=``; keyset pagination), empty on the last page
    next_after: str = ""


@attrs.frozen
class TaskPage:
    """Một nhiệm vụ: “5 rõ”, nhật ký, minh chứng, nghiệm thu."""

    task: Task
    today: dt.date
    five_clarities: dict[str, str]
    notes: list[TaskNote]
    evidence: list[Evidence]
    values: dict[str, str] = attrs.Factory(dict)


@attrs.frozen
class WorkloadRow:
    key: str
    label: str
    open: int
    overdue: int
    due_soon: int
    waiting_signoff: int
    done_this_year: int
    on_time: int
    extensions: int
    on_time_share: float | None = None


@attrs.frozen
class WorkloadPage:
    """Khối lượng công việc theo người và theo đơn vị."""

    today: dt.date
    people: list[WorkloadRow]
    units: list[WorkloadRow]


# -- conduct ------------------------------------------------------------------------------------


@attrs.frozen
class RuleGroup:
    key: str
    label: str
    rules: list[ConductRule]


@attrs.frozen
class RulesPage:
    """Quy tắc ứng xử của cán bộ, công chức: “4 xin”, “4 luôn”, “5 không”."""

    groups: list[RuleGroup]
    values: dict[str, str] = attrs.Factory(dict)


@attrs.frozen
class PublicStaff:
    """A staff member as residents see him or her: name, position, badge number, desk."""

    full_name: str
    position: str
    badge_number: str
    desk: str = ""


@attrs.frozen
class OnDutyPage:
    """Cán bộ, công chức phục vụ người dân hôm nay tại Trung tâm Phục vụ hành chính công."""

    day: dt.date
    staff: list[PublicStaff]


@attrs.frozen
class ReportFormPage:
    """Khen ngợi, phản ánh về cán bộ, công chức."""

    on_duty: list[PublicStaff]
    kiosk: bool = False
    values: dict[str, str] = attrs.Factory(dict)


@attrs.frozen
class ThanksPage:
    """Cảm ơn ông (bà) đã góp ý."""

    kind: str
    number: str = ""
    kiosk: bool = False


@attrs.frozen
class ConductPage:
    """Văn hóa công vụ: khen ngợi, phản ánh, vi phạm, kỷ luật (lãnh đạo và người liên quan)."""

    year: int
    reports: list[ConductReport]
    breaches: list[Breach]
    disciplines: list[Discipline]
    counts: dict[str, int]


@attrs.frozen
class ReportPage:
    """Một lời khen hoặc phản ánh về cán bộ, công chức."""

    report: ConductReport
    values: dict[str, str] = attrs.Factory(dict)


@attrs.frozen
class BreachesPage:
    """Sổ theo dõi vi phạm nội quy, quy chế làm việc và quyết định kỷ luật."""

    year: int | None
    breaches: list[Breach]
    disciplines: list[Discipline]
    values: dict[str, str] = attrs.Factory(dict)


@attrs.frozen
class BreachPage:
    """Một vi phạm nội quy, quy chế làm việc."""

    breach: Breach
    values: dict[str, str] = attrs.Factory(dict)


@attrs.frozen
class SummariesPage:
    """Tổng hợp kết quả công tác của cán bộ, công chức trong năm (cơ sở đánh giá, xếp loại)."""

    year: int
    summaries: list[StaffSummary]


@attrs.frozen
class SummaryPage:
    """Kết quả công tác trong năm của một cán bộ, công chức."""

    summary: StaffSummary
    tasks: list[Task]
    reports: list[ConductReport]
    breaches: list[Breach]
    disciplines: list[Discipline]


# -- the centre -------------------------------------------------------------------------------


@attrs.frozen
class CentrePage:
    """Trung tâm Phục vụ hành chính công: lịch trực, thẻ và ảnh cán bộ."""

    day: dt.date
    duties: list[Duty]
    staff: list[StaffCard]
    values: dict[str, str] = attrs.Factory(dict)


@attrs.frozen
class ChecklistPage:
    """Bảng kiểm công sở xanh - sạch - đẹp - thân thiện và các lần rà soát."""

    criteria: list[Criterion]
    retired: list[Criterion]
    reviews: list[Review]
    values: dict[str, str] = attrs.Factory(dict)


@attrs.frozen
class ReviewPage:
    """Một lần rà soát cơ sở vật chất: kết quả từng tiêu chí, ảnh, nhiệm vụ khắc phục."""

    review: Review


@attrs.frozen
class BatchesPage:
    """Phiếu đánh giá giấy nhập theo đợt."""

    year: int
    batches: list[RatingBatch]
    totals: dict[str, int]
    values: dict[str, str] = attrs.Factory(dict)


@attrs.frozen
class EventsPage:
    """Hội nghị tập huấn, tuyên truyền, tin bài về mô hình."""

    events: list[Event]
    year: int | None
    values: dict[str, str] = attrs.Factory(dict)


@attrs.frozen
class EventPage:
    """Một hội nghị, tin bài."""

    event: Event
    values: dict[str, str] = attrs.Factory(dict)


# -- redirects ---------------------------------------------------------------------------------


@attrs.frozen
class PlanRedirect(Redirected):
    plan_id: int = 0


@attrs.frozen
class ItemRedirect(Redirected):
    item_id: int = 0


@attrs.frozen
class TaskRedirect(Redirected):
    task_id: int = 0


@attrs.frozen
class IdRedirect(Redirected):
    """After a write on a record: where to go and the record's id."""

    id: int = 0
