"""The demo ward carries the seed plan: items with owners and deadlines, "5 rõ" tasks done
with evidence and sign-off, some late, problems, the centre's roster, reviews and ratings."""
from __future__ import annotations

import datetime as dt

from thanthien.core.types import SYSTEM_ACTOR
from thanthien.plugins.congvu import services as sv


def test_demo_carries_the_seed_plan_and_the_office(core, demo_ward):
    today = demo_ward.today
    plan = sv.current_plan()
    assert plan is not None and plan.code == "KH-BACKAN-2025" and plan.issued_on < today <= plan.period_end
    items = sv.items(core, plan.id, actor=SYSTEM_ACTOR)
    assert len(items) >= 30
    assert {i.section_code.split(".")[0] for i in items} == {"I", "II", "III", "IV", "V"}
    assert all(i.owner_unit and i.leader_name and i.deadline and i.expected_result for i in items)
    tasks = sv.tasks(core, actor=SYSTEM_ACTOR, limit=1000)
    assert len(tasks) >= len(items)
    assert all(t.assignee_name and t.title and t.leader_name and t.unit_name and t.deadline and t.expected_result
               for t in tasks)
    done = [t for t in tasks if t.state == "done"]
    assert done and all(sv.evidence(t.id) and t.signed_off_by for t in done)
    assert any(t.state == "submitted" for t in tasks) and any(t.extensions for t in tasks)
    late = sv.late_items(core, actor=SYSTEM_ACTOR, today=today)
    assert late and all(i.owner_unit for i in late)
    start = dt.date(today.year, 1, 1) if today.month > 4 else today - dt.timedelta(days=365)
    assert core.indicators.value("congvu.five_clarities_share", start, today) == 100.0
    assert core.indicators.value("congvu.tasks_with_evidence", start, today) == 100.0
    assert sv.problems(state="answered") and sv.problems(state="escalated")
    # the centre, conduct and the office
    if core.calendar.is_working_day(today):
        assert len(sv.on_duty(today)) >= 2
    reports = sv.reports(core, actor=SYSTEM_ACTOR, limit=100)
    assert any(r.kind == "compliment" for r in reports)
    assert all(r.case_id for r in reports if r.kind == "complaint")
    reviews = sv.reviews(core, actor=SYSTEM_ACTOR)
    assert len(reviews) >= 2 and all(ln.task_id for r in reviews for ln in r.failed)
    assert sv.batches(core, actor=SYSTEM_ACTOR) and sv.events(core, actor=SYSTEM_ACTOR, state="done")
