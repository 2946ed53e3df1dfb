"""The test session's demo copies (thanthien.testing.snapshots): a copied demo is the built one,
row for row, and the database goes on from it as from a built one."""
from __future__ import annotations

import pytest

from thanthien.core import people
from thanthien.core.models import PersonRow, UnitRow
from thanthien.core.plugins import make_plugin_manager
from thanthien.core.services import make_services
from thanthien.core.storage.db import open_database
from thanthien.core.storage.migrate import migrate_all
from thanthien.plugins import thamhoi, tiepdan
from thanthien.testing import PgDatabase, login, snapshots
from thanthien.web.app import create_app


@pytest.fixture
def extra_plugins():
    return [("thamhoi", thamhoi), ("tiepdan", tiepdan)]


def _rows(database) -> dict[str, int]:
    return {t: database.execute_sql(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in sorted(database.get_tables())}


def _ids(database, table: str) -> list[int]:
    return [r[0] for r in database.execute_sql(f'SELECT id FROM "{table}" ORDER BY id').fetchall()]


def test_a_copied_demo_is_the_built_one_and_goes_on_from_it(settings, pm, db, core, db_url, tmp_path, fast_hasher):
    kept = len(snapshots._SNAPSHOTS)
    built = snapshots.demo_snapshot(settings, pm, core, db, households=6, seed=3)
    rows, staff_ids = _rows(db), _ids(db, "core_person")
    assert len(snapshots._SNAPSHOTS) == kept + 1
    next_state = built.rng.getstate()
    db.close()

    other_pg = None
    if db_url.startswith("sqlite"):
        other = open_database(f"sqlite:///{tmp_path / 'other.db'}")
    else:
        other_pg = PgDatabase()
        other_pg.create()
        other = open_database(other_pg.url)
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
        if other_pg:
            other_pg.drop()


def test_fresh_builds_again(settings, pm, db, core, fast_hasher, monkeypatch):
    calls = []
    from thanthien.core import demo

    real = demo.build_demo_ward
    monkeypatch.setattr(demo, "build_demo_ward", lambda *a, **kw: calls.append(1) or real(*a, **kw))
    kept = len(snapshots._SNAPSHOTS)
    snapshots.demo_snapshot(settings, pm, core, db, households=4, seed=9, fresh=True)
    assert calls == [1]
    assert len(snapshots._SNAPSHOTS) == kept


def test_what_a_fixture_wrote_before_the_demo_is_kept(settings, pm, db, core, fast_hasher, monkeypatch):
    """A copy replaces the whole database, so it is taken only when the database is as the
    kept demo found it; here a unit added first makes the demo build again, around it."""
    snapshots.demo_snapshot(settings, pm, core, db, households=4, seed=5)  # kept for an empty database
    db.close()
    calls = []
    from thanthien.core import demo

    real = demo.build_demo_ward
    monkeypatch.setattr(demo, "build_demo_ward", lambda *a, **kw: calls.append(1) or real(*a, **kw))
    other_pg = None
    if isinstance(db, __import__("peewee").SqliteDatabase):
        url = f"sqlite:///{settings.storage.data_dir}/other.db"
    else:
        other_pg = PgDatabase()
        url = other_pg.url
    other = snapshots.migrated_database(url, pm, settings, other_pg)
    try:
        UnitRow.create(code="THU", name="Tổ công tác thử", kind="department")
        snapshots.demo_snapshot(settings, pm, core, other, households=4, seed=5)
        assert calls == [1]
        assert UnitRow.select().where(UnitRow.code == "THU").count() == 1
    finally:
        other.close()
        if other_pg:
            other_pg.drop()


def test_each_test_gets_its_own_copy_of_the_migrated_database(settings, pm, db, db_url, fast_hasher):
    """The second test of a session with the same plugins starts from the first one's migrated
    copy: the same tables and migrations, nothing of the other test's rows, WAL kept on SQLite."""
    assert snapshots._migrated_key("sqlite" if db_url.startswith("sqlite") else "postgresql", pm, settings) \
        in snapshots._MIGRATED
    tables = sorted(db.get_tables())
    people.create_person("Hà Văn Riêng")
    db.close()
    if db_url.startswith("sqlite"):
        other = snapshots.migrated_database(f"sqlite:///{settings.storage.data_dir}/other.db", pm, settings)
        assert other.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        pg = None
    else:
        pg = PgDatabase()
        other = snapshots.migrated_database(pg.url, pm, settings, pg)
        assert pg.created
    try:
        assert sorted(other.get_tables()) == tables
        assert PersonRow.select().where(PersonRow.full_name == "Hà Văn Riêng").count() == 0
    finally:
        other.close()
        if pg:
            pg.drop()
