"""The demo year of the module, made through the services: invariants, not counts of a seed."""
from __future__ import annotations

from thanthien.core.models import CaseRow
from thanthien.core.people import unit_by_code
from thanthien.plugins.tiepdan.models import MatterRow, SessionRow, VisitRow


def test_the_demo_year_obeys_the_modules_rules(demo_ward, core):
    reception = unit_by_code("TTPVHCC").id
    matters = list(CaseRow.select().join(MatterRow, on=(MatterRow.case == CaseRow.id)))
    assert {c.case_type for c in matters} >= {"tiepdan_khieu_nai", "tiepdan_phan_anh", "tiepdan_tra_loi_tiep_dan"}
    assert all(c.case_type.startswith("tiepdan_") for c in matters)
    assert {c.unit_id for c in matters} == {reception}  # every record in the reception unit (its scope)
    assert {v.unit_id for v in VisitRow.select()} == {reception}
    assert {s.unit_id for s in SessionRow.select()} == {reception}
    assert SessionRow.select().where(SessionRow.kind == "chairman", SessionRow.state == "held").count() >= 1
    # every denunciation's handler was chosen by the Chủ tịch, with a reason (R-TC-10)
    chair = demo_ward.staff["chutich"].full_name
    for case in (c for c in matters if c.case_type == "tiepdan_to_cao"):
        assigned = [e for e in core.cases.events(case.id) if e.action == "assign"]
        assert assigned and all(e.actor_name == chair and e.note for e in assigned)
    # answered feedback is on the public list, never with its sender's details (issue 15 item 11)
    from thanthien.plugins.tiepdan import services as sv
    from thanthien.plugins.tiepdan.models import PartyRow

    listed = sv.public_feedback(core, limit=500)
    assert listed and all(item.answer and item.status for item in listed)
    for item in listed:
        for p in PartyRow.select().where(PartyRow.case == item.id):
            assert not any(v and v in repr(item) for v in (p.full_name, p.phone, p.address, p.email))
