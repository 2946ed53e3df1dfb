"""The demo ward has a recognised group-head election (its head holds the role), one in
preparation and an annual meeting reported."""
from __future__ import annotations

from thanthien.core import people
from thanthien.plugins.bieuquyet.services import dialogue as dl
from thanthien.plugins.bieuquyet.services import elections as el


def test_the_demo_has_a_group_head_election(core, demo_ward):
    found = el.elections(core, unit_ids=None)
    assert {e.state for e in found} >= {"recognised", "planned"}
    done = next(e for e in found if e.state == "recognised")
    assert people.holders_of("group_head", done.group_id) == [done.winner_person_id]
    assert done.winner_votes * 2 > done.households_total  # more than half of all households
    assert all(s.on_time for s in done.steps)
    meetings = [m for y in (done.meeting_on.year - 1, done.meeting_on.year)
                for m in dl.year_overview(core, y, unit_ids=None).meetings]
    assert any(m.state == "reported" and m.next_item is None for m in meetings)
