"""The module's scope rules (answered through the ``access_for_scope`` hook).

Core's role × unit table answers everything else (fail closed). What this adds:

* a plan and its items are read by every staff member holding ``congvu.view`` somewhere:
  the plan is sent to every unit (plan, "Nơi nhận"); so are the centre's facility reviews
  and paper-rating batches (nothing personal in them);
* a task is read by its assignee, co-workers and responsible leader, and otherwise only
  by holders of ``congvu.tasks`` over its unit (unit leaders, the chairman, the plan
  coordinators) — a colleague of the same office does not see it;
* a task is carried out — progress, report with evidence — by its assignee and
  co-workers, or by holders of ``congvu.tasks`` over its unit on their behalf
  (``congvu.tasks`` over the task's scope);
* a task is signed off, returned or extended by its responsible leader (or by holders
  of ``congvu.signoff`` over its unit);
* what concerns a staff member (compliments, complaints, breaches, decisions, the yearly
  summary) is read by leaders over his or her unit and by the person concerned.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from thanthien.core.access import ANYWHERE, Scope
from thanthien.core.types import Actor

from ..models import TaskMemberRow, TaskRow
from ..types import (
    ITEM_OWNER,
    P_CONDUCT,
    P_SIGNOFF,
    P_TASKS,
    P_VIEW,
    PLAN_OWNER,
    REVIEW_OWNER,
    STAFF_OWNER,
    TASK_OWNER,
)

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def involved(task_id: int | None, person_id: int | None) -> tuple[bool, bool]:
    """(is the person the assignee or a co-worker, is the person the responsible leader)."""
    if task_id is None or person_id is None:
        return False, False
    row = TaskRow.select(TaskRow.assignee, TaskRow.leader).where(TaskRow.id == task_id).first()
    if row is None:
        return False, False
    works = row.assignee_id == person_id or TaskMemberRow.select().where(
        TaskMemberRow.task == task_id, TaskMemberRow.person == person_id).exists()
    return works, row.leader_id == person_id


def decide(core: CoreServices, actor: Actor, permission: str, scope) -> bool | None:
    """True/False for the scopes this module owns, None for the rest (core decides)."""
    if not isinstance(scope, Scope) or not scope.owner.startswith("congvu."):
        return None
    if scope.owner in (PLAN_OWNER, ITEM_OWNER, REVIEW_OWNER) and permission == P_VIEW:
        return core.access.can(actor, P_VIEW, ANYWHERE)
    if scope.owner == TASK_OWNER:
        unit_scope = Scope(unit_id=scope.unit_id)
        if permission == P_VIEW:
            works, leads = involved(scope.owner_id, actor.person_id)
            return works or leads or core.access.can(actor, P_TASKS, unit_scope)
        if permission == P_TASKS:
            works, _ = involved(scope.owner_id, actor.person_id)
            return works or core.access.can(actor, P_TASKS, unit_scope)
        if permission == P_SIGNOFF:
            _, leads = involved(scope.owner_id, actor.person_id)
            return leads or core.access.can(actor, P_SIGNOFF, unit_scope)
        return core.access.can(actor, permission, unit_scope)
    if scope.owner == STAFF_OWNER and permission == P_CONDUCT:
        if actor.person_id is not None and actor.person_id == scope.owner_id:
            return True
        return core.access.can(actor, P_CONDUCT, Scope(unit_id=scope.unit_id))
    return None
