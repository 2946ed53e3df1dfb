"""Fixtures of the thanhtra tests: the plugin registered without entry points, a small
ward (UBND, UB MTTQ, the board, residential groups with households) and its staff."""
from __future__ import annotations

import datetime as dt

import attrs
import pytest
from argon2 import PasswordHasher

from thanthien.core import accounts, people
from thanthien.core.access import actor_for_person
from thanthien.plugins import thanhtra

PASSWORD = "mat-khau-thu-nghiem-1"


@pytest.fixture
def extra_plugins():
    return [("thanhtra", thanhtra)]


@pytest.fixture(autouse=True)
def fast_hasher(monkeypatch):
    monkeypatch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    monkeypatch.setattr(accounts, "_dummy", [])


@attrs.frozen
class Ward:
    units: dict
    groups: list  # Unit, in order
    residents: dict  # group code -> list of Person (one per household)
    chairman: object
    vice: object
    board: object  # a board member's account actor (role board_member)
    front: object  # a UB MTTQ officer (role front_officer)
    clerk: object  # a civil servant of a department
    clerk_person: object
    group_head_person: object


def make_ward(groups: int = 6, households: int = 10) -> Ward:
    units = {"UBND": people.create_unit("UBND", "UBND phường Thử", "peoples_committee")}
    for code, name, kind in [("VHXH", "Phòng Văn hóa - Xã hội", "department"),
                             ("MTTQ", "Ủy ban MTTQ Việt Nam phường", "front_committee"),
                             ("BTTND", "Ban Thanh tra nhân dân", "inspection_board")]:
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
    head_p = residents["TDP02"][1]
    people.grant_role(head_p.id, "group_head", units["TDP02"].id)
    for person, login in [(chairman_p, "chutich"), (front_p, "mattran"), (board_p, "bantt"), (clerk_p, "vanhoa")]:
        accounts.create_account(person.id, login, PASSWORD)
    return Ward(units, group_list, residents, chairman, vice, board, front, clerk, clerk_p, head_p)


@pytest.fixture
def ward(db) -> Ward:
    return make_ward()


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def seat_board(services, ward: Ward, *, start_on=dt.date(2025, 8, 1), groups=None, head_index=0):
    """A term and one recognised member per group; the first is the Trưởng ban."""
    from thanthien.plugins.thanhtra import services as sv

    term = sv.create_term(services, start_on=start_on, head_term="long", actor=ward.board)
    members = []
    for i, group in enumerate(groups or ward.groups):
        candidate = ward.residents[group.code][0]
        _, member = sv.record_election(services, term_id=term.id, group_id=group.id, candidate_id=candidate.id,
                                       held_on=start_on - dt.timedelta(days=20), total_households=10,
                                       attending=9, votes_for=8, standards_confirmed=True, actor=ward.board)
        members.append(sv.recognise_member(services, member.id, recognised_on=start_on - dt.timedelta(days=10),
                                           decision_ref=f"{i + 1}/QĐ-MTTQ", actor=ward.front))
    sv.set_office(services, members[head_index].id, office="truong_ban", decided_on=start_on - dt.timedelta(days=5),
                  actor=ward.board)
    return term, members
