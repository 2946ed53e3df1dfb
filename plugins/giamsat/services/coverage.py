"""Coverage (plan III.2.3b: 100 % of the projects in scope supervised) and the warnings
of what to act on: projects without a board (R-GS-01), late investor notices (R-GS-09),
answers past their date (R-GS-10)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from peewee import SQL, fn

from thanthien.core.text import format_date
from thanthien.core.types import Actor

from ..models import BoardRow, PlanRow, ProjectRow
from ..types import IN_SCOPE_FUNDING, P_BOARDS, P_VIEW, Alert, Coverage
from .access import Reach, reach
from .common import to_project
from .plans import plan_warnings, to_plan
from .recommendations import overdue

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def coverage(core: CoreServices, start: dt.date, end: dt.date, *, missing_limit: int = 200) -> Coverage:
    """In-scope projects under way in ``[start, end]`` with and without a board set up by
    ``end``; counted in SQL, with the first ``missing_limit`` projects lacking a board."""
    under_way = ProjectRow.select().where(
        ProjectRow.funding.in_(IN_SCOPE_FUNDING),
        (ProjectRow.start_on.is_null(True)) | (ProjectRow.start_on <= end),
        (ProjectRow.end_on.is_null(True)) | (ProjectRow.end_on >= start),
    )
    # correlated on the board's project index: never the whole board history (issue 16)
    boarded = fn.EXISTS(BoardRow.select(SQL("1")).where(BoardRow.project == ProjectRow.id,
                                                        BoardRow.established_on <= end))
    total = under_way.count()
    with_board = under_way.where(boarded).count()
    missing = tuple(to_project(r) for r in under_way.where(~boarded)
                    .order_by(ProjectRow.code).limit(missing_limit)) if missing_limit else ()
    return Coverage(total, with_board, total - with_board,
                    round(100 * with_board / total, 1) if total else None, missing)


def warnings(core: CoreServices, today: dt.date | None = None, *, actor: Actor | None = None) -> list[Alert]:
    """Things to act on, for ``actor`` (``None``: all, for the daily check): in-scope
    projects not yet finished without a board (seen by who may set one up or keeps the
    register), late investor notices (R-GS-09), recommendations past their R-GS-10
    answer date — each within its board's scope."""
    today = today or dt.date.today()
    seen: Reach = (reach(core, actor, P_VIEW) | reach(core, actor, P_BOARDS)) if actor is not None \
        else Reach(True, True)
    out = [Alert("no_board", p.id, f"Dự án {p.code} – {p.name} thuộc phạm vi giám sát nhưng chưa có Ban Giám sát "
                                    "đầu tư của cộng đồng (R-GS-01).")
           for p in coverage(core, today, dt.date.max).missing] if seen.boardless else []
    for row in PlanRow.select(PlanRow, BoardRow).join(BoardRow).where(BoardRow.state == "active"):
        if not seen.board(row.board_id):
            continue
        for msg in plan_warnings(core, to_plan(core, row), today):
            out.append(Alert("plan_notice", row.board.project_id, msg))
    for rec in overdue(today):
        if seen.board(rec.board_id):
            out.append(Alert("answer_overdue", None, f"Kiến nghị {rec.number} của Ban giám sát quá hạn trả lời từ "
                                                     f"ngày {format_date(rec.due_date)} (R-GS-10).", rec.id))
    return out
