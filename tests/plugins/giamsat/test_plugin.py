"""The module as a plugin: disabled it leaves nothing behind; enabled its pages answer."""
from __future__ import annotations

from starlette.testclient import TestClient
from thanthien.core.plugins import collect, make_plugin_manager
from thanthien.core.settings import PluginsSettings
from thanthien.plugins import giamsat
from thanthien.web.app import create_app

from tests.conftest import make_settings


def test_disabled_plugin_contributes_nothing(tmp_path, db):
    settings = make_settings(tmp_path, plugins=PluginsSettings(disabled=("giamsat",)))
    pm = make_plugin_manager(settings, load_entrypoints=False, plugins=[("giamsat", giamsat)])
    assert pm.is_blocked("giamsat")
    assert not [c for c in collect(pm, "register_case_types", settings=settings) if c.plugin == "giamsat"]
    assert not [p for p in collect(pm, "register_permissions", settings=settings) if p.plugin == "giamsat"]
    with TestClient(create_app(settings, pm, db=db), raise_server_exceptions=False) as c:
        assert c.get("/giamsat/").status_code == 404
        assert c.get("/-/health.json").status_code == 200


def test_enabled_app_serves_public_and_guards_staff_pages(settings, pm, db):
    with TestClient(create_app(settings, pm, db=db), raise_server_exceptions=False) as c:
        assert c.get("/giamsat/").status_code == 200
        assert c.get("/giamsat/index.json").json() == {"ok": True, "projects": []}
        assert c.get("/giamsat/du-an", follow_redirects=False).status_code == 302
        assert c.get("/giamsat/kien-nghi.json").status_code == 401
