"""Who reaches a board and its project: the module's ``access_for_scope`` rule.

The role ``board_member`` serves the People's Inspection Board and every supervision
board alike, so its grant never reaches a board by itself: only a CURRENT member of THAT
board (membership not ended, board not dissolved) acts with it, on that board only.
Other roles reach boards through core's role × unit table over the module's two offices
— the Front Committee's unit (UB MTTQ sets boards up, R-GS-01) and the register's unit
(the economic department) — and leaders through their ward-wide grant.

===============================  ===========================================================
scope                            who reaches it (holding the permission)
===============================  ===========================================================
``giamsat.board`` *id*           staff of the offices (role × unit); a current member of *id*
``giamsat.project`` with board   as its board
``giamsat.project`` without      leaders and the register's unit; with ``giamsat.boards``
                                 also the Front Committee (to set the board up)
``case`` of a recommendation     as its board (``giamsat.*`` permissions only)
anything else                    no opinion (``None``): core's table decides
===============================  ===========================================================

First answer wins (Datasette-style default permissions): the plugin answers ``True`` or
``False`` for the scopes it owns and ``None`` for the rest. Lists use :func:`reach`, which
applies the same pieces once for many rows.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
from thanthien.core.access import Scope
from thanthien.core.types import Actor

from ..models import BoardRow, MemberRow, RecommendationRow
from ..types import BOARD_MEMBER_ROLE, BOARD_OWNER, P_BOARDS, PLUGIN, PROJECT_OWNER
from .common import board_id_of, office_unit_ids

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def decide(core: CoreServices, actor: Actor, permission: str, scope: Any) -> bool | None:
    """The answer for ``access_for_scope`` (see the module docstring)."""
    if not isinstance(scope, Scope):
        return None  # ANYWHERE: route gates and menus, core's table
    if scope.owner == "case":
        if not permission.startswith(PLUGIN + ".") or scope.owner_id is None:
            return None
        row = RecommendationRow.get_or_none(RecommendationRow.case == scope.owner_id)
        return None if row is None else on_board(core, actor, permission, row.board_id)
    if scope.owner == BOARD_OWNER:
        if scope.owner_id is None:
            return by_office(core, actor, permission, board_offices(core))
        return on_board(core, actor, permission, scope.owner_id)
    if scope.owner == PROJECT_OWNER:
        board_id = board_id_of(scope.owner_id) if scope.owner_id is not None else None
        if board_id is not None:
            return on_board(core, actor, permission, board_id)
        return by_office(core, actor, permission, boardless_offices(core, permission))
    return None


def board_offices(core: CoreServices) -> tuple[int | None, ...]:
    """Units whose staff reach every board: the Front Committee's and the register's."""
    return office_unit_ids(core)


def boardless_offices(core: CoreServices, permission: str) -> tuple[int | None, ...]:
    """Units whose staff reach a project without a board: the register's; the Front
    Committee's too for setting its board up (``giamsat.boards``)."""
    front, register = office_unit_ids(core)
    return (register, front) if permission == P_BOARDS else (register,)


def by_office(core: CoreServices, actor: Actor, permission: str, units: tuple[int | None, ...]) -> bool:
    """Core's role × unit table over one of ``units`` (a missing unit: ward-wide grants
    only), the ``board_member`` grants set aside."""
    staff = attrs.evolve(actor, roles=frozenset(g for g in actor.roles if g[0] != BOARD_MEMBER_ROLE))
    if not staff.roles:
        return False
    return any(core.access.can(staff, permission, Scope(unit_id=unit)) for unit in dict.fromkeys(units))


def on_board(core: CoreServices, actor: Actor, permission: str, board_id: int) -> bool:
    """An office's staff, a leader, or a current member of this board."""
    if by_office(core, actor, permission, board_offices(core)):
        return True
    return acts_as_member(core, actor, permission) and board_id in member_boards(actor, [board_id])


def acts_as_member(core: CoreServices, actor: Actor, permission: str) -> bool:
    """Whether ``actor`` holds ``permission`` through the ``board_member`` role."""
    return actor.has_role(BOARD_MEMBER_ROLE) and BOARD_MEMBER_ROLE in core.access.roles_holding(permission)


def member_boards(actor: Actor, board_ids: list[int] | None = None) -> set[int]:
    """Boards ``actor`` currently sits on: membership not ended, board not dissolved."""
    if actor.person_id is None:
        return set()
    q = (MemberRow.select(MemberRow.board).join(BoardRow)
         .where(MemberRow.person == actor.person_id, MemberRow.left_on.is_null(True), BoardRow.state == "active"))
    if board_ids is not None:
        q = q.where(MemberRow.board.in_(board_ids))
    return {r.board_id for r in q}


@attrs.frozen
class Reach:
    """What an actor reaches with one permission, for filtering lists."""

    every_board: bool  # an office's staff or a leader
    boardless: bool  # projects without a board
    boards: frozenset[int] = frozenset()  # boards reached by current membership

    def board(self, board_id: int) -> bool:
        return self.every_board or board_id in self.boards

    def project(self, board_id: int | None) -> bool:
        """A project of this board (``None``: a project without a board)."""
        return self.boardless if board_id is None else self.board(board_id)

    def __or__(self, other: Reach) -> Reach:
        return Reach(self.every_board or other.every_board, self.boardless or other.boardless,
                     self.boards | other.boards)


def reach(core: CoreServices, actor: Actor | None, permission: str) -> Reach:
    """The same rule as :func:`decide`, computed once: which boards and projects ``actor``
    reaches with ``permission``."""
    if actor is None:
        return Reach(False, False)
    if actor.kind == "system":
        return Reach(True, True)
    every = by_office(core, actor, permission, board_offices(core))
    boardless = by_office(core, actor, permission, boardless_offices(core, permission))
    boards = frozenset() if every or not acts_as_member(core, actor, permission) else frozenset(member_boards(actor))
    return Reach(every, boardless, boards)
