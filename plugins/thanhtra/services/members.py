"""Members, seats and officers (R-TTND-02, R-TTND-03, R-BQ-33): who sits on the board,
how many seats it must have, the UB MTTQ recognition, the Trưởng ban who signs."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core import audit
from thanthien.core.errors import IllegalTransition, NotFound, ValidationError
from thanthien.core.models import UnitRow, to_type
from thanthien.core.rules import RuleBook
from thanthien.core.storage.db import write_transaction
from thanthien.core.types import Actor

from ..models import MemberRow
from ..types import OFFICES, P_BOARD, P_RECOGNISE, P_VIEW, Member, SeatStatus
from .common import board_scope, clean, community_groups
from .terms import current_term

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def to_member(row: MemberRow) -> Member:
    return to_type(Member, row, term_id=row.term_id, person_id=row.person_id, group_id=row.group_id,
                   group_name=row.group.name)


def get_member(member_id: int) -> Member:
    row = MemberRow.get_or_none(MemberRow.id == member_id)
    if row is None:
        raise NotFound(f"Không tìm thấy thành viên số {member_id}.")
    return to_member(row)


def members(term_id: int | None, *, include_left: bool = False) -> list[Member]:
    """The members of a term, by residential group (those who left only on request)."""
    if term_id is None:
        return []
    q = (MemberRow.select(MemberRow, UnitRow).join(UnitRow, on=(MemberRow.group == UnitRow.id))
         .where(MemberRow.term == term_id).order_by(UnitRow.sort, UnitRow.code, MemberRow.id))
    if not include_left:
        q = q.where(MemberRow.state != "left")
    return [to_member(r) for r in q]


def required_seats(rules: RuleBook, groups: int, on: dt.date) -> int:
    """R-TTND-02: one member per thôn/TDP, at least ``min_members``; a commune with fewer
    than ``small_commune_below_units`` thôn/TDP elects at most ``small_commune_max_members``."""
    per_unit = int(rules.value("R-TTND-02.members_per_community_unit", on))
    seats = max(groups * per_unit, int(rules.value("R-TTND-02.min_members", on)))
    if groups < int(rules.value("R-TTND-02.small_commune_below_units", on)):
        seats = min(seats, int(rules.value("R-TTND-02.small_commune_max_members", on)))
    return seats


def seat_status(core: CoreServices, term_id: int | None, on: dt.date | None = None) -> SeatStatus:
    """Seats required and filled; warns about every group without a member (R-TTND-02)."""
    on = on or dt.date.today()
    groups = community_groups()
    required = required_seats(core.rules, len(groups), on)
    current = members(term_id)
    active = [m for m in current if m.state == "active"]
    waiting = [m for m in current if m.state == "elected"]
    seated = {m.group_id for m in current}
    missing_groups = tuple(g.name for g in groups if g.id not in seated)
    warnings = []
    if term_id is None:
        warnings.append("Chưa có nhiệm kỳ của Ban Thanh tra nhân dân.")
    elif len(active) < required:
        text = f"Ban cần {required} thành viên (R-TTND-02), hiện có {len(active)} thành viên đã được công nhận"
        if waiting:
            text += f", {len(waiting)} người trúng cử đang chờ Ủy ban MTTQ công nhận"
        warnings.append(text + ".")
        if missing_groups:
            shown = ", ".join(missing_groups[:10]) + (" …" if len(missing_groups) > 10 else "")
            warnings.append(f"{len(missing_groups)} tổ dân phố chưa có thành viên: {shown}.")
    return SeatStatus(len(groups), required, len(active), len(waiting), missing_groups, tuple(warnings))


def recognise_member(core: CoreServices, member_id: int, *, recognised_on: dt.date | None, decision_ref: str,
                     actor: Actor) -> Member:
    """R-BQ-33: the election takes effect on the UB MTTQ recognition decision."""
    core.access.require(actor, P_RECOGNISE, board_scope(member_id))
    errors = []
    if recognised_on is None:
        errors.append(("recognised_on", "Vui lòng nhập ngày công nhận (dd/mm/yyyy)."))
    if not clean(decision_ref):
        errors.append(("decision_ref", "Vui lòng nhập số quyết định công nhận của Ủy ban MTTQ."))
    member = get_member(member_id)
    if member.state != "elected":
        raise IllegalTransition(f"{member.full_name} không ở trạng thái chờ công nhận.")
    if recognised_on and recognised_on < member.elected_on:
        errors.append(("recognised_on", "Ngày công nhận không được trước ngày bầu."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        MemberRow.update(state="active", recognised_on=recognised_on,
                         recognition_ref=clean(decision_ref)[:100]).where(MemberRow.id == member_id).execute()
        audit.record("thanhtra.member.recognise", "thanhtra_member", member_id, actor=actor,
                     before={"state": "elected"}, after={"state": "active", "recognised_on": recognised_on,
                                                         "decision_ref": clean(decision_ref)})
    return get_member(member_id)


def set_office(core: CoreServices, member_id: int, *, office: str, decided_on: dt.date | None,
               actor: Actor) -> Member:
    """R-TTND-03: one Trưởng ban, at most ``max_deputies`` Phó Trưởng ban, the others
    Ủy viên; elected by the board at a meeting organised by UB MTTQ (``decided_on``)."""
    core.access.require(actor, P_BOARD, board_scope(member_id))
    errors = []
    if decided_on is None:
        errors.append(("decided_on", "Vui lòng nhập ngày họp bầu chức danh (dd/mm/yyyy)."))
    if office not in OFFICES:
        errors.append(("office", "Chức danh không hợp lệ."))
    if errors:
        raise ValidationError(errors)
    member = get_member(member_id)
    if member.state != "active":
        raise IllegalTransition(f"{member.full_name} chưa được Ủy ban MTTQ công nhận hoặc đã thôi làm thành viên.")
    others = [m for m in members(member.term_id) if m.id != member.id and m.state == "active"]
    if office == "truong_ban":
        head = next((m for m in others if m.office == "truong_ban"), None)
        if head is not None:
            raise ValidationError([("office", f"Ban đã có Trưởng ban ({head.full_name}); hãy chuyển người đó sang "
                                              f"chức danh khác trước (R-TTND-03).")])
    if office == "pho_truong_ban":
        limit = int(core.rules.value("R-TTND-03.max_deputies", decided_on))  # R-TTND-03
        if sum(1 for m in others if m.office == "pho_truong_ban") >= limit:
            raise ValidationError([("office", f"Ban có tối đa {limit} Phó Trưởng ban (R-TTND-03).")])
    with write_transaction():
        MemberRow.update(office=office, office_decided_on=decided_on).where(MemberRow.id == member_id).execute()
        audit.record("thanhtra.member.office", "thanhtra_member", member_id, actor=actor,
                     before={"office": member.office}, after={"office": office, "decided_on": decided_on})
    return get_member(member_id)


def board_head(on: dt.date | None = None) -> Member:
    """The active Trưởng ban, who signs the board's documents (R-TTND-03)."""
    term = current_term(on)
    head = next((m for m in members(term.id if term else None)
                 if m.state == "active" and m.office == "truong_ban"), None)
    if head is None:
        raise ValidationError([("signer", "Ban Thanh tra nhân dân chưa có Trưởng ban để ký văn bản (R-TTND-03).")])
    return head


def active_member_count(on: dt.date) -> int:
    """Members recognised by ``on`` and not left: the base of the board's votes (R-TTND-13)."""
    term = current_term(on)
    if term is None:
        return 0
    return (MemberRow.select().where(MemberRow.term == term.id, MemberRow.state != "elected",
                                     MemberRow.recognised_on <= on,
                                     (MemberRow.left_on.is_null(True)) | (MemberRow.left_on > on)).count())


def view_member(core: CoreServices, member_id: int, *, actor: Actor | None) -> Member:
    """A member for ``actor`` (readers of the board only)."""
    core.access.require(actor, P_VIEW, board_scope(member_id))
    return get_member(member_id)
