"""Plugins: disabling removes a module everywhere; the examples/ plugin is found through
its entry point once installed."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixture_plugins import sample_cases
from thanthien.core.cli import build_parser
from thanthien.core.hooks import collect
from thanthien.core.notices import categories
from thanthien.core.plugins import make_plugin_manager, plugin_infos
from thanthien.core.settings import parse_settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "thanthien-vidu"


def pm_for(settings):
    return make_plugin_manager(settings, load_entrypoints=False, plugins=[("sample_cases", sample_cases)])


def test_enabled_plugin_contributes_hooks():
    pm = pm_for(parse_settings({}))
    assert any(ct.key == "sample_request" for ct in collect(pm.hook.register_case_types, settings=None))
    assert [i.name for i in plugin_infos(pm) if i.enabled] == ["core", "sample_cases"]


@pytest.mark.parametrize("how", ["config", "environment"])
def test_disabled_plugin_contributes_nothing(how, monkeypatch):
    if how == "config":
        settings = parse_settings({"plugins": {"disabled": ["sample_cases"]}})
    else:
        monkeypatch.setenv("THANTHIEN_DISABLED_PLUGINS", "sample_cases")
        settings = parse_settings({})
    pm = pm_for(settings)
    assert pm.is_blocked("sample_cases") and pm.get_plugin("sample_cases") is None
    assert collect(pm.hook.register_case_types, settings=settings) == []
    assert not any(p.plugin == "sample_cases" for p in collect(pm.hook.register_permissions, settings=settings))


def test_core_cannot_be_disabled():
    pm = make_plugin_manager(parse_settings({"plugins": {"disabled": ["core"]}}), load_entrypoints=False)
    assert pm.get_plugin("core") is not None


@pytest.fixture(scope="module")
def example_site(tmp_path_factory):
    """Install examples/thanthien-vidu into a throw-away target folder (no deps)."""
    target = tmp_path_factory.mktemp("site")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "--target", str(target), str(EXAMPLE)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return target


def _cli(site, *args, env_extra=None, cwd=None):
    env = {**os.environ, "PYTHONPATH": str(site), **(env_extra or {})}
    env.pop("THANTHIEN_DISABLED_PLUGINS", None) if not env_extra else None
    return subprocess.run([sys.executable, "-m", "thanthien.web.cli", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=120)


def test_example_plugin_is_found_through_its_entry_point(example_site, tmp_path):
    proc = _cli(example_site, "plugins", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    line = next(line for line in proc.stdout.splitlines() if line.startswith("vidu\t"))
    assert "\tbật\t" in line and "register_notice_categories" in line and "register_letter_templates" in line
    proc = _cli(example_site, "--help", cwd=tmp_path)
    assert "vidu-tdp" in proc.stdout and "\n    vidu " in proc.stdout


def test_example_plugin_disabled_by_config_disappears(example_site, tmp_path):
    cfg = tmp_path / "thanthien.toml"
    cfg.write_text('[plugins]\ndisabled = ["vidu"]\n', encoding="utf-8")
    proc = _cli(example_site, "--config", str(cfg), "plugins", cwd=tmp_path)
    line = next(line for line in proc.stdout.splitlines() if line.startswith("vidu\t"))
    assert "\ttắt\t" in line
    proc = _cli(example_site, "--config", str(cfg), "vidu-tdp", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_example_plugin_adds_category_and_replaces_letter(example_site):
    code = (
        "from thanthien.core.plugins import make_plugin_manager\n"
        "from thanthien.core.settings import Settings\n"
        "from thanthien.core.notices import categories\n"
        "from thanthien.core.letters import letter_templates\n"
        "s = Settings(); pm = make_plugin_manager(s)\n"
        "print(sorted(categories(pm, s))[:1], 'an_ninh_trat_tu' in categories(pm, s))\n"
        "print(letter_templates(pm, s)['condolence_letter'].plugin)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(example_site)}
    env.pop("THANTHIEN_DISABLED_PLUGINS", None)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "True" in proc.stdout.splitlines()[0] and proc.stdout.splitlines()[1] == "vidu"


def test_the_example_plugin_passes_its_own_tests(example_site, tmp_path):
    """examples/thanthien-vidu/tests, written with thanthien.testing, against the installed
    copy of the example (not its source folder), on SQLite and PostgreSQL."""
    env = {**os.environ, "PYTHONPATH": str(example_site)}
    env.pop("THANTHIEN_DISABLED_PLUGINS", None)
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLE / "tests")],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=900)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert " passed" in proc.stdout


def test_the_example_plugin_reads_like_a_plan_module(example_site):
    code = ("import thanthien_vidu; from thanthien.core.module import PlanModule, plugin_object\n"
            "assert isinstance(thanthien_vidu.plugin, PlanModule)\n"
            "assert plugin_object(thanthien_vidu) is thanthien_vidu.plugin\n"
            "print(thanthien_vidu.__file__)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(example_site)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().startswith(str(example_site))  # the installed copy


@pytest.mark.rule("R-CK-01")
def test_art11_categories_are_the_fourteen_items():
    pm = make_plugin_manager(parse_settings({}), load_entrypoints=False)
    cats = categories(pm, parse_settings({}))
    assert sorted(c.item_no for c in cats.values() if c.item_no) == list(range(1, 15))


def test_cli_commands_of_a_disabled_plugin_are_gone():
    from thanthien.core import hookimpl
    from thanthien.core.cli import CliCommand

    class WithCommand:
        @hookimpl
        def register_cli_commands(self, settings):
            return [CliCommand("thu-nghiem", "lệnh thử", lambda p: None, lambda a, c: 0)]

    for disabled, present in (([], True), (["withcmd"], False)):
        settings = parse_settings({"plugins": {"disabled": disabled}})
        pm = make_plugin_manager(settings, load_entrypoints=False, plugins=[("withcmd", WithCommand())])
        parser = build_parser(collect(pm.hook.register_cli_commands, settings=settings))
        assert ("thu-nghiem" in parser.format_help()) is present
