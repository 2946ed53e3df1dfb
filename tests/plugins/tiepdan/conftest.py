"""Fixtures of the tiepdan tests: the plugin registered without entry points, and staff
(ward-wide grants; tests/plugins/tiepdan/test_scope.py grants them per unit)."""
from __future__ import annotations

import attrs
import pytest

from thanthien.core import people
from thanthien.core.access import actor_for_person
from thanthien.plugins import tiepdan


@pytest.fixture
def extra_plugins():
    return [("tiepdan", tiepdan)]


@attrs.frozen
class Staff:
    chairman: object
    vice: object
    officer: object  # reception officer (công chức tiếp công dân)
    handler: object  # department officer who gets cases assigned
    other: object  # one-stop officer: staff, not concerned


@pytest.fixture
def staff(db) -> Staff:
    actors = []
    for name, role in [("Lý Văn Chủ", "chairperson"), ("Hà Thị Phó", "vice_chairperson"),
                       ("Nông Văn Tiếp", "reception_officer"), ("Đinh Thị Xử", "department_officer"),
                       ("Ma Văn Khác", "one_stop_officer")]:
        p = people.create_person(name, is_staff=True, position=role)
        people.grant_role(p.id, role)
        actors.append(actor_for_person(p.id, p.full_name))
    return Staff(*actors)
