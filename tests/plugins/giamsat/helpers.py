"""Shared helpers of the giamsat tests: a small ward with the module's offices and staff,
a project, a valid board."""
from __future__ import annotations

import datetime as dt

import attrs
from thanthien.core import people
from thanthien.core.access import actor_for_person
from thanthien.core.types import Actor
from thanthien.plugins.giamsat import services as sv
from thanthien.plugins.giamsat.types import MemberInput, Relation

DECEMBER_1 = dt.date(2025, 12, 1)


@attrs.frozen
class World:
    chairman: Actor
    front: Actor  # cán bộ UB MTTQ (front_officer on the MTTQ unit)
    officer: Actor  # công chức phòng Kinh tế (department_officer on KTHTDT: keeps the register)
    board_member: Actor  # Trưởng Ban TTND (board_member on BTTND); sits on the boards built by ``board``
    groups: tuple  # unit ids of TDP 1..3
    residents: tuple  # one resident id per group (non-staff)
    vice: Actor
    other_officer: Actor  # department_officer of another department (VHXH)
    group_head: Actor  # tổ trưởng TDP 1
    inspector: Actor  # a member of the People's Inspection Board only (board_member, sits on no board)


def staff(name: str, role: str, unit_id: int | None, *, is_staff: bool = True) -> Actor:
    p = people.create_person(name, is_staff=is_staff, unit_id=unit_id, position=role)
    people.grant_role(p.id, role, unit_id)
    return actor_for_person(p.id, p.full_name)


def make_world() -> World:
    ward = people.create_unit("UBND", "UBND phường", "peoples_committee")
    units = {code: people.create_unit(code, name, kind, parent_id=ward.id).id for code, name, kind in [
        ("MTTQ", "Ủy ban MTTQ Việt Nam phường", "front_committee"),
        ("KTHTDT", "Phòng Kinh tế, Hạ tầng và Đô thị", "department"),
        ("VHXH", "Phòng Văn hóa - Xã hội", "department"),
        ("BTTND", "Ban Thanh tra nhân dân", "inspection_board"),
    ]}
    groups = tuple(people.create_unit(f"TDP0{i}", f"Tổ dân phố số {i}", "residential_group", parent_id=ward.id).id
                   for i in (1, 2, 3))
    residents = []
    for i, g in enumerate(groups, start=1):
        hh = people.create_household(f"HO{i:03d}", g)
        residents.append(people.create_person(f"Người Dân {i}", household_id=hh.id, phone="0912000111",
                                              citizen_id=f"00609012345{i}").id)
    return World(
        chairman=staff("Lý Văn Chủ", "chairperson", None),
        front=staff("Hà Thị Mặt Trận", "front_officer", units["MTTQ"]),
        officer=staff("Đinh Văn Kinh Tế", "department_officer", units["KTHTDT"]),
        board_member=staff("Nông Văn Ban", "board_member", units["BTTND"], is_staff=False),
        groups=groups, residents=tuple(residents),
        vice=staff("Hà Thị Phó", "vice_chairperson", None),
        other_officer=staff("Lò Thị Văn Hóa", "department_officer", units["VHXH"]),
        group_head=staff("Ma Văn Tổ Trưởng", "group_head", groups[0], is_staff=False),
        inspector=staff("Triệu Thị Thanh Tra", "board_member", units["BTTND"], is_staff=False),
    )


def project(core, world, **changes):
    values = dict(name="Nâng cấp đường Tổ dân phố số 1", investor="UBND phường Bắc Kạn",
                  management_unit="Ban Quản lý dự án phường", funding="dau_tu_cong",
                  location="Đường nội bộ Tổ dân phố số 1", group_ids=[world.groups[0], world.groups[1]],
                  value_vnd=2_500_000_000, start_on=dt.date(2026, 3, 1), end_on=dt.date(2026, 10, 31),
                  contractor="Công ty TNHH Xây dựng Hùng Phát")
    values.update(changes)
    return sv.create_project(core, **values, actor=world.officer)


def members(world, residents: int = 3, deputies: int = 1, bttnd: Actor | None = None) -> list[MemberInput]:
    """A valid list: MTTQ head, a BTTND member (``world.board_member`` unless ``bttnd``),
    ``residents`` residents (the first ones deputies)."""
    who = bttnd or world.board_member
    out = [MemberInput("Hoàng Văn Mặt", "truong_ban", "mttq"),
           MemberInput(who.name, "uy_vien", "bttnd", person_id=who.person_id)]
    for i in range(residents):
        out.append(MemberInput(f"Cư Dân {i + 1}", "pho_truong_ban" if i < deputies else "uy_vien", "nhan_dan",
                               group_id=world.groups[i % 2]))
    return out


def with_changes(member: MemberInput, **changes) -> MemberInput:
    return attrs.evolve(member, **changes)


def relation(name: str, rel: str, party: str) -> Relation:
    return Relation(name, rel, party)


def board(core, world, proj=None, **kw):
    proj = proj or project(core, world)
    return sv.create_board(core, proj.id, decision_ref="12/QĐ-MTTQ", established_on=DECEMBER_1,
                           members=members(world, **kw), actor=world.front)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


SENDER = "Bà Sentinel Báo Cáo"
SENDER_PHONE = "0999888777"


def demo_giamsat(settings, pm, core) -> dict:
    """The demo ward (20 households) with its logins, plus a resident's report on the road
    whose sender must never leave the board's scope."""
    from thanthien.core import accounts, demo
    from thanthien.core.types import SYSTEM_ACTOR

    ctx = demo.build_demo_ward(settings, pm, core, households=20, seed=5)
    accounts.create_demo_accounts(core)
    by_name = {p.name: p for p, _ in sv.project_rows(core, actor=SYSTEM_ACTOR)}
    road = next(p for n, p in by_name.items() if n.startswith("Nâng cấp"))
    sv.receive_report(core, road.id, channel="truc_tiep", content="Nứt mặt đường đoạn giữa",
                      received_on=ctx.today, sender_name=SENDER, sender_contact=f"{SENDER_PHONE} số 9 ngõ 9",
                      actor=ctx.actor("bantt"))
    return {"ctx": ctx, "services": core, "projects": by_name, "road": road,
            "drain": next(p for n, p in by_name.items() if n.startswith("Cải tạo")),
            "house": next(p for n, p in by_name.items() if n.startswith("Sửa chữa")),
            "lighting": next(p for n, p in by_name.items() if n.startswith("Lắp đặt")),
            "shop": next(p for n, p in by_name.items() if n.startswith("Cửa hàng"))}
