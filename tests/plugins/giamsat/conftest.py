"""Fixtures of the giamsat tests: the plugin without entry points, a small ward, staff."""
from __future__ import annotations

import datetime as dt

import attrs
import pytest
from thanthien.core import people
from thanthien.core.access import actor_for_person
from thanthien.plugins import giamsat
from thanthien.plugins.giamsat import services as sv


@pytest.fixture
def extra_plugins():
    return [("giamsat", giamsat)]


@attrs.frozen
class World:
    chairman: object
    front: object  # cán bộ UB MTTQ
    officer: object  # công chức phòng Kinh tế (vào sổ dự án)
    board_member: object  # Trưởng Ban TTND, a board member by role
    groups: tuple  # unit ids of TDP 1..3
    residents: tuple  # one resident id per group (non-staff)


@pytest.fixture
def world(db) -> World:
    ward = people.create_unit("UBND", "UBND phường", "peoples_committee")
    groups = tuple(people.create_unit(f"TDP0{i}", f"Tổ dân phố số {i}", "residential_group", parent_id=ward.id).id
                   for i in (1, 2, 3))
    residents = []
    for i, g in enumerate(groups, start=1):
        hh = people.create_household(f"HO{i:03d}", g)
        residents.append(people.create_person(f"Người Dân {i}", household_id=hh.id, phone="0912000111",
                                              citizen_id=f"00609012345{i}").id)
    actors = []
    for name, role in [("Lý Văn Chủ", "chairperson"), ("Hà Thị Mặt Trận", "front_officer"),
                       ("Đinh Văn Kinh Tế", "department_officer"), ("Nông Văn Ban", "board_member")]:
        p = people.create_person(name, is_staff=role != "board_member", position=role)
        people.grant_role(p.id, role)
        actors.append(actor_for_person(p.id, p.full_name))
    return World(*actors, groups, tuple(residents))


def project(services, world, **changes):
    values = {"name": "Nâng cấp đường Tổ dân phố số 1", "investor": "UBND phường Bắc Kạn",
              "management_unit": "Ban Quản lý dự án phường", "funding": "dau_tu_cong",
              "location": "Đường nội bộ Tổ dân phố số 1", "group_ids": [world.groups[0], world.groups[1]],
              "value_vnd": "2.500.000.000", "start_on": "01/03/2026", "end_on": "31/10/2026",
              "contractor": "Công ty TNHH Xây dựng Hùng Phát"}
    values.update(changes)
    return sv.create_project(services, values, actor=world.officer)


def members(world, residents: int = 3, deputies: int = 1, **extra):
    """A valid list: MTTQ head, BTTND member, ``residents`` residents (first ones deputies)."""
    out = [{"full_name": "Hoàng Văn Mặt", "board_role": "truong_ban", "representing": "mttq"},
           {"full_name": "Nông Văn Ban", "board_role": "uy_vien", "representing": "bttnd",
            "person_id": world.board_member.person_id}]
    for i in range(residents):
        out.append({"full_name": f"Cư Dân {i + 1}", "representing": "nhan_dan", "group_id": world.groups[i % 2],
                    "board_role": "pho_truong_ban" if i < deputies else "uy_vien"})
    return out


def board(services, world, proj=None, **kw):
    proj = proj or project(services, world)
    return sv.create_board(services, proj.id, decision_ref="12/QĐ-MTTQ", established_on="01/12/2025",
                           members=members(world, **kw), actor=world.front)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)
