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
