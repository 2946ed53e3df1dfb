"""Boards and members: R-GS-01, R-GS-03, R-GS-04, R-GS-05, R-GS-06, R-BQ-33.

UB MTTQ (``giamsat.boards``) sets up one board per project in scope, completes it, ends a
membership and dissolves the board when the supervision ends. Every check reads the whole
board again; a refused input stores nothing.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from thanthien.core import audit
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.models import PersonRow, RoleGrantRow
from thanthien.core.storage.db import write_transaction
from thanthien.core.types import Actor

from ..models import BoardRow, CheckRow, MemberRow, ProjectRow
from ..types import (
    BOARD_ROLES,
    CONFLICT_PARTIES,
    P_BOARDS,
    P_VIEW,
    RELATION_PARTIES,
    REPRESENTING,
    Board,
    Member,
    MemberInput,
    Project,
    Relation,
    content_items,
)
from .common import (
    active_board,
    board_id_of,
    board_scope,
    day,
    get_board,
    get_project,
    lock,
    project_scope,
    text,
    to_board,
    to_member,
)
from .projects import scope_reason

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

#: Roles of people who are not commune cadres or civil servants: board members and the
#: part-time heads of residential groups (người hoạt động không chuyên trách ở tổ dân phố).
NOT_OFFICIAL_ROLES = frozenset({"board_member", "group_head"})


def view_board(core: CoreServices, board_id: int, *, actor: Actor, permission: str = P_VIEW) -> Board:
    """A board read by ``actor`` within its scope (members of THIS board, the offices, leaders)."""
    board = get_board(board_id)
    core.access.require(actor, permission, board_scope(core, board.id))
    return board


def board_of(core: CoreServices, project_id: int, *, actor: Actor) -> Board | None:
    """The project's board, read within the project's scope."""
    core.access.require(actor, P_VIEW, project_scope(core, project_id))
    board_id = board_id_of(project_id)
    return get_board(board_id) if board_id is not None else None


def member(member_id: int) -> Member:
    row = MemberRow.get_or_none(MemberRow.id == member_id)
    if row is None:
        raise NotFound(f"Không tìm thấy thành viên Ban giám sát số {member_id}.")
    return to_member(row)


def is_official(person: PersonRow) -> bool:
    """R-GS-06: a staff person of the ward is a commune cadre or civil servant unless every
    role he or she holds is one of :data:`NOT_OFFICIAL_ROLES`."""
    if not person.is_staff:
        return False
    roles = {g.role for g in RoleGrantRow.select(RoleGrantRow.role).where(RoleGrantRow.person == person.id)}
    return not roles or not roles <= NOT_OFFICIAL_ROLES


def _relations(raw: Sequence[Relation], who: str, field: str, errors: list) -> list[dict[str, str]]:
    """Declared relations (R-GS-06), stored as ``[{"name", "relation", "party"}]``; empty rows dropped."""
    out = []
    for rel in raw or ():
        name, relation, party = rel.name.strip(), rel.relation.strip(), rel.party.strip()
        if not (name or relation or party):
            continue
        if party not in RELATION_PARTIES:
            errors.append((field, f"Vui lòng chọn người thân của {who} là ai trong dự án."))
            continue
        if not name or not relation:
            errors.append((field, f"Vui lòng ghi họ tên và quan hệ của người thân được kê khai của {who}."))
            continue
        if party in CONFLICT_PARTIES:  # R-GS-06 (Luật DCCS Art. 42)
            errors.append((field, f"{who} có người thân ({relation}: {name}) là {CONFLICT_PARTIES[party]} của dự án, "
                                  "nên không đủ tiêu chuẩn thành viên Ban giám sát (Luật Thực hiện dân chủ ở cơ sở, "
                                  "Điều 42)."))
            continue
        out.append({"name": name[:255], "relation": relation[:64], "party": party})
    return out


def _check_member(project: Project, raw: MemberInput, index: int, errors: list) -> dict[str, Any]:
    """One member's own checks: fields, residence in an affected group, R-GS-06."""
    field = f"thanh_vien_{index}"
    name = raw.full_name.strip()
    who = name or f"Thành viên thứ {index}"
    if not name:
        errors.append((field, f"Vui lòng nhập họ và tên thành viên thứ {index}."))
    elif len(name) > 255:
        errors.append((field, f"Họ và tên thành viên thứ {index} dài quá 255 ký tự."))
    role = raw.board_role.strip() or "uy_vien"
    if role not in BOARD_ROLES:
        errors.append((field, f"Chức danh trong Ban của {who} không hợp lệ."))
    representing = raw.representing.strip()
    if representing not in REPRESENTING:
        errors.append((field, f"Vui lòng chọn {who} là đại diện của Ủy ban MTTQ, Ban Thanh tra nhân dân hay Nhân dân."))
    person = None
    if raw.person_id is not None:
        person = PersonRow.get_or_none(PersonRow.id == raw.person_id)
        if person is None:
            errors.append((field, f"Không tìm thấy người dân đã chọn cho {who}."))
    # R-GS-06: not a commune cadre or civil servant (declared, or a staff person of the ward).
    if raw.is_official or (person is not None and is_official(person)):
        errors.append((field, f"{who} là cán bộ, công chức cấp xã nên không được làm thành viên Ban giám sát "
                              "(Luật Thực hiện dân chủ ở cơ sở, Điều 42)."))
    group_id = raw.group_id
    if group_id is None and person is not None and person.household_id:
        group_id = person.household.group_id
    if representing == "nhan_dan":  # R-GS-03: residents of the affected groups
        if group_id is None:
            errors.append((field, f"Vui lòng chọn tổ dân phố nơi {who} cư trú."))
        elif group_id not in project.group_ids:
            errors.append((field, f"{who} không cư trú tại tổ dân phố chịu tác động của dự án; đại diện Nhân dân "
                                  "phải là người dân nơi thực hiện dự án (R-GS-03)."))
    relations = _relations(raw.relations, who, field, errors)
    joined = day(raw.joined_on, field, f"ngày tham gia của {who}", errors, required=False)
    return {"full_name": name, "board_role": role, "representing": representing, "group": group_id,
            "person": person.id if person else None, "relations": relations, "joined_on": joined}


def composition_problems(core: CoreServices, members: list[dict[str, Any]], on: dt.date) -> list[tuple[str, str]]:
    """The board as a whole: R-GS-03 (size and who is represented), R-GS-04, R-GS-05."""
    errors: list[tuple[str, str]] = []
    minimum = int(core.rules.value("R-GS-03.min_members", on))
    if len(members) < minimum:  # R-GS-03
        errors.append(("members", f"Ban giám sát phải có ít nhất {minimum} thành viên; danh sách mới có "
                                  f"{len(members)} (R-GS-03)."))
    kinds = [m["representing"] for m in members]
    for key, label in (("mttq", "một đại diện Ủy ban MTTQ phường"), ("bttnd", "một đại diện Ban Thanh tra nhân dân"),
                       ("nhan_dan", "đại diện Nhân dân nơi thực hiện dự án")):
        if key not in kinds:  # R-GS-03
            errors.append(("members", f"Ban giám sát phải có {label} (R-GS-03)."))
    residents = kinds.count("nhan_dan")
    max_residents = int(core.rules.value("R-GS-04.max_resident_members", on))
    if residents > max_residents:  # R-GS-04
        errors.append(("members", f"Số thành viên là đại diện Nhân dân tối đa {max_residents} người; danh sách có "
                                  f"{residents} (R-GS-04)."))
    roles = [m["board_role"] for m in members]
    if roles.count("truong_ban") != 1:
        errors.append(("members", "Ban giám sát có một Trưởng ban."))
    max_deputies = int(core.rules.value("R-GS-05.max_deputies", on))
    if roles.count("pho_truong_ban") > max_deputies:  # R-GS-05
        errors.append(("members", f"Ban giám sát có không quá {max_deputies} Phó Trưởng ban; danh sách có "
                                  f"{roles.count('pho_truong_ban')} (R-GS-05)."))
    people = [m["person"] for m in members if m["person"]]
    if len(people) != len(set(people)):
        errors.append(("members", "Một người được ghi hai lần trong danh sách thành viên."))
    return errors


def _current(board: Board) -> list[dict[str, Any]]:
    return [{"representing": m.representing, "board_role": m.board_role, "person": m.person_id}
            for m in board.members]


def create_board(core: CoreServices, project_id: int, *, decision_ref: str, established_on: dt.date | None,
                 members: Sequence[MemberInput], actor: Actor) -> Board:
    """UB MTTQ sets up the project's board (R-GS-01) with its members (R-GS-03 … R-GS-06).

    ``decision_ref`` is the UB MTTQ decision that sets up the board and recognises the
    resident members elected at the community meetings (R-BQ-33).
    """
    project = get_project(project_id)
    core.access.require(actor, P_BOARDS, project_scope(core, project.id))
    if not project.in_scope:  # R-GS-02
        raise ValidationError([("project", scope_reason(project))])
    errors: list[tuple[str, str]] = []
    ref = text(decision_ref, "decision_ref", "số quyết định thành lập của Ủy ban MTTQ", errors, max_len=128)
    on = day(established_on, "established_on", "ngày thành lập", errors, not_future=True)
    checked = [_check_member(project, m, i, errors) for i, m in enumerate(members, start=1)]
    errors += composition_problems(core, checked, on or dt.date.today())
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        lock(ProjectRow, project_id)
        existing = BoardRow.select().where(BoardRow.project == project_id).count()
        allowed = int(core.rules.value("R-GS-01.boards_per_project", on))
        if existing >= allowed:  # R-GS-01: one board per programme or project
            raise ValidationError([("project", f"Dự án {project.code} đã có Ban giám sát; mỗi chương trình, dự án "
                                               f"chỉ thành lập {allowed:02d} Ban giám sát (R-GS-01).")])
        row = BoardRow.create(project=project_id, decision_ref=ref, established_on=on)
        for m in checked:
            MemberRow.create(board=row.id, **{**m, "joined_on": m["joined_on"] or on})
        for item in content_items(project.funding):  # R-GS-07 checklist, nothing supervised yet
            CheckRow.create(board=row.id, item=item)
        board = to_board(row)
        audit.record("giamsat.board.create", "giamsat_board", board.id, actor=actor,
                     after={"project": project.code, "decision_ref": ref, "established_on": on,
                            "members": [{"full_name": m.full_name, "board_role": m.board_role,
                                         "representing": m.representing, "relations": list(m.relations)}
                                        for m in board.members]})
    return board


def add_member(core: CoreServices, board_id: int, new: MemberInput, *, actor: Actor) -> Board:
    """Add a member; the whole board is checked again (R-GS-03 … R-GS-06)."""
    core.access.require(actor, P_BOARDS, board_scope(core, board_id))
    board = active_board(board_id, "bổ sung thành viên")
    project = get_project(board.project_id)
    errors: list[tuple[str, str]] = []
    checked = _check_member(project, new, len(board.members) + 1, errors)
    errors += composition_problems(core, _current(board) + [checked], dt.date.today())
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = MemberRow.create(board=board_id, **{**checked, "joined_on": checked["joined_on"] or dt.date.today()})
        audit.record("giamsat.member.add", "giamsat_board", board_id, actor=actor,
                     after={"member": row.id, "full_name": row.full_name, "board_role": row.board_role,
                            "representing": row.representing, "relations": checked["relations"]})
    return get_board(board_id)


def end_membership(core: CoreServices, member_id: int, *, left_on: dt.date | None, note: str,
                   actor: Actor) -> tuple[Board, list[str]]:
    """A member leaves the board (thôi làm thành viên: moved away, a conflict of interest
    found, resigned). From ``left_on`` he or she no longer acts for the board. Returns the
    board and what its composition now lacks (R-GS-03 … R-GS-05), to be completed."""
    leaving = member(member_id)
    core.access.require(actor, P_BOARDS, board_scope(core, leaving.board_id))
    board = active_board(leaving.board_id, "thay đổi thành viên")
    errors: list[tuple[str, str]] = []
    on = day(left_on, "left_on", "ngày thôi làm thành viên", errors, not_future=True)
    note = text(note, "note", "lý do", errors, max_len=2000)
    if not leaving.current:
        errors.append(("left_on", f"{leaving.full_name} đã thôi làm thành viên từ ngày "
                                  f"{leaving.left_on.strftime('%d/%m/%Y')}."))
    elif on and leaving.joined_on and on < leaving.joined_on:
        errors.append(("left_on", "Ngày thôi làm thành viên phải sau ngày tham gia."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        MemberRow.update(left_on=on, leave_note=note).where(MemberRow.id == member_id).execute()
        audit.record("giamsat.member.leave", "giamsat_board", board.id, actor=actor,
                     before={"member": member_id, "full_name": leaving.full_name, "board_role": leaving.board_role},
                     after={"member": member_id, "left_on": on}, reason=note)
    board = get_board(board.id)
    lacking = [m for _, m in composition_problems(core, _current(board), on or dt.date.today())]
    return board, lacking


def dissolve_board(core: CoreServices, board_id: int, *, dissolved_on: dt.date | None, note: str,
                   actor: Actor) -> Board:
    """R-GS-01: the board dissolves itself when the supervision of the project ends; its
    members no longer act for it."""
    core.access.require(actor, P_BOARDS, board_scope(core, board_id))
    board = active_board(board_id, "giải thể lần nữa")
    errors: list[tuple[str, str]] = []
    on = day(dissolved_on, "dissolved_on", "ngày giải thể", errors, not_future=True)
    if on and on < board.established_on:
        errors.append(("dissolved_on", "Ngày giải thể phải sau ngày thành lập Ban giám sát."))
    note = text(note, "note", "lý do (kết thúc giám sát)", errors, max_len=2000)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        BoardRow.update(state="dissolved", dissolved_on=on, dissolution_note=note).where(BoardRow.id == board_id).execute()
        audit.record("giamsat.board.dissolve", "giamsat_board", board_id, actor=actor,
                     before={"state": "active"}, after={"state": "dissolved", "dissolved_on": on}, reason=note)
    return get_board(board_id)

