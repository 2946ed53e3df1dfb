"""Dashboard widgets: for the chairman and unit leaders, the plan items past their deadline
and who answers for them; for every staff member, his or her tasks due."""
from __future__ import annotations

from typing import Any

from .. import services


def late_items(ctx: Any) -> dict[str, Any]:
    """Plan items late, their owner unit, responsible leader and the people carrying them
    (within the units whose tasks the actor leads; the chairman: all)."""
    found = services.late_items(ctx.services, actor=ctx.actor, today=ctx.today, limit=20)
    open_tasks = services.open_tasks_by_item([i.id for i in found])
    rows = [{"id": i.id, "code": i.code, "title": i.title, "deadline": i.deadline, "days_late": i.days_late(ctx.today),
             "owner_unit": i.owner_unit, "leader": i.leader_name,
             "assignees": sorted({t.assignee_name for t in open_tasks.get(i.id, [])}),
             "href": f"/congvu/muc/{i.id}"} for i in found]
    plan = services.current_plan()
    return {"items": rows, "plan_id": plan.id if plan else None}


def my_tasks(ctx: Any) -> dict[str, Any]:
    """The actor's open tasks, soonest deadline first, and those waiting for his or her sign-off."""
    # open tasks come first (services.tasks' order): the first ten read are the ten shown
    mine = [t for t in services.tasks(ctx.services, actor=ctx.actor, mine=True, limit=10) if t.is_open]
    to_sign = services.tasks(ctx.services, actor=ctx.actor, to_sign=True, limit=50)
    return {"tasks": [{"id": t.id, "title": t.title, "deadline": t.deadline, "late": t.is_late(ctx.today),
                       "state": t.state_label, "href": f"/congvu/nhiem-vu/{t.id}"} for t in mine],
            "to_sign": len(to_sign)}
