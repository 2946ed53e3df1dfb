"""Tasks assigned with the five clarities (nhiệm vụ "5 rõ", plan III.1.4).

A task cannot be created without all five — rõ người (the assignee), rõ việc (the task),
rõ trách nhiệm (the responsible leader and unit), rõ tiến độ (a deadline, given as a date
or as working days on the ward's calendar), rõ kết quả (the expected result, with its
indicator) — and a source (a plan item, a meeting conclusion, a case, a board
recommendation, a document, a failed facility criterion). It is closed only in two steps:
the assignee reports it done with evidence of the result (a text, checked files, a link
to a case, document or notice), then the responsible leader signs it off — or returns it
with a reason. Extensions carry a reason and are counted. Every step is in the task's
log and in the audit log; nothing is deleted.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from thanthien.core import audit
from thanthien.core.access import Scope
from thanthien.core.errors import IllegalTransition, NotFound, ValidationError
from thanthien.core.models import PersonRow, UnitRow
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.types import Actor

from ..models import EvidenceRow, FileRow, ItemRow, TaskMemberRow, TaskNoteRow, TaskRow
from ..types import (
    LINK_KINDS,
    OPEN_TASK_STATES,
    P_SIGNOFF,
    P_TASKS,
    P_VIEW,
    SOURCE_KINDS,
    TASK_OWNER,
    TASK_STATES,
    Evidence,
    Task,
    TaskNote,
    Upload,
)
from .common import check_files, require_staff, require_unit, store_files, task_scope, to_file
from .messages import task_assigned, task_returned
from .plan import refresh_item

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


# -- row → type ---------------------------------------------------------------------


def _to_tasks(rows: list[TaskRow]) -> list[Task]:
    if not rows:
        return []
    ids = [r.id for r in rows]
    members: dict[int, list[int]] = defaultdict(list)
    for m in TaskMemberRow.select().where(TaskMemberRow.task.in_(ids)).order_by(TaskMemberRow.id):
        members[m.task_id].append(m.person_id)
    person_ids = {p for r in rows for p in (r.assignee_id, r.leader_id, r.signed_off_by_id, r.assigned_by_id)}
    person_ids |= {p for ms in members.values() for p in ms}
    names = {p.id: p.full_name for p in PersonRow.select(PersonRow.id, PersonRow.full_name)
             .where(PersonRow.id.in_(sorted(i for i in person_ids if i is not None) or [-1]))}
    units = {u.id: u.name for u in UnitRow.select(UnitRow.id, UnitRow.name)
             .where(UnitRow.id.in_(sorted({r.unit_id for r in rows})))}
    codes = {i.id: i.code for i in ItemRow.select(ItemRow.id, ItemRow.code)
             .where(ItemRow.id.in_(sorted({r.item_id for r in rows if r.item_id}) or [-1]))}
    return [Task(
        id=r.id, title=r.title, assignee_id=r.assignee_id, assignee_name=names.get(r.assignee_id, ""),
        leader_id=r.leader_id, leader_name=names.get(r.leader_id, ""), unit_id=r.unit_id,
        unit_name=units.get(r.unit_id, ""), deadline=r.deadline, expected_result=r.expected_result, state=r.state,
        source_kind=r.source_kind, assigned_at=r.assigned_at, description=r.description, indicator=r.indicator,
        source_ref=r.source_ref, source_id=r.source_id, item_id=r.item_id, item_code=codes.get(r.item_id, ""),
        co_worker_ids=tuple(members[r.id]), co_worker_names=tuple(names.get(p, "") for p in members[r.id]),
        start_on=r.start_on, working_days=r.working_days, original_deadline=r.original_deadline,
        extensions=r.extensions, returns=r.returns, result=r.result, completed_at=r.completed_at,
        closed_at=r.closed_at, signed_off_by=names.get(r.signed_off_by_id, ""), cancel_reason=r.cancel_reason,
        assigned_by=names.get(r.assigned_by_id, ""),
    ) for r in rows]


def get_task(task_id: int) -> Task:
    """A task, unchecked: for the module's own steps."""
    row = TaskRow.get_or_none(TaskRow.id == task_id)
    if row is None:
        raise NotFound(f"Không tìm thấy nhiệm vụ số {task_id}.")
    return _to_tasks([row])[0]


def view_task(core: CoreServices, task_id: int, *, actor: Actor | None) -> Task:
    """A task for ``actor``: its assignee, co-workers, leader, or a leader over its unit."""
    task = get_task(task_id)
    core.access.require(actor, P_VIEW, task_scope(task))
    return task


def notes(task_id: int) -> list[TaskNote]:
    q = TaskNoteRow.select().where(TaskNoteRow.task == task_id).order_by(TaskNoteRow.at, TaskNoteRow.id)
    return [TaskNote(r.id, r.task_id, r.kind, r.at, r.author_name, r.text, r.percent, r.old_deadline, r.new_deadline)
            for r in q]


def evidence(task_id: int) -> list[Evidence]:
    q = EvidenceRow.select().where(EvidenceRow.task == task_id).order_by(EvidenceRow.at, EvidenceRow.id)
    files = {f.id: to_file(f) for f in FileRow.select(FileRow.id, FileRow.filename, FileRow.content_type,
                                                      FileRow.size, FileRow.uploaded_at, FileRow.caption)
             .where(FileRow.owner_kind == TASK_OWNER, FileRow.owner_id == task_id)}
    return [Evidence(r.id, r.task_id, r.kind, r.at, r.note, files.get(r.file_id), r.ref_id, r.ref_label) for r in q]


def _note(task_id: int, kind: str, actor: Actor, text: str = "", *, at: dt.datetime | None = None,
          percent: int | None = None, old: dt.date | None = None, new: dt.date | None = None) -> None:
    TaskNoteRow.create(task=task_id, kind=kind, at=at or now(), author=actor.person_id, author_name=actor.name,
                       text=text, percent=percent, old_deadline=old, new_deadline=new)


# -- assigning ---------------------------------------------------------------------------


def deadline_from(core: CoreServices, start: dt.date, working_days: int) -> dt.date:
    """The n-th working day after ``start`` on the ward's calendar (R-LV-14, R-LV-15)."""
    return core.calendar.add_working_days(dt.datetime.combine(start, dt.time(8)), working_days, None)


def _check_source(core: CoreServices, actor: Actor, kind: str, ref: str, source_id: int | None,
                  item_id: int | None, errors: list[tuple[str, str]]) -> tuple[str, int | None]:
    if kind not in SOURCE_KINDS:
        errors.append(("source_kind", "Vui lòng chọn nguồn giao nhiệm vụ."))
        return ref, source_id
    if kind == "plan_item" or item_id is not None:
        item = ItemRow.get_or_none(ItemRow.id == item_id) if item_id is not None else None
        if item is None:
            errors.append(("item_id", "Vui lòng chọn mục kế hoạch."))
        elif item.state == "cancelled":
            errors.append(("item_id", f"Mục {item.code} đã được đưa ra khỏi kế hoạch."))
        elif kind == "plan_item":
            ref = ref or f"Mục {item.code} của kế hoạch"
    if kind == "case":
        try:
            case = core.cases.get(source_id) if source_id else None
        except NotFound:
            case = None
        if case is None:
            errors.append(("source_id", "Vui lòng nhập số hiệu (mã) hồ sơ, vụ việc giao việc."))
        elif not core.cases.can_view(actor, case):
            errors.append(("source_id", "Bạn không xem được hồ sơ này."))
        else:
            ref = ref or f"Hồ sơ {case.number}"
    elif kind == "document":
        try:
            doc = core.documents.get(source_id) if source_id else None
        except NotFound:
            doc = None
        if doc is None:
            errors.append(("source_id", "Vui lòng nhập mã văn bản chỉ đạo."))
        else:
            ref = ref or f"Văn bản số {doc.number_symbol}"
    elif kind in ("meeting_conclusion", "board_recommendation") and not ref:
        label = "kết luận cuộc họp (tên, ngày họp)" if kind == "meeting_conclusion" else "kiến nghị (của Ban nào, ngày)"
        errors.append(("source_ref", f"Vui lòng ghi {label}."))
    return ref, source_id


def assign_task(core: CoreServices, *, title: str, assignee_id: int | None, leader_id: int | None,
                unit_id: int | None, expected_result: str, deadline: dt.date | None = None,
                working_days: int | None = None, start_on: dt.date | None = None, description: str = "",
                indicator: str = "", co_worker_ids: Iterable[int] = (), source_kind: str = "plan_item",
                source_ref: str = "", source_id: int | None = None, item_id: int | None = None, actor: Actor,
                at: dt.datetime | None = None, permission: str = P_TASKS) -> Task:
    """Assign a task. Refused (every missing clarity named) unless it has all five.

    ``permission`` is what the actor must hold over the task's unit: ``congvu.tasks``
    (unit leaders, the chairman, the plan coordinators); a facility review opens the
    tasks of its failed criteria under ``congvu.facility``."""
    errors: list[tuple[str, str]] = []
    when = at or now()
    title, expected_result = (title or "").strip(), (expected_result or "").strip()
    # the five clarities (5 rõ, plan III.1.4)
    assignee = require_staff(assignee_id, "assignee_id", errors, "người thực hiện (rõ người)")
    if assignee is not None and not core.access.check_assignee(
            assignee.id, P_VIEW, field="assignee_id", errors=errors,
            message="Rõ người: người được chọn không phải cán bộ, công chức được giao nhiệm vụ."):
        assignee = None
    if not title:
        errors.append(("title", "Rõ việc: vui lòng ghi nội dung công việc."))
    leader = require_staff(leader_id, "leader_id", errors, "lãnh đạo chịu trách nhiệm (rõ trách nhiệm)")
    unit = require_unit(unit_id, "unit_id", errors, "đơn vị chịu trách nhiệm (rõ trách nhiệm)")
    if unit is not None:
        core.access.require(actor, permission, Scope(unit_id=unit.id),
                            message="Bạn chỉ giao nhiệm vụ trong đơn vị mình phụ trách.")
    if leader is not None and unit is not None and not core.access.check_assignee(
            leader.id, P_TASKS, Scope(unit_id=unit.id), field="leader_id", errors=errors,
            message="Rõ trách nhiệm: người được chọn không phải lãnh đạo phụ trách đơn vị này."):
        leader = None
    start = start_on or when.date()
    if working_days is not None:
        if working_days < 1 or working_days > 2000:
            errors.append(("working_days", "Số ngày làm việc phải từ 1 đến 2000."))
        else:
            deadline = deadline_from(core, start, working_days)
    if deadline is None:
        errors.append(("deadline", "Rõ tiến độ: vui lòng nhập thời hạn (dd/mm/yyyy) hoặc số ngày làm việc."))
    elif deadline < start:
        errors.append(("deadline", "Rõ tiến độ: thời hạn phải từ ngày giao việc trở đi."))
    if not expected_result:
        errors.append(("expected_result", "Rõ kết quả: vui lòng nêu kết quả cụ thể cần đạt."))
    source_ref, source_id = _check_source(core, actor, source_kind, (source_ref or "").strip(), source_id,
                                          item_id, errors)
    helpers = []
    for pid in dict.fromkeys(co_worker_ids):
        if pid == assignee_id:
            continue
        row = require_staff(pid, "co_worker_ids", errors, "người phối hợp")
        if row is not None and core.access.check_assignee(
                row.id, P_VIEW, field="co_worker_ids", errors=errors,
                message=f"{row.full_name} không phải cán bộ, công chức được giao nhiệm vụ (người phối hợp)."):
            helpers.append(row.id)
    if errors:
        raise ValidationError(errors)
    assert assignee is not None and leader is not None and unit is not None and deadline is not None
    with write_transaction():
        row = TaskRow.create(
            title=title[:500], description=(description or "").strip(), assignee=assignee.id, leader=leader.id,
            unit=unit.id, start_on=start, working_days=working_days, deadline=deadline, original_deadline=deadline,
            expected_result=expected_result, indicator=(indicator or "").strip()[:255], source_kind=source_kind,
            source_ref=source_ref[:500], source_id=source_id, item=item_id, assigned_at=when,
            assigned_by=actor.person_id)
        for pid in helpers:
            TaskMemberRow.create(task=row.id, person=pid)
        _note(row.id, "assigned", actor, f"Giao cho {assignee.full_name}, hạn {deadline:%d/%m/%Y}.", at=when)
        audit.record("congvu.task.assign", "congvu_task", row.id, actor=actor, after={
            "title": title, "assignee": assignee.id, "co_workers": helpers, "leader": leader.id, "unit": unit.id,
            "deadline": deadline, "working_days": working_days, "expected_result": expected_result,
            "indicator": indicator, "source": source_kind, "source_ref": source_ref, "source_id": source_id,
            "item": item_id})
        refresh_item(item_id, actor)
        task_assigned(core, get_task(row.id))  # the assignee hears of it (issue 14)
    return get_task(row.id)


# -- carrying out ------------------------------------------------------------------------


def _require_worker(core: CoreServices, actor: Actor | None, task: Task) -> None:
    """The assignee, a co-worker, or a leader over the task's unit reporting for them."""
    core.access.require(actor, P_TASKS, task_scope(task),
                        message="Chỉ người thực hiện, người phối hợp hoặc lãnh đạo đơn vị báo cáo nhiệm vụ này.")


def _require_open(task: Task, states: tuple[str, ...] = ("assigned",)) -> None:
    if task.state not in states:
        raise IllegalTransition(f"Nhiệm vụ đang ở trạng thái “{task.state_label}”.")


def report_progress(core: CoreServices, task_id: int, *, text: str, percent: int | None = None, actor: Actor,
                    at: dt.datetime | None = None) -> Task:
    """A progress note (báo cáo tiến độ) by the assignee or a co-worker."""
    task = get_task(task_id)
    _require_worker(core, actor, task)
    _require_open(task, OPEN_TASK_STATES)
    text = (text or "").strip()
    errors = []
    if not text:
        errors.append(("text", "Vui lòng ghi nội dung tiến độ."))
    if percent is not None and not 0 <= percent <= 100:
        errors.append(("percent", "Tỷ lệ hoàn thành từ 0 đến 100."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        _note(task_id, "progress", actor, text, at=at, percent=percent)
        audit.record("congvu.task.progress", "congvu_task", task_id, actor=actor,
                     after={"text": text, "percent": percent})
    return get_task(task_id)


def _check_link(core: CoreServices, actor: Actor, kind: str, ref_id: int | None,
                errors: list[tuple[str, str]]) -> str:
    """The label of a linked case, document or notice, after checking the actor may see it."""
    if kind not in LINK_KINDS:
        errors.append(("link_kind", "Loại liên kết không hợp lệ."))
        return ""
    if ref_id is None:
        errors.append(("link_id", "Vui lòng nhập mã của hồ sơ, văn bản hoặc thông tin công khai."))
        return ""
    try:
        if kind == "case":
            case = core.cases.get(ref_id)
            if not core.cases.can_view(actor, case):
                errors.append(("link_id", "Bạn không xem được hồ sơ này."))
                return ""
            return f"Hồ sơ {case.number}"
        if kind == "document":
            doc = core.documents.get(ref_id)
            if not core.documents.can_read(actor, doc):
                errors.append(("link_id", "Bạn không xem được văn bản này."))
                return ""
            return f"Văn bản số {doc.number_symbol}: {doc.subject}"
        notice = core.notices.get(ref_id)
        return f"Thông tin công khai: {notice.title}"
    except NotFound as exc:
        errors.append(("link_id", exc.message))
        return ""


def submit(core: CoreServices, task_id: int, *, result: str, evidence_note: str = "", files: Iterable[Upload] = (),
           link_kind: str = "", link_id: int | None = None, actor: Actor, at: dt.datetime | None = None) -> Task:
    """Report a task done (báo cáo hoàn thành) with the result reached and evidence of it:
    at least one of a description, checked files, a link to a case, document or notice.
    The task then waits for its responsible leader's sign-off."""
    task = get_task(task_id)
    _require_worker(core, actor, task)
    _require_open(task)
    result, evidence_note = (result or "").strip(), (evidence_note or "").strip()
    errors: list[tuple[str, str]] = []
    if not result:
        errors.append(("result", "Rõ kết quả: vui lòng nêu kết quả đã đạt được."))
    checked = check_files(core, files, "files", errors)
    label = _check_link(core, actor, link_kind, link_id, errors) if link_kind or link_id is not None else ""
    if not (evidence_note or checked or label) and not any(f == "files" or f.startswith("link") for f, _ in errors):
        errors.append(("evidence", "Vui lòng gửi minh chứng kết quả: mô tả minh chứng, tệp đính kèm hoặc liên kết "
                                   "đến hồ sơ, văn bản, thông tin công khai."))
    if errors:
        raise ValidationError(errors)
    when = at or now()
    with write_transaction():
        kinds = []
        if evidence_note:
            EvidenceRow.create(task=task_id, kind="text", at=when, added_by=actor.person_id, note=evidence_note)
            kinds.append("text")
        for f in store_files(checked, TASK_OWNER, task_id, actor):
            EvidenceRow.create(task=task_id, kind="file", at=when, added_by=actor.person_id, file=f.id)
            kinds.append("file")
        if label:
            EvidenceRow.create(task=task_id, kind=link_kind, at=when, added_by=actor.person_id, ref_id=link_id,
                               ref_label=label[:500])
            kinds.append(link_kind)
        TaskRow.update(state="submitted", result=result, completed_at=when).where(TaskRow.id == task_id).execute()
        _note(task_id, "submitted", actor, result, at=when)
        audit.record("congvu.task.submit", "congvu_task", task_id, actor=actor, before={"state": task.state},
                     after={"state": "submitted", "result": result, "evidence": kinds,
                            "files": [name for name, _, _ in checked], "link": label})
    return get_task(task_id)


def has_evidence(task_id: int, since: dt.datetime | None = None) -> bool:
    q = EvidenceRow.select().where(EvidenceRow.task == task_id)
    if since is not None:
        q = q.where(EvidenceRow.at >= since)
    return q.exists()


def sign_off(core: CoreServices, task_id: int, *, note: str = "", actor: Actor, at: dt.datetime | None = None) -> Task:
    """The responsible leader accepts the result (nghiệm thu): the task is done. Refused
    (422, field ``evidence``) while the task has not been reported done with evidence."""
    task = get_task(task_id)
    core.access.require(actor, P_SIGNOFF, task_scope(task),
                        message="Chỉ lãnh đạo chịu trách nhiệm nhiệm vụ này được nghiệm thu.")
    if task.state == "assigned" or not has_evidence(task_id, task.completed_at):
        raise ValidationError([("evidence", "Chưa thể nghiệm thu: người thực hiện chưa báo cáo hoàn thành kèm minh "
                                            "chứng kết quả.")])
    _require_open(task, ("submitted",))
    when = at or now()
    with write_transaction():
        TaskRow.update(state="done", closed_at=when, signed_off_by=actor.person_id).where(
            TaskRow.id == task_id).execute()
        _note(task_id, "signed_off", actor, (note or "").strip() or "Đồng ý kết quả.", at=when)
        audit.record("congvu.task.sign_off", "congvu_task", task_id, actor=actor, before={"state": "submitted"},
                     after={"state": "done", "on_time": task.completed_at.date() <= task.deadline
                            if task.completed_at else None}, reason=(note or "").strip())
        refresh_item(task.item_id, actor)
    return get_task(task_id)


def return_task(core: CoreServices, task_id: int, *, reason: str, actor: Actor, at: dt.datetime | None = None) -> Task:
    """The responsible leader returns a reported task (trả lại) with the reason."""
    task = get_task(task_id)
    core.access.require(actor, P_SIGNOFF, task_scope(task),
                        message="Chỉ lãnh đạo chịu trách nhiệm nhiệm vụ này được trả lại.")
    _require_open(task, ("submitted",))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError([("reason", "Vui lòng ghi lý do trả lại.")])
    with write_transaction():
        TaskRow.update(state="assigned", completed_at=None, returns=TaskRow.returns + 1).where(
            TaskRow.id == task_id).execute()
        _note(task_id, "returned", actor, reason, at=at)
        audit.record("congvu.task.return", "congvu_task", task_id, actor=actor, before={"state": "submitted"},
                     after={"state": "assigned"}, reason=reason)
        task_returned(core, get_task(task_id))  # the assignee hears of it (issue 14)
    return get_task(task_id)


def extend(core: CoreServices, task_id: int, *, reason: str, deadline: dt.date | None = None,
           working_days: int | None = None, actor: Actor, at: dt.datetime | None = None) -> Task:
    """Extend a task's deadline (gia hạn) with the reason: counted, shown with the task."""
    task = get_task(task_id)
    core.access.require(actor, P_SIGNOFF, task_scope(task),
                        message="Chỉ lãnh đạo chịu trách nhiệm nhiệm vụ này được gia hạn.")
    _require_open(task, OPEN_TASK_STATES)
    reason = (reason or "").strip()
    errors: list[tuple[str, str]] = []
    if working_days is not None:
        if working_days < 1 or working_days > 2000:
            errors.append(("working_days", "Số ngày làm việc gia hạn phải từ 1 đến 2000."))
        else:
            deadline = deadline_from(core, task.deadline, working_days)
    if deadline is None:
        errors.append(("deadline", "Vui lòng nhập thời hạn mới hoặc số ngày làm việc gia hạn."))
    elif deadline <= task.deadline:
        errors.append(("deadline", f"Thời hạn mới phải sau thời hạn hiện tại ({task.deadline:%d/%m/%Y})."))
    if not reason:
        errors.append(("reason", "Vui lòng ghi lý do gia hạn."))
    if errors:
        raise ValidationError(errors)
    assert deadline is not None
    with write_transaction():
        TaskRow.update(deadline=deadline, extensions=TaskRow.extensions + 1, reminded_on=None).where(
            TaskRow.id == task_id).execute()
        _note(task_id, "extended", actor, reason, at=at, old=task.deadline, new=deadline)
        audit.record("congvu.task.extend", "congvu_task", task_id, actor=actor, before={"deadline": task.deadline},
                     after={"deadline": deadline, "extensions": task.extensions + 1}, reason=reason)
    return get_task(task_id)


def cancel(core: CoreServices, task_id: int, *, reason: str, actor: Actor, at: dt.datetime | None = None) -> Task:
    """Cancel an open task with the reason (kept, never deleted)."""
    task = get_task(task_id)
    core.access.require(actor, P_TASKS, Scope(unit_id=task.unit_id),
                        message="Chỉ lãnh đạo đơn vị chịu trách nhiệm được hủy nhiệm vụ.")
    _require_open(task, OPEN_TASK_STATES)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError([("reason", "Vui lòng ghi lý do hủy.")])
    with write_transaction():
        TaskRow.update(state="cancelled", cancel_reason=reason).where(TaskRow.id == task_id).execute()
        _note(task_id, "cancelled", actor, reason, at=at)
        audit.record("congvu.task.cancel", "congvu_task", task_id, actor=actor, before={"state": task.state},
                     after={"state": "cancelled"}, reason=reason)
        refresh_item(task.item_id, actor)
    return get_task(task_id)


# -- reading -------------------------------------------------------------------------------


def visible(core: CoreServices, actor: Actor | None):
    """A select of the tasks ``actor`` may read: his or her own (assignee, co-worker,
    leader) and those of the units he or she leads (``congvu.tasks``)."""
    q = TaskRow.select()
    units = core.access.units_for(actor, P_TASKS)
    if units is None:
        return q
    pid = actor.person_id if actor is not None else None
    if pid is None:
        return q.where(TaskRow.id == -1)
    # one set of ids (a UNION of index searches), not an OR a planner may answer by a scan (issue 16)
    own = TaskRow.id.in_(TaskRow.select(TaskRow.id).where(TaskRow.assignee == pid)
                         | TaskRow.select(TaskRow.id).where(TaskRow.leader == pid)
                         | TaskMemberRow.select(TaskMemberRow.task).where(TaskMemberRow.person == pid))
    return q.where(own | TaskRow.unit.in_(sorted(units))) if units else q.where(own)


def tasks(core: CoreServices, *, actor: Actor | None, mine: bool = False, to_sign: bool = False,
          unit_id: int | None = None, state: str | None = None, late_on: dt.date | None = None,
          item_id: int | None = None, source_kind: str | None = None, person_id: int | None = None,
          limit: int = 50, after: str = "") -> list[Task]:
    """Tasks the actor may read: open ones soonest deadline first, then closed ones by
    deadline; ``mine`` keeps those he or she carries out, ``to_sign`` those waiting for
    his or her sign-off. ``after`` is the :func:`task_cursor` of the last task of the
    previous page (keyset pagination)."""
    errors = []
    if state and state not in TASK_STATES:
        errors.append(("state", "Trạng thái không hợp lệ."))
    if source_kind and source_kind not in SOURCE_KINDS:
        errors.append(("source_kind", "Nguồn giao việc không hợp lệ."))
    if errors:
        raise ValidationError(errors)
    q = visible(core, actor)
    pid = actor.person_id if actor is not None else None
    if mine:
        q = q.where(TaskRow.id.in_(TaskRow.select(TaskRow.id).where(TaskRow.assignee == pid)
                                   | TaskMemberRow.select(TaskMemberRow.task).where(TaskMemberRow.person == pid)))
    if to_sign:
        q = q.where(TaskRow.leader == pid, TaskRow.state == "submitted")
    if unit_id is not None:
        q = q.where(TaskRow.unit == unit_id)
    if state:
        q = q.where(TaskRow.state == state)
    if late_on is not None:
        q = q.where(TaskRow.state == "assigned", TaskRow.deadline < late_on)
    if item_id is not None:
        q = q.where(TaskRow.item == item_id)
    if source_kind:
        q = q.where(TaskRow.source_kind == source_kind)
    if person_id is not None:
        q = q.where(TaskRow.assignee == person_id)
    states = [s for s in TASK_STATES if s == (state or s)]
    if to_sign:
        states = [s for s in states if s == "submitted"]
    if late_on is not None:
        states = [s for s in states if s == "assigned"]
    return _to_tasks(_ordered(q, states, limit, parse_task_cursor(after)))


#: the groups of the task lists, in order: open tasks first, then closed ones
_GROUPS = (tuple(OPEN_TASK_STATES), tuple(s for s in TASK_STATES if s not in OPEN_TASK_STATES))


def _ordered(q, states: list[str], limit: int, after: tuple[int, dt.date, int] | None) -> list[TaskRow]:
    """Up to ``limit`` rows of ``q`` in states ``states``, open before closed and by
    (deadline, id) inside each group, after the cursor ``after``: per state one walk of
    the ``(state, deadline, id)`` index stopped by LIMIT, merged here (issue 16: an order
    by ``state IN (…)`` made PostgreSQL sort the whole table)."""
    out: list[TaskRow] = []
    for group, group_states in enumerate(_GROUPS):
        wanted = [s for s in group_states if s in states]
        if not wanted or (after is not None and after[0] > group) or len(out) >= limit:
            continue
        rows: list[TaskRow] = []
        for s in wanted:
            part = q.where(TaskRow.state == s)
            if after is not None and after[0] == group:
                _, day, last = after
                part = part.where((TaskRow.deadline > day) | ((TaskRow.deadline == day) & (TaskRow.id > last)))
            rows.extend(part.order_by(TaskRow.deadline, TaskRow.id).limit(limit - len(out)))
        rows.sort(key=lambda r: (r.deadline, r.id))
        out += rows[: limit - len(out)]
    return out


def task_cursor(task: Task) -> str:
    """Where a page of tasks ending with ``task`` stops (``after`` of the next page)."""
    group = 0 if task.state in OPEN_TASK_STATES else 1
    return f"{group}.{task.deadline:%Y%m%d}.{task.id}"


def parse_task_cursor(text: str) -> tuple[int, dt.date, int] | None:
    """A cursor of :func:`task_cursor`; ``None`` (the first page) when absent or malformed."""
    try:
        group, day, last = (text or "").split(".")
        return int(group), dt.datetime.strptime(day, "%Y%m%d").date(), int(last)
    except ValueError:
        return None


def open_tasks_by_item(item_ids: list[int]) -> dict[int, list[Task]]:
    """Open tasks of plan items (who is carrying each one out), for the late-items widget."""
    rows = list(TaskRow.select().where(TaskRow.item.in_(item_ids or [-1]), TaskRow.state.in_(OPEN_TASK_STATES))
                .order_by(TaskRow.deadline))
    out: dict[int, list[Task]] = defaultdict(list)
    for t in _to_tasks(rows):
        out[t.item_id].append(t)  # type: ignore[index]
    return out


def workload(core: CoreServices, *, actor: Actor | None, today: dt.date, soon_days: int = 5) -> dict[str, Any]:
    """Open tasks per person and per unit (khối lượng công việc): open, overdue, due within
    ``soon_days`` calendar days, waiting for sign-off, done this year and on time."""
    year_start = dt.datetime(today.year, 1, 1)
    rows = list(visible(core, actor).where(
        TaskRow.state.in_(OPEN_TASK_STATES) | (TaskRow.closed_at >= year_start)))
    tasks_ = _to_tasks(rows)
    soon = today + dt.timedelta(days=soon_days)

    def blank(**kw: Any) -> dict[str, Any]:
        return {**kw, "open": 0, "overdue": 0, "due_soon": 0, "waiting_signoff": 0, "done_this_year": 0,
                "on_time": 0, "extensions": 0}

    people: dict[int, dict[str, Any]] = {}
    units: dict[int, dict[str, Any]] = {}
    for t in tasks_:
        for bucket in (people.setdefault(t.assignee_id, blank(person_id=t.assignee_id, name=t.assignee_name)),
                       units.setdefault(t.unit_id, blank(unit_id=t.unit_id, unit=t.unit_name))):
            if t.state == "assigned":
                bucket["open"] += 1
                bucket["overdue"] += today > t.deadline
                bucket["due_soon"] += today <= t.deadline <= soon
            elif t.state == "submitted":
                bucket["open"] += 1
                bucket["waiting_signoff"] += 1
            elif t.state == "done":
                bucket["done_this_year"] += 1
                bucket["on_time"] += bool(t.on_time)
            bucket["extensions"] += t.extensions

    def share(r: dict[str, Any]) -> dict[str, Any]:
        r["on_time_share"] = round(100 * r["on_time"] / r["done_this_year"], 1) if r["done_this_year"] else None
        return r

    return {"people": sorted((share(r) for r in people.values()), key=lambda r: (-r["open"], -r["overdue"], r["name"])),
            "units": sorted((share(r) for r in units.values()), key=lambda r: (-r["open"], r["unit"]))}


def due(core: CoreServices, today: dt.date, within_working_days: int) -> tuple[list[Task], list[Task]]:
    """(tasks due within ``within_working_days`` working days, overdue tasks): open tasks
    still being carried out, for the daily check."""
    horizon = deadline_from(core, today, within_working_days) if within_working_days else today
    rows = list(TaskRow.select().where(TaskRow.state == "assigned", TaskRow.deadline <= horizon)
                .order_by(TaskRow.deadline, TaskRow.id))
    found = _to_tasks(rows)
    return [t for t in found if t.deadline >= today], [t for t in found if t.deadline < today]
