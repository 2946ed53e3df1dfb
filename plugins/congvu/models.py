"""Tables of the congvu module, prefixed ``congvu_``; only :mod:`.services` writes them.

Nothing is ever deleted: a task is cancelled with a reason, a conduct rule or a checklist
criterion is deactivated, a duty entry is withdrawn; every change is in the audit log.
"""
from __future__ import annotations

import peewee as pw
from thanthien.core.models import CaseRow, DocumentRow, PersonRow, UnitRow
from thanthien.core.storage.db import BaseModel, JSONField, now


def _person(**kw) -> pw.ForeignKeyField:
    return pw.ForeignKeyField(PersonRow, on_delete="RESTRICT", backref="+", **kw)


def _unit(**kw) -> pw.ForeignKeyField:
    return pw.ForeignKeyField(UnitRow, on_delete="RESTRICT", backref="+", **kw)


# -- the plan (kế hoạch) -----------------------------------------------------------


class PlanRow(BaseModel):
    """A plan of the ward (KH-UBND): its document, period and coordinating office."""

    code = pw.CharField(max_length=64, unique=True)
    title = pw.CharField(max_length=500)
    year = pw.IntegerField(index=True)
    issued_on = pw.DateField()
    document_ref = pw.CharField(max_length=64, default="")  # "123/KH-UBND"
    document = pw.ForeignKeyField(DocumentRow, null=True, on_delete="RESTRICT", backref="+")
    period_start = pw.DateField()
    period_end = pw.DateField()
    state = pw.CharField(max_length=16, default="active", index=True)
    coordinating_unit = _unit(null=True)
    source = pw.CharField(max_length=255, default="")  # the data file it was loaded from
    created_at = pw.DateTimeField(default=now)
    created_by = _person(null=True)

    class Meta:
        table_name = "congvu_plan"


class SectionRow(BaseModel):
    """A section of a plan ("III.1.4")."""

    plan = pw.ForeignKeyField(PlanRow, on_delete="RESTRICT", backref="sections")
    code = pw.CharField(max_length=32)
    title = pw.CharField(max_length=500)
    sort = pw.IntegerField(default=0)

    class Meta:
        table_name = "congvu_section"
        indexes = ((("plan", "code"), True),)


class ItemRow(BaseModel):
    """A plan item with its five clarities (owner unit, item, leader, deadline, result)."""

    plan = pw.ForeignKeyField(PlanRow, on_delete="RESTRICT", backref="items")
    section = pw.ForeignKeyField(SectionRow, on_delete="RESTRICT", backref="items")
    code = pw.CharField(max_length=32)
    title = pw.CharField(max_length=500)
    description = pw.TextField(default="")
    owner_unit = _unit(index=True)
    cooperating_units = JSONField(default=list)  # unit ids
    leader = _person(index=True)
    deadline = pw.DateField(index=True)
    working_days = pw.IntegerField(null=True)  # when the plan counted the deadline in working days
    expected_result = pw.TextField()
    indicator = pw.CharField(max_length=255, default="")
    state = pw.CharField(max_length=16, default="open", index=True)
    closed_at = pw.DateTimeField(null=True)
    sort = pw.IntegerField(default=0)
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "congvu_item"
        indexes = ((("plan", "code"), True),)


class ProblemRow(BaseModel):
    """An obstacle reported by a unit on a plan item (plan IV.2), with its answer."""

    item = pw.ForeignKeyField(ItemRow, on_delete="RESTRICT", backref="problems")
    unit = _unit(null=True)
    text = pw.TextField()
    state = pw.CharField(max_length=16, default="open", index=True)
    reported_at = pw.DateTimeField(default=now)
    reported_by = _person(null=True)
    answer = pw.TextField(default="")
    answered_at = pw.DateTimeField(null=True)
    answered_by = _person(null=True)
    escalation = pw.TextField(default="")
    escalated_at = pw.DateTimeField(null=True)

    class Meta:
        table_name = "congvu_problem"


# -- tasks (nhiệm vụ "5 rõ") ---------------------------------------------------------


class TaskRow(BaseModel):
    """A task assigned with the five clarities; closed only with evidence and sign-off."""

    title = pw.CharField(max_length=500)  # rõ việc
    description = pw.TextField(default="")
    assignee = _person(index=True)  # rõ người
    leader = _person(index=True)  # rõ trách nhiệm: the responsible leader…
    unit = _unit(index=True)  # …and unit (the task's scope)
    start_on = pw.DateField(null=True)
    working_days = pw.IntegerField(null=True)  # rõ tiến độ, counted on the working calendar…
    deadline = pw.DateField(index=True)  # …or given as a date (moved by extensions)
    original_deadline = pw.DateField()
    expected_result = pw.TextField()  # rõ kết quả
    indicator = pw.CharField(max_length=255, default="")
    state = pw.CharField(max_length=16, default="assigned", index=True)
    source_kind = pw.CharField(max_length=32, index=True)
    source_ref = pw.CharField(max_length=500, default="")
    source_id = pw.IntegerField(null=True)
    item = pw.ForeignKeyField(ItemRow, null=True, on_delete="RESTRICT", backref="tasks")
    assigned_at = pw.DateTimeField(default=now, index=True)
    assigned_by = _person(null=True)
    extensions = pw.IntegerField(default=0)
    returns = pw.IntegerField(default=0)
    result = pw.TextField(default="")
    completed_at = pw.DateTimeField(null=True, index=True)  # the report the leader accepted
    closed_at = pw.DateTimeField(null=True, index=True)  # the sign-off
    signed_off_by = _person(null=True)
    cancel_reason = pw.TextField(default="")
    reminded_on = pw.DateField(null=True)

    class Meta:
        table_name = "congvu_task"
        indexes = ((("source_kind", "source_id"), False),)


class TaskMemberRow(BaseModel):
    """A co-worker of a task (người phối hợp)."""

    task = pw.ForeignKeyField(TaskRow, on_delete="RESTRICT", backref="members")
    person = _person(index=True)

    class Meta:
        table_name = "congvu_task_member"
        indexes = ((("task", "person"), True),)


class TaskNoteRow(BaseModel):
    """The task's log: assignment, progress, report, return, sign-off, extension, reminder."""

    task = pw.ForeignKeyField(TaskRow, on_delete="RESTRICT", backref="notes")
    kind = pw.CharField(max_length=16, index=True)
    at = pw.DateTimeField(default=now, index=True)
    author = _person(null=True)
    author_name = pw.CharField(max_length=255, default="")
    text = pw.TextField(default="")
    percent = pw.IntegerField(null=True)
    old_deadline = pw.DateField(null=True)
    new_deadline = pw.DateField(null=True)

    class Meta:
        table_name = "congvu_task_note"


class FileRow(BaseModel):
    """A checked file (evidence, photo of a review, staff photo, scanned decision)."""

    owner_kind = pw.CharField(max_length=32)
    owner_id = pw.IntegerField()
    filename = pw.CharField(max_length=255)
    content_type = pw.CharField(max_length=64)
    size = pw.IntegerField()
    sha256 = pw.CharField(max_length=64)
    caption = pw.CharField(max_length=255, default="")
    data = pw.BlobField()
    active = pw.BooleanField(default=True)
    uploaded_at = pw.DateTimeField(default=now)
    uploaded_by = _person(null=True)

    class Meta:
        table_name = "congvu_file"
        indexes = ((("owner_kind", "owner_id"), False),)


class EvidenceRow(BaseModel):
    """Evidence of a task's result."""

    task = pw.ForeignKeyField(TaskRow, on_delete="RESTRICT", backref="evidence")
    kind = pw.CharField(max_length=16)
    at = pw.DateTimeField(default=now)
    added_by = _person(null=True)
    note = pw.TextField(default="")
    file = pw.ForeignKeyField(FileRow, null=True, on_delete="RESTRICT", backref="+")
    ref_id = pw.IntegerField(null=True)
    ref_label = pw.CharField(max_length=500, default="")

    class Meta:
        table_name = "congvu_evidence"


# -- conduct (văn hóa công vụ) --------------------------------------------------------


class RuleRow(BaseModel):
    """A line of the conduct rules ("4 xin", "4 luôn", "5 không", standards)."""

    group = pw.CharField(max_length=32, index=True)
    text = pw.TextField()
    sort = pw.IntegerField(default=0)
    active = pw.BooleanField(default=True)
    updated_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "congvu_conduct_rule"


class DutyRow(BaseModel):
    """A staff member on duty at the one-stop centre on a day."""

    day = pw.DateField(index=True)
    person = _person()
    desk = pw.CharField(max_length=64, default="")
    active = pw.BooleanField(default=True)
    created_at = pw.DateTimeField(default=now)
    created_by = _person(null=True)

    class Meta:
        table_name = "congvu_duty"


class ReportRow(BaseModel):
    """A resident's compliment or complaint about a staff member (a complaint opens a
    petition case). ``resident_*`` is personal data: leaders only."""

    kind = pw.CharField(max_length=16, index=True)
    staff = _person(index=True)
    staff_as_typed = pw.CharField(max_length=255, default="")
    channel = pw.CharField(max_length=16)
    content = pw.TextField()
    resident_name = pw.CharField(max_length=255, default="")
    resident_phone = pw.CharField(max_length=32, default="")
    received_at = pw.DateTimeField(default=now, index=True)
    case = pw.ForeignKeyField(CaseRow, null=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "congvu_report"


class DisciplineRow(BaseModel):
    """A disciplinary decision with its document."""

    person = _person(index=True)
    form = pw.CharField(max_length=32)
    decided_on = pw.DateField(index=True)
    document_ref = pw.CharField(max_length=64)
    document = pw.ForeignKeyField(DocumentRow, null=True, on_delete="RESTRICT", backref="+")
    reason = pw.TextField()
    recorded_at = pw.DateTimeField(default=now)
    recorded_by = _person(null=True)

    class Meta:
        table_name = "congvu_discipline"


class BreachRow(BaseModel):
    """A breach of internal rules, its evidence and its handling."""

    person = _person(index=True)
    kind = pw.CharField(max_length=32)
    occurred_on = pw.DateField(index=True)
    description = pw.TextField()
    evidence = pw.TextField(default="")
    state = pw.CharField(max_length=16, default="recorded", index=True)
    recorded_at = pw.DateTimeField(default=now)
    recorded_by = _person(null=True)
    handling = pw.TextField(default="")
    handled_at = pw.DateTimeField(null=True)
    handled_by = _person(null=True)
    discipline = pw.ForeignKeyField(DisciplineRow, null=True, on_delete="RESTRICT", backref="breaches")

    class Meta:
        table_name = "congvu_breach"


# -- the friendly office (công sở thân thiện) ---------------------------------------


class CriterionRow(BaseModel):
    """A criterion of the centre's facility checklist (plan III.1.5)."""

    code = pw.CharField(max_length=32, unique=True)
    group = pw.CharField(max_length=255, default="")
    text = pw.TextField()
    sort = pw.IntegerField(default=0)
    active = pw.BooleanField(default=True)
    updated_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "congvu_criterion"


class ReviewRow(BaseModel):
    """A periodic review of the centre against the checklist."""

    reviewed_on = pw.DateField(index=True)
    reviewer = _person(null=True)
    unit = _unit(null=True)
    note = pw.TextField(default="")
    score = pw.FloatField()
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "congvu_review"


class ReviewLineRow(BaseModel):
    """The status of one criterion in a review; a failed one opens a task."""

    review = pw.ForeignKeyField(ReviewRow, on_delete="RESTRICT", backref="lines")
    criterion = pw.ForeignKeyField(CriterionRow, on_delete="RESTRICT", backref="+")
    status = pw.CharField(max_length=16)
    note = pw.TextField(default="")
    task = pw.ForeignKeyField(TaskRow, null=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "congvu_review_line"


class BatchRow(BaseModel):
    """Paper rating forms of a period entered at once (counted with the electronic ones)."""

    period_start = pw.DateField()
    period_end = pw.DateField(index=True)
    unit = _unit(null=True)
    rat_hai_long = pw.IntegerField(default=0)
    hai_long = pw.IntegerField(default=0)
    khong_hai_long = pw.IntegerField(default=0)
    note = pw.TextField(default="")
    entered_at = pw.DateTimeField(default=now)
    entered_by = _person(null=True)

    class Meta:
        table_name = "congvu_rating_batch"


class EventRow(BaseModel):
    """A training or propaganda event, article or report (plan III.3)."""

    kind = pw.CharField(max_length=16, index=True)
    title = pw.CharField(max_length=500)
    held_on = pw.DateField(index=True)
    state = pw.CharField(max_length=16, default="planned", index=True)
    place = pw.CharField(max_length=500, default="")
    unit = _unit(null=True)
    item = pw.ForeignKeyField(ItemRow, null=True, on_delete="RESTRICT", backref="events")
    audience = pw.CharField(max_length=255, default="")
    staff_count = pw.IntegerField(null=True)
    resident_count = pw.IntegerField(null=True)
    url = pw.CharField(max_length=500, default="")
    result = pw.TextField(default="")
    created_at = pw.DateTimeField(default=now)
    created_by = _person(null=True)
    done_at = pw.DateTimeField(null=True)

    class Meta:
        table_name = "congvu_event"


MODELS = [PlanRow, SectionRow, ItemRow, ProblemRow, TaskRow, TaskMemberRow, TaskNoteRow, FileRow, EvidenceRow,
          RuleRow, DutyRow, ReportRow, DisciplineRow, BreachRow, CriterionRow, ReviewRow, ReviewLineRow, BatchRow,
          EventRow]
