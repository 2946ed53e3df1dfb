"""Reading a stored file: each kind of owner keeps its own readers (fail closed)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from thanthien.core.access import ANYWHERE, Scope
from thanthien.core.errors import NotFound, PermissionDenied
from thanthien.core.types import Actor

from ..models import BreachRow, DisciplineRow, FileRow
from ..types import (
    BREACH_OWNER,
    DISCIPLINE_OWNER,
    P_CONDUCT,
    P_VIEW,
    REVIEW_OWNER,
    STAFF_OWNER,
    TASK_OWNER,
    StoredFile,
)
from .common import get_staff, service_center_id, staff_scope, task_scope, to_file
from .tasks import get_task

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def open_file(core: CoreServices, file_id: int, *, actor: Actor | None) -> tuple[StoredFile, bytes]:
    """A file and its bytes, for whoever may read what it belongs to: a task's evidence
    (the task's readers), a breach's or decision's scan (leaders, the person concerned),
    a staff photo (staff), a review photo (staff)."""
    row = FileRow.get_or_none(FileRow.id == file_id)
    if row is None:
        raise NotFound("Không tìm thấy tệp.")
    kind, owner = row.owner_kind, row.owner_id
    if kind == TASK_OWNER:
        core.access.require(actor, P_VIEW, task_scope(get_task(owner)))
    elif kind in (BREACH_OWNER, DISCIPLINE_OWNER):
        model = BreachRow if kind == BREACH_OWNER else DisciplineRow
        record = model.get_or_none(model.id == owner)
        if record is None:
            raise NotFound("Không tìm thấy tệp.")
        core.access.require(actor, P_CONDUCT, staff_scope(get_staff(record.person_id)))
    elif kind == STAFF_OWNER:
        core.access.require(actor, P_VIEW, ANYWHERE)
    elif kind == REVIEW_OWNER:
        core.access.require(actor, P_VIEW, Scope(unit_id=service_center_id(core), owner=REVIEW_OWNER, owner_id=owner))
    else:  # an owner this function does not know: nobody (fail closed)
        raise PermissionDenied("Bạn không có quyền xem tệp này.")
    return to_file(row), bytes(row.data)
