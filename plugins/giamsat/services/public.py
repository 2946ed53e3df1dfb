"""The public record (plan III.2.3b; R-CK item 3): projects under supervision, read without
an actor. Only a project in scope with a board is shown; the views' models
(``schemas.PublicProject``) whitelist the fields that reach a public page."""
from __future__ import annotations

from typing import TYPE_CHECKING

from thanthien.core.errors import NotFound

from ..models import BoardRow, ProjectRow
from ..types import IN_SCOPE_FUNDING, Board, Project, SupervisedProject
from .citizen_reports import report_counts
from .common import board_of, get_project, to_board, to_project
from .content import board_checks
from .inspections import board_inspections
from .plans import board_plans
from .projects import latest_boards
from .recommendations import board_recommendations

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def supervised_projects(core: CoreServices, limit: int = 500) -> list[tuple[Project, Board]]:
    """Projects in scope with a board (those under the community's supervision), newest first."""
    rows = list(ProjectRow.select().where(ProjectRow.funding.in_(IN_SCOPE_FUNDING))
                .order_by(ProjectRow.start_on.desc(nulls="LAST"), ProjectRow.id.desc()).limit(limit))
    boards = latest_boards([r.id for r in rows])
    board_rows = {b.id: b for b in BoardRow.select().where(BoardRow.id.in_(list(boards.values())))} if boards else {}
    return [(to_project(r), to_board(board_rows[boards[r.id]])) for r in rows if r.id in boards]


def supervised_project(core: CoreServices, project_id: int) -> SupervisedProject:
    """One project under supervision, as the community is told about it."""
    project = get_project(project_id)
    board = board_of(project.id) if project.in_scope else None
    if board is None:
        raise NotFound("Dự án này chưa có Ban Giám sát đầu tư của cộng đồng.")
    received, handled = report_counts(project.id)
    return SupervisedProject(project, board, tuple(board_plans(core, board.id)),
                             tuple(board_checks(board.id, project.funding)), tuple(board_inspections(board.id)),
                             tuple(board_recommendations(board.id)), received, handled)
