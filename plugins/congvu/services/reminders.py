"""Task reminders and the daily check (``thanthien congvu check``).

Every reminder goes through one function, :func:`remind`. Today it records the reminder
in the task's log and in the audit log, asks for the message to the assignee (and, for an
overdue task, the responsible leader) through ``message_requested`` in the same
transaction (:mod:`.messages`; the notifications module delivers it, once per task, kind
and deadline), and returns it (the CLI prints it).
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core import audit
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.types import SYSTEM_ACTOR, Actor

from ..models import TaskNoteRow, TaskRow
from ..types import Reminder, Task
from .common import config
from .messages import task_reminder
from .tasks import due

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def remind(core: CoreServices, task: Task, kind: str, today: dt.date, *, actor: Actor = SYSTEM_ACTOR) -> Reminder:
    """Remind the assignee of ``task`` (``due_soon`` or ``overdue``); at most once a day.

    The outbox of issue 14 is called from here (see the module doc)."""
    if kind == "overdue":
        text = (f"Nhiệm vụ “{task.title}” đã quá hạn {(today - task.deadline).days} ngày (hạn "
                f"{task.deadline:%d/%m/%Y}). Đề nghị báo cáo kết quả hoặc đề nghị {task.leader_name} gia hạn.")
    else:
        text = f"Nhiệm vụ “{task.title}” đến hạn ngày {task.deadline:%d/%m/%Y}."
    reminder = Reminder(task.id, task.assignee_id, kind, task.deadline, text)
    with write_transaction():
        TaskRow.update(reminded_on=today).where(TaskRow.id == task.id).execute()
        TaskNoteRow.create(task=task.id, kind="reminded", at=now(), author=actor.person_id, author_name=actor.name,
                           text=text)
        audit.record("congvu.task.remind", "congvu_task", task.id, actor=actor,
                     after={"kind": kind, "to": task.assignee_id, "deadline": task.deadline})
        task_reminder(core, task, kind)  # the outbox of issue 14, through message_requested
    return reminder


def check(core: CoreServices, today: dt.date, *, actor: Actor = SYSTEM_ACTOR) -> dict[str, list]:
    """The daily job: remind the tasks due within ``remind_working_days`` working days and
    the overdue ones (each once a day), and record the run in the audit log."""
    soon, overdue = due(core, today, config(core).remind_working_days)
    reminded_today = {r.id for r in TaskRow.select(TaskRow.id).where(TaskRow.reminded_on == today)}
    sent = [remind(core, t, "due_soon", today, actor=actor) for t in soon if t.id not in reminded_today]
    sent += [remind(core, t, "overdue", today, actor=actor) for t in overdue if t.id not in reminded_today]
    with write_transaction():
        audit.record("congvu.check", "congvu_task", today.isoformat(), actor=actor,
                     after={"due_soon": [t.id for t in soon], "overdue": [t.id for t in overdue],
                            "reminded": [r.task_id for r in sent]})
    return {"due_soon": soon, "overdue": overdue, "reminders": sent}
