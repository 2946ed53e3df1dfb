"""Shared helpers of the congvu tests: a small ward (the units of the seed plan, one staff
member per role) and the five clarities of a valid task."""
from __future__ import annotations

import datetime as dt

from thanthien.core import people
from thanthien.core.access import actor_for_person

UNITS = [("VP", "Văn phòng HĐND và UBND", "department"), ("VHXH", "Phòng Văn hóa - Xã hội", "department"),
         ("TTPVHCC", "Trung tâm Phục vụ hành chính công", "service_center"),
         ("KTHTDT", "Phòng Kinh tế, Hạ tầng và Đô thị", "department"),
         ("MTTQ", "Ủy ban MTTQ Việt Nam phường", "front_committee"),
         ("BTTND", "Ban Thanh tra nhân dân", "inspection_board"),
         ("BGSDTCD", "Ban Giám sát đầu tư của cộng đồng", "investment_supervision_board"),
         ("TYT", "Trạm Y tế phường", "public_service_unit")]


class Ward:
    """The UBND with its units and one staff member per role (``ward.chair``, ``ward.vp_head`` …)."""

    def __init__(self):
        self.root = people.create_unit("UBND", "UBND phường Bắc Kạn", "peoples_committee")
        self.units = {code: people.create_unit(code, name, kind, parent_id=self.root.id) for code, name, kind in UNITS}
        self.people = {}
        n = 0

        def make(key, name, role, unit=None, position="", *extra_roles):
            nonlocal n
            n += 1
            unit_id = self.units[unit].id if unit else self.root.id
            p = people.create_person(name, is_staff=True, unit_id=unit_id, position=position,
                                     badge_number=f"BK-{n:03d}")
            people.grant_role(p.id, role, self.units[unit].id if unit else None)
            for extra, scope in extra_roles:
                people.grant_role(p.id, extra, scope)
            self.people[key] = p
            actor = actor_for_person(p.id, p.full_name)
            setattr(self, key, actor)
            return actor

        make("chair", "Lý Văn Chủ", "chairperson", None, "Chủ tịch UBND phường")
        make("vice", "Hà Thị Phó", "vice_chairperson", None, "Phó Chủ tịch UBND phường")
        make("vp_head", "Hoàng Văn Trưởng", "unit_head", "VP", "Chánh Văn phòng")
        make("vp_officer", "Phạm Văn Thực", "department_officer", "VP", "Công chức Văn phòng")
        make("vp_colleague", "Đinh Thị Đồng", "department_officer", "VP", "Công chức Văn phòng")
        make("coordinator", "Nông Thị Văn", "department_officer", "VHXH", "Công chức Văn hóa - Xã hội",
             ("plan_coordinator", None))
        make("kt_officer", "Lò Văn Kinh", "department_officer", "KTHTDT", "Công chức Kinh tế")
        make("centre_officer", "Ma Thị Tiếp", "one_stop_officer", "TTPVHCC", "Công chức Trung tâm")
        make("centre_head", "Triệu Văn Giám", "unit_head", "TTPVHCC", "Giám đốc Trung tâm")

    def unit(self, code: str) -> int:
        return self.units[code].id


def task_kwargs(ward: Ward, **changes) -> dict:
    """A task with all five clarities (assigned by the VP's head within his unit)."""
    values = dict(title="Rà soát nội quy, quy chế làm việc", assignee_id=ward.vp_officer.person_id,
                  leader_id=ward.vp_head.person_id, unit_id=ward.unit("VP"), deadline=dt.date(2026, 9, 30),
                  expected_result="Nội quy sửa đổi được ban hành", source_kind="meeting_conclusion",
                  source_ref="Kết luận giao ban ngày 01/9/2026", actor=ward.vp_head, at=dt.datetime(2026, 9, 1, 9))
    values.update(changes)
    return values


PDF = b"%PDF-1.4\n%%EOF\n"
