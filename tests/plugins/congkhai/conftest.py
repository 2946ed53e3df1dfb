"""Fixtures of the congkhai tests: a small ward (3 residential groups) and its staff."""
import attrs
import pytest
from thanthien.core import people
from thanthien.core.access import actor_for_person
from thanthien.plugins import congkhai
from thanthien.testing import make_settings


@pytest.fixture
def extra_plugins():
    return [("congkhai", congkhai)]


@pytest.fixture
def settings(tmp_path):
    """A ward whose portal does not read the feed: the website posting is recorded by hand,
    like every other place (test_auto_website covers the feed-fed portal)."""
    return make_settings(tmp_path, plugin={"congkhai": {"website_feed": False}})


@attrs.frozen
class Ward:
    ward: object
    groups: list
    officer: object
    head1: object
    chair: object


@pytest.fixture
def ward(core):
    """The People's Committee and three groups; a culture officer with a ward-wide grant,
    the head of group 1, the chairperson."""
    ubnd = people.create_unit("UBND", "UBND phường Bắc Kạn", "peoples_committee")
    groups = [people.create_unit(f"TDP0{i}", f"Tổ dân phố số {i}", "residential_group", parent_id=ubnd.id)
              for i in (1, 2, 3)]
    officer = people.create_person("Nông Thị Trang", is_staff=True, position="Công chức Văn hóa - Xã hội")
    people.grant_role(officer.id, "department_officer")
    head = people.create_person("Hoàng Văn Tổ", is_staff=True, position="Tổ trưởng Tổ dân phố số 1")
    people.grant_role(head.id, "group_head", groups[0].id)
    chair = people.create_person("Chủ Tịch Phường", is_staff=True, position="Chủ tịch UBND phường")
    people.grant_role(chair.id, "chairperson")
    return Ward(ubnd, groups, actor_for_person(officer.id, officer.full_name),
                actor_for_person(head.id, head.full_name), actor_for_person(chair.id, chair.full_name))


@attrs.frozen
class Departments:
    """Two departments under the committee, each with an officer granted on it only."""

    culture: object  # Phòng Văn hóa - Xã hội
    economy: object  # Phòng Kinh tế
    culture_officer: object
    economy_officer: object
    one_stop: object  # the one-stop centre
    one_stop_officer: object


@pytest.fixture
def departments(ward):
    def officer(name, unit, role="department_officer"):
        p = people.create_person(name, is_staff=True, unit_id=unit.id)
        people.grant_role(p.id, role, unit.id)
        return actor_for_person(p.id, p.full_name)

    vhxh = people.create_unit("VHXH", "Phòng Văn hóa - Xã hội", "department", parent_id=ward.ward.id)
    kt = people.create_unit("KTHTDT", "Phòng Kinh tế, Hạ tầng và Đô thị", "department", parent_id=ward.ward.id)
    mc = people.create_unit("TTPVHCC", "Trung tâm Phục vụ hành chính công", "service_center", parent_id=ward.ward.id)
    return Departments(vhxh, kt, officer("Lý Thị Mai", vhxh), officer("Lò Văn Khác", kt), mc,
                       officer("Lê Thị Một Cửa", mc, "one_stop_officer"))
