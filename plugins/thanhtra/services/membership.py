"""Who acts for the board: membership is the scope.

Core ships one ``board_member`` role for the People's Inspection Board and for every
Community Investment Supervision Board; the role says *what* a member may do, membership
says *where*. A resource of the inspection board — owner ``thanhtra.*`` or the board's
unit (kind ``inspection_board``) — is reached through ``board_member`` only by a
recognised member of the board's current term (R-TTND-01, R-BQ-33: a member acts from the
UB MTTQ recognition until he or she leaves; R-TTND-04: the board of a term). Leaders,
department staff and administrators keep the role × unit table; the Front Committee's
officer, who organises the board (R-TTND-03, R-TTND-06), holds his or her permissions over
the board wherever the grant is. :func:`board_access` is this plugin's
``access_for_scope`` answer (``None`` for scopes it does not own).
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs
from thanthien.core.access import Scope
from thanthien.core.models import UnitRow
from thanthien.core.storage.db import now
from thanthien.core.types import Actor

from ..models import MemberRow, TermRow
from ..types import BOARD_UNIT_KIND, PLUGIN

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

#: roles whose reach over the board is decided here, not by the role × unit table
BOARD_ROLES = frozenset({"board_member", "front_officer"})


def term_running(on: dt.date) -> TermRow | None:
    """The term running on ``on`` (none between two terms)."""
    return (TermRow.select().where(TermRow.start_on <= on, TermRow.end_on >= on)
            .order_by(TermRow.start_on.desc()).first())


def is_current_member(person_id: int | None, on: dt.date | None = None) -> bool:
    """Whether the person is a recognised member of the term running on ``on`` (today) and
    has not left: elected but not yet recognised (R-BQ-33), removed or released
    (R-TTND-06), or a member of another term is not."""
    if person_id is None:
        return False
    on = on or now().date()
    term = term_running(on)
    if term is None:
        return False
    return (MemberRow.select().where(
        MemberRow.term == term.id, MemberRow.person == person_id, MemberRow.state == "active",
        MemberRow.recognised_on <= on, MemberRow.left_on.is_null(True) | (MemberRow.left_on > on)).exists())


def is_board_resource(scope: Scope) -> bool:
    """A resource of the inspection board: owner ``thanhtra.*``, or the board's unit."""
    if scope.owner.startswith(PLUGIN + "."):
        return True
    if scope.unit_id is None:
        return False
    unit = UnitRow.select(UnitRow.kind).where(UnitRow.id == scope.unit_id).first()
    return unit is not None and unit.kind == BOARD_UNIT_KIND


def board_access(core: CoreServices, actor: Actor, permission: str, scope: object) -> bool | None:
    """The ``access_for_scope`` answer for the board's resources; ``None`` for the rest."""
    if not isinstance(scope, Scope):
        return None  # ANYWHERE: route gates and menus keep the role table
    if not scope.owner.startswith(PLUGIN + ".") and not any(actor.has_role(r) for r in BOARD_ROLES):
        return None  # another plugin's resource, and no board role to restrict or extend
    if not is_board_resource(scope):
        return None
    access = core.access
    others = attrs.evolve(actor, roles=frozenset(g for g in actor.roles if g[0] not in BOARD_ROLES))
    if access.role_table_allows(others, permission, scope):
        return True  # leaders, department staff, administrators: the role × unit table
    holders = set(access.roles_holding(permission))
    if "front_officer" in holders and actor.has_role("front_officer"):
        return True  # UB MTTQ organises the board (R-TTND-03, R-TTND-06)
    if "board_member" in holders and actor.has_role("board_member"):
        return is_current_member(actor.person_id)  # membership is the scope
    return False
