"""Domain types of the congvu module (công vụ: the plan as "5 rõ" tasks, public-service
culture, a friendly office — plan sections I.2, III.1.4, III.1.5, III.1.7, III.3, IV).

Keys are the glossary's (``docs/glossary.md``): ``five_clarities`` with the fields
``assignee``, ``task``, ``responsibility``, ``schedule``, ``expected_result``;
``four_courtesies``, ``four_always``, ``five_donts``, ``service_motto``; ``staff_badge``;
``culture_social_office`` (the coordinating office, plan IV.2); ``service_center``.
Vietnamese slugs are kept only where they mirror a legal list (the rating levels of
R-MC-19, the disciplinary forms).
"""
from __future__ import annotations

import datetime as dt

import attrs

#: the plugin name (URL prefix, table prefix, settings section, CLI command)
PLUGIN = "congvu"

# -- permissions (quyền) ------------------------------------------------------------
#: see the plan, one's own tasks; report progress and problems
P_VIEW = "congvu.view"
#: assign tasks and see the tasks of a unit (unit leaders, the chairman, the coordinator)
P_TASKS = "congvu.tasks"
#: sign a task off or return it, grant an extension (also the task's responsible leader)
P_SIGNOFF = "congvu.signoff"
#: run the plan: load it, edit items, answer or escalate the units' problems (plan IV.2)
P_PLAN = "congvu.plan"
#: read compliments, complaints, breaches, staff summaries (also the staff member concerned)
P_CONDUCT = "congvu.conduct"
#: record breaches and disciplinary decisions, edit the conduct rules, handle complaints
P_CONDUCT_MANAGE = "congvu.conduct.manage"
#: the one-stop centre: duty roster, badges and photos, facility checklist, paper ratings
P_FACILITY = "congvu.facility"
#: training and propaganda events (plan III.3)
P_EVENTS = "congvu.events"

# -- owner kinds of scopes, files and audit entries ----------------------------------
PLAN_OWNER = "congvu.plan"
ITEM_OWNER = "congvu.item"
TASK_OWNER = "congvu.task"
REPORT_OWNER = "congvu.report"
BREACH_OWNER = "congvu.breach"
DISCIPLINE_OWNER = "congvu.discipline"
STAFF_OWNER = "congvu.staff"
REVIEW_OWNER = "congvu.review"
BATCH_OWNER = "congvu.batch"
EVENT_OWNER = "congvu.event"

#: the five clarities of an assignment (5 rõ, plan III.1.4), field → label
FIVE_CLARITIES = {
    "assignee": "Rõ người (người thực hiện)",
    "task": "Rõ việc (nội dung công việc)",
    "responsibility": "Rõ trách nhiệm (lãnh đạo, đơn vị chịu trách nhiệm)",
    "schedule": "Rõ tiến độ (thời hạn)",
    "expected_result": "Rõ kết quả (kết quả cần đạt, chỉ tiêu)",
}

#: where a task comes from (nguồn giao việc)
SOURCE_KINDS = {
    "plan_item": "Mục của kế hoạch",
    "meeting_conclusion": "Kết luận cuộc họp",
    "case": "Hồ sơ, vụ việc",
    "board_recommendation": "Kiến nghị của Ban Thanh tra nhân dân, Ban Giám sát đầu tư",
    "document": "Văn bản chỉ đạo",
    "facility_review": "Rà soát cơ sở vật chất Trung tâm Phục vụ hành chính công",
}

TASK_STATES = {
    "assigned": "Đang thực hiện",
    "submitted": "Đã báo cáo hoàn thành, chờ lãnh đạo nghiệm thu",
    "done": "Đã hoàn thành (lãnh đạo đã nghiệm thu)",
    "cancelled": "Đã hủy",
}
OPEN_TASK_STATES = ("assigned", "submitted")

#: what a task's log records (nhật ký nhiệm vụ)
NOTE_KINDS = {
    "assigned": "Giao nhiệm vụ",
    "progress": "Báo cáo tiến độ",
    "submitted": "Báo cáo hoàn thành",
    "returned": "Lãnh đạo trả lại",
    "signed_off": "Lãnh đạo nghiệm thu",
    "extended": "Gia hạn",
    "cancelled": "Hủy nhiệm vụ",
    "reminded": "Nhắc hạn",
}

#: evidence of a result (minh chứng kết quả)
EVIDENCE_KINDS = {
    "text": "Mô tả minh chứng",
    "file": "Tệp đính kèm",
    "case": "Hồ sơ, vụ việc",
    "document": "Văn bản",
    "notice": "Thông tin công khai",
}
LINK_KINDS = {k: v for k, v in EVIDENCE_KINDS.items() if k in ("case", "document", "notice")}

ITEM_STATES = {"open": "Đang thực hiện", "done": "Đã hoàn thành", "cancelled": "Không thực hiện"}

#: problems reported by units (vướng mắc, plan IV.2)
PROBLEM_STATES = {
    "open": "Chờ Phòng Văn hóa - Xã hội trả lời",
    "escalated": "Đã báo cáo lãnh đạo UBND",
    "answered": "Đã trả lời",
}

# -- conduct (văn hóa công vụ, plan III.1.4) -----------------------------------------
#: groups of the conduct rules (quy tắc ứng xử), glossary keys
RULE_GROUPS = {
    "four_courtesies": "“4 xin”",
    "four_always": "“4 luôn”",
    "five_donts": "“5 không”",
    "service_motto": "Phong cách phục vụ",
    "standards": "Chuẩn mực hành vi của cán bộ, công chức",
}

REPORT_KINDS = {"compliment": "Khen ngợi", "complaint": "Phản ánh, không hài lòng"}
REPORT_CHANNELS = {
    "web": "Trang thông tin của phường",
    "kiosk": "Máy góp ý tại Trung tâm Phục vụ hành chính công",
    "paper": "Phiếu giấy, thư",
    "phone": "Điện thoại",
}

#: kinds of breach of internal rules (vi phạm nội quy, quy chế làm việc; plan III.1.4)
BREACH_KINDS = {
    "alcohol": "Uống rượu, bia trước, trong giờ làm việc",
    "absence": "Không có mặt tại trụ sở trong giờ làm việc không có lý do",
    "attitude": "Thái độ thiếu tôn trọng, hách dịch với người dân",
    "harassment": "Gây khó khăn, phiền hà, nhũng nhiễu",
    "badge_uniform": "Không đeo thẻ, không mặc đồng phục theo quy định",
    "late_work": "Giải quyết công việc chậm, muộn",
    "other": "Vi phạm khác",
}
BREACH_STATES = {"recorded": "Đã ghi nhận, chờ xử lý", "handled": "Đã xử lý"}

#: disciplinary forms for cadres and civil servants (hình thức kỷ luật)
DISCIPLINE_FORMS = {
    "khien_trach": "Khiển trách",
    "canh_cao": "Cảnh cáo",
    "ha_bac_luong": "Hạ bậc lương",
    "giang_chuc": "Giáng chức",
    "cach_chuc": "Cách chức",
    "buoc_thoi_viec": "Buộc thôi việc",
}

# -- the friendly office (công sở thân thiện, plan III.1.5) ----------------------------
CRITERION_STATUSES = {"met": "Đạt", "partly": "Đạt một phần", "not_met": "Chưa đạt"}
FAILED_STATUSES = ("partly", "not_met")

#: paper rating levels: the same three levels as the electronic ratings (R-MC-19)
RATING_LEVELS = {"rat_hai_long": "Rất hài lòng", "hai_long": "Hài lòng", "khong_hai_long": "Không hài lòng"}

# -- training and propaganda (plan III.3) ----------------------------------------------
EVENT_KINDS = {
    "training": "Hội nghị tập huấn",
    "propaganda": "Hội nghị tuyên truyền",
    "article": "Tin, bài viết",
    "report": "Phóng sự",
    "other": "Hoạt động khác",
}
EVENT_STATES = {"planned": "Đã lên kế hoạch", "done": "Đã thực hiện", "cancelled": "Đã hủy"}


# ---------------------------------------------------------------------------------
# Domain types
# ---------------------------------------------------------------------------------


@attrs.frozen
class Upload:
    """A file a person sent (its bytes not yet checked)."""

    filename: str
    data: bytes = attrs.field(repr=False)
    content_type: str = ""


@attrs.frozen
class StoredFile:
    """A checked file kept by the module (minh chứng, ảnh)."""

    id: int
    filename: str
    content_type: str
    size: int
    uploaded_at: dt.datetime
    caption: str = ""

    @property
    def url(self) -> str:
        return f"/congvu/tep/{self.id}"

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


@attrs.frozen
class Plan:
    """A plan (kế hoạch) of the ward, e.g. the yearly "Chính quyền thân thiện" plan."""

    id: int
    code: str
    title: str
    year: int
    issued_on: dt.date
    document_ref: str
    period_start: dt.date
    period_end: dt.date
    state: str
    coordinating_unit_id: int | None = None
    coordinating_unit: str = ""
    document_id: int | None = None


@attrs.frozen
class Section:
    """A section of the plan ("III.1.4. Thực hiện tốt quy định về văn hóa công vụ")."""

    id: int
    plan_id: int
    code: str
    title: str

    @property
    def level(self) -> int:
        return self.code.count(".") + 1

    @property
    def top(self) -> str:
        return self.code.split(".")[0]


@attrs.frozen
class Item:
    """A plan item (mục kế hoạch) with its five clarities: the owner unit and its tasks'
    assignees (rõ người), the item (rõ việc), the responsible leader and unit (rõ trách
    nhiệm), the deadline (rõ tiến độ), the expected result and indicator (rõ kết quả)."""

    id: int
    plan_id: int
    section_id: int
    section_code: str
    code: str
    title: str
    owner_unit_id: int
    owner_unit: str
    leader_id: int
    leader_name: str
    deadline: dt.date
    expected_result: str
    state: str
    description: str = ""
    indicator: str = ""
    cooperating_unit_ids: tuple[int, ...] = ()
    cooperating_units: tuple[str, ...] = ()
    closed_at: dt.datetime | None = None
    tasks_total: int = 0
    tasks_done: int = 0

    @property
    def state_label(self) -> str:
        return ITEM_STATES.get(self.state, self.state)

    def is_late(self, today: dt.date) -> bool:
        if self.state == "done":
            return self.closed_at is not None and self.closed_at.date() > self.deadline
        return self.state == "open" and today > self.deadline

    def days_late(self, today: dt.date) -> int:
        return max(0, (today - self.deadline).days) if self.state == "open" else 0


@attrs.frozen
class Task:
    """A task (nhiệm vụ) assigned with the five clarities."""

    id: int
    title: str
    assignee_id: int
    assignee_name: str
    leader_id: int
    leader_name: str
    unit_id: int
    unit_name: str
    deadline: dt.date
    expected_result: str
    state: str
    source_kind: str
    assigned_at: dt.datetime
    description: str = ""
    indicator: str = ""
    source_ref: str = ""
    source_id: int | None = None
    item_id: int | None = None
    item_code: str = ""
    co_worker_ids: tuple[int, ...] = ()
    co_worker_names: tuple[str, ...] = ()
    start_on: dt.date | None = None
    working_days: int | None = None
    original_deadline: dt.date | None = None
    extensions: int = 0
    returns: int = 0
    result: str = ""
    completed_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    signed_off_by: str = ""
    cancel_reason: str = ""
    assigned_by: str = ""

    @property
    def state_label(self) -> str:
        return TASK_STATES.get(self.state, self.state)

    @property
    def source_label(self) -> str:
        return SOURCE_KINDS.get(self.source_kind, self.source_kind)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_TASK_STATES

    @property
    def on_time(self) -> bool | None:
        """Done by the (extended) deadline: the accepted report's date counts."""
        if self.state != "done" or self.completed_at is None:
            return None
        return self.completed_at.date() <= self.deadline

    def is_late(self, today: dt.date) -> bool:
        if self.state == "done":
            return self.on_time is False
        return self.state == "assigned" and today > self.deadline

    def days_left(self, today: dt.date) -> int:
        return (self.deadline - today).days

    @property
    def five_clarities(self) -> dict[str, str]:
        """The five clarities as one line each (glossary ``five_clarities``)."""
        when = self.deadline.strftime("%d/%m/%Y")
        if self.working_days is not None:
            when += f" ({self.working_days} ngày làm việc)"
        return {
            "assignee": self.assignee_name + (f"; phối hợp: {', '.join(self.co_worker_names)}"
                                              if self.co_worker_names else ""),
            "task": self.title,
            "responsibility": f"{self.leader_name} — {self.unit_name}",
            "schedule": when,
            "expected_result": self.expected_result + (f" (chỉ tiêu: {self.indicator})" if self.indicator else ""),
        }


@attrs.frozen
class TaskNote:
    """One entry of a task's log: progress, report, return, sign-off, extension…"""

    id: int
    task_id: int
    kind: str
    at: dt.datetime
    author_name: str
    text: str = ""
    percent: int | None = None
    old_deadline: dt.date | None = None
    new_deadline: dt.date | None = None

    @property
    def kind_label(self) -> str:
        return NOTE_KINDS.get(self.kind, self.kind)


@attrs.frozen
class Evidence:
    """Evidence of a task's result: a text, a file, a link to a case, document or notice."""

    id: int
    task_id: int
    kind: str
    at: dt.datetime
    note: str = ""
    file: StoredFile | None = None
    ref_id: int | None = None
    ref_label: str = ""

    @property
    def kind_label(self) -> str:
        return EVIDENCE_KINDS.get(self.kind, self.kind)

    @property
    def href(self) -> str | None:
        if self.file is not None:
            return self.file.url
        if self.kind == "document" and self.ref_id:
            return f"/documents/{self.ref_id}"
        return None


@attrs.frozen
class Problem:
    """An obstacle a unit reports on a plan item, and the coordinating office's answer."""

    id: int
    item_id: int
    unit_id: int | None
    unit_name: str
    text: str
    state: str
    reported_at: dt.datetime
    reported_by: str
    answer: str = ""
    answered_at: dt.datetime | None = None
    answered_by: str = ""
    escalation: str = ""
    escalated_at: dt.datetime | None = None

    @property
    def state_label(self) -> str:
        return PROBLEM_STATES.get(self.state, self.state)


@attrs.frozen
class ConductRule:
    """One line of the conduct rules shown to staff and residents (ward-editable)."""

    id: int
    group: str
    text: str
    sort: int
    active: bool = True

    @property
    def group_label(self) -> str:
        return RULE_GROUPS.get(self.group, self.group)


@attrs.frozen
class StaffCard:
    """A staff member as residents may see him or her: name, position, badge number."""

    person_id: int
    full_name: str
    position: str
    badge_number: str
    unit_name: str = ""
    desk: str = ""
    photo_id: int | None = None

    @property
    def photo_url(self) -> str | None:
        return f"/congvu/tep/{self.photo_id}" if self.photo_id else None


@attrs.frozen
class Duty:
    """A staff member on duty at the one-stop centre on a day (lịch trực)."""

    id: int
    day: dt.date
    person_id: int
    full_name: str
    position: str
    badge_number: str
    desk: str = ""
    active: bool = True


@attrs.frozen
class ConductReport:
    """A resident's compliment or complaint about a named staff member. The resident's
    name and contact are personal data, shown only to leaders (``resident_*``)."""

    id: int
    kind: str
    staff_id: int
    staff_name: str
    channel: str
    content: str
    received_at: dt.datetime
    staff_as_typed: str = ""
    case_id: int | None = None
    case_number: str = ""
    case_state: str = ""
    case_due: dt.date | None = None
    case_closed: bool = False
    resident_name: str = ""
    resident_phone: str = ""
    resident_masked: bool = True

    @property
    def kind_label(self) -> str:
        return REPORT_KINDS.get(self.kind, self.kind)

    @property
    def channel_label(self) -> str:
        return REPORT_CHANNELS.get(self.channel, self.channel)


@attrs.frozen
class Breach:
    """A breach of internal rules (vi phạm nội quy, quy chế làm việc)."""

    id: int
    person_id: int
    person_name: str
    kind: str
    occurred_on: dt.date
    description: str
    evidence: str
    state: str
    recorded_at: dt.datetime
    recorded_by: str
    handling: str = ""
    handled_at: dt.datetime | None = None
    discipline_id: int | None = None
    files: tuple[StoredFile, ...] = ()

    @property
    def kind_label(self) -> str:
        return BREACH_KINDS.get(self.kind, self.kind)

    @property
    def state_label(self) -> str:
        return BREACH_STATES.get(self.state, self.state)


@attrs.frozen
class Discipline:
    """A disciplinary decision (quyết định kỷ luật) with its document."""

    id: int
    person_id: int
    person_name: str
    form: str
    decided_on: dt.date
    document_ref: str
    reason: str
    recorded_at: dt.datetime
    document_id: int | None = None
    breach_ids: tuple[int, ...] = ()
    files: tuple[StoredFile, ...] = ()

    @property
    def form_label(self) -> str:
        return DISCIPLINE_FORMS.get(self.form, self.form)


@attrs.frozen
class StaffSummary:
    """A staff member's year (input to the official yearly rating, plan III.1.4)."""

    person_id: int
    full_name: str
    position: str
    unit_name: str
    year: int
    tasks_assigned: int = 0
    tasks_done: int = 0
    tasks_on_time: int = 0
    tasks_late: int = 0
    tasks_open_overdue: int = 0
    tasks_with_files: int = 0
    extensions: int = 0
    returns: int = 0
    compliments: int = 0
    complaints: int = 0
    breaches: int = 0
    disciplines: int = 0

    @property
    def on_time_share(self) -> float | None:
        return round(100 * self.tasks_on_time / self.tasks_done, 1) if self.tasks_done else None


@attrs.frozen
class Criterion:
    """A criterion of the centre's facility checklist (plan III.1.5), ward-editable."""

    id: int
    code: str
    group: str
    text: str
    sort: int
    active: bool = True


@attrs.frozen
class ReviewLine:
    criterion_id: int
    criterion_code: str
    criterion_text: str
    status: str
    note: str = ""
    task_id: int | None = None

    @property
    def status_label(self) -> str:
        return CRITERION_STATUSES.get(self.status, self.status)

    @property
    def failed(self) -> bool:
        return self.status in FAILED_STATUSES


@attrs.frozen
class Review:
    """A periodic review of the centre against the checklist, with photos."""

    id: int
    reviewed_on: dt.date
    reviewer_name: str
    score: float
    note: str = ""
    lines: tuple[ReviewLine, ...] = ()
    photos: tuple[StoredFile, ...] = ()

    @property
    def failed(self) -> list[ReviewLine]:
        return [ln for ln in self.lines if ln.failed]


@attrs.frozen
class RatingBatch:
    """A batch of paper rating forms entered at once (phiếu đánh giá giấy)."""

    id: int
    period_start: dt.date
    period_end: dt.date
    counts: dict[str, int]
    entered_at: dt.datetime
    entered_by: str
    note: str = ""

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@attrs.frozen
class Event:
    """A training or propaganda event, article or report (plan III.3)."""

    id: int
    kind: str
    title: str
    held_on: dt.date
    state: str
    place: str = ""
    unit_id: int | None = None
    unit_name: str = ""
    item_id: int | None = None
    item_code: str = ""
    audience: str = ""
    staff_count: int | None = None
    resident_count: int | None = None
    url: str = ""
    result: str = ""

    @property
    def kind_label(self) -> str:
        return EVENT_KINDS.get(self.kind, self.kind)

    @property
    def state_label(self) -> str:
        return EVENT_STATES.get(self.state, self.state)

    @property
    def attendance(self) -> int | None:
        if self.staff_count is None and self.resident_count is None:
            return None
        return (self.staff_count or 0) + (self.resident_count or 0)


@attrs.frozen
class Reminder:
    """A reminder of a task due soon or overdue (the notifications outbox sends it)."""

    task_id: int
    person_id: int
    kind: str  # due_soon | overdue
    deadline: dt.date
    text: str
