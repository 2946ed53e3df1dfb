"""Tasks "5 rõ": none without its five clarities; none closed without evidence and the
responsible leader's sign-off; extensions counted; staff see their own tasks, unit leaders
their unit's, the chairman and the plan coordinator all; reminders by the daily check."""
from __future__ import annotations

import datetime as dt

import pytest
from thanthien.core import audit
from thanthien.core.errors import IllegalTransition, PermissionDenied, ValidationError
from thanthien.plugins.congvu import services as sv
from thanthien.plugins.congvu.types import Upload

from .helpers import PDF, task_kwargs

FIVE = {"assignee_id": "assignee_id", "title": "title", "leader_id": "leader_id", "unit_id": "unit_id",
        "deadline": "deadline", "expected_result": "expected_result"}


@pytest.mark.parametrize("missing", sorted(FIVE))
def test_a_task_missing_any_clarity_cannot_be_created(core, ward, missing):
    blank = {"assignee_id": None, "title": "", "leader_id": None, "unit_id": None, "deadline": None,
             "expected_result": "  "}[missing]
    with pytest.raises(ValidationError) as exc:
        sv.assign_task(core, **task_kwargs(ward, **{missing: blank}))
    assert [f for f, _ in exc.value.errors] == [FIVE[missing]]
    assert sv.tasks(core, actor=ward.chair) == []


def test_every_missing_clarity_is_named_at_once(core, ward):
    with pytest.raises(ValidationError) as exc:
        sv.assign_task(core, title="", assignee_id=None, leader_id=None, unit_id=None, expected_result="",
                       source_kind="meeting_conclusion", source_ref="Giao ban", actor=ward.chair)
    fields = {f for f, _ in exc.value.errors}
    assert fields == {"assignee_id", "title", "leader_id", "unit_id", "deadline", "expected_result"}
    messages = " ".join(m for _, m in exc.value.errors)
    for clarity in ("Rõ người", "Rõ việc", "Rõ trách nhiệm", "Rõ tiến độ", "Rõ kết quả"):
        assert clarity.lower() in messages.lower()


def test_source_is_required_and_checked(core, ward):
    with pytest.raises(ValidationError) as exc:
        sv.assign_task(core, **task_kwargs(ward, source_kind="meeting_conclusion", source_ref=""))
    assert exc.value.errors[0][0] == "source_ref"
    with pytest.raises(ValidationError) as exc:
        sv.assign_task(core, **task_kwargs(ward, source_kind="case", source_id=999))
    assert exc.value.errors[0][0] == "source_id"
    with pytest.raises(ValidationError) as exc:
        sv.assign_task(core, **task_kwargs(ward, source_kind="plan_item", item_id=None))
    assert exc.value.errors[0][0] == "item_id"
    with pytest.raises(ValidationError):
        sv.assign_task(core, **task_kwargs(ward, source_kind="rumour"))


@pytest.mark.rule("R-LV-14")
def test_deadline_in_working_days_uses_the_calendar(core, ward):
    # assigned Friday 04/09/2026: 5 working days skip the weekend → Friday 11/09/2026
    task = sv.assign_task(core, **task_kwargs(ward, deadline=None, working_days=5, at=dt.datetime(2026, 9, 4, 9)))
    assert task.deadline == core.calendar.add_working_days(dt.datetime(2026, 9, 4, 8), 5, None)
    assert task.deadline == dt.date(2026, 9, 11) and task.working_days == 5
    assert "ngày làm việc" in task.five_clarities["schedule"]


def test_assigning_outside_ones_unit_is_refused(core, ward):
    with pytest.raises(PermissionDenied):
        sv.assign_task(core, **task_kwargs(ward, unit_id=ward.unit("KTHTDT"), assignee_id=ward.kt_officer.person_id))
    with pytest.raises(PermissionDenied):  # an officer assigns nothing
        sv.assign_task(core, **task_kwargs(ward, actor=ward.vp_officer))
    # the chairman and the plan coordinator assign anywhere
    # (the responsible leader leads the unit: the Phó Chủ tịch, not the Chánh Văn phòng)
    kt = {"unit_id": ward.unit("KTHTDT"), "leader_id": ward.vice.person_id}
    assert sv.assign_task(core, **task_kwargs(ward, **kt, actor=ward.chair)).id
    assert sv.assign_task(core, **task_kwargs(ward, **kt, actor=ward.coordinator)).id


def test_closing_needs_evidence_then_the_leaders_sign_off(core, ward):
    task = sv.assign_task(core, **task_kwargs(ward))
    # the leader cannot sign off what was never reported done with evidence
    with pytest.raises(ValidationError) as exc:
        sv.sign_off(core, task.id, actor=ward.vp_head)
    assert exc.value.errors[0][0] == "evidence"
    # a report without evidence is refused
    with pytest.raises(ValidationError) as exc:
        sv.submit(core, task.id, result="Đã xong", actor=ward.vp_officer)
    assert [f for f, _ in exc.value.errors] == ["evidence"]
    with pytest.raises(ValidationError) as exc:
        sv.submit(core, task.id, result="", evidence_note="Biên bản", actor=ward.vp_officer)
    assert [f for f, _ in exc.value.errors] == ["result"]
    # a disguised file is refused by its content
    with pytest.raises(ValidationError) as exc:
        sv.submit(core, task.id, result="Đã xong", files=[Upload("bien-ban.pdf", b"MZ\x90\x00", "application/pdf")],
                  actor=ward.vp_officer)
    assert exc.value.errors[0][0] == "files"
    done = sv.submit(core, task.id, result="Đã ban hành nội quy sửa đổi",
                     files=[Upload("quyet-dinh.pdf", PDF, "application/pdf")], actor=ward.vp_officer,
                     at=dt.datetime(2026, 9, 28, 15))
    assert done.state == "submitted" and done.closed_at is None
    # reported is not closed: only the responsible leader (or a ward leader) signs off
    with pytest.raises(PermissionDenied):
        sv.sign_off(core, task.id, actor=ward.vp_officer)
    with pytest.raises(PermissionDenied):
        sv.sign_off(core, task.id, actor=ward.centre_head)
    closed = sv.sign_off(core, task.id, actor=ward.vp_head, at=dt.datetime(2026, 10, 2, 9))
    assert closed.state == "done" and closed.on_time is True and closed.signed_off_by == ward.vp_head.name
    assert [e.kind for e in sv.evidence(task.id)] == ["file"]
    with pytest.raises(IllegalTransition):
        sv.sign_off(core, task.id, actor=ward.vp_head)
    actions = {e.action for e in audit.entries(entity="congvu_task", entity_id=task.id)}
    assert {"congvu.task.assign", "congvu.task.submit", "congvu.task.sign_off"} <= actions


def test_evidence_can_be_a_link_to_a_document(core, ward):
    doc = core.documents.issue("thong_bao", subject="Thông báo nội quy", context={"paragraphs": ["Nội dung"]},
                               signer_name="Lý Văn Chủ", signer_title="Chủ tịch", recipients=["Các phòng"])
    task = sv.assign_task(core, **task_kwargs(ward))
    with pytest.raises(ValidationError) as exc:
        sv.submit(core, task.id, result="Đã xong", link_kind="document", link_id=99999, actor=ward.vp_officer)
    assert exc.value.errors[0][0] == "link_id"
    done = sv.submit(core, task.id, result="Đã thông báo", link_kind="document", link_id=doc.id, actor=ward.chair)
    ev = sv.evidence(done.id)
    assert ev[0].kind == "document" and ev[0].href == f"/documents/{doc.id}"


def test_return_with_reason_then_resubmit_with_new_evidence(core, ward):
    task = sv.assign_task(core, **task_kwargs(ward))
    sv.submit(core, task.id, result="Xong", evidence_note="Dự thảo", actor=ward.vp_officer)
    with pytest.raises(ValidationError):
        sv.return_task(core, task.id, reason="", actor=ward.vp_head)
    back = sv.return_task(core, task.id, reason="Chưa có quyết định ban hành", actor=ward.vp_head)
    assert back.state == "assigned" and back.returns == 1 and back.completed_at is None
    with pytest.raises(ValidationError):  # the returned task is not signed off on its old evidence
        sv.sign_off(core, task.id, actor=ward.vp_head)
    sv.submit(core, task.id, result="Đã ban hành", evidence_note="Quyết định số 12/QĐ-UBND", actor=ward.vp_officer)
    assert sv.sign_off(core, task.id, actor=ward.vp_head).state == "done"
    kinds = [n.kind for n in sv.notes(task.id)]
    assert kinds == ["assigned", "submitted", "returned", "submitted", "signed_off"]


def test_extensions_carry_a_reason_and_are_counted(core, ward):
    task = sv.assign_task(core, **task_kwargs(ward))
    with pytest.raises(ValidationError) as exc:
        sv.extend(core, task.id, reason="", deadline=dt.date(2026, 9, 1), actor=ward.vp_head)
    assert {f for f, _ in exc.value.errors} == {"reason", "deadline"}
    with pytest.raises(PermissionDenied):
        sv.extend(core, task.id, reason="Xin thêm", deadline=dt.date(2026, 10, 15), actor=ward.vp_officer)
    once = sv.extend(core, task.id, reason="Chờ ý kiến Sở Nội vụ", deadline=dt.date(2026, 10, 15), actor=ward.vp_head)
    twice = sv.extend(core, task.id, reason="Chờ họp", working_days=3, actor=ward.chair)
    assert once.extensions == 1 and twice.extensions == 2 and twice.original_deadline == dt.date(2026, 9, 30)
    assert twice.deadline == core.calendar.add_working_days(dt.datetime(2026, 10, 15, 8), 3, None)
    ext = [n for n in sv.notes(task.id) if n.kind == "extended"]
    assert [n.text for n in ext] == ["Chờ ý kiến Sở Nội vụ", "Chờ họp"] and ext[0].old_deadline == dt.date(2026, 9, 30)
    indicator = core.indicators.value("congvu.extensions", dt.date.today(), dt.date.today())
    assert indicator == 2


def test_done_late_is_not_on_time(core, ward):
    task = sv.assign_task(core, **task_kwargs(ward, deadline=dt.date(2026, 9, 10)))
    sv.submit(core, task.id, result="Xong", evidence_note="Biên bản", actor=ward.vp_officer,
              at=dt.datetime(2026, 9, 11, 8))
    done = sv.sign_off(core, task.id, actor=ward.vp_head, at=dt.datetime(2026, 9, 11, 9))
    assert done.on_time is False and done.is_late(dt.date(2026, 9, 12))


def test_cancel_keeps_the_task(core, ward):
    task = sv.assign_task(core, **task_kwargs(ward))
    with pytest.raises(PermissionDenied):
        sv.cancel(core, task.id, reason="Không cần", actor=ward.vp_officer)
    gone = sv.cancel(core, task.id, reason="Trùng nhiệm vụ khác", actor=ward.vp_head)
    assert gone.state == "cancelled" and sv.get_task(task.id).cancel_reason == "Trùng nhiệm vụ khác"
    with pytest.raises(IllegalTransition):
        sv.submit(core, task.id, result="x", evidence_note="y", actor=ward.vp_officer)


def test_who_sees_which_tasks(core, ward):
    mine = sv.assign_task(core, **task_kwargs(ward, co_worker_ids=[ward.kt_officer.person_id]))
    other = sv.assign_task(core, **task_kwargs(ward, assignee_id=ward.vp_colleague.person_id, title="Việc khác"))
    centre = sv.assign_task(core, **task_kwargs(ward, unit_id=ward.unit("TTPVHCC"),
                                                leader_id=ward.centre_head.person_id,
                                                assignee_id=ward.centre_officer.person_id, actor=ward.chair,
                                                title="Việc của Trung tâm"))

    def ids(actor, **kw):
        return {t.id for t in sv.tasks(core, actor=actor, **kw)}

    # staff: their own tasks only, not a colleague's in the same office
    assert ids(ward.vp_officer) == {mine.id}
    assert ids(ward.kt_officer) == {mine.id}  # a co-worker of another unit
    with pytest.raises(PermissionDenied):
        sv.view_task(core, other.id, actor=ward.vp_officer)
    # the unit's leader: the unit's tasks; the chairman and the coordinator: all
    assert ids(ward.vp_head) == {mine.id, other.id}
    with pytest.raises(PermissionDenied):
        sv.view_task(core, centre.id, actor=ward.vp_head)
    assert ids(ward.chair) == ids(ward.coordinator) == {mine.id, other.id, centre.id}
    assert ids(ward.vp_officer, mine=True) == {mine.id}
    # a task's responsible leader reads it even outside his or her unit
    assert sv.view_task(core, centre.id, actor=ward.centre_head).id == centre.id


def test_workload_per_person_and_unit(core, ward):
    today = dt.date(2026, 9, 20)
    sv.assign_task(core, **task_kwargs(ward, deadline=dt.date(2026, 9, 15)))
    sv.assign_task(core, **task_kwargs(ward, deadline=dt.date(2026, 9, 22)))
    sv.assign_task(core, **task_kwargs(ward, assignee_id=ward.vp_colleague.person_id))
    w = sv.workload(core, actor=ward.vp_head, today=today)
    by_name = {r["name"]: r for r in w["people"]}
    assert by_name[ward.vp_officer.name]["open"] == 2 and by_name[ward.vp_officer.name]["overdue"] == 1
    assert by_name[ward.vp_officer.name]["due_soon"] == 1
    assert w["units"][0]["open"] == 3
    own = sv.workload(core, actor=ward.vp_officer, today=today)["people"]
    assert [r["name"] for r in own] == [ward.vp_officer.name]


def test_daily_check_reminds_once_a_day_and_is_audited(core, ward):
    late = sv.assign_task(core, **task_kwargs(ward, deadline=dt.date(2026, 9, 15)))
    soon = sv.assign_task(core, **task_kwargs(ward, deadline=dt.date(2026, 9, 22)))
    far = sv.assign_task(core, **task_kwargs(ward, deadline=dt.date(2026, 12, 22)))
    first = sv.check(core, dt.date(2026, 9, 21))
    assert {t.id for t in first["overdue"]} == {late.id} and {t.id for t in first["due_soon"]} == {soon.id}
    assert {(r.task_id, r.kind) for r in first["reminders"]} == {(late.id, "overdue"), (soon.id, "due_soon")}
    assert far.id not in {r.task_id for r in first["reminders"]}
    again = sv.check(core, dt.date(2026, 9, 21))
    assert again["reminders"] == []
    assert [n.kind for n in sv.notes(late.id)].count("reminded") == 1
    assert len(audit.entries(action="congvu.check")) == 2
