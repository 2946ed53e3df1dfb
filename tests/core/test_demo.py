"""The demo ward: 45 residential groups, households with Vietnamese names, staff with roles."""
from thanthien.core import demo
from thanthien.core.models import HouseholdRow, PersonRow, RoleGrantRow, UnitRow


def test_demo_ward(services, settings, pm):
    ctx = demo.build_demo_ward(settings, pm, services, households=120)
    assert UnitRow.select().where(UnitRow.kind == "residential_group").count() == 45
    assert HouseholdRow.select().count() == 120
    assert HouseholdRow.select().where(HouseholdRow.head.is_null(True)).count() == 0
    residents = PersonRow.select().where(PersonRow.is_staff == False).count()  # noqa: E712
    assert residents >= 120
    roles = {g.role for g in RoleGrantRow.select()}
    assert {"chairperson", "one_stop_officer", "group_head", "admin"} <= roles
    names = [p.full_name for p in PersonRow.select().limit(50)]
    assert any(any(ch in n for ch in "ễăđơưâêôĐ") for n in names)
    assert len(ctx.groups) == 45
    # invariants of any seed: every household lies in a residential group and its head lives in it
    groups = {u.id for u in ctx.groups}
    for hh in HouseholdRow.select():
        assert hh.group_id in groups
        assert PersonRow.get_by_id(hh.head_id).household_id == hh.id
    assert {"chutich", "motcua", "totruong01"} <= set(ctx.staff)
