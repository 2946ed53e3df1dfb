"""Fixtures of the congkhai tests: a small ward (3 residential groups) and its staff."""
import datetime as dt

import attrs
import pytest

from thanthien.core import people
from thanthien.core.access import actor_for_person
from thanthien.plugins import congkhai
from tests.conftest import make_settings


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
def ward(services):
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


def at(day: str, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour))


def d(day: str) -> dt.date:
    return dt.date.fromisoformat(day)
