"""What every section shares: the module's settings, the board's unit and scope, the
board as an issuing body, dates."""
from __future__ import annotations

import calendar as _cal
import datetime as dt
from fractions import Fraction
from typing import TYPE_CHECKING

from thanthien.core import people
from thanthien.core.access import Scope
from thanthien.core.documents import Issuer
from thanthien.core.models import UnitRow
from thanthien.core.types import COMMUNITY_UNIT_KINDS, Actor

from ..settings import ThanhtraSettings
from ..types import BOARD_OWNER, BOARD_UNIT_KIND, PLUGIN

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

FRONT_STANDING = "Ban Thường trực Ủy ban MTTQ Việt Nam phường"
ARCHIVE = "Lưu: Ban Thanh tra nhân dân"
SIGNER_TITLE = "Trưởng Ban Thanh tra nhân dân"
SIGNING_AUTHORITY = "TM. BAN THANH TRA NHÂN DÂN"


def config(core: CoreServices) -> ThanhtraSettings:
    """``[plugin.thanhtra]`` (validated at start)."""
    return core.config(PLUGIN)


def clean(text: object) -> str:
    return str(text or "").strip()


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the last day of the month when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, _cal.monthrange(year, month)[1]))


def board_issuer(core: CoreServices) -> Issuer:
    """The board issues its own documents (R-VB-09, R-VB-10: "…/KH-BTTND"), under the
    Front Committee that organises it (R-VB-08)."""
    name = core.settings.ward.name
    return Issuer(f"Ban Thanh tra nhân dân {name}", "BTTND", f"Ủy ban Mặt trận Tổ quốc Việt Nam {name}")


def board_unit_id() -> int | None:
    """The board's unit (kind ``inspection_board``) if the ward has one."""
    row = (UnitRow.select(UnitRow.id).where(UnitRow.kind == BOARD_UNIT_KIND, UnitRow.active == True)  # noqa: E712
           .order_by(UnitRow.id).first())
    return row.id if row else None


def ensure_board_unit(actor: Actor) -> int:
    """The board's unit, created under the People's Committee when the ward has none (the
    board exists from its first term): every resource of the board belongs to it."""
    unit_id = board_unit_id()
    if unit_id is not None:
        return unit_id
    root = UnitRow.select(UnitRow.id).where(UnitRow.parent.is_null(), UnitRow.kind == "peoples_committee").first()
    code = "BTTND"
    while UnitRow.select().where(UnitRow.code == code).exists():
        code += "-1"
    return people.create_unit(code, "Ban Thanh tra nhân dân", BOARD_UNIT_KIND, parent_id=root.id if root else None,
                              actor=actor).id


def board_scope(owner_id: int | None = None) -> Scope:
    """The scope of every resource of the board: its unit, owner ``thanhtra.board``.

    A board member reaches it only while a recognised member of the board's current term;
    leaders and the Front Committee's officer by their roles (``services.membership``)."""
    return Scope(unit_id=board_unit_id(), owner=BOARD_OWNER, owner_id=owner_id)


def community_groups() -> list:
    """The residential groups (thôn, tổ dân phố) that elect the board's members."""
    return people.list_units(COMMUNITY_UNIT_KINDS)


def more_than(core: CoreServices, ref: str, votes: int, base: int, on: dt.date) -> bool:
    """More than the percentage ``ref`` of ``base`` (all households, all members)."""
    return base > 0 and Fraction(votes, base) > core.rules.fraction(ref, on)
