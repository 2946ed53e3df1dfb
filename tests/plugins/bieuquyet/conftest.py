"""Fixtures of the bieuquyet tests: the module registered without entry points, a ward
with residential groups and households from the register, and staff actors."""
from __future__ import annotations

import pytest

from thanthien.core import people
from thanthien.core.access import actor_for_person
from thanthien.plugins import bieuquyet


@pytest.fixture
def extra_plugins():
    return [("bieuquyet", bieuquyet)]


class Ward:
    """A ward with residential groups of given household counts (the register)."""

    def __init__(self, sizes=(9, 6, 3)):
        self.ward = people.create_unit("PHUONG", "UBND Phường Thử Nghiệm", "peoples_committee")
        self.groups = []
        self.households: dict[int, list[int]] = {}
        for i, size in enumerate(sizes, start=1):
            group = people.create_unit(f"TDP{i:02d}", f"Tổ dân phố số {i}", "residential_group",
                                       parent_id=self.ward.id)
            self.groups.append(group)
            ids = []
            for j in range(size):
                hh = people.create_household(f"HO{i:02d}{j:03d}", group.id, address=f"Số {j + 1}, tổ {i}")
                head = people.create_person(f"Chủ Hộ {i}-{j}", household_id=hh.id, relation_to_head="Chủ hộ")
                from thanthien.core.models import HouseholdRow

                HouseholdRow.update(head=head.id).where(HouseholdRow.id == hh.id).execute()
                ids.append(hh.id)
            self.households[group.id] = ids

        def make(name, role, unit=None, position=""):
            p = people.create_person(name, is_staff=True, unit_id=unit.id if unit else None, position=position)
            people.grant_role(p.id, role, unit.id if unit else None)
            return actor_for_person(p.id, p.full_name)

        self.chair = make("Lý Văn Chủ", "chairperson", None, "Chủ tịch UBND phường")
        self.head1 = make("Đinh Văn Tổ", "group_head", self.groups[0], "Tổ trưởng Tổ dân phố số 1")
        self.head2 = make("Hà Thị Hai", "group_head", self.groups[1], "Tổ trưởng Tổ dân phố số 2")


@pytest.fixture
def ward(core):
    return Ward()
