"""Fixtures of the thamhoi tests: motcua and thamhoi registered without entry points,
staff actors, and helpers to run a dossier through the one-stop centre."""
from __future__ import annotations

import datetime as dt

import pytest
from thanthien.core import hookimpl, people
from thanthien.core.access import actor_for_person
from thanthien.plugins import motcua, thamhoi
from thanthien.plugins.motcua import services as mc


class Breaker:
    """A plugin that makes a registration fail after the letter hooks ran, when armed."""

    def __init__(self):
        self.armed = False

    @hookimpl(trylast=True)
    def life_event_recorded(self, kind, people, case):
        if self.armed:
            raise RuntimeError("sổ hộ tịch điện tử không phản hồi")


@pytest.fixture
def breaker():
    return Breaker()


@pytest.fixture
def extra_plugins(breaker):
    return [("motcua", motcua), ("thamhoi", thamhoi), ("breaker", breaker)]


class Staff:
    def __init__(self):
        vp = people.create_unit("VP", "Văn phòng HĐND và UBND", "department")
        vhxh = people.create_unit("VHXH", "Phòng Văn hóa - Xã hội", "department")

        def make(name, role, unit=None, position=""):
            p = people.create_person(name, is_staff=True, unit_id=unit.id if unit else None, position=position)
            people.grant_role(p.id, role, unit.id if unit else None)
            return actor_for_person(p.id, p.full_name)

        self.officer = make("Lê Thị Tiếp Nhận", "one_stop_officer")
        self.handler = make("Phạm Văn Xử Lý", "department_officer", vp)
        self.head = make("Hoàng Văn Trưởng", "unit_head", vp, "Chánh Văn phòng")
        self.chair = make("Lý Văn Chủ", "chairperson", None, "Chủ tịch UBND phường")
        self.vice = make("Hà Thị Phó", "vice_chairperson", None, "Phó Chủ tịch UBND phường")
        self.clerk = make("Nông Thị Văn", "department_officer", vhxh)


@pytest.fixture
def staff(services):
    mc.ensure_catalogue()
    return Staff()


APPLICANT = {"full_name": "Nguyễn Văn Dân", "citizen_id": "006090001234", "phone": "0912345678",
             "address": "Số 5, Tổ dân phố số 3, phường Bắc Kạn"}


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def receive(services, staff, code="HT04", when="2026-03-02T09:00", **kw):
    proc = mc.get_procedure(code)
    return mc.receive(services, procedure_code=code, applicant=APPLICANT, documents=[{"code": d.code} for d in proc.documents],
                      actor=staff.officer, received_at=at(when), **kw)


def finish(services, staff, code, ready, returned):
    if mc.get_dossier(code).state == "received":
        mc.transfer(services, code, actor=staff.officer, at=at(ready) - dt.timedelta(hours=1))
    mc.mark_result_ready(services, code, actor=staff.handler, at=at(ready))
    return mc.return_result(services, code, actor=staff.officer, at=at(returned))
