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
