"""Shared helpers of the thanhtra tests: a small ward (UBND, UB MTTQ, the board, a
Community Investment Supervision Board, residential groups with households) and its
staff, dates, the households' vote on a seat, and a seated board."""
from __future__ import annotations

import datetime as dt

import attrs
from thanthien.core import accounts, people
from thanthien.core.access import actor_for_person
from thanthien.core.types import Actor
from thanthien.plugins.thanhtra import services as sv
from thanthien.plugins.thanhtra.types import HouseholdVote

PASSWORD = "mat-khau-thu-nghiem-1"


@attrs.frozen
class Ward:
    units: dict
    groups: list  # Unit, in order
    residents: dict  # group code -> list of Person (one per household)
    chairman: Actor
    vice: Actor
    board: Actor  # a board member's account (role board_member on the board's unit), resident of TDP01
    front: Actor  # a UB MTTQ officer (role front_officer)
    clerk: Actor  # a civil servant of a department
    clerk_person: object
    group_head_person: object


def make_ward(groups: int = 6, households: int = 10) -> Ward:
    units = {"UBND": people.create_unit("UBND", "UBND phường Thử", "peoples_committee")}
    for code, name, kind in [("VHXH", "Phòng Văn hóa - Xã hội", "department"),
                             ("MTTQ", "Ủy ban MTTQ Việt Nam phường", "front_committee"),
                             ("BTTND", "Ban Thanh tra nhân dân", "inspection_board"),
                             ("BGSDTCD", "Ban Giám sát đầu tư của cộng đồng", "investment_supervision_board")]:
        units[code] = people.create_unit(code, name, kind, parent_id=units["UBND"].id)
    group_list, residents = [], {}
    for g in range(1, groups + 1):
        code = f"TDP{g:02d}"
        unit = people.create_unit(code, f"Tổ dân phố số {g}", "residential_group", parent_id=units["UBND"].id)
        units[code] = unit
        group_list.append(unit)
        residents[code] = []
        for h in range(households):
            hh = people.create_household(f"{code}-H{h:02d}", unit.id, address=f"Số {h + 1}, {unit.name}")
            residents[code].append(people.create_person(f"Cư Dân {code} {h:02d}", household_id=hh.id,
                                                        phone="0912000" + f"{g:02d}{h:01d}"[:3],
                                                        citizen_id=f"0060900{g:02d}{h:03d}",
                                                        address=f"Số {h + 1}, {unit.name}"))

    def staff(name, role, unit_code, scope=None):
        p = people.create_person(name, is_staff=True, unit_id=units[unit_code].id, position=role)
        people.grant_role(p.id, role, scope)
        return p, actor_for_person(p.id, p.full_name)

    chairman_p, chairman = staff("Lý Văn Chủ", "chairperson", "UBND")
    _, vice = staff("Hà Thị Phó", "vice_chairperson", "UBND")
    front_p, front = staff("Triệu Văn Trận", "front_officer", "MTTQ")
    clerk_p, clerk = staff("Đinh Thị Công Chức", "department_officer", "VHXH")
    # the board member's account belongs to a resident of TDP01
    board_p = residents["TDP01"][0]
    people.update_person(board_p.id, is_staff=True, unit_id=units["BTTND"].id, position="Thành viên Ban TTND")
    people.grant_role(board_p.id, "board_member", units["BTTND"].id)
    board = actor_for_person(board_p.id, board_p.full_name)
    head_p = residents["TDP02"][1]  # the Tổ trưởng of TDP02, a part-time worker with an account
    people.update_person(head_p.id, is_staff=True, position="Tổ trưởng tổ dân phố")
    people.grant_role(head_p.id, "group_head", units["TDP02"].id)
    for person, login in [(chairman_p, "chutich"), (front_p, "mattran"), (board_p, "bantt"), (clerk_p, "vanhoa"),
                          (head_p, "totruong02")]:
        accounts.create_account(person.id, login, PASSWORD)
    return Ward(units, group_list, residents, chairman, vice, board, front, clerk, clerk_p, head_p)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def vote(held_on: dt.date | str, *, votes: int, total: int = 10, attending: int | None = None,
         form: str = "hop_cong_dong") -> HouseholdVote:
    """The households' tally of a meeting (or ballot) on a seat."""
    held = d(held_on) if isinstance(held_on, str) else held_on
    return HouseholdVote(form, held, total if attending is None else attending, votes)


def seat_board(core, ward: Ward, *, start_on=dt.date(2025, 8, 1), groups=None, head_index=0):
    """A term (opened by UB MTTQ) and one recognised member per group; the first is the
    Trưởng ban and is the board account's person (a resident of TDP01)."""
    term = sv.create_term(core, start_on=start_on, head_term="long", actor=ward.front)
    members = []
    for i, group in enumerate(groups or ward.groups):
        candidate = ward.residents[group.code][0]
        _, member = sv.record_election(core, term_id=term.id, group_id=group.id, candidate_id=candidate.id,
                                       vote=vote(start_on - dt.timedelta(days=20), votes=8, attending=9),
                                       standards_confirmed=True, actor=ward.front)
        members.append(sv.recognise_member(core, member.id, recognised_on=start_on - dt.timedelta(days=10),
                                           decision_ref=f"{i + 1}/QĐ-MTTQ", actor=ward.front))
    sv.set_office(core, members[head_index].id, office="truong_ban", decided_on=start_on - dt.timedelta(days=5),
                  actor=ward.front)
    return term, members
