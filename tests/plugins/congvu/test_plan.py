"""The plan as data: the seed plan's sections I–V and items load with their owners, leaders,
deadlines and results; a file missing a clarity is refused whole; progress per section
and per unit; problems reported by units, answered or escalated by the coordinating office."""
from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from thanthien.core.errors import PermissionDenied, ValidationError
from thanthien.core.types import SYSTEM_ACTOR
from thanthien.plugins.congvu import services as sv

from .helpers import task_kwargs

SEED = tomllib.loads(sv.SEED_PLAN.read_text(encoding="utf-8"))


def test_seed_plan_file_covers_sections_i_to_v_with_five_clarities():
    tops = {s["code"] for s in SEED["section"] if "." not in s["code"]}
    assert tops == {"I", "II", "III", "IV", "V"}
    codes = {s["code"] for s in SEED["section"]}
    # the plan's sub-sections III.1.1 … III.1.7, III.2.1 … III.2.3, III.3 each carry items
    assert {f"III.1.{n}" for n in range(1, 8)} | {"III.2.1", "III.2.2", "III.2.3", "III.3"} <= codes
    used = {i["section"] for i in SEED["item"]}
    assert codes - {"III", "III.1", "III.2"} <= used
    for item in SEED["item"]:
        assert item["owner"] and item["title"] and item["leader"] and item["expected_result"], item["code"]
        assert ("deadline" in item) != ("working_days" in item), item["code"]


def test_seed_plan_loads_as_sections_and_items_with_owners_and_deadlines(core, ward):
    plan = sv.load_seed_plan(core, actor=ward.coordinator)
    assert plan.code == "KH-BACKAN-2025" and plan.coordinating_unit == "Phòng Văn hóa - Xã hội"
    items = sv.items(core, plan.id, actor=ward.vp_officer)
    assert len(items) == len(SEED["item"])
    by_code = {i.code: i for i in items}
    assert by_code["III.1.4.b"].owner_unit == "Văn phòng HĐND và UBND"
    assert by_code["III.1.4.b"].leader_name == ward.chair.name and by_code["III.1.4.b"].deadline == dt.date(2025, 9, 30)
    assert by_code["III.2.1.a"].cooperating_units == ("Ủy ban MTTQ Việt Nam phường",)
    # an item counted in working days from the issue date (R-LV-14)
    assert by_code["IV.1"].deadline == core.calendar.add_working_days(dt.datetime(2025, 8, 15, 8), 10, None)
    assert all(i.deadline and i.owner_unit and i.leader_name and i.expected_result for i in items)
    with pytest.raises(ValidationError):  # loaded once
        sv.load_seed_plan(core, actor=ward.coordinator)


def test_a_plan_reused_for_another_year_moves_its_dates(core, ward):
    plan = sv.load_seed_plan(core, actor=ward.chair, issued_on=dt.date(2026, 8, 14))
    assert plan.year == 2026 and plan.period_end >= dt.date(2026, 12, 30)
    items = {i.code: i for i in sv.items(core, plan.id, actor=ward.chair)}
    assert abs((items["III.1.4.b"].deadline - dt.date(2026, 9, 29)).days) <= 3
    assert all(core.calendar.is_working_day(i.deadline) for i in items.values())


def test_only_the_coordinating_office_and_leaders_load_a_plan(core, ward):
    with pytest.raises(PermissionDenied):
        sv.load_seed_plan(core, actor=ward.vp_head)


def test_a_plan_file_missing_a_clarity_is_refused_whole(core, ward):
    bad = """
[plan]
code = "KH-X"
title = "Kế hoạch thử"
issued_on = 2026-01-05
period_end = 2026-12-31
[[section]]
code = "I"
title = "Mục I"
[[item]]
section = "I"
code = "I.1"
title = "Có đủ"
owner = "VP"
leader = "chairperson"
deadline = 2026-03-31
expected_result = "Xong"
[[item]]
section = "I"
code = "I.2"
title = "Thiếu kết quả và thời hạn"
owner = "NOWHERE"
leader = "nobody_role"
"""
    with pytest.raises(ValidationError) as exc:
        sv.load_plan(core, bad, actor=ward.chair)
    text = " ".join(m for _, m in exc.value.errors)
    for part in ("I.2", "rõ tiến độ", "rõ kết quả", "NOWHERE", "nobody_role", "Rõ trách nhiệm"):
        assert part in text
    assert sv.plans(core, actor=ward.chair) == []
    with pytest.raises(ValidationError):
        sv.load_plan(core, "không phải TOML [[", actor=ward.chair)


def test_progress_per_section_and_unit(core, ward):
    plan = sv.load_seed_plan(core, actor=ward.coordinator)
    items = {i.code: i for i in sv.items(core, plan.id, actor=ward.chair)}
    item = items["III.1.4.b"]
    task = sv.assign_task(core, **task_kwargs(ward, source_kind="plan_item", source_ref="", item_id=item.id,
                                              deadline=item.deadline, at=dt.datetime(2025, 8, 20, 9)))
    sv.submit(core, task.id, result="Ban hành nội quy", evidence_note="Quyết định 15/QĐ-UBND", actor=ward.vp_officer,
              at=dt.datetime(2025, 9, 25, 9))
    sv.sign_off(core, task.id, actor=ward.vp_head, at=dt.datetime(2025, 9, 26, 9))
    assert sv.get_item(item.id).state == "done"
    p = sv.progress(core, plan.id, actor=ward.chair, today=dt.date(2025, 10, 15))
    sections = {r["code"]: r for r in p["sections"]}
    assert set(sections) == {"I", "II", "III", "IV", "V"}
    assert sections["III"]["done"] == 1 and sections["III"]["done_on_time"] == 1
    units = {r["unit"]: r for r in p["units"]}
    assert units["Văn phòng HĐND và UBND"]["done"] == 1
    late_codes = {i.code for i in sv.items(core, plan.id, actor=ward.chair, late_on=dt.date(2025, 10, 15))}
    assert "V" in late_codes and "III.1.4.b" not in late_codes  # V was due 15/9/2025, nobody did it
    assert p["total"]["late"] == len(late_codes)
    # the chairman's list of late items; a unit leader sees his unit's
    assert {i.code for i in sv.late_items(core, actor=ward.chair, today=dt.date(2025, 10, 15))} == late_codes
    assert all(i.owner_unit == "Văn phòng HĐND và UBND"
               for i in sv.late_items(core, actor=ward.vp_head, today=dt.date(2025, 10, 15)))
    assert sv.late_items(core, actor=ward.vp_officer, today=dt.date(2025, 10, 15)) == []


def test_item_reopens_when_a_new_task_comes_and_can_be_dropped_with_a_reason(core, ward):
    plan = sv.load_seed_plan(core, actor=ward.coordinator)
    item = {i.code: i for i in sv.items(core, plan.id, actor=ward.chair)}["V"]
    assert item.state == "open" and item.tasks_total == 0
    with pytest.raises(ValidationError):
        sv.mark_item(core, item.id, state="cancelled", reason="", actor=ward.chair)
    with pytest.raises(PermissionDenied):
        sv.mark_item(core, item.id, state="cancelled", reason="Không cần", actor=ward.vp_head)
    assert sv.mark_item(core, item.id, state="cancelled", reason="Kinh phí bố trí ở kế hoạch khác",
                        actor=ward.coordinator).state == "cancelled"
    with pytest.raises(ValidationError):  # no task on an item out of the plan
        sv.assign_task(core, **task_kwargs(ward, source_kind="plan_item", item_id=item.id, actor=ward.chair))


def test_problems_are_answered_or_escalated_and_stay_on_the_item(core, ward):
    plan = sv.load_seed_plan(core, actor=ward.coordinator)
    item = {i.code: i for i in sv.items(core, plan.id, actor=ward.chair)}["III.1.5.d"]
    with pytest.raises(ValidationError):
        sv.report_problem(core, item.id, text=" ", actor=ward.centre_officer)
    p = sv.report_problem(core, item.id, text="Chưa có kinh phí mua camera", actor=ward.centre_officer)
    assert p.unit_name == "Trung tâm Phục vụ hành chính công" and p.state == "open"
    with pytest.raises(PermissionDenied):  # only the coordinating office (and leaders) answer
        sv.answer_problem(core, p.id, answer="Chờ", actor=ward.centre_head)
    up = sv.escalate_problem(core, p.id, note="Đề nghị bổ sung dự toán", actor=ward.coordinator)
    assert up.state == "escalated"
    done = sv.answer_problem(core, p.id, answer="Đồng ý bổ sung từ nguồn dự phòng", actor=ward.chair)
    assert done.state == "answered" and done.answered_by == ward.chair.name
    assert [x.answer for x in sv.problems(item_id=item.id)] == ["Đồng ý bổ sung từ nguồn dự phòng"]
    assert sv.open_problem_count(plan.id) == 0


def test_cli_like_load_as_system(core, ward):
    plan = sv.load_seed_plan(core, actor=SYSTEM_ACTOR)
    assert len(sv.sections(plan.id)) == len(SEED["section"])


def test_a_typo_in_the_settings_section_is_refused_at_start(tmp_path, pm):
    from thanthien.core.errors import SettingsError
    from thanthien.core.services import make_services
    from thanthien.testing import make_settings

    bad = make_settings(tmp_path, plugin={"congvu": {"coordinating_unt": "VHXH"}}, source=str(tmp_path / "t.toml"))
    with pytest.raises(SettingsError) as exc:
        make_services(bad, pm).check()
    assert exc.value.key == "plugin.congvu.coordinating_unt"
    with pytest.raises(SettingsError):
        make_services(make_settings(tmp_path, plugin={"congvu": {"fix_working_days": 0}}), pm).check()
    good = make_settings(tmp_path, plugin={"congvu": {"remind_working_days": 3}})
    assert make_services(good, pm).config("congvu").remind_working_days == 3
