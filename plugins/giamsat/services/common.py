"""What every section shares: the module's settings, its offices' units, scopes, row → type,
and the checks of typed input (text length, dates not in the future)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core.access import Scope
from thanthien.core.errors import IllegalTransition, NotFound
from thanthien.core.models import UnitRow, to_type
from thanthien.core.people import unit_by_code
from thanthien.core.storage.db import is_sqlite
from thanthien.core.text import format_date

from ..models import BoardRow, MemberRow, ProjectRow
from ..settings import GiamsatSettings
from ..types import BOARD_OWNER, PLUGIN, PROJECT_OWNER, Board, Member, Project

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

Errors = list[tuple[str, str]]


def config(core: CoreServices) -> GiamsatSettings:
    """``[plugin.giamsat]`` (validated at start)."""
    return core.config(PLUGIN)


def _unit_id(code: str) -> int | None:
    unit = unit_by_code(code) if code else None
    return unit.id if unit is not None else None


def front_unit_id(core: CoreServices) -> int | None:
    """The Front Committee's unit (``front_unit``); None when the ward has no such unit."""
    return _unit_id(config(core).front_unit)


def register_unit_id(core: CoreServices) -> int | None:
    """The unit keeping the project register (``register_unit``, the economic department)."""
    return _unit_id(config(core).register_unit)


def office_unit_ids(core: CoreServices) -> tuple[int | None, int | None]:
    """(the Front Committee's unit, the register's unit), in one query; None for a missing one."""
    cfg = config(core)
    found = {u.code: u.id for u in UnitRow.select(UnitRow.id, UnitRow.code)
             .where(UnitRow.code.in_([cfg.front_unit, cfg.register_unit]))}
    return found.get(cfg.front_unit), found.get(cfg.register_unit)


# ---------------------------------------------------------------------------
# scopes: what a resource belongs to (see services.access for the rule)
# ---------------------------------------------------------------------------

def board_scope(core: CoreServices, board_id: int) -> Scope:
    """A board and everything of it (members, plans, inspections, photos, reports,
    recommendations): the Front Committee's unit, owner ``giamsat.board``."""
    return Scope(unit_id=front_unit_id(core), owner=BOARD_OWNER, owner_id=board_id)


def project_scope(core: CoreServices, project_id: int | None) -> Scope:
    """A project (its board's scope once it has one): the register's unit, owner
    ``giamsat.project``; ``project_id=None`` is the register itself (a new project)."""
    return Scope(unit_id=register_unit_id(core), owner=PROJECT_OWNER, owner_id=project_id)


# ---------------------------------------------------------------------------
# rows → types
# ---------------------------------------------------------------------------

def to_project(row: ProjectRow) -> Project:
    return to_type(Project, row, group_ids=tuple(row.group_ids or ()))


def to_member(row: MemberRow) -> Member:
    return to_type(Member, row, board_id=row.board_id, group_id=row.group_id, person_id=row.person_id,
                   relations=tuple(row.relations or ()))


def to_board(row: BoardRow) -> Board:
    everyone = [to_member(m) for m in MemberRow.select().where(MemberRow.board == row.id).order_by(MemberRow.id)]
    return to_type(Board, row, project_id=row.project_id, members=tuple(m for m in everyone if m.current),
                   former_members=tuple(m for m in everyone if not m.current))


def get_project(project_id: int) -> Project:
    """A project, unchecked (callers check the scope)."""
    row = ProjectRow.get_or_none(ProjectRow.id == project_id)
    if row is None:
        raise NotFound(f"Không tìm thấy chương trình, dự án số {project_id}.")
    return to_project(row)


def get_board(board_id: int) -> Board:
    """A board, unchecked (callers check the scope)."""
    row = BoardRow.get_or_none(BoardRow.id == board_id)
    if row is None:
        raise NotFound(f"Không tìm thấy Ban giám sát số {board_id}.")
    return to_board(row)


def board_id_of(project_id: int) -> int | None:
    """The id of the project's board (the latest, when a ward configured more than one)."""
    row = (BoardRow.select(BoardRow.id).where(BoardRow.project == project_id).order_by(BoardRow.id.desc())
           .first())
    return row.id if row else None


def board_of(project_id: int) -> Board | None:
    """The project's board, unchecked (callers check the scope)."""
    board_id = board_id_of(project_id)
    return get_board(board_id) if board_id is not None else None


def active_board(board_id: int, doing: str) -> Board:
    board = get_board(board_id)
    if not board.active:  # R-GS-01: the board dissolved when the supervision ended
        raise IllegalTransition(f"Ban giám sát đã giải thể ngày {format_date(board.dissolved_on)}; "
                                f"không thể {doing}.")
    return board


def group_names(ids) -> list[str]:
    ids = list(ids)
    if not ids:
        return []
    return [u.name for u in UnitRow.select().where(UnitRow.id.in_(ids)).order_by(UnitRow.sort, UnitRow.code)]


def community_groups() -> list[UnitRow]:
    """The ward's residential groups and villages (where a project is carried out)."""
    return list(UnitRow.select().where(UnitRow.kind.in_(("residential_group", "village")),
                                       UnitRow.active == True)  # noqa: E712
                .order_by(UnitRow.sort, UnitRow.code))


# ---------------------------------------------------------------------------
# checks of typed input
# ---------------------------------------------------------------------------

def text(value: str | None, key: str, label: str, errors: Errors, *, required: bool = True,
         max_len: int = 500) -> str:
    """``value`` stripped; a message when it is required and empty, or too long."""
    value = (value or "").strip()
    if required and not value:
        errors.append((key, f"Vui lòng nhập {label}."))
    elif len(value) > max_len:
        errors.append((key, f"{label[:1].upper()}{label[1:]} dài quá {max_len} ký tự."))
    return value


def day(value: dt.date | None, key: str, label: str, errors: Errors, *, required: bool = True,
        not_future: bool = False) -> dt.date | None:
    """A date given (a datetime counts by its day); a message when missing or in the future."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if value is None:
        if required:
            errors.append((key, f"Vui lòng nhập {label} (dd/mm/yyyy)."))
        return None
    if not isinstance(value, dt.date):
        errors.append((key, f"{label[:1].upper()}{label[1:]} không hợp lệ (dd/mm/yyyy)."))
        return None
    if not_future and value > dt.date.today():
        errors.append((key, f"{label[:1].upper()}{label[1:]} không được sau ngày hôm nay."))
    return value


def lock(model, row_id: int):
    """Read a row for writing (row lock on PostgreSQL; SQLite writes are IMMEDIATE)."""
    q = model.select().where(model.id == row_id)
    if not is_sqlite():
        q = q.for_update()
    return q.first()
