"""The test session's demo copies (thanthien.testing.snapshots): a copied demo is the built one,
row for row, and the database goes on from it as from a built one."""
from __future__ import annotations

import pytest

from thanthien.core import people
from thanthien.core.models import PersonRow
from thanthien.core.plugins import make_plugin_manager
from thanthien.core.services import make_services
from thanthien.core.storage.db import open_database
from thanthien.core.storage.migrate import migrate_all
from thanthien.plugins import thamhoi, tiepdan
from thanthien.testing import PgSchema, login, snapshots
from thanthien.web.app import create_app


@pytest.fixture
def extra_plugins():
    return [("thamhoi", thamhoi), ("tiepdan", tiepdan)]


def _rows(database) -> dict[str, int]:
    return {t: database.execute_sql(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in sorted(database.get_tables())}


def _ids(database, table: str) -> list[int]:
    return [r[0] for r in database.execute_sql(f'SELECT id FROM "{table}" ORDER BY id').fetchall()]


def test_a_copied_demo_is_the_built_one_and_goes_on_from_it(settings, pm, db, core, db_url, tmp_path, fast_hasher):
    built = snapshots.demo_snapshot(settings, pm, core, db, households=6, seed=3)
    rows, staff_ids = _rows(db), _ids(db, "core_person")
    key = snapshots._key(settings, pm, db, 6, 3)
    assert key in snapshots._SNAPSHOTS
    next_state = built.rng.getstate()
    db.close()

    schema = None
    if db_url.startswith("sqlite"):
        other = open_database(f"sqlite:///{tmp_path / 'other.db'}")
    else:
        schema = PgSchema()
        other = open_database(schema.url)
    try:
        other.connect(reuse_if_open=True)
        pm2 = make_plugin_manager(settings, load_entrypoints=False,
                                  plugins=[("thamhoi", thamhoi), ("tiepdan", tiepdan)])
        migrate_all(other, pm2, settings)
        core2 = make_services(settings, pm2)
        copied = snapshots.demo_snapshot(settings, pm2, core2, other, households=6, seed=3)
        # the same rows, keys and story
        assert _rows(other) == rows
        assert _ids(other, "core_person") == staff_ids
        assert copied.rng.getstate() == next_state
        assert {k: u.id for k, u in copied.units.items()} == {k: u.id for k, u in built.units.items()}
        assert {k: p.id for k, p in copied.staff.items()} == {k: p.id for k, p in built.staff.items()}
        assert copied.logins == built.logins
        # and it goes on: new keys follow the copied ones, the demo logins work
        hh = people.households_in_group(copied.units["TDP01"].id)[0]
        person = people.create_person("Lê Thị Mới", household_id=hh.id)
        assert person.id > max(staff_ids)
        assert PersonRow.select().count() == rows["core_person"] + 1
        from starlette.testclient import TestClient

        with TestClient(create_app(settings, pm2, db=other)) as client:
            login(client, "chutich")
            assert client.get("/thamhoi/").status_code == 200
    finally:
        other.close()
        if schema:
            schema.drop()


def test_fresh_builds_again(settings, pm, db, core, fast_hasher, monkeypatch):
    calls = []
    from thanthien.core import demo

    real = demo.build_demo_ward
    monkeypatch.setattr(demo, "build_demo_ward", lambda *a, **kw: calls.append(1) or real(*a, **kw))
    snapshots.demo_snapshot(settings, pm, core, db, households=4, seed=9, fresh=True)
    assert calls == [1]
    assert snapshots._key(settings, pm, db, 4, 9) not in snapshots._SNAPSHOTS
