"""The module as a plugin: disabled it leaves nothing behind; enabled its pages answer; its
settings section is typed."""
from __future__ import annotations

from starlette.testclient import TestClient
import pytest
from thanthien.core.errors import SettingsError
from thanthien.core.hooks import collect
from thanthien.core.plugins import make_plugin_manager
from thanthien.core.services import make_services
from thanthien.core.settings import PluginsSettings
from thanthien.plugins import giamsat
from thanthien.testing import make_settings
from thanthien.web.app import create_app


def test_disabled_plugin_contributes_nothing(tmp_path, db):
    settings = make_settings(tmp_path, plugins=PluginsSettings(disabled=("giamsat",)))
    pm = make_plugin_manager(settings, load_entrypoints=False, plugins=[("giamsat", giamsat)])
    assert pm.is_blocked("giamsat")
    assert not [c for c in collect(pm.hook.register_case_types, settings=settings) if c.plugin == "giamsat"]
    assert not [p for p in collect(pm.hook.register_permissions, settings=settings) if p.plugin == "giamsat"]
    with TestClient(create_app(settings, pm, db=db), raise_server_exceptions=False) as c:
        assert c.get("/giamsat/").status_code == 404
        assert c.get("/-/health.json").status_code == 200


def test_enabled_app_serves_public_and_guards_staff_pages(settings, pm, db):
    with TestClient(create_app(settings, pm, db=db), raise_server_exceptions=False) as c:
        assert c.get("/giamsat/").status_code == 200
        assert c.get("/giamsat/index.json").json() == {"ok": True, "projects": []}
        assert c.get("/giamsat/du-an", follow_redirects=False).status_code == 302
        assert c.get("/giamsat/kien-nghi.json").status_code == 401


def test_settings_section_is_typed_and_a_typo_refused(tmp_path, pm):
    bad = make_settings(tmp_path, plugin={"giamsat": {"max_photo_byte": 10}}, source=str(tmp_path / "t.toml"))
    with pytest.raises(SettingsError) as exc:
        make_services(bad, pm).check()
    assert exc.value.key == "plugin.giamsat.max_photo_byte" and "t.toml" in exc.value.message
    with pytest.raises(SettingsError):
        make_services(make_settings(tmp_path, plugin={"giamsat": {"max_photos_per_inspection": 0}}), pm).check()
    good = make_settings(tmp_path, plugin={"giamsat": {"max_photo_bytes": 2000, "front_unit": "UBMTTQ"}})
    cfg = make_services(good, pm).config("giamsat")
    assert (cfg.max_photo_bytes, cfg.max_photos_per_inspection, cfg.front_unit) == (2000, 10, "UBMTTQ")
    assert cfg.upload_limit == 2000 * 10 + 256 * 1024


@pytest.mark.rule("R-GS-10")
def test_daily_check_lists_what_to_act_on(settings, pm, sqlite_db):
    import datetime as dt
    import io

    from thanthien.core.cli import CliContext, run_cli
    from thanthien.plugins.giamsat import services as sv

    from .helpers import board, make_world, project

    core = make_services(settings, pm)
    world = make_world()
    b = board(core, world)
    project(core, world, name="Mương chưa có Ban", funding="ngan_sach_xa", end_on=dt.date(2027, 12, 31))
    rec = sv.make_recommendation(core, b.id, kind="kien_nghi", content="Che chắn vật liệu",
                                 sent_on=dt.date(2026, 3, 2), actor=world.board_member)
    for day, overdue in (("2026-03-17", False), ("2026-03-18", True)):
        out = io.StringIO()
        assert run_cli(["giamsat", "check", "--date", day], lambda _: CliContext(settings, pm, out=out)) == 0
        text = out.getvalue()
        assert "Mương chưa có Ban" in text and "Chưa có Ban giám sát" in text
        assert (rec.number in text) is overdue
    out = io.StringIO()
    assert run_cli(["giamsat", "kiem-tra", "--ngay", "18/03/2026"], lambda _: CliContext(settings, pm, out=out)) == 0
    assert rec.number in out.getvalue()


def test_migration_0002_converges_on_an_older_database(settings, pm, sqlite_db):
    """A ward migrated before 0002: members gain left_on/leave_note, the boards' reports
    become the board's documents (no longer ward resources)."""
    import datetime as dt

    from thanthien.core.models import DocumentRow
    from thanthien.core.storage.migrate import migrate_all
    from thanthien.plugins.giamsat import services as sv

    from .helpers import board, make_world

    core = make_services(settings, pm)
    world = make_world()
    b = board(core, world)
    report = sv.issue_board_report(core, b.id, kind="dinh_ky", period_start=dt.date(2025, 12, 1),
                                   period_end=dt.date(2026, 1, 31), actor=world.board_member)
    sqlite_db.execute_sql("UPDATE core_document SET owner_kind = '', owner_id = NULL, view_permission = '', "
                          "unit_id = NULL WHERE id = ?", (report.document_id,))
    sqlite_db.execute_sql("DROP INDEX giamsat_recommendation_answered_on")
    for column in ("left_on", "leave_note"):
        sqlite_db.execute_sql(f"ALTER TABLE giamsat_member DROP COLUMN {column}")
    sqlite_db.execute_sql("DELETE FROM giamsat_migrations WHERE name LIKE '0002%'")
    assert not core.documents.can_read(world.board_member, core.documents.get(report.document_id))

    assert "giamsat:0002_member_leave" in migrate_all(sqlite_db, pm, settings)
    assert {"left_on", "leave_note"} <= {c.name for c in sqlite_db.get_columns("giamsat_member")}
    assert "giamsat_recommendation_answered_on" in {i.name for i in sqlite_db.get_indexes("giamsat_recommendation")}
    doc = DocumentRow.get_by_id(report.document_id)
    assert (doc.owner_kind, doc.owner_id, doc.view_permission) == ("giamsat.board", b.id, "giamsat.view")
    assert core.documents.can_read(world.board_member, core.documents.get(report.document_id))
    assert not core.documents.can_read(world.inspector, core.documents.get(report.document_id))
