"""Shared helpers of the motcua tests: the ward's staff, an applicant, a dossier through
the one-stop centre."""
from __future__ import annotations

import datetime as dt

from thanthien.core import people
from thanthien.core.access import actor_for_person
from thanthien.plugins.motcua import services as mc


class Staff:
    """Units VP (Văn phòng) and TTPVHCC (the one-stop centre); a one-stop officer granted on
    the centre (R-MC-01: he or she reaches every unit's dossiers), an officer and the head
    of VP."""

    def __init__(self):
        centre = people.create_unit("TTPVHCC", "Trung tâm Phục vụ hành chính công", "service_center")
        vp = people.create_unit("VP", "Văn phòng HĐND và UBND", "department")
        self.unit, self.centre = vp, centre
        o = people.create_person("Lê Thị Tiếp Nhận", is_staff=True, unit_id=centre.id)
        h = people.create_person("Phạm Văn Xử Lý", is_staff=True, unit_id=vp.id)
        b = people.create_person("Hoàng Văn Trưởng", is_staff=True, unit_id=vp.id, position="Chánh Văn phòng")
        people.grant_role(o.id, "one_stop_officer", centre.id)
        people.grant_role(h.id, "department_officer", vp.id)
        people.grant_role(b.id, "unit_head", vp.id)
        self.officer = actor_for_person(o.id, o.full_name)
        self.handler = actor_for_person(h.id, h.full_name)
        self.head = actor_for_person(b.id, b.full_name)
        self.handler_id = h.id

    def make(self, name: str, role: str, unit=None, position: str = ""):
        """Another staff member with one role (on ``unit``, or ward-wide)."""
        p = people.create_person(name, is_staff=True, unit_id=unit.id if unit else None, position=position)
        people.grant_role(p.id, role, unit.id if unit else None)
        return actor_for_person(p.id, p.full_name)


APPLICANT = {"full_name": "Nguyễn Văn Dân", "citizen_id": "006090001234", "phone": "0912345678",
             "address": "Số 5, Tổ dân phố số 3, phường Bắc Kạn"}


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def receive(core, staff, code="HT04", when="2026-03-02T09:00", docs=None, **kw):
    proc = mc.get_procedure(code)
    documents = docs if docs is not None else [{"code": d.code} for d in proc.documents]
    return mc.receive(core, procedure_code=code, applicant=kw.pop("applicant", APPLICANT), documents=documents,
                      actor=kw.pop("actor", staff.officer), received_at=at(when), **kw)


def finish(core, staff, code, ready, returned):
    """Transfer (if needed), result ready, returned."""
    if mc.get_dossier(code).state == "received":
        mc.transfer(core, code, actor=staff.officer, at=at(ready) - dt.timedelta(hours=1))
    mc.mark_result_ready(core, code, actor=staff.handler, at=at(ready))
    return mc.return_result(core, code, actor=staff.officer, at=at(returned))
