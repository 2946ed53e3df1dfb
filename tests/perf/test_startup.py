"""Start-up (issue 16, item 4): ``thanthien --help`` and every command group's ``--help``
load the plugins and build the parser without importing the ORM, the template engine or
the PostgreSQL driver — those are imported inside the commands that use them."""
from __future__ import annotations

import ast
import subprocess
import sys

import pytest

HEAVY = ("peewee", "playhouse", "jinja2", "psycopg", "starlette", "uvicorn", "argon2", "openpyxl")

PROBE = """
import sys
import thanthien.web.cli as cli
try:
    cli.main({argv!r})
except SystemExit:
    pass
print("LOADED", sorted({{m.split(".")[0] for m in sys.modules}} & set({heavy!r})))
"""


def loaded_by(argv: list[str]) -> tuple[list[str], str]:
    out = subprocess.run([sys.executable, "-c", PROBE.format(argv=argv, heavy=HEAVY)],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    line = [x for x in out.splitlines() if x.startswith("LOADED ")][-1]
    return ast.literal_eval(line.removeprefix("LOADED ")), out


@pytest.mark.parametrize("argv", [["--help"], ["congkhai", "--help"], ["motcua", "--help"],
                                  ["tiepdan", "--help"], ["rules", "--help"]])
def test_help_imports_no_heavy_dependency(argv):
    loaded, out = loaded_by(argv)
    assert "usage:" in out  # the help was printed: the probe ran the real entry point
    assert loaded == [], f"thanthien {' '.join(argv)} imported {loaded}"


def test_the_probe_sees_a_heavy_import():
    """The probe is not blind: a command that opens the database imports the ORM."""
    out = subprocess.run([sys.executable, "-c", "import sys, thanthien.core.models; "
                          f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))"],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    assert "peewee" in out


#: what ``--help`` must not load: the modules' domain types (attrs classes), ORM models and
#: services, core's too — they are imported by the hooks and commands that use them
MODULE_PROBE = """
import sys
import thanthien.web.cli as cli
try:
    cli.main({argv!r})
except SystemExit:
    pass
heavy = sorted(m for m in sys.modules if m.startswith("thanthien.")
               and m.rsplit(".", 1)[-1].split("_")[0] in ("types", "models", "services"))
print("HEAVY", heavy)
print("PLUGINS", sorted(m for m in sys.modules if m.count(".") == 2 and m.startswith("thanthien.plugins.")))
"""


@pytest.mark.parametrize("argv", [["--help"], ["motcua", "--help"], ["rules", "--help"], ["calendar", "--help"]])
def test_help_imports_no_module_types_models_or_services(argv):
    out = subprocess.run([sys.executable, "-c", MODULE_PROBE.format(argv=argv)],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    assert "usage:" in out
    heavy = ast.literal_eval([x for x in out.splitlines() if x.startswith("HEAVY ")][-1].removeprefix("HEAVY "))
    plugins = ast.literal_eval([x for x in out.splitlines() if x.startswith("PLUGINS ")][-1].removeprefix("PLUGINS "))
    assert len(plugins) >= 10, plugins  # every built-in module was loaded and registered: its commands are listed
    assert heavy == [], f"thanthien {' '.join(argv)} imported {heavy}"


def test_the_module_probe_sees_types_loaded_by_a_hook():
    """The probe is not blind: calling a hook that needs a module's types imports them."""
    code = ("import sys\nfrom thanthien.core.plugins import make_plugin_manager\n"
            "from thanthien.core.settings import Settings\n"
            "pm = make_plugin_manager(Settings())\npm.hook.register_permissions(settings=None)\n"
            "print(sorted(m for m in sys.modules if m.endswith('.types')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True).stdout
    assert "thanthien.plugins.motcua.types" in out and "thanthien.core.types" in out


def test_fast_entry_point_lookup_matches_importlib_metadata():
    """The plugins are found by reading the entry-point files only; the same entry points,
    in the same order (the registration order, which orders hook results) as
    importlib.metadata."""
    from thanthien.core.plugins import _entry_points, plugin_entry_points

    fast = [(ep.name, ep.value) for ep in plugin_entry_points()]
    assert fast == [(ep.name, ep.value) for ep in _entry_points()]
    assert {"motcua", "congkhai", "tiepdan"} <= {name for name, _ in fast}
    loaded = {ep.name: ep.load() for ep in plugin_entry_points()}
    assert loaded["motcua"].__name__ == "thanthien.plugins.motcua"
