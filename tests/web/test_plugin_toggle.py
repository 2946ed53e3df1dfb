"""Each built-in plan module can be disabled (it disappears from hooks, routes, nav and
CLI) and replaced by a ward's own plugin under another name; the app keeps running."""
from __future__ import annotations

import importlib.metadata as md

import pytest
from starlette.responses import PlainTextResponse
from starlette.testclient import TestClient

from thanthien.core import NavItem, hookimpl
from thanthien.core.cli import build_parser
from thanthien.core.hooks import collect
from thanthien.core.plugins import ENTRY_POINT_GROUP, make_plugin_manager
from thanthien.core.settings import PluginsSettings
from thanthien.web.app import create_app
from thanthien.web.routing import PUBLIC, page

BUILTIN = sorted(ep.name for ep in md.entry_points(group=ENTRY_POINT_GROUP)
                 if ep.value.startswith("thanthien.plugins."))


class Replacement:
    """A ward's own module standing in for a disabled one."""

    def __init__(self, name):
        self.name = name

    @hookimpl
    def register_routes(self, settings):
        return page("/", lambda request, form: PlainTextResponse(f"phân hệ thay thế {self.name}"),
                    permission=PUBLIC, json_twin=False)

    @hookimpl
    def register_nav_items(self, settings):
        return [NavItem("Phân hệ của phường", f"/{self.name}/", None, staff=False)]


def paths(app):
    return {getattr(r, "path", "") for r in app.routes}


def test_builtin_modules_are_installed():
    assert {"congkhai", "motcua", "tiepdan"} <= set(BUILTIN)


@pytest.mark.parametrize("name", BUILTIN)
def test_app_runs_with_module_disabled_and_with_a_replacement(name, settings, db):
    enabled_pm = make_plugin_manager(settings)
    assert enabled_pm.get_plugin(name) is not None
    assert f"/{name}" in paths(create_app(settings, enabled_pm, db=db))

    off = settings.evolve(plugins=PluginsSettings(disabled=(name,)))
    replacement = f"{name}_phuong"
    pm = make_plugin_manager(off, plugins=[(replacement, Replacement(replacement))])
    assert pm.get_plugin(name) is None
    assert not any(getattr(p, "plugin", None) == name for p in collect(pm.hook.register_permissions, settings=off))
    commands = build_parser(collect(pm.hook.register_cli_commands, settings=off)).format_help()
    assert f" {name} " not in commands and f"{{{name}," not in commands
    app = create_app(off, pm, db=db)
    assert f"/{name}" not in paths(app) and f"/{replacement}" in paths(app)
    with TestClient(app, raise_server_exceptions=False) as client:
        home = client.get("/")
        assert home.status_code == 200
        assert client.get(f"/{name}/").status_code == 404
        assert client.get(f"/{replacement}/").text == f"phân hệ thay thế {replacement}"
