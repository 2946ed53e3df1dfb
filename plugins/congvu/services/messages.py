"""Work messages about tasks for the staff concerned (``message_requested``, issue 14).

A task's assignee hears when it is assigned to them, when it is returned for more
evidence, when it is due soon and when it is overdue (the responsible leader too); the
notifications module, when enabled, delivers them on the ward's channels. They are a
staff member's work messages (R-DL-05: no consent needed, ``personal=False``) and carry
only the task's number, a short title and its deadline — never a resident's details.
This module never imports the notifications module: it asks through the hook.

A reminder's text depends only on the task, the kind and the deadline, so the outbox
(which writes a message once per kind, ref, person and text) sends it once per task and
kind; a new deadline (an extension) brings a new reminder.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from thanthien.core.types import MessageRequest

from ..types import PLUGIN, Task

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

#: how much of a task's title a message carries (an SMS is short)
TITLE_CHARS = 60
#: a run of digits long enough to be an ID or phone number is never copied into a message
_LONG_NUMBER = re.compile(r"\d[\d\s.-]{6,}\d")

KIND_ASSIGNED = f"{PLUGIN}.task_assigned"
KIND_RETURNED = f"{PLUGIN}.task_returned"
KIND_DUE_SOON = f"{PLUGIN}.task_due_soon"
KIND_OVERDUE = f"{PLUGIN}.task_overdue"


def short_title(title: str) -> str:
    """The task's title for a message: long numbers masked, cut to ``TITLE_CHARS``."""
    text = _LONG_NUMBER.sub("…", " ".join((title or "").split()))
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1].rstrip() + "…"


def task_text(task: Task, kind: str) -> tuple[str, str]:
    """(subject, text) of a task message: short Vietnamese, within an SMS."""
    title, due = short_title(task.title), f"{task.deadline:%d/%m/%Y}"
    if kind == KIND_ASSIGNED:
        return "Nhiệm vụ mới", f"Nhiệm vụ mới số {task.id}: “{title}”, hạn {due}."
    if kind == KIND_RETURNED:
        return ("Nhiệm vụ bị trả lại",
                f"Nhiệm vụ số {task.id} “{title}” bị trả lại, cần bổ sung kết quả, minh chứng. Hạn {due}.")
    if kind == KIND_DUE_SOON:
        return "Nhiệm vụ sắp đến hạn", f"Nhiệm vụ số {task.id} “{title}” đến hạn ngày {due}."
    if kind == KIND_OVERDUE:
        return ("Nhiệm vụ quá hạn",
                f"Nhiệm vụ số {task.id} “{title}” đã quá hạn (hạn {due}). Đề nghị báo cáo kết quả.")
    raise ValueError(kind)


def request(core: CoreServices, task: Task, kind: str, person_ids: list[int]) -> list[MessageRequest]:
    """Ask for the task message ``kind`` to each of ``person_ids`` (inside the caller's
    transaction); returns the requests made."""
    subject, text = task_text(task, kind)
    made = []
    for person_id in dict.fromkeys(p for p in person_ids if p):
        # R-DL-05: a staff member's work message, no consent needed (personal=False)
        message = MessageRequest(kind=kind, text=text, person_id=person_id, subject=subject, personal=False,
                                 link=f"/{PLUGIN}/nhiem-vu/{task.id}", ref=f"congvu_task:{task.id}")
        core.pm.hook.message_requested(message=message, core=core)
        made.append(message)
    return made


def task_assigned(core: CoreServices, task: Task) -> list[MessageRequest]:
    """The assignee (and the co-workers) hear of a new task."""
    return request(core, task, KIND_ASSIGNED, [task.assignee_id, *task.co_worker_ids])


def task_returned(core: CoreServices, task: Task) -> list[MessageRequest]:
    """The assignee hears that the leader returned the task (not signed off)."""
    return request(core, task, KIND_RETURNED, [task.assignee_id])


def task_reminder(core: CoreServices, task: Task, reminder_kind: str) -> list[MessageRequest]:
    """``due_soon``: the assignee; ``overdue``: the assignee and the responsible leader."""
    if reminder_kind == "overdue":
        return request(core, task, KIND_OVERDUE, [task.assignee_id, task.leader_id])
    return request(core, task, KIND_DUE_SOON, [task.assignee_id])


__all__ = ["task_assigned", "task_reminder", "task_returned", "task_text"]
