"""The board's demo elections pick eligible residents whatever other modules' demo data
did first (R-TTND-07): here bieuquyet's demo runs before thanhtra's and makes residents
group heads, who may not sit on the People's Inspection Board."""
from __future__ import annotations

import pytest

from thanthien.core.models import RoleGrantRow
from thanthien.plugins import bieuquyet, thanhtra
from thanthien.plugins.thanhtra import services as sv


@pytest.fixture
def extra_plugins():
    # pluggy calls the last registered first: bieuquyet's demo runs before thanhtra's
    return [("thanhtra", thanhtra), ("bieuquyet", bieuquyet)]


def test_demo_board_members_are_eligible_after_bieuquyet_made_group_heads(demo_ward):
    term = sv.current_term()
    assert term is not None
    current = sv.members(term.id)
    assert current, "the demo elected no board member"
    heads = {g.person_id for g in RoleGrantRow.select().where(RoleGrantRow.role == "group_head")}
    assert heads, "bieuquyet's demo recognised no group head"
    assert [sv.eligibility_problems(m.person_id, m.group_id) for m in current] == [[] for _ in current]
    assert not heads & {m.person_id for m in current}
