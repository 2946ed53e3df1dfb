"""Supervision content (nội dung giám sát): the R-GS-07 checklist of a board and its results."""
from __future__ import annotations

from typing import TYPE_CHECKING

from thanthien.core import audit
from thanthien.core.errors import ValidationError
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.types import Actor

from ..models import CheckRow
from ..types import CHECK_STATUSES, P_SUPERVISE, P_VIEW, Check, content_items
from .common import active_board, board_scope, get_board, get_project, text

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def board_checks(board_id: int, funding: str) -> list[Check]:
    """The R-GS-07 checklist of a board with its results, unchecked (public page, reports)."""
    labels = content_items(funding)
    rows = {r.item: r for r in CheckRow.select().where(CheckRow.board == board_id)}
    return [Check(k, label, rows[k].status if k in rows else "chua_giam_sat", rows[k].finding if k in rows else "",
                  rows[k].updated_at if k in rows else None) for k, label in labels.items()]


def checks(core: CoreServices, board_id: int, *, actor: Actor) -> list[Check]:
    """The board's checklist, read within its scope."""
    core.access.require(actor, P_VIEW, board_scope(core, board_id))
    board = get_board(board_id)
    return board_checks(board_id, get_project(board.project_id).funding)


def update_check(core: CoreServices, board_id: int, *, item: str, status: str, finding: str = "",
                 actor: Actor) -> Check:
    """Record the result of one content item of R-GS-07."""
    core.access.require(actor, P_SUPERVISE, board_scope(core, board_id))
    board = active_board(board_id, "cập nhật kết quả giám sát")
    project = get_project(board.project_id)
    errors: list[tuple[str, str]] = []
    if item not in content_items(project.funding):  # R-GS-07
        errors.append(("item", "Nội dung giám sát không thuộc danh mục của dự án này (R-GS-07)."))
    if status not in CHECK_STATUSES:
        errors.append(("status", "Vui lòng chọn kết quả giám sát."))
    finding = text(finding, "finding", "nhận xét", errors, required=status == "co_van_de", max_len=5000)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        before = CheckRow.get_or_none(CheckRow.board == board_id, CheckRow.item == item)
        if before is None:
            CheckRow.create(board=board_id, item=item, status=status, finding=finding)
        else:
            CheckRow.update(status=status, finding=finding, updated_at=now()).where(CheckRow.id == before.id).execute()
        audit.record("giamsat.check.update", "giamsat_board", board_id, actor=actor,
                     before={"item": item, "status": before.status if before else None},
                     after={"item": item, "status": status, "finding": finding})
    return next(c for c in board_checks(board_id, project.funding) if c.item == item)
