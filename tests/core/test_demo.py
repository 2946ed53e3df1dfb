"""The demo ward: 45 residential groups, households with Vietnamese names, staff with roles."""
import pytest

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


def _tz_just_after_midnight() -> str:
    """A POSIX TZ under which the wall clock reads 00:0x now (minutes past the hour kept)."""
    import datetime as dt

    utc = dt.datetime.now(dt.UTC)
    # POSIX sign is inverted: "ZZZ+h" is h hours behind UTC
    behind = utc.hour if utc.hour <= 12 else utc.hour - 24
    return f"ZZZ{behind:+d}"


@pytest.mark.parametrize("seed", [2025, 7, 11], ids=["ward-demo", "demo-fixture", "installed-ward"])
def test_the_demo_of_every_module_builds_just_after_midnight(tmp_path, sqlite_db, fast_hasher, seed):
    """The demo's story ends today. Built at 00:10, every moment it places on today
    (a petition at 09:00, an after-hours visit at 19:00) would lie in the future, which services
    refuse (R-PA-09's petition, the one-stop assistance log). Every module's demo must build
    whatever the hour, with the seeds the ward's demo and the tests use. One-stop dossiers are
    fewer than the demo's 1,200: what is checked is the hour, not the volume. Python's clock
    only, so SQLite."""
    import os
    import time

    from thanthien.core.storage.db import now
    from thanthien.testing import installed_demo_ward, make_settings

    settings = make_settings(tmp_path, plugin={"motcua": {"demo_dossiers": 150}})
    saved = os.environ.get("TZ")
    os.environ["TZ"] = _tz_just_after_midnight()
    time.tzset()
    try:
        assert now().hour == 0
        with installed_demo_ward(settings, sqlite_db, households=12, seed=seed,
                                 fresh=True) as (_core, _app, factory, ctx):
            assert ctx.today == now().date()
            assert factory().get("/").status_code == 200
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()
