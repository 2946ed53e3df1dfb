"""Fixtures of the baocao tests: every built-in plan module registered without entry points
(the dashboard shows what they all register), and a small ward — the People's Committee,
the Culture–Society office, two residential groups, a chairman, an officer and a group
head with their logins, and five dossiers of March 2026 of which two were returned late."""
import pytest

from tests.plugins.motcua.helpers import Staff, finish, receive
from thanthien.core import accounts, demo, people
from thanthien.core.access import actor_for_person
from thanthien.plugins.motcua import services as mc
from thanthien.testing import allow_demo_password

from .helpers import all_plugins


@pytest.fixture
def extra_plugins():
    return all_plugins()


@pytest.fixture
def leaders(core, fast_hasher):
    allow_demo_password()
    ward = people.create_unit("UBND", "UBND phường", "peoples_committee")
    vhxh = people.create_unit("VHXH", "Phòng Văn hóa - Xã hội", "department", parent_id=ward.id)
    tdp1 = people.create_unit("TDP01", "Tổ dân phố số 1", "residential_group", parent_id=ward.id)
    tdp2 = people.create_unit("TDP02", "Tổ dân phố số 2", "residential_group", parent_id=ward.id)

    def make(name, role, unit, login):
        p = people.create_person(name, is_staff=True, unit_id=unit.id)
        people.grant_role(p.id, role, unit.id)
        accounts.create_account(p.id, login, demo.DEMO_PASSWORD)
        return actor_for_person(p.id, p.full_name)

    return {"chair": make("Đinh Huy Hoàng", "chairperson", ward, "chutich"),
            "officer": make("Nguyễn Thị Văn Hóa", "department_officer", vhxh, "vanhoa"),
            "group": make("Lý Văn Tổ", "group_head", tdp1, "totruong01"),
            "units": {"ward": ward, "vhxh": vhxh, "tdp1": tdp1, "tdp2": tdp2}}


@pytest.fixture
def dossiers(core):
    """Five dossiers of March 2026: two returned late, two early, one open."""
    mc.ensure_catalogue()
    staff = Staff()
    a = receive(core, staff, "HT04", "2026-03-02T09:00")   # due Thu 05/03
    b = receive(core, staff, "HT04", "2026-03-03T09:00")   # due Fri 06/03
    c = receive(core, staff, "HT04", "2026-03-04T09:00")
    d = receive(core, staff, "HT04", "2026-03-05T09:00")
    receive(core, staff, "HT04", "2026-03-06T09:00")       # still open
    finish(core, staff, a.code, "2026-03-10T09:00", "2026-03-10T10:00")   # late
    finish(core, staff, b.code, "2026-03-11T09:00", "2026-03-11T10:00")   # late
    finish(core, staff, c.code, "2026-03-04T15:00", "2026-03-04T16:00")   # early
    finish(core, staff, d.code, "2026-03-05T15:00", "2026-03-05T16:00")   # early
    return staff, [a, b, c, d]
