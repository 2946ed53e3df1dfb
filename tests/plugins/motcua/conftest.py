"""Fixtures of the motcua tests: the plugin, a hook recorder, staff actors, the catalogue."""
import datetime as dt

import pytest

from thanthien.core import hookimpl, people
from thanthien.core.access import actor_for_person
from thanthien.plugins import motcua
from thanthien.plugins.motcua import services as mc


class Recorder:
    def __init__(self):
        self.calls = []

    @hookimpl
    def case_closed(self, case, event):
        self.calls.append(("closed", case.number, case.state))

    @hookimpl
    def case_overdue(self, case, today):
        self.calls.append(("overdue", case.number, today))

    @hookimpl
    def life_event_recorded(self, kind, people, case):
        self.calls.append(("life", kind, tuple(p.full_name for p in people), case.number))


@pytest.fixture
def recorder():
    return Recorder()


@pytest.fixture
def extra_plugins(recorder):
    return [("motcua", motcua), ("recorder", recorder)]


class Staff:
    def __init__(self):
        vp = people.create_unit("VP", "Văn phòng HĐND và UBND", "department")
        self.unit = vp
        o = people.create_person("Lê Thị Tiếp Nhận", is_staff=True)
        h = people.create_person("Phạm Văn Xử Lý", is_staff=True, unit_id=vp.id)
        b = people.create_person("Hoàng Văn Trưởng", is_staff=True, unit_id=vp.id, position="Chánh Văn phòng")
        people.grant_role(o.id, "one_stop_officer")
        people.grant_role(h.id, "department_officer", vp.id)
        people.grant_role(b.id, "unit_head", vp.id)
        self.officer = actor_for_person(o.id, o.full_name)
        self.handler = actor_for_person(h.id, h.full_name)
        self.head = actor_for_person(b.id, b.full_name)
        self.handler_id = h.id


@pytest.fixture
def staff(services):
    mc.ensure_catalogue()
    return Staff()


APPLICANT = {"full_name": "Nguyễn Văn Dân", "citizen_id": "006090001234", "phone": "0912345678",
             "address": "Số 5, Tổ dân phố số 3, phường Bắc Kạn"}


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def receive(services, staff, code="HT04", when="2026-03-02T09:00", docs=None, **kw):
    proc = mc.get_procedure(code)
    documents = docs if docs is not None else [{"code": d.code} for d in proc.documents]
    return mc.receive(services, procedure_code=code, applicant=kw.pop("applicant", APPLICANT), documents=documents,
                      actor=staff.officer, received_at=at(when), **kw)
