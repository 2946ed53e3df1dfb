"""The friendly office (plan III.1.5): the checklist covers every criterion of the plan and
is ward-editable; a review scores it, with photos, and every failed criterion becomes a
"5 rõ" task; paper rating forms are entered in batches and counted as indicators; training
events carry attendance and their plan item."""
from __future__ import annotations

import datetime as dt

import pytest
from thanthien.core.errors import PermissionDenied, ValidationError
from thanthien.core.text import fold
from thanthien.plugins.congvu import services as sv
from thanthien.plugins.congvu.types import Upload

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 20

#: every criterion plan III.1.5 names, as words its checklist line must carry
PLAN_CRITERIA = {
    "signboard": ["bien hieu"],
    "easy to find": ["vi tri thuan tien"],
    "campaign panels": ["pano", "ap phich", "bang ron", "khau hieu"],
    "parking": ["de xe"],
    "waiting area with enough chairs": ["ngoi cho", "du ghe"],
    "fan or air-conditioning": ["quat", "dieu hoa"],
    "green space": ["khong gian xanh"],
    "tables and chairs while waiting": ["ban, ghe"],
    "drinking water": ["nuoc uong"],
    "books and newspapers": ["sach, bao"],
    "wi-fi without password": ["wi-fi", "khong dat mat khau"],
    "tidy offices": ["gon gang"],
    "counters without barriers": ["quay giao dich", "ngan cach"],
    "seats at the counter": ["du ghe ngoi khi lam viec tai quay"],
    "photocopier": ["may photo"],
    "scanner": ["may scan"],
    "rating device or paper form": ["thiet bi dien tu hoac phieu", "danh gia"],
    "cameras": ["camera"],
}


def test_checklist_covers_every_criterion_of_plan_iii_1_5(core):
    texts = [fold(c.text) for c in sv.criteria()]
    for name, words in PLAN_CRITERIA.items():
        assert any(all(w in t for w in words) for t in texts), name
    assert len(texts) == 18


def _lines(status_by_code: dict[str, str]):
    return [(c.id, status_by_code.get(c.code, "met"), "") for c in sv.criteria()]


def test_a_failed_criterion_becomes_a_task(core, ward):
    with pytest.raises(ValidationError) as exc:  # every criterion gets a status
        sv.record_review(core, reviewed_on=dt.date(2026, 9, 7), lines=_lines({})[:-1], actor=ward.centre_officer)
    assert exc.value.errors[0][0] == "status"
    with pytest.raises(ValidationError) as exc:  # a failure needs who fixes it and who answers for it
        sv.record_review(core, reviewed_on=dt.date(2026, 9, 7), lines=_lines({"F11": "not_met"}),
                         actor=ward.centre_officer)
    assert {f for f, _ in exc.value.errors} == {"assignee_id", "leader_id"}
    with pytest.raises(PermissionDenied):
        sv.record_review(core, reviewed_on=dt.date(2026, 9, 7), lines=_lines({}), actor=ward.vp_head)
    review = sv.record_review(core, reviewed_on=dt.date(2026, 9, 7), lines=_lines({"F11": "not_met", "F05": "partly"}),
                              photos=[Upload("cho.png", PNG, "image/png")], assignee_id=ward.centre_officer.person_id,
                              leader_id=ward.centre_head.person_id, actor=ward.centre_officer,
                              at=dt.datetime(2026, 9, 7, 15))
    assert review.score == round(100 * 16.5 / 18, 1) and len(review.photos) == 1
    failed = {ln.criterion_code: ln for ln in review.failed}
    assert set(failed) == {"F05", "F11"}
    task = sv.get_task(failed["F11"].task_id)
    assert task.source_kind == "facility_review" and "Wi-Fi" in task.title
    assert task.assignee_id == ward.centre_officer.person_id and task.leader_id == ward.centre_head.person_id
    assert task.unit_id == ward.unit("TTPVHCC") and task.expected_result
    cfg_days = sv.config(core).fix_working_days
    assert task.deadline == core.calendar.add_working_days(dt.datetime(2026, 9, 7, 8), cfg_days, None)
    # failed again while the fix is open: the same task, not a second one
    again = sv.record_review(core, reviewed_on=dt.date(2026, 9, 14), lines=_lines({"F11": "not_met"}),
                             assignee_id=ward.centre_officer.person_id, leader_id=ward.centre_head.person_id,
                             actor=ward.centre_head, at=dt.datetime(2026, 9, 14, 9))
    assert again.failed[0].task_id == task.id
    assert core.indicators.value("congvu.checklist_score", dt.date(2026, 9, 1), dt.date(2026, 9, 30)) == again.score


def test_criteria_are_ward_editable_never_deleted(core, ward):
    c = sv.add_criterion(core, text="Có ghế ưu tiên cho người cao tuổi", group="Phục vụ người dân khi chờ",
                         actor=ward.chair)
    assert c.code.startswith("W") and c.id in {x.id for x in sv.criteria()}
    retired = sv.edit_criterion(core, c.id, text=c.text, active=False, actor=ward.centre_officer)
    assert not retired.active and c.id not in {x.id for x in sv.criteria()}
    assert c.id in {x.id for x in sv.criteria(include_retired=True)}
    with pytest.raises(PermissionDenied):
        sv.add_criterion(core, text="x", actor=ward.vp_officer)


def test_paper_rating_batches_are_counted(core, ward):
    sv.record_batch(core, period_start=dt.date(2026, 8, 1), period_end=dt.date(2026, 8, 31),
                    counts={"rat_hai_long": 50, "hai_long": 30, "khong_hai_long": 2}, actor=ward.centre_officer)
    with pytest.raises(ValidationError) as exc:  # no form counted twice
        sv.record_batch(core, period_start=dt.date(2026, 8, 15), period_end=dt.date(2026, 9, 15),
                        counts={"hai_long": 3}, actor=ward.centre_officer)
    assert exc.value.errors[0][0] == "period_start"
    with pytest.raises(ValidationError):
        sv.record_batch(core, period_start=dt.date(2026, 9, 1), period_end=dt.date(2026, 9, 30), counts={},
                        actor=ward.centre_officer)
    assert core.indicators.value("congvu.paper_ratings", dt.date(2026, 8, 1), dt.date(2026, 8, 31)) == 82
    assert core.indicators.value("congvu.paper_ratings_satisfied", dt.date(2026, 7, 1), dt.date(2026, 9, 30)) == 80


def test_training_events_with_attendance_linked_to_plan_items(core, ward):
    plan = sv.load_seed_plan(core, actor=ward.coordinator)
    item = {i.code: i for i in sv.items(core, plan.id, actor=ward.chair)}["III.3"]
    e = sv.plan_event(core, kind="training", title="Tập huấn mô hình", held_on=dt.date(2026, 9, 10), item_id=item.id,
                      actor=ward.coordinator)
    assert e.unit_name == "Phòng Văn hóa - Xã hội" and e.item_code == "III.3"
    with pytest.raises(ValidationError):  # a conference records its attendance
        sv.record_event(core, e.id, result="Đã tổ chức", actor=ward.coordinator)
    done = sv.record_event(core, e.id, result="Đã tổ chức", staff_count=40, resident_count=5, actor=ward.coordinator)
    assert done.attendance == 45 and done.state == "done"
    assert [x.id for x in sv.events(core, actor=ward.vp_officer, item_id=item.id)] == [e.id]
    assert core.indicators.value("congvu.training_events", dt.date(2026, 9, 1), dt.date(2026, 9, 30)) == 1
